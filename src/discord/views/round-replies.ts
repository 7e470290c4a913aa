import type { PublishOutcome } from '../../app/manage-rounds.ts';
import type { Round, Unit } from '../../domain/model.ts';
import type { Tally } from '../../domain/tally.ts';
import { formatLocalDateTime } from '../../domain/time/parse-datetime.ts';
import type { Catalog, Lang } from '../../i18n/index.ts';
import { ladderText } from './calendar-text.ts';
import { deliveryReason } from './labels.ts';
import { publishAccessLines } from './access.ts';
import { splitForMessage } from './long-text.ts';
import type { Reply } from './text.ts';

/** The coordinator's private replies about a round's life cycle (/round create, publish, list, extend, remind). */

const deadlineOf = (round: Round, lang: Lang) => formatLocalDateTime(round.deadline, round.timezone, lang);

/** /round create: the round, its reminder policy, and what was copied from an earlier round. */
export function createdReply(
	t: Catalog,
	lang: Lang,
	created: { round: Round; units: Unit[]; from: Round | null },
	start: { drafts: number; items: number; comments: number } | null,
): string {
	const { round, units, from } = created;
	const lines = [
		t.round.created({ id: round.code, title: round.title, deadline: deadlineOf(round, lang), count: units.length }),
		t.reminders.createdPolicy({
			ladder: ladderText(t, round.reminderLadder),
			silence: t.reminders.policies[round.silencePolicy],
			late: t.reminders.latePolicies[round.latePolicy],
		}),
	];
	if (start && from) lines.push(t.items.copiedFrom({ from: from.code, ...start }));
	return lines.join('\n');
}

/** One unit a post could not reach, and why. */
export function failedDeliveryLine(t: Catalog, unit: Unit, reason: string): string {
	return t.round.failedDelivery({
		unit: unit.code,
		channel: `<#${unit.channelId}>`,
		reason: deliveryReason(t, reason),
	});
}

/** /round publish: how many units got the draft, and every unit it could not reach. */
export function publishReply(t: Catalog, outcome: PublishOutcome): Reply {
	const { round, sent, already, failed, inProgress, blocked } = outcome;
	// Units the bot cannot post in (preflight, or Discord's 403) count as not sent; their lines say why.
	const title = t.round.published({
		round: round.code,
		sent: sent.length,
		already: already.length,
		failed: failed.length + blocked.length,
		total: sent.length + already.length + failed.length + inProgress.length + blocked.length,
	});
	const lines = failed.map((f) => failedDeliveryLine(t, f.unit, f.reason));
	// Claimed but not yet posted: being delivered, never counted as received.
	if (inProgress.length > 0)
		lines.push(t.round.inProgress({ count: inProgress.length, units: inProgress.map((u) => u.code).join(', ') }));
	lines.push(...publishAccessLines(t, outcome));
	return splitForMessage(t, title, lines, `publish-${round.code}.md`);
}

/** /round list */
export function roundListReply(t: Catalog, lang: Lang, rounds: ReadonlyArray<{ round: Round; tally: Tally }>): Reply {
	if (rounds.length === 0) return { content: t.round.listEmpty, files: [] };
	const lines = rounds.map(({ round, tally }) =>
		t.round.listLine({
			id: round.code,
			title: round.title,
			state: t.round.states[round.state],
			answered: tally.answered,
			total: tally.total,
			deadline: deadlineOf(round, lang),
		}),
	);
	return splitForMessage(t, t.round.listTitle, lines, 'rounds.md');
}

/** /round extend */
export function extendedReply(t: Catalog, lang: Lang, round: Round, told: number): string {
	return t.reminders.extendedReply({ round: round.code, deadline: deadlineOf(round, lang), told });
}

/** /round remind: who was reminded, who was reminded too recently, and where a reminder could not go. */
export function remindReply(
	t: Catalog,
	outcome: { round: Round; reminded: Unit[]; tooSoon: Unit[]; failed: Array<{ unit: Unit; reason: string }> },
): string {
	const { round, reminded, tooSoon, failed } = outcome;
	if (reminded.length === 0 && tooSoon.length === 0 && failed.length === 0)
		return t.reminders.remindNobody({ round: round.code });
	const codes = (units: Unit[]) => units.map((u) => u.code).join(', ');
	const lines = [];
	if (reminded.length > 0) lines.push(t.reminders.remindedReply({ round: round.code, units: codes(reminded) }));
	if (tooSoon.length > 0) lines.push(t.reminders.remindSkipped({ units: codes(tooSoon) }));
	for (const { unit, reason } of failed) lines.push(failedDeliveryLine(t, unit, reason));
	return lines.join('\n');
}
