import type { BulkDraftsOutcome } from '../../app/bulk-drafts.ts';
import type { Catalog } from '../../i18n/index.ts';
import { splitForMessage } from './long-text.ts';
import type { Reply } from './text.ts';

/** /round drafts: how many units got their own draft, and which of the round's units still have none. */
export function draftsSavedReply(t: Catalog, outcome: BulkDraftsOutcome): Reply {
	const { round, set, withoutOwnDraft } = outcome;
	const line =
		withoutOwnDraft.length === 0
			? t.drafts.allHaveOwn
			: t.drafts.withoutOwn({ count: withoutOwnDraft.length, units: withoutOwnDraft.map((u) => u.code).join(', ') });
	return splitForMessage(
		t,
		t.drafts.saved({ count: set.length, round: round.code }),
		[line],
		`drafts-${round.code}.md`,
	);
}
