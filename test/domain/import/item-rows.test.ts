import { describe, expect, it } from 'vitest';
import { parsePoints, validateItemRows } from '../../../src/domain/import/item-rows.ts';
import type { ItemRow, ItemRowProblem } from '../../../src/domain/import/item-rows.ts';
import type { InputRow } from '../../../src/domain/import/rows.ts';

const ctx = { unitCodes: new Set(['TKG', 'ppcd']) };

type Cells = Partial<Record<'unit' | 'code' | 'title' | 'frequency' | 'due' | 'points', string>>;

function row(line: number, cells: Cells): InputRow {
	return {
		line,
		cells: {
			unit: 'TKG',
			code: '1.1',
			title: 'Báo cáo chỉ số giá tiêu dùng',
			frequency: '',
			due: '',
			points: '',
			...cells,
		},
	};
}

function problemsOf(rows: InputRow[]): ItemRowProblem[] {
	const result = validateItemRows(rows, ctx);
	if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`);
	return result.error;
}

describe('parsePoints', () => {
	it.each([
		['2', 2],
		['2.5', 2.5],
		['2,5', 2.5],
		['0', 0],
		['+3', 3],
		['.5', 0.5],
		['.25', 0.25],
		[',75', 0.75],
		['-1', -1],
		['10.25', 10.25],
	])('GIVEN %j WHEN parsed THEN it is %d', (text, value) => {
		expect(parsePoints(text)).toBe(value);
	});

	it.each(['abc', '2,5,1', '1.000,5', '2 5', '1e3', 'NaN', 'Infinity', '', '5đ'])(
		'GIVEN %j WHEN parsed THEN it is null',
		(text) => {
			expect(parsePoints(text)).toBeNull();
		},
	);
});

describe('validateItemRows — accepted values', () => {
	it('GIVEN a minimal row WHEN validated THEN points default to 0 and frequency/due to null', () => {
		expect(validateItemRows([row(2, {})], ctx)).toEqual({
			ok: true,
			value: [
				{
					line: 2,
					unitCode: 'TKG',
					code: '1.1',
					title: 'Báo cáo chỉ số giá tiêu dùng',
					frequency: null,
					due: null,
					points: 0,
				},
			],
		});
	});

	it.each<[string, Cells, Partial<ItemRow>]>([
		['a lower-case unit code', { unit: ' ppcd ' }, { unitCode: 'PPCD' }],
		['a decimal comma', { points: '2,5' }, { points: 2.5 }],
		['a decimal dot', { points: '0.75' }, { points: 0.75 }],
		['negative zero', { points: '-0' }, { points: 0 }],
		['an ISO due date', { due: '2025-12-15' }, { due: '2025-12-15' }],
		['a DD/MM/YYYY due date', { due: '15/12/2025' }, { due: '2025-12-15' }],
		['a frequency', { frequency: ' Hằng tháng ' }, { frequency: 'Hằng tháng' }],
		['a 32-char code', { code: 'C'.repeat(32) }, { code: 'C'.repeat(32) }],
		['a 300-char title', { title: 'ư'.repeat(300) }, { title: 'ư'.repeat(300) }],
	])('GIVEN %s WHEN validated THEN the item has %j', (_label, cells, expected) => {
		const result = validateItemRows([row(2, cells)], ctx);
		if (!result.ok) throw new Error(JSON.stringify(result.error));
		expect(result.value[0]).toMatchObject(expected);
		expect(Object.is(result.value[0]?.points, -0)).toBe(false);
	});

	it('GIVEN the same item code for two different units WHEN validated THEN both are accepted', () => {
		const result = validateItemRows([row(2, { unit: 'TKG' }), row(3, { unit: 'PPCD' })], ctx);
		expect(result.ok && result.value.map((item) => `${item.unitCode}/${item.code}`)).toEqual(['TKG/1.1', 'PPCD/1.1']);
	});
});

describe('validateItemRows — problems', () => {
	it.each<[string, Cells, Omit<ItemRowProblem, 'line'>[]]>([
		['an empty unit', { unit: '' }, [{ code: 'required', column: 'unit' }]],
		['a unit not in the round', { unit: 'tkdsld' }, [{ code: 'unknown-unit', column: 'unit', value: 'TKDSLD' }]],
		['an empty code', { code: '' }, [{ code: 'required', column: 'code' }]],
		['a 33-char code', { code: 'C'.repeat(33) }, [{ code: 'too-long', column: 'code', value: 'C'.repeat(33) }]],
		['an empty title', { title: '  ' }, [{ code: 'required', column: 'title' }]],
		['a 301-char title', { title: 'ư'.repeat(301) }, [{ code: 'too-long', column: 'title', value: 'ư'.repeat(301) }]],
		['negative points', { points: '-1' }, [{ code: 'bad-points', column: 'points', value: '-1' }]],
		['non-numeric points', { points: 'năm' }, [{ code: 'bad-points', column: 'points', value: 'năm' }]],
		['free-text due', { due: 'monthly day 15' }, [{ code: 'bad-date', column: 'due', value: 'monthly day 15' }]],
		['an impossible due date', { due: '31/06/2025' }, [{ code: 'bad-date', column: 'due', value: '31/06/2025' }]],
		[
			'everything wrong',
			{ unit: '', code: '', title: '', due: 'x', points: '-2,5' },
			[
				{ code: 'required', column: 'unit' },
				{ code: 'required', column: 'code' },
				{ code: 'required', column: 'title' },
				{ code: 'bad-date', column: 'due', value: 'x' },
				{ code: 'bad-points', column: 'points', value: '-2,5' },
			],
		],
	])('GIVEN %s WHEN validated THEN it is reported', (_label, cells, expected) => {
		expect(problemsOf([row(4, cells)])).toEqual(expected.map((p) => ({ line: 4, ...p })));
	});

	it('GIVEN the same unit and code twice (any case) WHEN validated THEN the later line is duplicate-item', () => {
		const rows = [row(2, { code: 'a1' }), row(3, { code: 'A2' }), row(4, { unit: 'tkg', code: 'A1' })];
		expect(problemsOf(rows)).toEqual([{ line: 4, code: 'duplicate-item', column: 'code', value: 'A1' }]);
	});

	it('GIVEN two rows without a unit and with the same code WHEN validated THEN each lacks its unit, and neither is a duplicate', () => {
		// GIVEN the same code twice, the unit left empty both times
		const rows = [row(2, { unit: '', code: 'A1' }), row(3, { unit: '', code: 'A1' })];
		// WHEN validated / THEN only the missing units are reported (an item of no unit repeats nothing)
		expect(problemsOf(rows)).toEqual([
			{ line: 2, code: 'required', column: 'unit' },
			{ line: 3, code: 'required', column: 'unit' },
		]);
	});

	it('GIVEN one bad row among good ones WHEN validated THEN nothing is returned but its problem (all or nothing)', () => {
		expect(validateItemRows([row(2, {}), row(3, { code: '2', points: 'x' })], ctx)).toEqual({
			ok: false,
			error: [{ line: 3, code: 'bad-points', column: 'points', value: 'x' }],
		});
	});

	it('GIVEN problems on lines out of order WHEN validated THEN they come sorted by line', () => {
		const lines = problemsOf([
			row(8, { unit: 'X' }),
			row(2, { code: '9', title: '' }),
			row(5, { code: '7', due: '?' }),
		]).map((p) => p.line);
		expect(lines).toEqual([2, 5, 8]);
	});
});
