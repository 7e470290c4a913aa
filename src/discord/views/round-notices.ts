import type { ReminderView, RoundNotice } from '../../app/ports.ts';
import { tally } from '../../domain/tally.ts';
import { formatLocalDate } from '../../domain/time/parse-datetime.ts';
import { catalog } from '../../i18n/index.ts';
import { deadlineWords } from './calendar-text.ts';
import { answerButtons, type MessagePayload } from './draft-post.ts';
import { clip, discordTime, MESSAGE_LIMIT } from './text.ts';
import { headline, seedSentence } from './status.ts';

/** A reminder in the unit's channel: pings the unit's role only and carries the answer buttons. */
export function renderReminder(view: ReminderView): MessagePayload {
	const t = catalog(view.language);
	const { round, unit } = view;
	const params = {
		role: `<@&${unit.roleId}>`,
		unit: `${unit.code} – ${unit.name}`,
		round: round.code,
		title: round.title,
		deadline: `${deadlineWords(t, round.deadline, round.timezone)} (${discordTime(round.deadline, 'R')})`,
	};
	const content =
		view.kind === 'before'
			? t.reminders.before(params)
			: view.kind === 'after'
				? t.reminders.after(params)
				: view.kind === 'manual'
					? t.reminders.manual(params)
					: t.reminders.extended(params);
	return {
		content: clip(content, MESSAGE_LIMIT),
		embeds: [],
		components: [answerButtons(t, round.id, unit.id)],
		allowed_mentions: { parse: [], roles: [unit.roleId] },
	};
}

function codes(units: ReadonlyArray<{ code: string }>): string {
	return units.map((u) => u.code).join(', ');
}

/**
 * Posts about a whole round in the report channel, in the server's language. Escalations and failure reports
 * ping the coordinator role; summaries ping nobody.
 */
export function renderRoundNotice(notice: RoundNotice): MessagePayload {
	const t = catalog(notice.language);
	const { round } = notice;
	const counts = tally(notice.rows);
	const deadline = deadlineWords(t, round.deadline, round.timezone);
	const role = `<@&${notice.coordinatorRoleId}>`;
	const pingCoordinators = { parse: [] as [], roles: [notice.coordinatorRoleId] };
	if (notice.kind === 'escalation') {
		return {
			content: clip(
				t.reminders.escalation({
					role,
					round: round.code,
					title: round.title,
					deadline,
					pending: counts.pending,
					total: counts.total,
					units: codes(counts.pendingUnits),
				}),
				MESSAGE_LIMIT,
			),
			embeds: [],
			components: [],
			allowed_mentions: pingCoordinators,
		};
	}
	if (notice.kind === 'failure') {
		const unit = notice.unit;
		return {
			content: clip(
				t.reminders.failure({
					role,
					unit: unit ? `${unit.code} – ${unit.name}` : '?',
					round: round.code,
					channel: unit ? `<#${unit.channelId}>` : '?',
					reason: t.round.deliveryReasons[notice.reason ?? 'other'],
				}),
				MESSAGE_LIMIT,
			),
			embeds: [],
			components: [],
			allowed_mentions: pingCoordinators,
		};
	}
	const title =
		notice.kind === 'complete'
			? t.reminders.completeTitle({ round: round.code, title: round.title })
			: notice.kind === 'deadline'
				? t.reminders.deadlineTitle({ round: round.code, title: round.title })
				: t.reminders.finalTitle({ round: round.code, title: round.title });
	const lines = [
		title,
		headline(t, counts, deadline),
		seedSentence(t, counts, formatLocalDate(notice.now, round.timezone, notice.language)),
	];
	if (counts.pendingUnits.length > 0) lines.push(t.reminders.missing({ units: codes(counts.pendingUnits) }));
	return {
		content: clip(lines.join('\n'), MESSAGE_LIMIT),
		embeds: [],
		components: [],
		allowed_mentions: { parse: [] },
	};
}
