import type { Round, ServerSettings, Unit } from '../domain/model.ts';
import { isWithinOfficeHours, type WorkCalendar } from '../domain/time/calendar.ts';
import { dueStepsAt, parseLadder, planLadder, type PlannedStep } from '../domain/time/ladder.ts';
import type { Deps } from './deps.ts';
import { drainOutbox, outboxKeys, type SendOutcome } from './outbox.ts';
import { PostContext } from './outbox-posts.ts';
import type { NewOutboxItem, OutboxItem, OutboxPayload, ReminderRecord } from './ports.ts';
import { deliveryCarriesFiles, deliveryItem } from './manage-rounds.ts';
import { checkUnits } from './preflight.ts';
import { noticeItem, noticeKeys, postNoticeOnce } from './round-notices.ts';
import { loadWorkCalendar } from './work-calendar.ts';

export { retryDelayMs } from './outbox.ts';

export interface SweepReport {
	rounds: number;
	sent: Array<{ round: string; unit: string; step: string }>;
	failed: Array<{ round: string; unit: string; step: string }>;
	skipped: Array<{ round: string; unit: string; step: string }>;
	escalations: string[];
	summaries: string[];
	/** Drafts delivered by the sweep: a publish that a crash interrupted, or a retry. */
	delivered: Array<{ round: string; unit: string }>;
}

/** What one sweep knows about each server it touches. */
class ServerCache {
	private readonly settings = new Map<string, Promise<ServerSettings | null>>();
	private readonly calendars = new Map<string, Promise<WorkCalendar>>();

	constructor(private readonly deps: Deps) {}

	settingsOf(guildId: string): Promise<ServerSettings | null> {
		const found = this.settings.get(guildId) ?? this.deps.settings.get(guildId);
		this.settings.set(guildId, found);
		return found;
	}

	calendarOf(settings: ServerSettings): Promise<WorkCalendar> {
		const found = this.calendars.get(settings.guildId) ?? loadWorkCalendar(this.deps, settings);
		this.calendars.set(settings.guildId, found);
		return found;
	}
}

/**
 * The sweep: asks the database what is due as of `now`, records it in the outbox under unique keys, then sends
 * everything the outbox holds that is due (including what a crashed process left). It can run at any time, as
 * often as wanted, in several processes at once: nothing is sent twice and nothing due is lost (a step missed
 * during downtime goes out on the next sweep if still meaningful, else it is recorded as skipped).
 */
export async function runReminderSweep(deps: Deps): Promise<SweepReport> {
	const report: SweepReport = {
		rounds: 0,
		sent: [],
		failed: [],
		skipped: [],
		escalations: [],
		summaries: [],
		delivered: [],
	};
	const servers = new ServerCache(deps);
	const codes = new Map<number, Round>();
	const started = deps.clock.now().getTime();
	let reminders = 0;
	for (const round of await deps.rounds.listOpen()) {
		const settings = await servers.settingsOf(round.guildId);
		// Stryker disable next-line ConditionalExpression: unreachable, a guard: a round's server always has its settings (made by /setup, never deleted)
		if (!settings) continue;
		report.rounds++;
		codes.set(round.id, round);
		try {
			reminders += await planRound(deps, settings, await servers.calendarOf(settings), round, report);
		} catch (error) {
			// One broken round must not stop the others.
			deps.log.error({ err: error, round: round.code, guild: round.guildId }, 'sweep failed for a round');
		}
	}
	// A closed round's final summary that could not be posted at close time is retried by the outbox; one that was
	// never recorded (a crash right after the close) is recorded here, for a week.
	const since = new Date(deps.clock.now().getTime() - 7 * 24 * 60 * 60_000);
	for (const round of await deps.rounds.listClosedSince(since)) {
		const settings = await servers.settingsOf(round.guildId);
		codes.set(round.id, round);
		// Stryker disable next-line ConditionalExpression: unreachable, a guard: a round's server always has its settings (made by /setup, never deleted)
		if (settings)
			await deps.outbox.enqueue([noticeItem(settings, round, noticeKeys.final(round), 'final', deps.clock.now())]);
	}
	// How long recording took (the bench reads it): a busy sweep only, a quiet one says nothing.
	if (reminders > 0) deps.log.info({ reminders, ms: deps.clock.now().getTime() - started }, 'sweep planned');

	const context = new PostContext(deps);
	const officeOpen = async (guildId: string): Promise<boolean> => {
		const settings = await servers.settingsOf(guildId);
		// Stryker disable next-line ConditionalExpression: unreachable, a guard: a round's server always has its settings (made by /setup, never deleted)
		return settings !== null && isWithinOfficeHours(deps.clock.now(), await servers.calendarOf(settings));
	};
	const inHours = new Map<string, Promise<boolean>>();
	const outcomes = await drainOutbox(deps, {
		context,
		accept: (item) => {
			// Ladder reminders wait for office hours; everything else goes whenever it is due.
			const kind = item.payload.reminder;
			if (item.kind !== 'reminder' || (kind !== 'before' && kind !== 'after')) return true;
			// Decided once per server for the whole list (thousands of reminders may be due).
			const open = inHours.get(item.guildId) ?? officeOpen(item.guildId);
			inHours.set(item.guildId, open);
			return open;
		},
	});
	for (const outcome of outcomes) await record(deps, servers, context, codes, outcome, report);
	return report;
}

/**
 * Records in the outbox what the round's ladder and deadline make due now; sending comes after. Returns how many
 * reminders it found due.
 */
async function planRound(
	deps: Deps,
	settings: ServerSettings,
	cal: WorkCalendar,
	round: Round,
	report: SweepReport,
): Promise<number> {
	const now = deps.clock.now();
	const ladder = parseLadder(round.reminderLadder);
	// Steps that fell due before the drafts went out are not reminders of anything: the units just got the draft.
	// Stryker disable next-line OptionalChaining: an open round (the sweep reads no other) has always been published
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
	// Every target's delivery is in the outbox, even if the publish that opened the round died before recording
	// them (keys already there are left as they are).
	const items: NewOutboxItem[] = (await missingDeliveries(deps, round, targets)).map((u) =>
		deliveryItem(round, u, now),
	);

	let reminders = 0;
	// Units are reminded in office hours only; coordinators get escalations and summaries whenever they are due.
	if (isWithinOfficeHours(now, cal)) {
		const byUnit = new Map<number, ReminderRecord[]>();
		for (const d of dispatches) {
			if (d.step.startsWith('manual')) continue;
			const list = byUnit.get(d.unitId);
			if (list) list.push(d);
			else byUnit.set(d.unitId, [d]);
		}
		// Thousands of units may be due at once, most of them with nothing handled yet: what is due for those is
		// worked out once, and a step's payload is shared by every unit's item (the outbox only serializes it).
		const dueForNone = dueStepsAt(plan, now, new Set(), round.deadline);
		const payloads = new Map<string, OutboxPayload>();
		const payloadOf = ({ step }: PlannedStep): OutboxPayload => {
			const payload: OutboxPayload = payloads.get(step.key) ?? {
				step: step.key,
				reminder: step.phase === 'before' ? 'before' : 'after',
			};
			payloads.set(step.key, payload);
			return payload;
		};
		for (const unit of pending) {
			const mine = byUnit.get(unit.id);
			const due = mine ? dueStepsAt(plan, now, new Set(mine.map((d) => d.step)), round.deadline) : dueForNone;
			for (const skipped of due.skipped) {
				deps.log.info({ round: round.code, unit: unit.code, step: skipped.step.key }, 'reminder step skipped');
				items.push({
					kind: 'reminder',
					guildId: round.guildId,
					roundId: round.id,
					unitId: unit.id,
					key: outboxKeys.reminder(round.id, unit.id, skipped.step.key),
					channelId: unit.channelId,
					payload: payloadOf(skipped),
					dueAt: skipped.dueAt,
					status: 'skipped',
					error: 'superseded',
				});
				report.skipped.push({ round: round.code, unit: unit.code, step: skipped.step.key });
			}
			if (!due.send) continue;
			// A newer step replaces any older one still waiting for a retry: the unit gets the latest reminder only.
			// Stryker disable next-line ArrayDeclaration: an entry that is not a dispatch has no status, so nothing is set aside either way
			for (const d of mine ?? []) {
				if (d.status === 'failed' || d.status === 'due') await deps.outbox.skip(d.id, 'superseded');
			}
			items.push({
				kind: 'reminder',
				guildId: round.guildId,
				roundId: round.id,
				unitId: unit.id,
				key: outboxKeys.reminder(round.id, unit.id, due.send.step.key),
				channelId: unit.channelId,
				payload: payloadOf(due.send),
				dueAt: due.send.dueAt,
			});
			reminders++;
		}
	}

	if (pending.length > 0) {
		const dueAfter = plan.filter((p) => p.step.phase === 'after' && p.dueAt.getTime() <= now.getTime()).at(-1);
		if (dueAfter) {
			const key = noticeKeys.escalation(round, dueAfter.step.key);
			items.push(noticeItem(settings, round, key, 'escalation', now, { step: dueAfter.step.key }));
		}
		// The deadline summary, unless the complete one went out (asked only once the deadline has passed).
		const pastDeadline = now.getTime() >= round.deadline.getTime();
		if (pastDeadline && !(await deps.outbox.isSent(outboxKeys.notice(noticeKeys.complete(round))))) {
			items.push(noticeItem(settings, round, noticeKeys.deadline(round), 'deadline', now));
		}
	} else if (
		// Stryker disable next-line ConditionalExpression,EqualityOperator: a guard, `true` unreachable: a round always targets a unit (/round create refuses none)
		targets.length > 0
	) {
		// Safety net: the summary after the last answer, if posting it failed at answer time.
		items.push(noticeItem(settings, round, noticeKeys.complete(round), 'complete', now));
	}
	// One transaction for the whole round.
	await deps.outbox.add(items);
	return reminders;
}

/**
 * Target units with no delivery in the outbox yet (a publish died before recording them) that can be posted to.
 * Like /round publish, the sweep leaves out units the permission preflight finds blocked rather than make a request
 * Discord would refuse (403s count towards its invalid-request limit); once the channel is fixed, the next sweep
 * queues and posts them.
 */
async function missingDeliveries(deps: Deps, round: Round, targets: ReadonlyArray<{ unit: Unit }>): Promise<Unit[]> {
	const undelivered = await deps.outbox.undeliveredTargets(round.id);
	// Stryker disable next-line MethodExpression: recording a delivery whose key is there already leaves it as it is
	const missing = targets.map((t) => t.unit).filter((u) => undelivered.has(u.id));
	// Stryker disable next-line ConditionalExpression,LogicalOperator: only spares the preflight (none to check, or no way to check: none blocked)
	if (missing.length === 0 || !deps.access) return missing;
	const access = await checkUnits(deps, round.guildId, missing, await deliveryCarriesFiles(deps, round));
	// Stryker disable next-line ArrayDeclaration: an entry that is not a unit's access is never blocked
	const blocked = new Set((access ?? []).filter((a) => a.blocked).map((a) => a.unit.id));
	return missing.filter((u) => !blocked.has(u.id));
}

/** Adds a sent, failed or skipped item to the sweep's report; a failed ladder reminder is reported once. */
async function record(
	deps: Deps,
	servers: ServerCache,
	context: PostContext,
	rounds: Map<number, Round>,
	outcome: SendOutcome,
	report: SweepReport,
): Promise<void> {
	const item: OutboxItem = outcome.item;
	// Stryker disable next-line ConditionalExpression: unreachable, a guard: every outbox item (delivery, reminder, notice) belongs to a round
	const round = item.roundId === null ? undefined : (rounds.get(item.roundId) ?? (await deps.rounds.get(item.roundId)));
	if (!round || (outcome.state !== 'sent' && outcome.state !== 'failed')) return;
	// The round's targets were read once for the posts; a unit no longer among them is read on its own.
	// Stryker disable next-line ConditionalExpression,EqualityOperator,OptionalChaining: only decides whether the unit comes from the shared read or, below, a read of its own
	const target = item.unitId === null ? undefined : (await context.data(round))?.targets.get(item.unitId);
	const unit = item.unitId === null ? null : (target?.unit ?? (await deps.units.get(item.unitId)));
	if (item.kind === 'delivery' && outcome.state === 'sent' && unit) {
		report.delivered.push({ round: round.code, unit: unit.code });
	}
	if (item.kind === 'notice' && outcome.state === 'sent') {
		const kind = item.payload.notice;
		if (kind === 'escalation') report.escalations.push(`${round.code}:${item.payload.step ?? ''}`);
		else if (kind === 'complete' || kind === 'deadline' || kind === 'final')
			report.summaries.push(`${round.code}:${kind}`);
	}
	const ladder = item.payload.reminder === 'before' || item.payload.reminder === 'after';
	if (item.kind !== 'reminder' || !ladder || !unit) return;
	const entry = { round: round.code, unit: unit.code, step: item.payload.step ?? '' };
	if (outcome.state === 'sent') {
		report.sent.push(entry);
		return;
	}
	report.failed.push(entry);
	// Coordinators hear about it once per unit and round, not at every retry.
	const settings = await servers.settingsOf(round.guildId);
	// Stryker disable next-line ConditionalExpression: unreachable, a guard: a round's server always has its settings (made by /setup, never deleted)
	if (settings) {
		await postNoticeOnce(deps, settings, round, noticeKeys.failure(round, unit), 'failure', {
			unit,
			reason: outcome.reason,
		});
	}
}
