import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { addUnit } from '../../src/app/manage-units.ts';
import { importItems } from '../../src/app/plan-items.ts';
import { differsBySums, roundReport, type RoundReport } from '../../src/app/reports.ts';
import type { InputRow } from '../../src/domain/import/rows.ts';
import { comparePlans, itemMatrix, itemsOfUnits, type MatrixRow } from '../../src/domain/items.ts';
import type { Unit } from '../../src/domain/model.ts';
import { reportFile } from '../../src/discord/views/files.ts';
import { catalog } from '../../src/i18n/index.ts';
import {
	type AppHarness,
	coordinator,
	createAppHarness,
	GUILD,
	matrixRows,
	seedServer,
	unitChannel,
	unitRole,
} from '../support/app-harness.ts';

// The report reads its items a page of whole units at a time and writes the workbook as it reads. These tests
// compare what it produces, with pages of a few items, with the computation it replaced (every item in memory:
// comparePlans and itemMatrix), and read the written files back.

let h: AppHarness;
let units: Unit[];
let line = 1;

function rows(list: Array<[unit: string, code: string, points: string, title?: string]>): InputRow[] {
	return list.map(([unit, code, points, title = `Báo cáo ${code}`]) => ({
		line: ++line,
		cells: { unit, code, title, frequency: 'hằng tháng', due: '15/01/2022', points },
	}));
}

async function load(ref: string, set: 'plan' | 'baseline', input: InputRow[]): Promise<void> {
	const r = await importItems(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		round: ref,
		set,
		fileName: 'kh-2021.xlsx',
		rows: input,
	});
	if (!r.ok) throw new Error(JSON.stringify(r.error));
}

/** Four items for every unit, the unit's index in the points. */
function fullPlan(): Array<[string, string, string]> {
	return units.flatMap((u, i) =>
		['A', 'B', 'C', 'D'].map((code): [string, string, string] => [u.code, code, `${i + 1}`]),
	);
}

beforeEach(async () => {
	h = await createAppHarness('2021-06-07T02:00:00Z');
	line = 1;
	units = await seedServer(h.deps);
	// Round 1 to every unit, with a baseline (last year's plan) that three units kept unchanged.
	const r1 = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Lần 1',
		deadline: '04/10/2021 17:00',
	});
	if (!r1.ok) throw new Error(JSON.stringify(r1.error));
	await load('R1', 'plan', rows(fullPlan()));
	await load(
		'R1',
		'baseline',
		rows(fullPlan().map(([u, code, p], n): [string, string, string] => [u, code, n < 12 ? p : `${Number(p) + 1}`])),
	);
	await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
	// Round 2 from it, to seven units: TKG changes A, drops B, adds E; TKDSLD drops everything; the rest keep theirs.
	const r2 = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Lần 2',
		deadline: '04/10/2021 17:00',
		from: 'R1',
		units: units
			.slice(0, 7)
			.map((u) => u.code)
			.join(','),
	});
	if (!r2.ok) throw new Error(JSON.stringify(r2.error));
	await load(
		'R2',
		'plan',
		rows([
			['TKG', 'A', '50', 'Báo cáo A (sửa)'],
			['TKG', 'C', '5'],
			['TKG', 'D', '5'],
			['TKG', 'E', '7'],
			['TKDSLD', 'Z', '1'],
		]),
	);
});
afterEach(async () => {
	await h.close();
});

/** The old computation: every item of the round, of its reference and of its baseline, in memory. */
async function inMemory(report: RoundReport): Promise<{ matrix: MatrixRow[]; comparison: unknown }> {
	const unitIds = report.status.rows.map((r) => r.unit.id);
	const current = await h.deps.reports.items(report.round.id, 'plan');
	const previous = report.from ? await h.deps.reports.items(report.from.round.id, 'plan') : null;
	let baseline = await h.deps.reports.items(report.round.id, 'baseline');
	if (baseline.length === 0 && report.from) baseline = await h.deps.reports.items(report.from.round.id, 'baseline');
	const base = baseline.length > 0 ? baseline : null;
	const { units: lines, ...overall } = comparePlans({ unitIds, current, previous, baseline: base });
	return {
		matrix: itemMatrix(current, previous ?? (base ? itemsOfUnits(base, unitIds) : null), unitIds),
		comparison: { ...overall, units: lines.map(({ changes: _changes, ...rest }) => rest) },
	};
}

async function report(ref: string, pageItems?: number): Promise<RoundReport> {
	const r = await roundReport(h.deps, { guildId: GUILD, actor: coordinator(), round: ref, pageItems });
	if (!r.ok) throw new Error(JSON.stringify(r.error));
	return r.value;
}

describe('a report read page by page', () => {
	for (const ref of ['R1', 'R2']) {
		it(`GIVEN ${ref} (${ref === 'R1' ? 'compared with its baseline' : 'created from R1, fewer units, items changed'}) WHEN its report is read in pages of 3 items THEN the comparison and the matrix equal the in-memory computation`, async () => {
			const paged = await report(ref, 3);
			const expected = await inMemory(paged);
			expect(expected.matrix.length).toBeGreaterThan(3);
			expect(await matrixRows(paged)).toEqual(expected.matrix);
			expect(paged.comparison).toEqual(expected.comparison);
			const whole = await report(ref);
			expect(await matrixRows(whole)).toEqual(expected.matrix);
		});
	}

	it('GIVEN baselines with the same counts and totals as the plan but a changed title or a point moved between items WHEN compared THEN those units changed and an identical one did not', async () => {
		// Every unit's count and total equal its baseline's (R1's plan gives unit i four items of i + 1 points), so only
		// the items can tell: unit 1 renames A, unit 2 moves a point from B to A, the others keep theirs.
		await load(
			'R1',
			'baseline',
			rows(
				fullPlan().map(([u, code, p]): [string, string, string, string] => {
					const shift = u === units[1]!.code ? (code === 'A' ? 1 : code === 'B' ? -1 : 0) : 0;
					const title = u === units[0]!.code && code === 'A' ? 'Báo cáo A (tên cũ)' : `Báo cáo ${code}`;
					return [u, code, String(Number(p) + shift), title];
				}),
			),
		);
		const r1 = await report('R1', 5);
		const expected = await inMemory(r1);
		expect(r1.comparison).toEqual(expected.comparison);
		const differs = new Map(r1.comparison.units.map((u) => [u.unitId, u.differsFromBaseline]));
		expect([differs.get(units[0]!.id), differs.get(units[1]!.id), differs.get(units[2]!.id)]).toEqual([
			true,
			true,
			false,
		]);
		expect([r1.comparison.baselineCompared, r1.comparison.baselineUnchanged]).toEqual([units.length, units.length - 2]);
	});

	it('GIVEN pages of 16 items WHEN the matrix of R1 (8 items a unit with its baseline) is read THEN each page holds whole units up to 16 items; by default it is one page', async () => {
		const pagesOf = async (r: RoundReport) => {
			const pages: number[][] = [];
			for await (const page of r.matrix()) pages.push([...new Set(page.map((m) => m.unitId))]);
			return pages;
		};
		const r1 = await report('R1', 16);
		// Units in the round's order (by code).
		const ids = r1.status.rows.map((r) => r.unit.id);
		expect(await pagesOf(r1)).toEqual([
			ids.slice(0, 2),
			ids.slice(2, 4),
			ids.slice(4, 6),
			ids.slice(6, 8),
			ids.slice(8),
		]);
		expect(await pagesOf(await report('R1'))).toEqual([ids]);
		// A unit alone bigger than a page (8 items, pages of 5) is a page of its own, and no page is empty: the store
		// is never asked for no unit at all.
		const asked: number[][] = [];
		const itemsOfUnits = h.deps.reports.itemsOfUnits.bind(h.deps.reports);
		h.deps.reports.itemsOfUnits = (roundId, set, unitIds) => {
			asked.push([...unitIds]);
			return itemsOfUnits(roundId, set, unitIds);
		};
		expect(await pagesOf(await report('R1', 15))).toEqual(ids.map((id) => [id]));
		expect(await pagesOf(await report('R1', 5))).toEqual(ids.map((id) => [id]));
		expect(asked.filter((a) => a.length === 0)).toEqual([]);
	});

	it('GIVEN R2 to seven of the nine units WHEN reported THEN it knows every unit it mentions, those of R1 too', async () => {
		const r2 = await report('R2');
		expect([...r2.units.values()].map((u) => u.code).sort()).toEqual(units.map((u) => u.code).sort());
	});

	it('GIVEN R2’s own baseline lists a unit in neither round (added to the server since) WHEN reported THEN it knows that unit too', async () => {
		const added = await addUnit(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			code: 'MOI',
			name: 'Đơn vị mới',
			channel: { id: unitChannel(20), writable: true, text: true },
			roleId: unitRole(20),
			kind: 'department',
		});
		if (!added.ok) throw new Error(JSON.stringify(added.error));
		await load('R2', 'baseline', rows([['MOI', 'A', '3']]));
		const r2 = await report('R2');
		expect(r2.units.get(added.value.id)?.code).toBe('MOI');
	});

	it('GIVEN per-unit sums WHEN they differ in count or beyond what equal points can drift THEN the unit certainly changed; otherwise the items must tell', () => {
		const sums = (items: number, points: number) => ({ unitId: 1, items, points });
		expect(differsBySums(sums(4, 10), sums(5, 10))).toBe(true);
		expect(differsBySums(sums(4, 10), sums(4, 11))).toBe(true);
		expect(differsBySums(sums(4, 10), sums(4, 10))).toBe(false);
		// Four items may each drift by less than 0.001 and still compare equal.
		expect(differsBySums(sums(4, 10), sums(4, 10.0039))).toBe(false);
		expect(differsBySums(sums(4, 10), sums(4, 10.0041))).toBe(true);
		// Exactly as far apart as the drift allows: not certain.
		expect(differsBySums(sums(1, 0), sums(1, 0.001000001))).toBe(false);
		// Large totals also drift by the rounding of their sum (about a billionth of them).
		expect(differsBySums(sums(4, 1e9), sums(4, 1e9 + 0.5))).toBe(false);
		expect(differsBySums(sums(4, 1e9 + 0.5), sums(4, 1e9))).toBe(false);
		expect(differsBySums(sums(4, 1e9), sums(4, 1e9 + 2))).toBe(true);
	});

	it('GIVEN R1 and its baseline WHEN compared THEN three units kept the baseline and the rest changed, as the sentences say', async () => {
		const r1 = await report('R1', 2);
		expect([r1.comparison.baselineCompared, r1.comparison.baselineUnchanged]).toEqual([9, 3]);
		expect(r1.matrixReference).toBe('baseline');
		const changes = (await matrixRows(r1)).map((m) => m.change);
		expect(changes.filter((c) => c === 'same')).toHaveLength(12);
		expect(changes.filter((c) => c === 'changed')).toHaveLength(24);
	});

	it('GIVEN R2 WHEN its workbook is written from pages THEN every sheet reads back with the matrix in order, one row per item', async () => {
		const r2 = await report('R2', 3);
		const expected = (await inMemory(r2)).matrix;
		const file = await reportFile(r2, 'vi', 'xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file.attachment as unknown as ExcelJS.Buffer);
		const t = catalog('vi');
		expect(workbook.worksheets.map((s) => s.name)).toEqual([
			t.report.sheets.summary,
			t.report.sheets.units,
			t.report.sheets.comments,
			t.report.sheets.items,
			t.report.sheets.history,
		]);
		const items = workbook.getWorksheet(t.report.sheets.items);
		const read: Array<[unknown, unknown, unknown, unknown]> = [];
		items?.eachRow((row, n) => {
			if (n > 1) read.push([row.getCell(1).value, row.getCell(2).value, row.getCell(6).value, row.getCell(10).value]);
		});
		const code = (id: number) => units.find((u) => u.id === id)?.code;
		expect(read).toEqual(
			expected.map((m) => [code(m.unitId), m.code, m.current?.points ?? null, m.reference?.points ?? null]),
		);
		expect(items?.getRow(1).getCell(1).font?.bold).toBe(true);
		expect(workbook.getWorksheet(t.report.sheets.units)?.rowCount).toBe(1 + 7);
		const summary = workbook.getWorksheet(t.report.sheets.summary);
		const figures = new Map<unknown, unknown>();
		summary?.eachRow((row) => figures.set(row.getCell(1).value, row.getCell(2).value));
		expect(figures.get(t.report.summary.items)).toBe(r2.comparison.current.items);
		expect(figures.get(t.report.summary.itemsVsFrom)).toBe(r2.comparison.vsPrevious?.items);
	});

	it('GIVEN R2 WHEN its CSV is written THEN it has the BOM, the Units headers and one line per unit of the round', async () => {
		const r2 = await report('R2', 3);
		const file = await reportFile(r2, 'vi', 'csv');
		expect([...file.attachment.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const records: string[][] = parse(file.attachment, { bom: true });
		expect(records[0]).toEqual(catalog('vi').report.unitsHeaders);
		expect(records.slice(1).map((r) => r[0])).toEqual(r2.status.rows.map((r) => r.unit.code));
		const tkg = records.find((r) => r[0] === 'TKG');
		expect(tkg?.[8]).toBe('4');
	});
});
