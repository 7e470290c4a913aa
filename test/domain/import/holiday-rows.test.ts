import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { validateHolidayRows } from '../../../src/domain/import/holiday-rows.ts';
import type { HolidayRowProblem } from '../../../src/domain/import/holiday-rows.ts';
import { parseCalendarDate } from '../../../src/domain/import/rows.ts';
import type { InputRow } from '../../../src/domain/import/rows.ts';
import { readTable } from '../../../src/infra/files/read-table.ts';

const ctx = { existingDates: new Set(['2025-09-02']) };

function row(line: number, date: string, name = 'Quốc khánh'): InputRow {
	return { line, cells: { date, name } };
}

function problemsOf(rows: InputRow[]): HolidayRowProblem[] {
	const result = validateHolidayRows(rows, ctx);
	if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`);
	return result.error;
}

describe('parseCalendarDate', () => {
	it.each([
		['2025-09-02', '2025-09-02'],
		['2025-9-2', '2025-09-02'],
		['02/09/2025', '2025-09-02'],
		['2/9/2025', '2025-09-02'],
		['29/02/2024', '2024-02-29'],
		['2000-02-29', '2000-02-29'],
		['31/12/9999', '9999-12-31'],
	])('GIVEN %j WHEN parsed THEN it is %j', (text, iso) => {
		expect(parseCalendarDate(text)).toBe(iso);
	});

	it.each([
		'29/02/2025',
		'1900-02-29',
		'2025-02-30',
		'31/04/2025',
		'2025-13-01',
		'00/01/2025',
		'2025-00-10',
		'09/02/25',
		'2025/09/02',
		'09-02-2025',
		'2025-09-02 08:30',
		'2025-09-02T00:00:00Z',
		'45903',
		'ngày 2/9',
		'0999-01-01',
		'',
	])('GIVEN %j WHEN parsed THEN it is not a date', (text) => {
		expect(parseCalendarDate(text)).toBeNull();
	});
});

describe('validateHolidayRows', () => {
	it('GIVEN ISO and Vietnamese-format dates WHEN validated THEN they are normalised and names kept', () => {
		expect(
			validateHolidayRows(
				[row(2, '01/01/2026', 'Tết Dương lịch'), row(3, ' 2026-04-30 ', ' Ngày Giải phóng miền Nam ')],
				ctx,
			),
		).toEqual({
			ok: true,
			value: [
				{ line: 2, date: '2026-01-01', name: 'Tết Dương lịch' },
				{ line: 3, date: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
			],
		});
	});

	it('GIVEN a name of exactly the maximum length WHEN validated THEN it is accepted whole', () => {
		// GIVEN a name of 100 characters (each a letter with two diacritics)
		const name = 'ệ'.repeat(100);
		// WHEN validated / THEN the holiday keeps it
		expect(validateHolidayRows([row(2, '2026-01-01', name)], ctx)).toEqual({
			ok: true,
			value: [{ line: 2, date: '2026-01-01', name }],
		});
	});

	it('GIVEN a date that already exists WHEN validated THEN it passes through as an update, not a problem', () => {
		expect(validateHolidayRows([row(2, '02/09/2025', 'Quốc khánh (đổi tên)')], ctx)).toEqual({
			ok: true,
			value: [{ line: 2, date: '2025-09-02', name: 'Quốc khánh (đổi tên)' }],
		});
	});

	it.each<[string, InputRow, Omit<HolidayRowProblem, 'line'>[]]>([
		['an empty date', row(2, ''), [{ code: 'required', column: 'date' }]],
		['a missing date column', { line: 2, cells: { name: 'x' } }, [{ code: 'required', column: 'date' }]],
		['an impossible date', row(2, '30/02/2026'), [{ code: 'bad-date', column: 'date', value: '30/02/2026' }]],
		['a month-first date', row(2, '12/31/2025'), [{ code: 'bad-date', column: 'date', value: '12/31/2025' }]],
		['an empty name', row(2, '2026-01-01', ' '), [{ code: 'required', column: 'name' }]],
		[
			'a 101-char name',
			row(2, '2026-01-01', 'ệ'.repeat(101)),
			[{ code: 'too-long', column: 'name', value: 'ệ'.repeat(101) }],
		],
		[
			'a bad date and an empty name',
			row(2, 'soon', ''),
			[
				{ code: 'bad-date', column: 'date', value: 'soon' },
				{ code: 'required', column: 'name' },
			],
		],
	])('GIVEN %s WHEN validated THEN it is reported', (_label, input, expected) => {
		expect(problemsOf([input])).toEqual(expected.map((p) => ({ line: 2, ...p })));
	});

	it('GIVEN the same day written two ways WHEN validated THEN the later line is duplicate-in-file', () => {
		expect(problemsOf([row(2, '2026-01-01'), row(3, '2026-05-01'), row(5, '1/1/2026')])).toEqual([
			{ line: 5, code: 'duplicate-in-file', column: 'date', value: '1/1/2026' },
		]);
	});

	it('GIVEN problems on several lines out of order WHEN validated THEN all are reported sorted by line', () => {
		expect(problemsOf([row(7, 'x'), row(3, '', ''), row(5, '2026-01-01')]).map((p) => [p.line, p.code])).toEqual([
			[3, 'required'],
			[3, 'required'],
			[7, 'bad-date'],
		]);
	});
});

describe('validateHolidayRows — from an XLSX upload', () => {
	it('GIVEN an XLSX with real date cells and typed dates WHEN read and validated THEN every date is normalised', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Ngày nghỉ');
		sheet.addRow(['Date', 'Name']);
		sheet.addRow([new Date(Date.UTC(2026, 0, 1)), 'Tết Dương lịch']);
		sheet.addRow(['30/04/2026', 'Ngày Giải phóng miền Nam']);
		sheet.addRow([new Date(Date.UTC(2026, 8, 2)), 'Quốc khánh']);
		const data = Buffer.from(await workbook.xlsx.writeBuffer());
		const table = await readTable({ name: 'holidays.xlsx', data }, { maxBytes: 1_000_000, maxRows: 100 });
		if (!table.ok) throw new Error(JSON.stringify(table.error));
		expect(validateHolidayRows(table.value.rows, ctx)).toEqual({
			ok: true,
			value: [
				{ line: 2, date: '2026-01-01', name: 'Tết Dương lịch' },
				{ line: 3, date: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
				{ line: 4, date: '2026-09-02', name: 'Quốc khánh' },
			],
		});
	});
});
