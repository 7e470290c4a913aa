import type { Actor, Round, Unit } from '../domain/model.ts';
import { isSkippedWallClock, parseLocalDateTime } from '../domain/time/parse-datetime.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';
import type { NewOutboxItem, ReminderView, SendFailure } from './ports.ts';
import { findRound } from './manage-rounds.ts';
import { refreshDraftPosts } from './draft-posts.ts';
import { outboxKeys, sendAll } from './outbox.ts';
import { PostContext } from './outbox-posts.ts';
import { noticeKeys, postNoticeOnce } from './round-notices.ts';

/** A reminder outside the ladder (manual, or the news of a new deadline) as an outbox item. */
function reminderItem(round: Round, unit: Unit, step: string, kind: ReminderView['kind'], now: Date): NewOutboxItem {
	return {
		key: outboxKeys.reminder(round.id, unit.id, step),
		kind: 'reminder',
		guildId: round.guildId,
		roundId: round.id,
		unitId: unit.id,
		channelId: unit.channelId,
		payload: { step, reminder: kind },
		dueAt: now,
	};
}

async function pendingUnits(deps: Deps, round: Round): Promise<Unit[]> {
	const [targets, answers] = await Promise.all([deps.rounds.targets(round.id), deps.answers.current(round.id)]);
	return targets.map((t) => t.unit).filter((u) => !answers.has(u.id));
}

/**
 * /round extend: a later deadline. Remaining reminder steps are planned again from it (steps already sent are not
 * repeated); units that have not answered are told the new deadline in their channels.
 */
export async function extendRound(
	deps: Deps,
	input: { guildId: string; actor: Actor; round: string; deadline: string },
): Promise<AppResult<{ round: Round; told: Unit[] }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const found = await findRound(deps, input.guildId, input.round);
	if (!found.ok) return found;
	if (found.value.state === 'closed') return fail({ code: 'round-closed', round: found.value.code });
	const parsed = parseLocalDateTime(input.deadline, found.value.timezone);
	if (!parsed.ok) return fail({ code: 'deadline-unparsable', value: input.deadline.slice(0, 60) });
	if (isSkippedWallClock(input.deadline, found.value.timezone, parsed.value)) {
		const value = input.deadline.trim().slice(0, 60);
		return fail({ code: 'deadline-nonexistent', value, zone: found.value.timezone, shifted: parsed.value });
	}
	const at = { at: parsed.value, zone: found.value.timezone };
	if (parsed.value.getTime() <= deps.clock.now().getTime()) return fail({ code: 'deadline-past', ...at });
	if (parsed.value.getTime() <= found.value.deadline.getTime()) return fail({ code: 'deadline-not-later', ...at });
	await deps.rounds.changeDeadline(found.value.id, parsed.value, {
		guildId: input.guildId,
		actorId: input.actor.userId,
		actorName: input.actor.userName,
		action: 'round.extend',
		subject: found.value.code,
	});
	const round = (await deps.rounds.get(found.value.id)) ?? found.value;
	const told: Unit[] = [];
	// Stryker disable next-line ConditionalExpression: a draft's reminders are skipped by the outbox (round not open) and it has no posts to refresh: nobody is told either way
	if (round.state === 'open') {
		// Once per unit and deadline, even if the command is retried.
		const pending = await pendingUnits(deps, round);
		const byId = new Map(pending.map((u) => [u.id, u]));
		const items = await deps.outbox.enqueue(
			pending.map((unit) =>
				reminderItem(round, unit, `extended:${round.deadline.getTime()}`, 'extended', deps.clock.now()),
			),
		);
		// Posted side by side behind the notifier's pacer, like a publish; `told` keeps the units' order.
		// Stryker disable next-line ObjectLiteral: the context only shares the round's reads between the posts; without it each post reads them itself
		const outcomes = await sendAll(deps, items, { context: new PostContext(deps) });
		for (const [i, outcome] of outcomes.entries()) {
			const unit = byId.get(items[i]!.unitId ?? 0);
			if (outcome.state === 'sent' && unit) told.push(unit);
		}
		// The posted drafts show the new deadline.
		await refreshDraftPosts(deps, round.id);
	}
	return { ok: true, value: { round, told } };
}

/** /round close: closes now, applies the silence policy, posts the final summary once. */
export async function closeRound(
	deps: Deps,
	input: { guildId: string; actor: Actor; round: string },
): Promise<AppResult<{ round: Round; silent: Unit[] }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const found = await findRound(deps, input.guildId, input.round);
	if (!found.ok) return found;
	// Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut: the store refuses to close a closed round, answered the same below
	if (found.value.state === 'closed') return fail({ code: 'round-closed', round: found.value.code });
	if (found.value.state === 'draft') return fail({ code: 'round-not-open', round: found.value.code });
	const silent = found.value.silencePolicy === 'consent' ? await pendingUnits(deps, found.value) : [];
	const closed = await deps.rounds.close(
		found.value.id,
		deps.clock.now(),
		silent.map((u) => u.id),
		{
			guildId: input.guildId,
			actorId: input.actor.userId,
			actorName: input.actor.userName,
			action: 'round.close',
			subject: found.value.code,
		},
	);
	if (!closed) return fail({ code: 'round-closed', round: found.value.code });
	const round = (await deps.rounds.get(found.value.id)) ?? found.value;
	await postNoticeOnce(deps, access.value, round, noticeKeys.final(round), 'final');
	// Closed: the draft posts lose their buttons and show the final state.
	await refreshDraftPosts(deps, round.id);
	return { ok: true, value: { round, silent } };
}

const MANUAL_REMINDER_GAP_MS = 60 * 60_000;

/** /round remind: reminds pending units now, at most once per unit per hour (any reminder counts). */
export async function remindNow(
	deps: Deps,
	input: { guildId: string; actor: Actor; round: string },
): Promise<
	AppResult<{ round: Round; reminded: Unit[]; tooSoon: Unit[]; failed: Array<{ unit: Unit; reason: SendFailure }> }>
> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const found = await findRound(deps, input.guildId, input.round);
	if (!found.ok) return found;
	const round = found.value;
	if (round.state === 'closed') return fail({ code: 'round-closed', round: round.code });
	if (round.state === 'draft') return fail({ code: 'round-not-open', round: round.code });
	const now = deps.clock.now();
	const dispatches = await deps.outbox.reminderDispatches(round.id);
	const result = {
		round,
		reminded: [] as Unit[],
		tooSoon: [] as Unit[],
		failed: [] as Array<{ unit: Unit; reason: SendFailure }>,
	};
	const due: Unit[] = [];
	for (const unit of await pendingUnits(deps, round)) {
		// Any reminder counts; the news of a new deadline is not one.
		const recent = dispatches.some(
			(d) =>
				d.unitId === unit.id &&
				d.payload.reminder !== 'extended' &&
				d.sentAt !== null &&
				now.getTime() - d.sentAt.getTime() < MANUAL_REMINDER_GAP_MS,
		);
		if (recent) result.tooSoon.push(unit);
		else due.push(unit);
	}
	// The hour bucket in the key makes two coordinators pressing at once send one reminder; a failed one is
	// tried again at once when the coordinator presses again (after fixing the channel).
	const step = `manual:${Math.floor(now.getTime() / MANUAL_REMINDER_GAP_MS)}`;
	const items = await deps.outbox.enqueue(due.map((unit) => reminderItem(round, unit, step, 'manual', now)));
	// Posted side by side behind the notifier's pacer, like a publish; the lists keep the units' order.
	const outcomes = await sendAll(deps, items, {
		retryFailed: true,
		actor: input.actor,
		context: new PostContext(deps),
	});
	for (const [i, outcome] of outcomes.entries()) {
		const unit = due[i]!;
		if (outcome.state === 'sent') result.reminded.push(unit);
		else if (outcome.state === 'failed') result.failed.push({ unit, reason: outcome.reason });
		else result.tooSoon.push(unit);
	}
	return { ok: true, value: result };
}
