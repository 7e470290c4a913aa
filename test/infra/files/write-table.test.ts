import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../src/infra/files/read-table.ts';
import type { Table } from '../../../src/infra/files/read-table.ts';
import { guardFormula, sanitizeSheetNames, writeCsv, writeXlsx } from '../../../src/infra/files/write-table.ts';

const LIMITS = { maxBytes: 10_000_000, maxRows: 10_000 };
const UNIT_NAME = 'Vụ Thống kê Nông, lâm nghiệp và Thủy sản';
const COMMENT = 'Góp ý: đề nghị bỏ báo cáo quý';

async function readBack(name: string, data: Buffer): Promise<Table> {
	const result = await readTable({ name, data }, LIMITS);
	if (!result.ok) throw new Error(`read back failed: ${JSON.stringify(result.error)}`);
	return result.value;
}

async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
	return workbook;
}

describe('writeCsv', () => {
	it('GIVEN headers and rows WHEN written THEN the bytes start with a UTF-8 BOM and every record ends with CRLF', () => {
		const out = writeCsv(['code', 'name'], [['TKG', 'Vụ Thống kê Giá']]);
		expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(out.subarray(3).toString('utf8')).toBe('code,name\r\nTKG,Vụ Thống kê Giá\r\n');
	});

	it.each([
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['a;b', '"a;b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		['cr\rhere', '"cr\rhere"'],
		['', ''],
	])('GIVEN the text %j WHEN written THEN the field is %j (RFC 4180)', (value, field) => {
		expect(writeCsv(['h'], [[value]]).toString('utf8')).toBe(`\uFEFFh\r\n${field}\r\n`);
	});

	it.each([
		[null, ''],
		[42, '42'],
		[-2.5, '-2.5'],
		[Number.NaN, ''],
		[true, 'true'],
		[false, 'false'],
	] as const)('GIVEN the value %j WHEN written THEN the field is %j', (value, field) => {
		expect(writeCsv(['h'], [[value]]).toString('utf8')).toBe(`\uFEFFh\r\n${field}\r\n`);
	});

	it.each([
		['=SUM(A1:A2)', "'=SUM(A1:A2)"],
		['+84 912 345 678', "'+84 912 345 678"],
		['-cmd', "'-cmd"],
		['@import', "'@import"],
		['\t=1', "'\t=1"],
		['-5', '-5'],
		['+3.25', '+3.25'],
		['-2,5', '-2,5'],
		['1+1', '1+1'],
		['a=b', 'a=b'],
	])('GIVEN the text %j WHEN guarded THEN it becomes %j', (value, guarded) => {
		expect(guardFormula(value)).toBe(guarded);
	});

	it('GIVEN a formula-like text with a comma WHEN written THEN it is both guarded and quoted', () => {
		expect(writeCsv(['h'], [['=HYPERLINK("x","y")']]).toString('utf8')).toBe(
			'\uFEFFh\r\n"\'=HYPERLINK(""x"",""y"")"\r\n',
		);
	});

	it('GIVEN Vietnamese text with commas, quotes and line breaks WHEN written and read back THEN every cell is unchanged', async () => {
		const rows = [
			['TKNLTS', UNIT_NAME, `${COMMENT}\r\nvà "báo cáo năm"`, 2.5],
			['PPCD', 'Vụ Phương pháp chế độ và Quản lý chất lượng thống kê', '', 0],
			['X', '=1+1', '-7', null],
		];
		const table = await readBack('out.csv', writeCsv(['Code', 'Name', 'Comment', 'Points'], rows));
		expect(table.headers).toEqual(['code', 'name', 'comment', 'points']);
		expect(table.rows).toEqual([
			{ line: 2, cells: { code: 'TKNLTS', name: UNIT_NAME, comment: `${COMMENT}\r\nvà "báo cáo năm"`, points: '2.5' } },
			{
				line: 4,
				cells: { code: 'PPCD', name: 'Vụ Phương pháp chế độ và Quản lý chất lượng thống kê', comment: '', points: '0' },
			},
			{ line: 5, cells: { code: 'X', name: "'=1+1", comment: '-7', points: '' } },
		]);
	});
});

describe('sanitizeSheetNames', () => {
	it.each([
		[['Góp ý'], ['Góp ý']],
		[['History'], ['History_']],
		[['history'], ['history_']],
		[['a/b\\c:d*e?f[g]h'], ['a_b_c_d_e_f_g_h']],
		[["'quoted'"], ['quoted']],
		[
			['', '   '],
			['Sheet1', 'Sheet2'],
		],
		[['Vụ Thống kê Nông, lâm nghiệp và Thủy sản'], ['Vụ Thống kê Nông, lâm nghiệp và']],
		[
			['Data', 'data', 'DATA'],
			['Data', 'data (2)', 'DATA (3)'],
		],
		[
			['Vụ Thống kê Nông, lâm nghiệp và Thủy sản', 'Vụ Thống kê Nông, lâm nghiệp và Thủy sản 2'],
			['Vụ Thống kê Nông, lâm nghiệp và', 'Vụ Thống kê Nông, lâm nghiệ (2)'],
		],
	])('GIVEN sheet names %j WHEN sanitised THEN they become %j', (input, output) => {
		const names = sanitizeSheetNames(input);
		expect(names).toEqual(output);
		for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
	});

	it('GIVEN a name whose 31st character is an astral symbol WHEN sanitised THEN no surrogate half is left', () => {
		const [name] = sanitizeSheetNames(['x'.repeat(30) + '😀']);
		expect(name).toBe('x'.repeat(30));
	});
});

describe('writeXlsx', () => {
	it('GIVEN Vietnamese text, numbers and UTC dates WHEN written and read back THEN the table matches', async () => {
		const out = await writeXlsx([
			{
				name: 'Góp ý',
				headers: ['Unit', 'Comment', 'Due', 'Points', 'Done'],
				rows: [
					[UNIT_NAME, COMMENT, new Date(Date.UTC(2025, 8, 2)), 2.5, true],
					['Vụ Thống kê Giá', null, new Date(Date.UTC(2024, 1, 29)), 3, false],
				],
			},
		]);
		const table = await readBack('out.xlsx', out);
		expect(table).toEqual({
			headers: ['unit', 'comment', 'due', 'points', 'done'],
			rows: [
				{ line: 2, cells: { unit: UNIT_NAME, comment: COMMENT, due: '2025-09-02', points: '2.5', done: 'TRUE' } },
				{ line: 3, cells: { unit: 'Vụ Thống kê Giá', comment: '', due: '2024-02-29', points: '3', done: 'FALSE' } },
			],
		});
	});

	it('GIVEN a sheet WHEN written THEN the header is bold and frozen, has an autofilter and dates are formatted', async () => {
		const out = await writeXlsx([
			{
				name: 'Units',
				headers: ['Code', 'Name', 'Due'],
				rows: [['TKG', 'Vụ Thống kê Giá', new Date(Date.UTC(2025, 0, 1))]],
			},
		]);
		const sheet = (await loadWorkbook(out)).worksheets[0];
		expect(sheet?.name).toBe('Units');
		expect(sheet?.getRow(1).getCell(1).font?.bold).toBe(true);
		expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet?.autoFilter).toBe('A1:C1');
		expect(sheet?.getCell('C2').numFmt).toBe('yyyy-mm-dd');
	});

	it('GIVEN explicit and missing widths WHEN written THEN given widths are kept and others follow the content within 8–60', async () => {
		const out = await writeXlsx([
			{
				name: 'W',
				headers: ['a', 'b', 'c', 'd'],
				rows: [['x', UNIT_NAME, 'y'.repeat(200), 'short']],
				widths: [25],
			},
		]);
		const sheet = (await loadWorkbook(out)).worksheets[0];
		expect(sheet?.getColumn(1).width).toBe(25);
		expect(sheet?.getColumn(2).width).toBe(UNIT_NAME.length + 2);
		expect(sheet?.getColumn(3).width).toBe(60);
		expect(sheet?.getColumn(4).width).toBe(8);
	});

	it('GIVEN several sheets including one named History WHEN written THEN exceljs accepts them and order is kept', async () => {
		const out = await writeXlsx([
			{ name: 'History', headers: ['h'], rows: [['1']] },
			{ name: 'Kế hoạch 2025/2026', headers: ['h'], rows: [['2']] },
			{ name: 'history_', headers: ['h'], rows: [['3']] },
		]);
		const workbook = await loadWorkbook(out);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['History_', 'Kế hoạch 2025_2026', 'history_ (2)']);
		expect((await readBack('out.xlsx', out)).rows[0]?.cells['h']).toBe('1');
	});

	it('GIVEN text with control characters and a formula-like string WHEN written THEN the file opens and the text is literal', async () => {
		const out = await writeXlsx([{ name: 'S', headers: ['h'], rows: [['a\u0001b'], ['=1+1']] }]);
		const table = await readBack('out.xlsx', out);
		expect(table.rows.map((row) => row.cells['h'])).toEqual(['ab', '=1+1']);
		const cell = (await loadWorkbook(out)).worksheets[0]?.getCell('A3');
		expect(cell?.type).toBe(ExcelJS.ValueType.String);
	});

	it('GIVEN rows in pages WHEN written THEN every row reads back in order, widths follow the first page', async () => {
		async function* pages(): AsyncGenerator<Array<Array<string | number>>> {
			for (let page = 0; page < 4; page++) {
				// Codes grow longer after the first page: the column's width comes from the first page only.
				const prefix = page === 0 ? 'Đơn vị ' : 'Đơn vị có mã rất dài số ';
				yield Array.from({ length: 3000 }, (_, i) => [`${prefix}${String(page * 3000 + i)}`, page * 3000 + i]);
			}
		}
		const out = await writeXlsx([{ name: 'Items', headers: ['Code', 'N'], rows: pages() }]);
		const sheet = (await loadWorkbook(out)).worksheets[0];
		expect(sheet?.rowCount).toBe(12_001);
		expect(sheet?.getColumn(1).width).toBe('Đơn vị 2999'.length + 2);
		expect(sheet?.getRow(2).values).toEqual([undefined, 'Đơn vị 0', 0]);
		expect(sheet?.getRow(3001).values).toEqual([undefined, 'Đơn vị 2999', 2999]);
		for (const row of [3002, 12_001]) {
			expect(sheet?.getRow(row).values).toEqual([undefined, `Đơn vị có mã rất dài số ${String(row - 2)}`, row - 2]);
		}
		expect(sheet?.getRow(2).getCell(1).font?.bold).toBeFalsy();
	});

	it('GIVEN text with XML characters, edge spaces and line breaks WHEN written THEN it reads back unchanged', async () => {
		const texts = ['a & b < c > d "e"', '  indented', 'trailing  ', 'two\nlines', '&amp; literally'];
		const out = await writeXlsx([{ name: 'S', headers: ['h'], rows: texts.map((t) => [t]) }]);
		const sheet = (await loadWorkbook(out)).worksheets[0];
		expect(texts.map((_, i) => sheet?.getCell(`A${String(i + 2)}`).value)).toEqual(texts);
	});

	it('GIVEN two sheets with different date formats WHEN written THEN each date cell keeps its own format', async () => {
		const when = new Date(Date.UTC(2026, 11, 1, 9, 30));
		const out = await writeXlsx([
			{ name: 'A', headers: ['d', 'e'], rows: [[when, when]], dateFormats: ['dd/mm/yyyy hh:mm'] },
			{ name: 'B', headers: ['d'], rows: [[when]], dateFormats: ['dd/mm/yyyy'] },
		]);
		const [a, b] = (await loadWorkbook(out)).worksheets;
		expect([a?.getCell('A2').numFmt, a?.getCell('B2').numFmt, b?.getCell('A2').numFmt]).toEqual([
			'dd/mm/yyyy hh:mm',
			'yyyy-mm-dd',
			'dd/mm/yyyy',
		]);
		expect(a?.getCell('A2').value).toEqual(when);
		expect(b?.getCell('A2').value).toEqual(when);
	});

	it('GIVEN rows longer than a block of the writer WHEN written THEN they read back whole, between short rows', async () => {
		const long = 'Đ'.repeat(32_000);
		const out = await writeXlsx([
			{
				name: 'S',
				headers: ['a', 'b'],
				rows: [
					['x', 1],
					[long, long],
					['y', 2],
				],
			},
		]);
		const sheet = (await loadWorkbook(out)).worksheets[0];
		expect(sheet?.getRow(2).values).toEqual([undefined, 'x', 1]);
		expect(sheet?.getRow(3).values).toEqual([undefined, long, long]);
		expect(sheet?.getRow(4).values).toEqual([undefined, 'y', 2]);
	});

	it('GIVEN a workbook written, and one whose rows fail midway WHEN done THEN no temporary file is left behind', async () => {
		const tempDir = mkdtempSync(path.join(tmpdir(), 'write-table-'));
		const written = await writeXlsx([{ name: 'S', headers: ['h'], rows: [['x']] }], { tempDir });
		expect(written.subarray(0, 2).toString('latin1')).toBe('PK');
		expect(readdirSync(tempDir)).toEqual([]);
		async function* failing(): AsyncGenerator<string[][]> {
			yield [['first page']];
			throw new Error('the database went away');
		}
		await expect(writeXlsx([{ name: 'S', headers: ['h'], rows: failing() }], { tempDir })).rejects.toThrow(
			'the database went away',
		);
		expect(readdirSync(tempDir)).toEqual([]);
		rmSync(tempDir, { recursive: true });
	});

	it('GIVEN the same sheets twice WHEN written THEN the files are byte for byte the same', async () => {
		const sheets = () => [{ name: 'S', headers: ['h'], rows: [['x'], [1], [new Date(Date.UTC(2025, 0, 1))]] }];
		expect((await writeXlsx(sheets())).equals(await writeXlsx(sheets()))).toBe(true);
	});

	it('GIVEN no sheets WHEN written THEN a valid workbook with one empty sheet is produced', async () => {
		const workbook = await loadWorkbook(await writeXlsx([]));
		expect(workbook.worksheets).toHaveLength(1);
	});
});
