import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { addUnit } from '../../src/app/manage-units.ts';
import { importItems } from '../../src/app/plan-items.ts';
import { roundReport } from '../../src/app/reports.ts';
import type { InputRow } from '../../src/domain/import/rows.ts';
import type { Unit } from '../../src/domain/model.ts';
import {
	type AppHarness,
	coordinator,
	createAppHarness,
	GUILD,
	matrixRows,
	seedServer,
} from '../support/app-harness.ts';

/**
 * A baseline for the whole office (last year's plan of all 15 units) on a round that goes to only 9 of them, with
 * the seed's numbers: 379 items in 2021, 354 in round 1 (15 units), 269 in round 2 (the 9 departments).
 */

const EXTRA = ['TCCB', 'KHTC', 'PCTT', 'HTQT', 'VPTC', 'TTTK'] as const;

let h: AppHarness;
let seed: Unit[];
let line = 1;

type Row = [unit: string, code: number, points?: number, due?: string];
function rows(list: Row[]): InputRow[] {
	return list.map(([unit, n, points = 10, due = '15/01/2022']) => ({
		line: ++line,
		cells: {
			unit,
			code: `BC${String(n).padStart(2, '0')}`,
			title: `Báo cáo số ${String(n)} của ${unit}`,
			frequency: 'hằng tháng',
			due,
			points: String(points),
		},
	}));
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function baseline(): InputRow[] {
	let tens = 97;
	return rows([
		...seed.flatMap((u) => range(1, 35).map((n): Row => [u.code, n, tens-- > 0 ? 10 : 5])),
		...range(1, 14).map((n): Row => ['TCCB', n]),
		...range(1, 14).map((n): Row => ['KHTC', n]),
		...range(1, 12).map((n): Row => ['PCTT', n]),
		...range(1, 12).map((n): Row => ['HTQT', n]),
		...range(1, 12).map((n): Row => ['VPTC', n]),
	]);
}
function round1(): InputRow[] {
	return rows([
		...seed.flatMap((u) => range(1, 32).map((n): Row => [u.code, n])),
		...range(1, 14).map((n): Row => ['TCCB', n]),
		...range(1, 13).map((n): Row => ['KHTC', n]),
		...range(1, 12).map((n): Row => ['PCTT', n, 10, n === 1 ? '15/02/2022' : '15/01/2022']),
		...range(1, 12).map((n): Row => ['HTQT', n]),
		...range(1, 15).map((n): Row => ['VPTC', n]),
	]);
}
function round2(): InputRow[] {
	return rows(
		seed.flatMap((u) => [
			...range(1, u.code === 'TTDL' ? 27 : 28).map((n): Row => [u.code, n]),
			[u.code, 33, 20] as Row,
			[u.code, 34] as Row,
		]),
	);
}

beforeEach(async () => {
	h = await createAppHarness('2021-06-07T02:00:00Z');
	seed = await seedServer(h.deps);
	for (const [i, code] of EXTRA.entries()) {
		const r = await addUnit(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			code,
			name: `Đơn vị ${code}`,
			channel: { id: `33000000000000000${String(i)}`, writable: true, text: true },
			roleId: `23000000000000000${String(i)}`,
			kind: 'department',
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
	}
});
afterEach(async () => {
	await h.close();
});

async function load(round: string, set: 'plan' | 'baseline', input: InputRow[]) {
	const r = await importItems(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		round,
		set,
		fileName: set === 'baseline' ? 'ke-hoach-2021.xlsx' : 'items.xlsx',
		rows: input,
	});
	if (!r.ok) throw new Error(JSON.stringify(r.error));
	return r.value;
}

/** Round 1 to all 15 units with its items, published; round 2 from it to the 9 departments with its items. */
async function twoRounds(opts: { baselineOn: 'R1' | 'R2' }) {
	const r1 = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Lần 1',
		deadline: '26/07/2021 17:00',
	});
	if (!r1.ok) throw new Error(JSON.stringify(r1.error));
	await load('R1', 'plan', round1());
	if (opts.baselineOn === 'R1') await load('R1', 'baseline', baseline());
	await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
	const r2 = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Lần 2',
		deadline: '26/07/2021 17:00',
		from: 'R1',
		units: seed.map((u) => u.code).join(','),
	});
	if (!r2.ok) throw new Error(JSON.stringify(r2.error));
	await load('R2', 'plan', round2());
	const outcome = opts.baselineOn === 'R2' ? await load('R2', 'baseline', baseline()) : null;
	const report = await roundReport(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R2' });
	if (!report.ok) throw new Error(JSON.stringify(report.error));
	return { outcome, report: report.value };
}

/** What the seed states about round 2, and what it compares unit by unit. */
async function figures(report: Awaited<ReturnType<typeof twoRounds>>['report']) {
	const byId = new Map([...report.units.values()].map((u) => [u.id, u.code]));
	return {
		current: report.comparison.current,
		baseline: report.comparison.baseline,
		vsBaseline: report.comparison.vsBaseline,
		vsPrevious: report.comparison.vsPrevious,
		baselineCompared: report.comparison.baselineCompared,
		baselineUnchanged: report.comparison.baselineUnchanged,
		unitsWithBaseline: report.comparison.units
			.filter((u) => u.inRound)
			.map((u) => [byId.get(u.unitId), u.baseline?.items, u.vsBaseline?.items]),
		matrixUnits: [...new Set((await matrixRows(report)).map((m) => byId.get(m.unitId)))],
	};
}

describe('a baseline for the whole office', () => {
	it('GIVEN round 2 to 9 of 15 units WHEN last year’s whole plan is loaded on it THEN it is accepted, the units and items outside the round are counted, and the seed’s 269 vs 379 (110 fewer) comes out', async () => {
		const { outcome, report } = await twoRounds({ baselineOn: 'R2' });
		expect(outcome?.outside).toEqual({ units: 5, totals: { items: 64, points: 640 } });
		expect(outcome?.units).toHaveLength(9);
		expect(outcome?.totals.items).toBe(379);
		const f = await figures(report);
		expect(f.current.items).toBe(269);
		expect(f.baseline?.items).toBe(379);
		expect(f.vsBaseline?.items).toBe(-110);
		expect(f.vsPrevious?.items).toBe(-85);
		// Unit by unit: only the round's 9 departments, each 35 items last year.
		expect(f.unitsWithBaseline).toHaveLength(9);
		expect(f.unitsWithBaseline.every(([, items]) => items === 35)).toBe(true);
		expect(f.baselineCompared).toBe(9);
	});

	it('GIVEN a round of its own (no earlier round) to 9 units WHEN the whole-office baseline is its reference THEN the unit-by-unit matrix holds the 9 units only, the total all 379 items', async () => {
		await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Lần 2',
			deadline: '26/07/2021 17:00',
			units: seed.map((u) => u.code).join(','),
		});
		await load('R1', 'plan', round2());
		await load('R1', 'baseline', baseline());
		const report = await roundReport(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		if (!report.ok) throw new Error(JSON.stringify(report.error));
		const f = await figures(report.value);
		expect(report.value.matrixReference).toBe('baseline');
		expect(f.matrixUnits.sort()).toEqual(seed.map((u) => u.code).sort());
		expect(f.vsBaseline?.items).toBe(-110);
		expect(f.unitsWithBaseline).toHaveLength(9);
	});

	it('GIVEN the same baseline loaded on round 1 and carried over WHEN round 2 is reported THEN every figure is the same as loading it on round 2', async () => {
		const carried = await figures((await twoRounds({ baselineOn: 'R1' })).report);
		await h.close();
		h = await createAppHarness('2021-06-07T02:00:00Z');
		seed = await seedServer(h.deps);
		for (const [i, code] of EXTRA.entries()) {
			await addUnit(h.deps, {
				guildId: GUILD,
				actor: coordinator(),
				code,
				name: `Đơn vị ${code}`,
				channel: { id: `33000000000000000${String(i)}`, writable: true, text: true },
				roleId: `23000000000000000${String(i)}`,
				kind: 'department',
			});
		}
		const direct = await figures((await twoRounds({ baselineOn: 'R2' })).report);
		expect(direct).toEqual(carried);
		expect(carried.vsBaseline?.items).toBe(-110);
	});

	it('GIVEN a baseline row for a unit the server does not know WHEN loaded THEN the file is refused with that row, nothing saved', async () => {
		await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Lần 1',
			deadline: '26/07/2021 17:00',
			units: 'TKG',
		});
		const r = await importItems(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			set: 'baseline',
			fileName: 'ke-hoach-2021.xlsx',
			rows: rows([
				['TKG', 1],
				['PCTT', 1],
				['KHONGCO', 1],
			]),
		});
		expect(r).toEqual({
			ok: false,
			error: {
				code: 'import-rejected',
				problems: [expect.objectContaining({ code: 'unknown-unit', value: 'KHONGCO' })],
			},
		});
		const round = await h.deps.rounds.findBySeq(GUILD, 1);
		expect(await h.deps.reports.items(round?.id ?? 0, 'baseline')).toEqual([]);
	});
});
