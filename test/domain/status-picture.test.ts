import { describe, expect, it } from 'vitest';
import type { UnitKind } from '../../src/domain/model.ts';
import { GRID_COLUMNS, GRID_MAX_UNITS, statusPictureData, type PictureInput } from '../../src/domain/status-picture.ts';

const published = new Date('2021-09-27T01:00:00Z');
const deadline = new Date('2021-10-04T10:00:00Z');
const round = { createdAt: new Date('2021-09-26T01:00:00Z'), publishedAt: published, deadline, closedAt: null };

function at(hours: number): Date {
	return new Date(published.getTime() + hours * 3_600_000);
}

type Row = PictureInput['rows'][number];
function row(
	code: string,
	answer: 'agree' | 'comment' | 'silence' | null,
	hours = 0,
	late = false,
	kind: UnitKind = 'provincial',
): Row {
	return { unit: { code, kind }, current: answer ? { answer, late, createdAt: at(hours) } : null };
}

describe('statusPictureData', () => {
	const rows = [
		row('TKG', 'comment', 30),
		row('HNI', 'agree', 5),
		row('DLK', 'agree', 200, true),
		row('HCM', 'silence', 210),
		row('CTO', null),
	];
	// Built inside each test, not while the file loads: a mutation run activates its mutant only around the tests.
	const picture = () =>
		statusPictureData({
			round,
			rows,
			reminders: [
				{ step: '+1wd', at: at(220) },
				{ step: '-2wd', at: at(80) },
				{ step: '-2wd', at: at(79) },
			],
			now: at(230),
		});

	it('GIVEN a round of five units WHEN pictured THEN the progress holds each state with its count and share, in a fixed order', () => {
		const data = picture();
		expect(data.total).toBe(5);
		expect(data.progress).toEqual([
			{ state: 'agree', count: 2, share: 0.4 },
			{ state: 'comment', count: 1, share: 0.2 },
			{ state: 'silence', count: 1, share: 0.2 },
			{ state: 'pending', count: 1, share: 0.2 },
		]);
	});

	it('GIVEN answers at various times WHEN pictured THEN the timeline counts own answers cumulatively from publication to now, silence left out', () => {
		const data = picture();
		expect(data.timeline.points.map((p) => [p.at.toISOString(), p.answered])).toEqual([
			[published.toISOString(), 0],
			[at(5).toISOString(), 1],
			[at(30).toISOString(), 2],
			[at(200).toISOString(), 3],
			[at(230).toISOString(), 3],
		]);
		expect(data.timeline.start).toEqual(published);
		expect(data.timeline.deadline).toEqual(deadline);
		expect(data.timeline.end).toEqual(at(230));
	});

	it('GIVEN reminders sent per unit WHEN pictured THEN each step is marked once, at its first sending, in time order', () => {
		const data = picture();
		expect(data.timeline.reminders).toEqual([
			{ step: '-2wd', at: at(79) },
			{ step: '+1wd', at: at(220) },
		]);
	});

	it('GIVEN a small round WHEN pictured THEN every unit gets a cell in reading order with its state and late mark', () => {
		const data = picture();
		expect(data.units).toEqual({
			mode: 'grid',
			columns: 5,
			rows: 1,
			cells: [
				{ code: 'TKG', state: 'comment', late: false, row: 0, col: 0 },
				{ code: 'HNI', state: 'agree', late: false, row: 0, col: 1 },
				{ code: 'DLK', state: 'agree', late: true, row: 0, col: 2 },
				{ code: 'HCM', state: 'silence', late: false, row: 0, col: 3 },
				{ code: 'CTO', state: 'pending', late: false, row: 0, col: 4 },
			],
		});
	});

	it('GIVEN a round still before its deadline WHEN pictured THEN the time axis reaches the deadline', () => {
		const early = statusPictureData({ round, rows, now: at(10) });
		expect(early.timeline.end).toEqual(deadline);
		expect(early.timeline.points.at(-1)).toEqual({ at: at(10), answered: 1 });
	});

	it('GIVEN a closed round WHEN pictured later THEN the line stops at the close', () => {
		const closed = statusPictureData({ round: { ...round, closedAt: at(240) }, rows, now: at(500) });
		expect(closed.timeline.points.at(-1)).toEqual({ at: at(240), answered: 3 });
		expect(closed.timeline.end).toEqual(at(240));
	});

	it('GIVEN 63 units WHEN pictured THEN the grid wraps at the column count', () => {
		const many = Array.from({ length: 63 }, (_, i) => row(`P${String(i)}`, i % 2 ? 'agree' : null, i));
		const d = statusPictureData({ round, rows: many, now: at(100) });
		expect(d.units.mode).toBe('grid');
		if (d.units.mode !== 'grid') return;
		expect(d.units.columns).toBe(GRID_COLUMNS);
		expect(d.units.rows).toBe(Math.ceil(63 / GRID_COLUMNS));
		expect(d.units.cells[62]).toMatchObject({ code: 'P62', row: 5, col: 62 % GRID_COLUMNS });
	});

	it('GIVEN more units than the grid holds WHEN pictured THEN units are aggregated by kind with their late answers', () => {
		const many = Array.from({ length: GRID_MAX_UNITS + 850 }, (_, i) =>
			row(
				`U${String(i)}`,
				i % 4 === 0 ? null : i % 4 === 1 ? 'comment' : 'agree',
				i,
				i % 10 === 1,
				i < 100 ? 'department' : 'provincial',
			),
		);
		const d = statusPictureData({ round, rows: many, now: at(2000) });
		expect(d.units).toEqual({
			mode: 'by-kind',
			bars: [
				{ kind: 'department', counts: { agree: 50, comment: 25, silence: 0, pending: 25 }, late: 10 },
				{ kind: 'provincial', counts: { agree: 450, comment: 225, silence: 0, pending: 225 }, late: 90 },
			],
		});
	});

	it('GIVEN a round with no units WHEN pictured THEN shares are zero, not NaN', () => {
		const d = statusPictureData({ round, rows: [], now: at(1) });
		expect(d.progress.every((p) => p.share === 0 && p.count === 0)).toBe(true);
	});
});

describe('statusPictureData: the timeline at its edges', () => {
	it('GIVEN a round never published WHEN pictured THEN the timeline starts at its creation', () => {
		const draft = { ...round, publishedAt: null };
		const d = statusPictureData({ round: draft, rows: [row('HNI', null)], now: at(10) });
		expect(d.timeline.start).toEqual(round.createdAt);
		expect(d.timeline.points[0]).toEqual({ at: round.createdAt, answered: 0 });
	});

	it('GIVEN an answer recorded before publication WHEN pictured THEN it is drawn at the publication, not before the axis', () => {
		const d = statusPictureData({ round, rows: [row('HNI', 'agree', -5), row('TKG', 'agree', 3)], now: at(10) });
		expect(d.timeline.points).toEqual([
			{ at: published, answered: 0 },
			{ at: published, answered: 1 },
			{ at: at(3), answered: 2 },
			{ at: at(10), answered: 2 },
		]);
	});

	it('GIVEN now before the publication WHEN pictured THEN the line ends at the publication and the axis reaches the deadline', () => {
		const d = statusPictureData({ round, rows: [row('HNI', null)], now: at(-3) });
		expect(d.timeline.points).toEqual([
			{ at: published, answered: 0 },
			{ at: published, answered: 0 },
		]);
		expect(d.timeline.end).toEqual(deadline);
	});

	it('GIVEN a round published after its deadline WHEN pictured before then THEN the axis ends at the publication', () => {
		const late = { ...round, publishedAt: new Date(deadline.getTime() + 3_600_000) };
		const d = statusPictureData({ round: late, rows: [], now: at(1) });
		expect(d.timeline.end).toEqual(late.publishedAt);
	});

	it('GIVEN answers exactly at the close and after it WHEN pictured THEN the one at the close counts and the later one does not', () => {
		const closed = { ...round, closedAt: at(100) };
		const rows = [row('HNI', 'agree', 50), row('TKG', 'comment', 100), row('DLK', 'agree', 101)];
		const d = statusPictureData({ round: closed, rows, now: at(300) });
		expect(d.timeline.points).toEqual([
			{ at: published, answered: 0 },
			{ at: at(50), answered: 1 },
			{ at: at(100), answered: 2 },
			{ at: at(100), answered: 2 },
		]);
	});

	it('GIVEN an answer exactly now WHEN pictured THEN it counts', () => {
		const d = statusPictureData({ round, rows: [row('HNI', 'agree', 7)], now: at(7) });
		expect(d.timeline.points.at(-1)).toEqual({ at: at(7), answered: 1 });
	});

	it('GIVEN a round whose close is still after now WHEN pictured THEN the line stops at now', () => {
		const closing = { ...round, closedAt: at(300) };
		const d = statusPictureData({ round: closing, rows: [row('HNI', 'agree', 5)], now: at(20) });
		expect(d.timeline.points.at(-1)).toEqual({ at: at(20), answered: 1 });
		expect(d.timeline.end).toEqual(deadline);
	});

	it('GIVEN a step sent first to one unit and later to another, listed late first WHEN pictured THEN the mark is at the first sending', () => {
		const d = statusPictureData({
			round,
			rows: [],
			reminders: [
				{ step: '-1wd', at: at(40) },
				{ step: '-1wd', at: at(41) },
			],
			now: at(50),
		});
		expect(d.timeline.reminders).toEqual([{ step: '-1wd', at: at(40) }]);
	});
	it('GIVEN no reminder sent yet WHEN pictured THEN the timeline has no reminder marks', () => {
		const d = statusPictureData({ round, rows: [row('HNI', null)], now: at(10) });
		expect(d.timeline.reminders).toEqual([]);
	});
});

describe('statusPictureData: the grid at its edges', () => {
	it('GIVEN a round with no units WHEN pictured THEN the grid is one empty column, no rows', () => {
		const d = statusPictureData({ round, rows: [], now: at(1) });
		expect(d.units).toEqual({ mode: 'grid', columns: 1, rows: 0, cells: [] });
	});

	it('GIVEN exactly as many units as the grid holds WHEN pictured THEN each still gets a cell; one more and they go by kind', () => {
		const units = (n: number) => Array.from({ length: n }, (_, i) => row(`U${String(i)}`, null));
		expect(statusPictureData({ round, rows: units(GRID_MAX_UNITS), now: at(1) }).units.mode).toBe('grid');
		expect(statusPictureData({ round, rows: units(GRID_MAX_UNITS + 1), now: at(1) }).units.mode).toBe('by-kind');
	});
});
