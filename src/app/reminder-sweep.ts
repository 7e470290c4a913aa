import type { Round, ServerSettings, Unit } from '../domain/model.ts';
import { isWithinOfficeHours } from '../domain/time/calendar.ts';
import { dueStepsAt, parseLadder, planLadder, type PlannedStep } from '../domain/time/ladder.ts';
import type { Deps } from './deps.ts';
import type { ReminderRecord, ReminderView } from './ports.ts';
import { CLAIM_LEASE_MS, noticeKeys, postCompleteSummaryIfDone, postNoticeOnce } from './round-notices.ts';
import { loadWorkCalendar } from './work-calendar.ts';

/** Back-off between attempts of a reminder that could not be posted: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
	return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

export interface SweepReport {
	rounds: number;
	sent: Array<{ round: string; unit: string; step: string }>;
	failed: Array<{ round: string; unit: string; step: string }>;
	skipped: Array<{ round: string; unit: string; step: string }>;
	escalations: string[];
	summaries: string[];
}

/**
 * The reminder sweep: asks the database what is due as of `now`, does it, and records it under unique keys. It can
 * run at any time, as often as wanted, in several processes at once: nothing is sent twice and nothing due is lost
 * (a step missed during downtime goes out on the next sweep if still meaningful, else it is recorded as skipped).
 */
export async function runReminderSweep(deps: Deps): Promise<SweepReport> {
	const report: SweepReport = { rounds: 0, sent: [], failed: [], skipped: [], escalations: [], summaries: [] };
	const rounds = await deps.rounds.listOpen();
	const settingsCache = new Map<string, ServerSettings | null>();
	for (const round of rounds) {
		if (!settingsCache.has(round.guildId)) settingsCache.set(round.guildId, await deps.settings.get(round.guildId));
		const settings = settingsCache.get(round.guildId);
		if (!settings) continue;
		report.rounds++;
		try {
			await sweepRound(deps, settings, round, report);
		} catch (error) {
			// One broken round must not stop the others.
			deps.log.error({ err: error, round: round.code, guild: round.guildId }, 'sweep failed for a round');
		}
	}
	// A closed round's final summary that could not be posted at close time is retried here, for a week.
	const since = new Date(deps.clock.now().getTime() - 7 * 24 * 60 * 60_000);
	for (const round of await deps.rounds.listClosedSince(since)) {
		if (await deps.outbox.noticeSent(noticeKeys.final(round))) continue;
		const settings = settingsCache.get(round.guildId) ?? (await deps.settings.get(round.guildId));
		if (settings && (await postNoticeOnce(deps, settings, round, noticeKeys.final(round), 'final'))) {
			report.summaries.push(`${round.code}:final`);
		}
	}
	return report;
}

async function sweepRound(deps: Deps, settings: ServerSettings, round: Round, report: SweepReport): Promise<void> {
	const now = deps.clock.now();
	const cal = await loadWorkCalendar(deps, settings);
	const ladder = parseLadder(round.reminderLadder);
	// Steps that fell due before the drafts went out are not reminders of anything: the units just got the draft.
	const published = round.publishedAt?.getTime() ?? 0;
	const plan = (ladder.ok ? planLadder(ladder.value, round.deadline, cal) : []).filter(
		(p) => p.dueAt.getTime() >= published,
	);
	const [targets, answers, dispatches] = await Promise.all([
		deps.rounds.targets(round.id),
		deps.answers.current(round.id),
		deps.outbox.reminderDispatches(round.id),
	]);
	const pending = targets.map((t) => t.unit).filter((u) => !answers.has(u.id));

	// Units are reminded in office hours only; coordinators get escalations and summaries whenever they are due.
	if (isWithinOfficeHours(now, cal)) {
		for (const unit of pending) {
			const mine = dispatches.filter((d) => d.unitId === unit.id && !d.step.startsWith('manual'));
			await sweepUnit(deps, settings, round, unit, plan, mine, now, report);
		}
	}

	if (pending.length > 0) {
		const dueAfter = plan.filter((p) => p.step.phase === 'after' && p.dueAt.getTime() <= now.getTime()).at(-1);
		if (
			dueAfter &&
			(await postNoticeOnce(deps, settings, round, noticeKeys.escalation(round, dueAfter.step.key), 'escalation'))
		) {
			report.escalations.push(`${round.code}:${dueAfter.step.key}`);
		}
	}

	if (now.getTime() >= round.deadline.getTime() && !(await deps.outbox.noticeSent(noticeKeys.complete(round)))) {
		if (pending.length > 0) {
			if (await postNoticeOnce(deps, settings, round, noticeKeys.deadline(round), 'deadline')) {
				report.summaries.push(`${round.code}:deadline`);
			}
		}
	}
	// Safety net: the summary after the last answer, if posting it failed at answer time.
	if (pending.length === 0 && targets.length > 0 && (await postCompleteSummaryIfDone(deps, round))) {
		report.summaries.push(`${round.code}:complete`);
	}
}

async function sweepUnit(
	deps: Deps,
	settings: ServerSettings,
	round: Round,
	unit: Unit,
	plan: PlannedStep[],
	dispatches: ReminderRecord[],
	now: Date,
	report: SweepReport,
): Promise<void> {
	const handled = new Set(dispatches.map((d) => d.step));
	const due = dueStepsAt(plan, now, handled, round.deadline);
	for (const skipped of due.skipped) {
		deps.log.info(
			{ round: round.code, unit: unit.code, step: skipped.step.key },
			'reminder step skipped: a later one is due',
		);
		await deps.outbox.skipReminder({
			roundId: round.id,
			unitId: unit.id,
			step: skipped.step.key,
			dueAt: skipped.dueAt,
			reason: 'superseded',
		});
		report.skipped.push({ round: round.code, unit: unit.code, step: skipped.step.key });
	}
	if (due.send) {
		// The unit may have answered while this sweep was posting to the units before it.
		if (await deps.answers.hasAnswered(round.id, unit.id)) return;
		// A newer step replaces any older one still waiting for a retry: the unit gets the latest reminder only.
		for (const d of dispatches) if (d.status === 'failed') await deps.outbox.abandonReminder(d.id, 'superseded');
		const claim = await deps.outbox.claimReminder({
			roundId: round.id,
			unitId: unit.id,
			step: due.send.step.key,
			dueAt: due.send.dueAt,
			now,
			leaseMs: CLAIM_LEASE_MS,
		});
		if (claim) {
			await deliverReminder(
				deps,
				settings,
				round,
				unit,
				claim,
				due.send.step.phase === 'before' ? 'before' : 'after',
				report,
			);
		}
		return;
	}
	// Retries: a failed reminder whose back-off has passed, or a claim whose worker died mid-send.
	for (const d of dispatches) {
		const retryable =
			(d.status === 'failed' && d.nextAttemptAt !== null && d.nextAttemptAt.getTime() <= now.getTime()) ||
			(d.status === 'claimed' && d.leaseUntil !== null && d.leaseUntil.getTime() < now.getTime());
		if (!retryable || !(await deps.outbox.reclaimReminder(d.id, now, CLAIM_LEASE_MS))) continue;
		const phase = plan.find((p) => p.step.key === d.step)?.step.phase ?? 'after';
		if (phase === 'before' && now.getTime() >= round.deadline.getTime()) {
			// A "before the deadline" reminder is never sent after it.
			await deps.outbox.abandonReminder(d.id, 'deadline passed');
			continue;
		}
		await deliverReminder(deps, settings, round, unit, { ...d, attempts: d.attempts + 1 }, phase, report);
	}
}

async function deliverReminder(
	deps: Deps,
	settings: ServerSettings,
	round: Round,
	unit: Unit,
	claim: ReminderRecord,
	kind: ReminderView['kind'],
	report: SweepReport,
): Promise<void> {
	let result;
	try {
		result = await deps.notifier.postReminder({ kind, round, unit, language: settings.language }, claim.nonce);
	} catch (error) {
		result = { ok: false as const, reason: 'other' as const, detail: String(error) };
	}
	const now = deps.clock.now();
	const audit = { guildId: round.guildId, roundId: round.id, subject: unit.code };
	const entry = { round: round.code, unit: unit.code, step: claim.step };
	if (result.ok) {
		await deps.outbox.finishReminder(claim.id, { ok: true, messageId: result.messageId }, now, {
			...audit,
			action: 'reminder.sent',
		});
		report.sent.push(entry);
		return;
	}
	const retryAt = new Date(now.getTime() + retryDelayMs(claim.attempts));
	await deps.outbox.finishReminder(
		claim.id,
		{ ok: false, error: `${result.reason}: ${result.detail}`.slice(0, 500), retryAt },
		now,
		{
			...audit,
			action: 'reminder.failed',
		},
	);
	report.failed.push(entry);
	deps.log.warn({ ...entry, reason: result.reason, retryAt }, 'reminder not posted; will retry');
	// Coordinators hear about it once per unit and round, not at every retry.
	await postNoticeOnce(deps, settings, round, noticeKeys.failure(round, unit), 'failure', {
		unit,
		reason: result.reason,
	});
}
