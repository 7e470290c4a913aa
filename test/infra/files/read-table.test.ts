import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectTableFormat, readTable, requireColumns, xlsxCellText } from '../../../src/infra/files/read-table.ts';
import type { Table, TableError } from '../../../src/infra/files/read-table.ts';
import type { Result } from '../../../src/domain/result.ts';

const LIMITS = { maxBytes: 1_000_000, maxRows: 1000 };

function csv(text: string, name = 'data.csv'): { name: string; data: Buffer } {
	return { name, data: Buffer.from(text, 'utf8') };
}

function expectTable(result: Result<Table, TableError>): Table {
	if (!result.ok) throw new Error(`expected a table, got ${JSON.stringify(result.error)}`);
	return result.value;
}

function expectError(result: Result<Table, TableError>): TableError {
	if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
	return result.error;
}

type SheetSetup = (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void;

async function xlsx(setup: SheetSetup, name = 'data.xlsx'): Promise<{ name: string; data: Buffer }> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Data');
	setup(sheet, workbook);
	const out = await workbook.xlsx.writeBuffer();
	return { name, data: Buffer.from(out) };
}

describe('readTable — CSV', () => {
	it('GIVEN a UTF-8 CSV with BOM, Vietnamese text and quoted commas WHEN read THEN headers are normalised and text is intact', async () => {
		const file = csv('\uFEFF Code ,NAME,Kind\r\nTKNLTS,"Vụ Thống kê Nông, lâm nghiệp và Thủy sản",department\r\n');
		const table = expectTable(await readTable(file, LIMITS));
		expect(table.headers).toEqual(['code', 'name', 'kind']);
		expect(table.rows).toEqual([
			{
				line: 2,
				cells: { code: 'TKNLTS', name: 'Vụ Thống kê Nông, lâm nghiệp và Thủy sản', kind: 'department' },
			},
		]);
	});

	it('GIVEN a CSV with a semicolon delimiter WHEN read THEN fields split on semicolons and commas stay inside cells', async () => {
		const file = csv('code;name\nTKG;Vụ Thống kê Giá, Hà Nội\nPPCD;"Góp ý: đề nghị; bỏ báo cáo quý"\n');
		const table = expectTable(await readTable(file, LIMITS));
		expect(table.headers).toEqual(['code', 'name']);
		expect(table.rows.map((row) => row.cells)).toEqual([
			{ code: 'TKG', name: 'Vụ Thống kê Giá, Hà Nội' },
			{ code: 'PPCD', name: 'Góp ý: đề nghị; bỏ báo cáo quý' },
		]);
	});

	it('GIVEN a quoted header containing a semicolon WHEN read THEN the delimiter is still detected as comma', async () => {
		const table = expectTable(await readTable(csv('"a;b",c\n1,2\n'), LIMITS));
		expect(table.headers).toEqual(['a;b', 'c']);
	});

	it('GIVEN blank lines and a multi-line quoted field WHEN read THEN empty rows are skipped and line numbers stay true', async () => {
		const text = ['code,comment', '', 'A,"Góp ý: đề nghị', 'bỏ báo cáo quý"', ',', 'B,"x ""quoted"" y"', ''].join(
			'\r\n',
		);
		const table = expectTable(await readTable(csv(text), LIMITS));
		expect(table.rows).toEqual([
			{ line: 3, cells: { code: 'A', comment: 'Góp ý: đề nghị\r\nbỏ báo cáo quý' } },
			{ line: 6, cells: { code: 'B', comment: 'x "quoted" y' } },
		]);
	});

	it.each([
		['LF', '\n'],
		['CRLF', '\r\n'],
		['CR', '\r'],
	])('GIVEN %s line ends WHEN read THEN line numbers count physical lines', async (_label, eol) => {
		const table = expectTable(await readTable(csv(['h', 'a', '', 'b'].join(eol) + eol), LIMITS));
		expect(table.rows.map((row) => [row.line, row.cells['h']])).toEqual([
			[2, 'a'],
			[4, 'b'],
		]);
	});

	it('GIVEN rows shorter or longer than the header WHEN read THEN missing cells are empty and extra cells ignored', async () => {
		const table = expectTable(await readTable(csv('a,b,c\n1\n1,2,3,4\n'), LIMITS));
		expect(table.rows.map((row) => row.cells)).toEqual([
			{ a: '1', b: '', c: '' },
			{ a: '1', b: '2', c: '3' },
		]);
	});

	it('GIVEN blank header cells WHEN read THEN their columns are ignored', async () => {
		const table = expectTable(await readTable(csv('code,,name\nX,junk,Z\n'), LIMITS));
		expect(table.headers).toEqual(['code', 'name']);
		expect(table.rows[0]?.cells).toEqual({ code: 'X', name: 'Z' });
	});

	it.each([
		['code,,Code,name\nX,junk,Y,Z\n', ['code']],
		['code,name,kind,channel,role,code\nA,B,department,c,r,A\n', ['code']],
		['name;NAME ;code;\uFEFFcode\nA;B;C;D\n', ['name', 'code']],
	])(
		'GIVEN a header repeating a column (%j) WHEN read THEN it is refused naming the repeated columns',
		async (text, columns) => {
			expect(expectError(await readTable(csv(text), LIMITS))).toEqual({ code: 'duplicate-columns', columns });
		},
	);

	it('GIVEN leading blank lines WHEN read THEN the first non-empty line is the header', async () => {
		const table = expectTable(await readTable(csv('\n\ncode\nX\n'), LIMITS));
		expect(table.headers).toEqual(['code']);
		expect(table.rows).toEqual([{ line: 4, cells: { code: 'X' } }]);
	});

	it('GIVEN a UTF-16LE CSV with BOM WHEN read THEN Vietnamese text is decoded', async () => {
		const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\nVụ Thống kê Giá\n', 'utf16le')]);
		const table = expectTable(await readTable({ name: 'u.csv', data }, LIMITS));
		expect(table.rows[0]?.cells['name']).toBe('Vụ Thống kê Giá');
	});

	it('GIVEN a header-only CSV WHEN read THEN the table has headers and no rows', async () => {
		const table = expectTable(await readTable(csv('code,name\n'), LIMITS));
		expect(table).toEqual({ headers: ['code', 'name'], rows: [] });
	});
});

describe('readTable — errors', () => {
	it.each([
		['report.pdf', 'application/pdf'],
		['old.xls', 'application/vnd.ms-excel'],
		['notes.txt', 'text/csv'],
		['data.csv.exe', undefined],
		['noextension', 'application/pdf'],
		['noextension', undefined],
	])('GIVEN a file named %s (%s) WHEN read THEN it is unsupported-type', async (name, contentType) => {
		const result = await readTable({ name, contentType, data: Buffer.from('a,b\n1,2\n') }, LIMITS);
		expect(expectError(result)).toEqual({ code: 'unsupported-type' });
	});

	it.each([
		['DATA.CSV', undefined, 'csv'],
		['Data.XLSX', undefined, 'xlsx'],
		['upload', 'text/csv; charset=utf-8', 'csv'],
		['upload', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
	] as const)('GIVEN name %s and content type %s WHEN detecting THEN the format is %s', (name, contentType, format) => {
		expect(detectTableFormat({ name, contentType })).toBe(format);
	});

	it('GIVEN a file over maxBytes WHEN read THEN too-large reports the limit', async () => {
		const result = await readTable(csv('code\n' + 'X\n'.repeat(100)), { maxBytes: 50, maxRows: 1000 });
		expect(expectError(result)).toEqual({ code: 'too-large', maxBytes: 50 });
	});

	it('GIVEN exactly maxRows data rows WHEN read THEN it is accepted, and one more is too-many-rows', async () => {
		const body = (n: number): string => 'code\n\n' + Array.from({ length: n }, (_, i) => `U${i}`).join('\n\n');
		expect(expectTable(await readTable(csv(body(3)), { maxBytes: 1000, maxRows: 3 })).rows).toHaveLength(3);
		expect(expectError(await readTable(csv(body(4)), { maxBytes: 1000, maxRows: 3 }))).toEqual({
			code: 'too-many-rows',
			maxRows: 3,
		});
	});

	it.each([
		['a zero-byte file', ''],
		['only whitespace', ' \r\n\r\n  '],
		['only separators', ',,\n,,\n'],
		['only semicolons', ';;\n ; \n'],
		['a bare BOM', '\uFEFF'],
	])('GIVEN a CSV with %s WHEN read THEN it is empty', async (_label, text) => {
		expect(expectError(await readTable(csv(text), LIMITS))).toEqual({ code: 'empty' });
	});

	it('GIVEN a CSV with an unclosed quote WHEN read THEN it is unreadable with a detail', async () => {
		const error = expectError(await readTable(csv('code,name\nX,"Vụ Thống kê\n'), LIMITS));
		expect(error.code).toBe('unreadable');
		expect(error.code === 'unreadable' && error.detail.length > 0).toBe(true);
	});

	it('GIVEN a CSV saved in a legacy code page (invalid UTF-8) WHEN read THEN it is unreadable instead of garbled', async () => {
		const data = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x56, 0xf2, 0x20, 0xd0, 0x0a]);
		expect(expectError(await readTable({ name: 'x.csv', data }, LIMITS)).code).toBe('unreadable');
	});

	it('GIVEN a binary file renamed to .csv WHEN read THEN it is unreadable', async () => {
		const data = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0x0a]);
		expect(expectError(await readTable({ name: 'x.csv', data }, LIMITS)).code).toBe('unreadable');
	});

	it('GIVEN a text file renamed to .xlsx WHEN read THEN it is unreadable', async () => {
		expect(expectError(await readTable(csv('code\nX\n', 'x.xlsx'), LIMITS)).code).toBe('unreadable');
	});

	it('GIVEN a truncated XLSX WHEN read THEN it is unreadable, not thrown', async () => {
		const good = await xlsx((sheet) => {
			sheet.addRow(['code']);
			sheet.addRow(['X']);
		});
		const data = good.data.subarray(0, Math.floor(good.data.length / 2));
		expect(expectError(await readTable({ name: 'x.xlsx', data }, LIMITS)).code).toBe('unreadable');
	});

	it('GIVEN a zip header followed by garbage WHEN read as XLSX THEN it is unreadable', async () => {
		const data = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
		expect(expectError(await readTable({ name: 'x.xlsx', data }, LIMITS)).code).toBe('unreadable');
	});
});

describe('readTable — XLSX', () => {
	it('GIVEN typed cells WHEN read THEN values become the text a user sees', async () => {
		const file = await xlsx((sheet) => {
			sheet.addRow(['Kind', 'Value']);
			sheet.addRow(['integer', 3]);
			sheet.addRow(['whole float', 3.0]);
			sheet.addRow(['decimal', 2.5]);
			sheet.addRow(['binary noise', 0.1 + 0.2]);
			sheet.addRow(['negative', -12]);
			sheet.addRow(['date', new Date(Date.UTC(2025, 8, 2))]);
			sheet.addRow(['datetime', new Date(Date.UTC(2025, 0, 31, 8, 30))]);
			sheet.addRow(['boolean', true]);
			sheet.addRow(['rich', { richText: [{ text: 'Vụ ' }, { font: { bold: true }, text: 'Thống kê Giá' }] }]);
			sheet.addRow(['formula', { formula: '1+1', result: 2 }]);
			sheet.addRow(['formula text', { formula: '"a"&"b"', result: 'ab' }]);
			sheet.addRow(['formula date', { formula: 'DATE(2024,2,29)', result: new Date(Date.UTC(2024, 1, 29)) }]);
			sheet.addRow(['hyperlink', { text: 'Dự thảo kế hoạch', hyperlink: 'https://example.org/plan' }]);
			sheet.addRow(['error', { error: '#N/A' }]);
			sheet.addRow(['string', '  padded  ']);
		});
		const table = expectTable(await readTable(file, LIMITS));
		const values = Object.fromEntries(table.rows.map((row) => [row.cells['kind'] ?? '', row.cells['value'] ?? '']));
		expect(values).toEqual({
			integer: '3',
			'whole float': '3',
			decimal: '2.5',
			'binary noise': '0.3',
			negative: '-12',
			date: '2025-09-02',
			datetime: '2025-01-31 08:30',
			boolean: 'TRUE',
			rich: 'Vụ Thống kê Giá',
			formula: '2',
			'formula text': 'ab',
			'formula date': '2024-02-29',
			hyperlink: 'Dự thảo kế hoạch',
			error: '#N/A',
			string: 'padded',
		});
	});

	it('GIVEN empty rows and a header below blank rows WHEN read THEN rows carry their real sheet row numbers', async () => {
		const file = await xlsx((sheet) => {
			sheet.getCell('A3').value = 'Code';
			sheet.getCell('B3').value = 'Name';
			sheet.getCell('A4').value = 'TKG';
			sheet.getCell('B4').value = 'Vụ Thống kê Giá';
			sheet.getCell('A7').value = 'PPCD';
			sheet.getCell('A8').value = '   ';
		});
		const table = expectTable(await readTable(file, LIMITS));
		expect(table.headers).toEqual(['code', 'name']);
		expect(table.rows).toEqual([
			{ line: 4, cells: { code: 'TKG', name: 'Vụ Thống kê Giá' } },
			{ line: 7, cells: { code: 'PPCD', name: '' } },
		]);
	});

	it('GIVEN several worksheets WHEN read THEN only the first one is used', async () => {
		const file = await xlsx((sheet, workbook) => {
			sheet.addRow(['code']);
			sheet.addRow(['FIRST']);
			const other = workbook.addWorksheet('Other');
			other.addRow(['code']);
			other.addRow(['SECOND']);
		});
		expect(expectTable(await readTable(file, LIMITS)).rows.map((row) => row.cells['code'])).toEqual(['FIRST']);
	});

	it('GIVEN an XLSX with an empty first sheet WHEN read THEN it is empty', async () => {
		const file = await xlsx(() => undefined);
		expect(expectError(await readTable(file, LIMITS))).toEqual({ code: 'empty' });
	});

	it('GIVEN more XLSX data rows than maxRows WHEN read THEN too-many-rows', async () => {
		const file = await xlsx((sheet) => {
			sheet.addRow(['code']);
			for (let i = 0; i < 5; i++) sheet.addRow([`U${i}`]);
		});
		expect(expectError(await readTable(file, { maxBytes: 1_000_000, maxRows: 4 }))).toEqual({
			code: 'too-many-rows',
			maxRows: 4,
		});
	});

	it.each([
		[null, ''],
		[undefined, ''],
		[1e21, '1e+21'],
		[Number.NaN, ''],
		[new Date(Number.NaN), ''],
		[new Date(Date.UTC(2025, 0, 1, 23, 59, 59, 999)), '2025-01-02'],
		[{ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'mailto:x@y' }, 'ab'],
		[{ sharedFormula: 'A1', result: 4.5 }, '4.5'],
		[{ formula: 'A1' }, ''],
		[{ unknown: true }, ''],
	])('GIVEN the exceljs value %j WHEN rendered THEN it is %j', (value, text) => {
		expect(xlsxCellText(value)).toBe(text);
	});
});

describe('requireColumns', () => {
	const table: Table = { headers: ['code', 'name', 'kind'], rows: [] };

	it.each([
		[['code', 'name'], []],
		[[' Code ', 'NAME'], []],
		[
			['code', 'channel', 'role'],
			['channel', 'role'],
		],
		[[], []],
	])('GIVEN required columns %j WHEN checked THEN missing is %j', (required, missing) => {
		const result = requireColumns(table, required, ['kind', 'extra']);
		expect(result).toEqual(
			missing.length === 0
				? { ok: true, value: undefined }
				: { ok: false, error: { code: 'missing-columns', missing } },
		);
	});
});

describe('readTable — XLSX containers that would unpack too far (issue 11, defect 6)', () => {
	it('GIVEN a real zip-bomb workbook (about 2 MB inflating to 1.9 GB) WHEN read THEN it is refused as too large once unpacked, without inflating it', async () => {
		const { bombWorkbook } = await import('../../support/zip-builder.ts');
		const honest = await xlsx((sheet) => {
			sheet.addRow(['code', 'name']);
			sheet.addRow(['TKG', 'Vụ Thống kê Giá']);
		});
		const bomb = await bombWorkbook(honest.data, 1900);
		const before = process.memoryUsage().arrayBuffers;
		const result = await readTable({ name: 'units.xlsx', data: bomb }, { maxBytes: 4_000_000, maxRows: 1000 });
		expect(expectError(result)).toEqual({ code: 'inflated-too-large', maxBytes: 32 * 1024 * 1024 });
		expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
	});

	it('GIVEN a workbook with far more rows than allowed WHEN read THEN it is refused for its rows', async () => {
		const file = await xlsx((sheet) => {
			sheet.addRow(['code', 'name']);
			for (let i = 0; i < 1500; i++) sheet.addRow([`C${i}`, `Name ${i}`]);
		});
		expect(expectError(await readTable(file, LIMITS))).toEqual({ code: 'too-many-rows', maxRows: 1000 });
	});

	it('GIVEN a workbook whose header repeats a column WHEN read THEN it is refused naming it', async () => {
		const file = await xlsx((sheet) => {
			sheet.addRow(['code', 'name', 'kind', 'channel', 'role', 'code']);
			sheet.addRow(['A', 'B', 'department', 'c', 'r', 'A']);
		});
		expect(expectError(await readTable(file, LIMITS))).toEqual({ code: 'duplicate-columns', columns: ['code'] });
	});
});
