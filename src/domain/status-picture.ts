import type { Answer, Round, Unit, UnitKind } from './model.ts';
import { UNIT_KINDS } from './model.ts';

/**
 * The data behind a round's status picture: what each chart series holds, with no wording, colours or pixels.
 * Pure: `now` is a parameter; the renderer (src/infra/charts) only draws what this returns.
 */

/** A unit's state in the picture, in the order the picture lists them. */
export type PictureState = 'agree' | 'comment' | 'silence' | 'pending';
export const PICTURE_STATES: readonly PictureState[] = ['agree', 'comment', 'silence', 'pending'];

/** Up to this many units the picture draws one labelled cell per unit; above it, one bar per kind of unit. */
export const GRID_MAX_UNITS = 150;
/** Cells per row of the unit grid. */
export const GRID_COLUMNS = 12;

export interface ProgressSlice {
	state: PictureState;
	count: number;
	/** count / total, 0 when the round has no units. */
	share: number;
}

export interface TimelinePoint {
	at: Date;
	/** Units that had answered themselves (agree or comment) by `at`. */
	answered: number;
}

export interface ReminderMark {
	/** The ladder step's key (`-2wd`, `+1wd`) or `manual`. */
	step: string;
	at: Date;
}

export interface UnitCell {
	code: string;
	state: PictureState;
	late: boolean;
	row: number;
	col: number;
}

export interface KindBar {
	kind: UnitKind;
	counts: Record<PictureState, number>;
	late: number;
}

export type UnitsView =
	{ mode: 'grid'; columns: number; rows: number; cells: UnitCell[] } | { mode: 'by-kind'; bars: KindBar[] };

export interface StatusPictureData {
	total: number;
	progress: ProgressSlice[];
	timeline: {
		start: Date;
		end: Date;
		deadline: Date;
		/** A step series: 0 at `start`, one point per answer in time order up to now (or the close), then now. */
		points: TimelinePoint[];
		reminders: ReminderMark[];
	};
	units: UnitsView;
}

export interface PictureInput {
	round: Pick<Round, 'deadline' | 'createdAt' | 'publishedAt' | 'closedAt'>;
	rows: ReadonlyArray<{
		unit: Pick<Unit, 'code' | 'kind'>;
		current: Pick<Answer, 'answer' | 'late' | 'createdAt'> | null;
	}>;
	/** Reminders that went out (one mark per step, at its first sending). */
	reminders?: ReadonlyArray<{ step: string; at: Date }>;
	now: Date;
}

function stateOf(current: PictureInput['rows'][number]['current']): PictureState {
	return current?.answer ?? 'pending';
}

/** Builds the picture's series for a round as of `now`. */
export function statusPictureData(input: PictureInput): StatusPictureData {
	const total = input.rows.length;
	const counts: Record<PictureState, number> = { agree: 0, comment: 0, silence: 0, pending: 0 };
	for (const row of input.rows) counts[stateOf(row.current)]++;
	const progress = PICTURE_STATES.map((state) => ({
		state,
		count: counts[state],
		share: total === 0 ? 0 : counts[state] / total,
	}));

	const start = input.round.publishedAt ?? input.round.createdAt;
	// Stryker disable next-line EqualityOperator: closed exactly now, the same instant either way: only which Date object carries it differs
	const stop = input.round.closedAt && input.round.closedAt < input.now ? input.round.closedAt : input.now;
	const end = new Date(Math.max(stop.getTime(), input.round.deadline.getTime(), start.getTime()));
	const answeredAt = input.rows
		.map((r) => r.current)
		.filter((a): a is NonNullable<typeof a> => a !== null && (a.answer === 'agree' || a.answer === 'comment'))
		.map((a) => a.createdAt)
		.filter((at) => at <= stop)
		.sort((a, b) => a.getTime() - b.getTime());
	const points: TimelinePoint[] = [{ at: start, answered: 0 }];
	// Stryker disable next-line EqualityOperator: an answer exactly at the start, the same instant either way: only which Date object carries it differs
	answeredAt.forEach((at, i) => points.push({ at: at < start ? start : at, answered: i + 1 }));
	// Stryker disable next-line EqualityOperator: now exactly at the start, the same instant either way: only which Date object carries it differs
	points.push({ at: stop < start ? start : stop, answered: answeredAt.length });

	const firstByStep = new Map<string, Date>();
	for (const r of input.reminders ?? []) {
		const seen = firstByStep.get(r.step);
		// Stryker disable next-line EqualityOperator: two sendings of a step at the same instant: only which Date object is kept differs
		if (!seen || r.at < seen) firstByStep.set(r.step, r.at);
	}
	const reminders = [...firstByStep.entries()]
		.map(([step, at]) => ({ step, at }))
		.sort((a, b) => a.at.getTime() - b.at.getTime());

	return {
		total,
		progress,
		timeline: { start, end, deadline: input.round.deadline, points, reminders },
		units: total <= GRID_MAX_UNITS ? grid(input.rows) : byKind(input.rows),
	};
}

function grid(rows: PictureInput['rows']): UnitsView {
	const columns = Math.min(GRID_COLUMNS, Math.max(1, rows.length));
	const cells = rows.map((r, i) => ({
		code: r.unit.code,
		state: stateOf(r.current),
		late: r.current?.late ?? false,
		row: Math.floor(i / columns),
		col: i % columns,
	}));
	return { mode: 'grid', columns, rows: Math.ceil(rows.length / columns), cells };
}

function byKind(rows: PictureInput['rows']): UnitsView {
	const bars = UNIT_KINDS.map((kind) => {
		const counts: Record<PictureState, number> = { agree: 0, comment: 0, silence: 0, pending: 0 };
		let late = 0;
		for (const r of rows) {
			if (r.unit.kind !== kind) continue;
			counts[stateOf(r.current)]++;
			if (r.current?.late) late++;
		}
		return { kind, counts, late };
	}).filter((b) => PICTURE_STATES.some((s) => b.counts[s] > 0));
	return { mode: 'by-kind', bars };
}
