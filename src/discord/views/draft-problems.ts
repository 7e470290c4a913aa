import type { DraftProblem } from '../../domain/import/draft-bundle.ts';
import type { Catalog } from '../../i18n/index.ts';
import { splitForMessage } from './long-text.ts';
import { clip, type Reply } from './text.ts';

/** Every problem of a refused /round drafts upload, one line each; long lists go into an attached file. */
export function draftProblemList(t: Catalog, problems: readonly DraftProblem[]): Reply {
	const lines = problems.map((p) => {
		const where =
			p.entry !== undefined
				? t.drafts.whereEntry({ entry: clip(p.entry, 80) })
				: p.line !== undefined
					? t.drafts.whereLine({ line: p.line })
					: p.unit !== undefined
						? t.drafts.whereUnit({ unit: p.unit })
						: t.drafts.whereFile;
		const unit = p.unit !== undefined && (p.entry !== undefined || p.line !== undefined) ? ` (${p.unit})` : '';
		return `• ${t.drafts.problem({ where: `${where}${unit}`, reason: t.drafts.problems[p.code] })}`;
	});
	return splitForMessage(t, t.drafts.rejected({ count: problems.length }), lines, 'draft-errors.md');
}
