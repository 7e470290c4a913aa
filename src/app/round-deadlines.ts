import type { Actor, Round, Unit } from '../domain/model.ts';
import { parseLocalDateTime } from '../domain/time/parse-datetime.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';
import type { SendFailure } from './ports.ts';
import { findRound } from './manage-rounds.ts';
import { refreshDraftPosts } from './draft-posts.ts';
import { CLAIM_LEASE_MS, noticeKeys, postNoticeOnce } from './round-notices.ts';

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
	const settings = access.value;
	const found = await findRound(deps, input.guildId, input.round);
	if (!found.ok) return found;
	if (found.value.state === 'closed') return fail({ code: 'round-closed', round: found.value.code });
	const parsed = parseLocalDateTime(input.deadline, found.value.timezone);
	if (!parsed.ok) return fail({ code: 'deadline-unparsable', value: input.deadline.slice(0, 60) });
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
	if (round.state === 'open') {
		for (const unit of await pendingUnits(deps, round)) {
			// Once per unit and deadline, even if the command is retried.
			const claim = await deps.outbox.claimNotice({
				guildId: round.guildId,
				roundId: round.id,
				key: `extended:${round.id}:${unit.id}:${round.deadline.getTime()}`,
				now: deps.clock.now(),
				leaseMs: CLAIM_LEASE_MS,
			});
			if (!claim) continue;
			const sent = await deps.notifier.postReminder(
				{ kind: 'extended', round, unit, language: settings.language },
				claim.nonce,
			);
			await deps.outbox.finishNotice(
				claim.id,
				sent.ok ? { ok: true, messageId: sent.messageId } : { ok: false },
				deps.clock.now(),
			);
			if (sent.ok) told.push(unit);
			else deps.log.warn({ round: round.code, unit: unit.code, reason: sent.reason }, 'new deadline not posted');
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
	for (const unit of await pendingUnits(deps, round)) {
		const recent = dispatches.some(
			(d) => d.unitId === unit.id && d.sentAt !== null && now.getTime() - d.sentAt.getTime() < MANUAL_REMINDER_GAP_MS,
		);
		// The hour bucket in the key makes two coordinators pressing at once send one reminder.
		const claim = recent
			? null
			: await deps.outbox.claimReminder({
					roundId: round.id,
					unitId: unit.id,
					step: `manual:${Math.floor(now.getTime() / MANUAL_REMINDER_GAP_MS)}`,
					dueAt: now,
					now,
					leaseMs: CLAIM_LEASE_MS,
				});
		if (!claim) {
			result.tooSoon.push(unit);
			continue;
		}
		const sent = await deps.notifier.postReminder(
			{ kind: 'manual', round, unit, language: access.value.language },
			claim.nonce,
		);
		const audit = {
			guildId: round.guildId,
			roundId: round.id,
			actorId: input.actor.userId,
			actorName: input.actor.userName,
			subject: unit.code,
		};
		if (sent.ok) {
			await deps.outbox.finishReminder(claim.id, { ok: true, messageId: sent.messageId }, deps.clock.now(), {
				...audit,
				action: 'reminder.manual',
			});
			result.reminded.push(unit);
		} else {
			// A manual reminder is not retried by the sweep: the coordinator sees the failure now, and the slot is
			// freed so that pressing again after fixing the channel works at once.
			await deps.outbox.releaseReminder(claim.id);
			await deps.audit.record({
				...audit,
				action: 'reminder.failed',
				after: { reason: sent.reason, detail: sent.detail },
			});
			result.failed.push({ unit, reason: sent.reason });
		}
	}
	return { ok: true, value: result };
}
