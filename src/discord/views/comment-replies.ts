import type { CommentChoice, ResolvedComment } from '../../app/resolve-comment.ts';
import type { Catalog } from '../../i18n/index.ts';
import { labelOf } from '../../i18n/keys.ts';
import { clip } from './text.ts';

/** /comment resolve: the outcome given, and the one it replaced if any. */
export function resolvedReply(t: Catalog, resolved: ResolvedComment, asked: string): string {
	const { comment, round, unit, previous } = resolved;
	const label = (value: string) => labelOf(t.commentOutcome.outcomes, value) ?? value;
	const now = label(comment.outcome ?? asked);
	return previous
		? t.commentOutcome.changed({ unit: unit.code, round: round.code, outcome: now, before: label(previous.outcome) })
		: t.commentOutcome.resolved({ unit: unit.code, round: round.code, outcome: now });
}

/** A comment as an autocomplete choice: round, unit, state and the start of its text, within 100 characters. */
export function commentChoiceLabel(t: Catalog, { comment, round, unit }: CommentChoice): string {
	const state = comment.outcome ? t.commentOutcome.outcomes[comment.outcome] : t.commentOutcome.open;
	const text = (comment.text ?? '').replace(/\s+/g, ' ').trim();
	return clip(t.commentOutcome.choiceLabel({ round: round.code, unit: unit.code, state, text }), 100);
}
