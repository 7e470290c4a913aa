import ExcelJS from 'exceljs';

/** A value of a CSV cell. `null` is written as an empty field. */
export type CsvCell = string | number | boolean | null;

/** A value of an XLSX cell. Dates are written with their UTC parts (use UTC midnight for plain dates). */
export type XlsxCell = string | number | boolean | Date | null;

/** One worksheet to write. */
export type XlsxSheet = {
	name: string;
	headers: string[];
	rows: XlsxCell[][];
	/** Column widths in characters; missing entries are computed from the content. */
	widths?: number[];
	/** Date formats per column (e.g. `dd/mm/yyyy hh:mm`); dates default to `yyyy-mm-dd`. */
	dateFormats?: Array<string | undefined>;
};

const BOM = '\uFEFF';
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;
/** Characters that make spreadsheet apps treat a cell as a formula (OWASP CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` to text that a spreadsheet would evaluate as a formula; plain numbers like `-5` are left alone. */
export function guardFormula(text: string): string {
	return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function csvField(value: CsvCell): string {
	let text: string;
	if (value === null) text = '';
	else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
	else if (typeof value === 'boolean') text = value ? 'true' : 'false';
	else text = guardFormula(value);
	return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes a CSV file: RFC 4180 quoting (fields with `"`, `,`, `;` or line breaks are quoted), UTF-8 with BOM so Excel
 * shows Vietnamese correctly, CRLF line ends (also after the last record), and a formula-injection guard on text cells.
 */
export function writeCsv(headers: string[], rows: CsvCell[][]): Buffer {
	const lines = [headers, ...rows].map((row) => row.map(csvField).join(',') + '\r\n');
	return Buffer.from(BOM + lines.join(''), 'utf8');
}

const MAX_SHEET_NAME = 31;
const MAX_CELL_TEXT = 32_767;
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

function truncateUnits(text: string, max: number): string {
	if (text.length <= max) return text;
	let cut = text.slice(0, max);
	if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
	return cut;
}

/**
 * Makes worksheet names valid for Excel: no `[]:*?/\`, no leading/trailing `'`, at most 31 characters, not `History`,
 * not empty, and unique (case-insensitively) within the list.
 */
export function sanitizeSheetNames(names: string[]): string[] {
	const used = new Set<string>();
	return names.map((raw, index) => {
		let base = raw
			// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
			.replace(/[\u0000-\u001F]/g, ' ')
			.replace(/[[\]:*?/\\]/g, '_')
			.trim()
			.replace(/^'+|'+$/g, '')
			.trim();
		if (base === '') base = `Sheet${index + 1}`;
		if (base.toLowerCase() === 'history') base = `${base}_`;
		base = truncateUnits(base, MAX_SHEET_NAME).replace(/'+$/, '');
		let name = base;
		for (let n = 2; used.has(name.toLowerCase()); n++) {
			const suffix = ` (${n})`;
			name = truncateUnits(base, MAX_SHEET_NAME - suffix.length) + suffix;
		}
		used.add(name.toLowerCase());
		return name;
	});
}

function xlsxValue(value: XlsxCell): XlsxCell {
	if (typeof value === 'string') {
		// Characters XML 1.0 cannot carry would corrupt the file; Excel caps a cell at 32767 characters.
		// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
		return truncateUnits(value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''), MAX_CELL_TEXT);
	}
	if (typeof value === 'number' && !Number.isFinite(value)) return null;
	return value;
}

function displayLength(value: XlsxCell): number {
	if (value === null) return 0;
	if (value instanceof Date) return 10;
	return String(value)
		.split(/\r?\n/)
		.reduce((max, part) => Math.max(max, part.length), 0);
}

/**
 * Writes an XLSX workbook with one worksheet per entry: bold, frozen header row with an autofilter, dates formatted
 * `yyyy-mm-dd` (or as `dateFormats` says), and column widths from `widths` or the content (8–60 characters).
 */
export async function writeXlsx(sheets: XlsxSheet[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const names = sanitizeSheetNames(sheets.map((sheet) => sheet.name));
	sheets.forEach((sheet, index) => {
		const worksheet = workbook.addWorksheet(names[index] ?? `Sheet${index + 1}`, {
			views: [{ state: 'frozen', ySplit: 1 }],
		});
		const columnCount = sheet.rows.reduce((max, row) => Math.max(max, row.length), sheet.headers.length);
		const header = worksheet.addRow(sheet.headers.map(xlsxValue));
		header.font = { bold: true };
		for (const row of sheet.rows) {
			const added = worksheet.addRow(row.map(xlsxValue));
			row.forEach((value, col) => {
				if (value instanceof Date) added.getCell(col + 1).numFmt = sheet.dateFormats?.[col] ?? 'yyyy-mm-dd';
			});
		}
		if (sheet.headers.length > 0) {
			worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.headers.length } };
		}
		for (let col = 0; col < columnCount; col++) {
			const given = sheet.widths?.[col];
			const content = sheet.rows.reduce(
				(max, row) => Math.max(max, displayLength(row[col] ?? null)),
				displayLength(sheet.headers[col] ?? null),
			);
			worksheet.getColumn(col + 1).width =
				given !== undefined && given > 0 ? given : Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, content + 2));
		}
	});
	if (sheets.length === 0) workbook.addWorksheet('Sheet1');
	const out = await workbook.xlsx.writeBuffer();
	return Buffer.from(out);
}
