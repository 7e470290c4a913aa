import { err, ok, type Result } from '../result.ts';
import { addWorkingDays, nextOfficeStart, startOfOffice, type WorkCalendar } from './calendar.ts';
import { toLocalDate } from './parse-datetime.ts';

/** Unit of a ladder offset: working days, hours, minutes. Vietnamese `nlv` (ngày làm việc) is read as `wd`. */
export type LadderUnit = 'wd' | 'h' | 'm';

/** Whether a reminder step belongs before the deadline or after it. */
export type LadderPhase = 'before' | 'after';

/**
 * One step of a reminder ladder, an offset from the deadline.
 * - `key`: canonical text, e.g. `-2wd`, `-0wd`, `+1wd`, `+0m` (an unsigned step gets `+`; leading zeros dropped).
 *   Used as the step's identity (e.g. for "already sent").
 * - `sign`/`phase`: `-1`/`before` for an explicit `-`; `1`/`after` for `+` or no sign (so `0m` = at the deadline,
 *   counted as after).
 */
export type LadderStep = { key: string; sign: -1 | 1; amount: number; unit: LadderUnit; phase: LadderPhase };

/**
 * Why a ladder text was rejected; `token` is the offending token (trimmed) where there is one.
 * - `empty`: no steps at all.
 * - `bad-token`: `token` is not `[+|-]<integer><wd|h|m>` (an empty token, e.g. from a trailing comma, is `''`).
 * - `too-large`: `token`'s amount exceeds `limit` (60 wd, 1000 h, 10000 m).
 * - `duplicate`: `token` denotes the same step as an earlier one (e.g. `1wd` and `+1wd`).
 * - `too-many`: more than `limit` (10) steps.
 */
export type LadderError = {
	code: 'empty' | 'bad-token' | 'too-many' | 'duplicate' | 'too-large';
	token?: string;
	limit?: number;
};

/** A step together with the instant it becomes due. */
export type PlannedStep = { step: LadderStep; dueAt: Date };

/** What to do on a reminder tick: send at most one step, and record the others that became pointless. */
export type DueSteps = { send: PlannedStep | null; skipped: PlannedStep[] };

/** A valid ladder to show users as an example of the syntax. */
export const LADDER_SYNTAX_EXAMPLE = '-2wd,-0wd,+1wd';

/** Maximum number of steps in a ladder. */
export const LADDER_MAX_STEPS = 10;

/** Maximum absolute amount per unit. */
export const LADDER_MAX_AMOUNT: Readonly<Record<LadderUnit, number>> = { wd: 60, h: 1000, m: 10000 };

const TOKEN = /^([+\-\u2212]?)(\d+)(wd|nlv|h|m)$/i;

const MS_PER_UNIT: Readonly<Record<'h' | 'm', number>> = { h: 3_600_000, m: 60_000 };

/**
 * Parses a reminder ladder: comma-separated offsets from the deadline, each an optional sign, an integer and a unit
 * (`wd` or `nlv` working days, `h` hours, `m` minutes), case-insensitive, spaces allowed around commas.
 * Examples: `-2wd,-0wd,+1wd`, `-30m, -5m, +10m`, `-1h`. An explicit `-` (or `−`) means before the deadline;
 * `+` or no sign means after it (`0m` = at the deadline). Steps keep the given order.
 *
 * Checks, in this order: empty text; per token left to right: syntax, amount limit, duplicate; then the step count.
 */
export function parseLadder(text: string): Result<LadderStep[], LadderError> {
	if (text.trim() === '') return err({ code: 'empty' });
	const steps: LadderStep[] = [];
	const seen = new Set<string>();
	for (const raw of text.split(',')) {
		const token = raw.trim();
		const m = TOKEN.exec(token);
		if (!m) return err({ code: 'bad-token', token });
		const sign: -1 | 1 = m[1] === '-' || m[1] === '\u2212' ? -1 : 1;
		const amount = Number(m[2]);
		const word = (m[3] ?? '').toLowerCase();
		const unit = (word === 'nlv' ? 'wd' : word) as LadderUnit;
		const limit = LADDER_MAX_AMOUNT[unit];
		if (amount > limit) return err({ code: 'too-large', token, limit });
		// Stryker disable next-line EqualityOperator: sign is -1 or 1, never 0
		const key = `${sign < 0 ? '-' : '+'}${amount}${unit}`;
		if (seen.has(key)) return err({ code: 'duplicate', token });
		seen.add(key);
		// Stryker disable next-line EqualityOperator: sign is -1 or 1, never 0
		steps.push({ key, sign, amount, unit, phase: sign < 0 ? 'before' : 'after' });
	}
	if (steps.length > LADDER_MAX_STEPS) return err({ code: 'too-many', limit: LADDER_MAX_STEPS });
	return ok(steps);
}

/** Formats steps canonically, e.g. `-2wd,-0wd,+1wd` (round-trips through {@link parseLadder}). */
export function formatLadder(steps: readonly LadderStep[]): string {
	return steps.map((s) => s.key).join(',');
}

/**
 * A canonical ladder as shown to readers of one language: the working-day unit is written `workingDayUnit`
 * (`nlv` for Vietnamese readers, `wd` for English ones), e.g. `-2nlv,-0nlv,+1nlv`. Both forms parse back.
 */
export function displayLadder(canonical: string, workingDayUnit: 'wd' | 'nlv'): string {
	return canonical.replace(/(\d)wd\b/gi, `$1${workingDayUnit}`);
}

/**
 * The instant a ladder step becomes due for a given deadline, or `null` if it is never sent.
 *
 * 1. Raw time:
 *    - `wd`: start of office hours on the local date `addWorkingDays(deadline's local date, ±amount)`; so `-0wd` is
 *      the office start of the deadline day (or of the previous working day if that is not one), and a `-1wd` step
 *      lands at local office start even across a DST change.
 *    - `h`/`m`: deadline ± the duration in real elapsed time (across a DST change the wall clock differs).
 * 2. A raw time outside office hours or on a non-working day moves to the next start of office hours
 *    ({@link nextOfficeStart}).
 * 3. A `before` step whose time is not strictly before the deadline is never sent → `null` (e.g. `-0wd` with a
 *    07:30 deadline, or `-5m` with a deadline at 08:02 and office from 08:00).
 *    Symmetrically an `after` step is never due before the deadline: if it would be (e.g. `+0wd`), it becomes due
 *    at the first office moment at or after the deadline.
 */
export function planStep(step: LadderStep, deadline: Date, cal: WorkCalendar): Date | null {
	let raw: Date;
	if (step.unit === 'wd') {
		const day = addWorkingDays(toLocalDate(deadline, cal.zone), step.sign * step.amount, cal);
		raw = startOfOffice(day, cal);
	} else {
		raw = new Date(deadline.getTime() + step.sign * step.amount * MS_PER_UNIT[step.unit]);
	}
	const due = nextOfficeStart(raw, cal);
	if (step.phase === 'before') return due < deadline ? due : null;
	// Stryker disable next-line EqualityOperator: when due equals the deadline it is an office moment, so nextOfficeStart(deadline) is due itself
	return due < deadline ? nextOfficeStart(deadline, cal) : due;
}

/**
 * Plans every step of a ladder for a deadline (see {@link planStep}), dropping steps that are never sent, sorted by
 * due time. Ties are ordered `before` steps first, then by ladder order, so the last entry at a given instant is the
 * one {@link dueStepsAt} would pick.
 */
export function planLadder(steps: readonly LadderStep[], deadline: Date, cal: WorkCalendar): PlannedStep[] {
	const planned: Array<PlannedStep & { index: number }> = [];
	steps.forEach((step, index) => {
		const dueAt = planStep(step, deadline, cal);
		if (dueAt) planned.push({ step, dueAt, index });
	});
	planned.sort(
		(a, b) =>
			// Stryker disable next-line ArithmeticOperator: the tie-breaks keep the push order, as the stable sort already does (the due-time subtraction is killed by the out-of-order test)
			a.dueAt.getTime() - b.dueAt.getTime() || phaseRank(a.step.phase) - phaseRank(b.step.phase) || a.index - b.index,
	);
	return planned.map(({ step, dueAt }) => ({ step, dueAt }));
}

/**
 * Decides which step to send on a tick at `now` (missed-step rule): among the steps due by `now` (`dueAt <= now`),
 * only the latest is sent, and only if it has not been handled yet and is still meaningful — a `before` step is not
 * sent once the deadline has passed (`now >= deadline`). Every other due step not yet handled is returned in
 * `skipped` (a step missed while the bot was down is skipped if a later step has already become due).
 *
 * @param plan planned steps as returned by {@link planLadder} (re-sorted stably by `dueAt` here).
 * @param now the current instant.
 * @param handledKeys keys of steps already sent or already recorded as skipped; they are neither sent nor reported
 *   again. If the latest due step is among them, nothing is sent.
 * @param deadline the deadline the plan was made for.
 */
export function dueStepsAt(
	plan: readonly PlannedStep[],
	now: Date,
	handledKeys: ReadonlySet<string>,
	deadline: Date,
): DueSteps {
	const due = plan.filter((p) => p.dueAt <= now).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
	const latest = due.at(-1);
	let send: PlannedStep | null = null;
	if (latest && !handledKeys.has(latest.step.key) && !(latest.step.phase === 'before' && now >= deadline)) {
		send = latest;
	}
	const skipped = due.filter((p) => p !== send && !handledKeys.has(p.step.key));
	return { send, skipped };
}

// Stryker disable all: never decides; a before-step is due strictly before the deadline and an after-step at or after it, so they never tie
function phaseRank(phase: LadderPhase): number {
	return phase === 'before' ? 0 : 1;
}
// Stryker restore all
