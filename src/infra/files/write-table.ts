import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/** A value of a CSV cell. `null` is written as an empty field. */
export type CsvCell = string | number | boolean | null;

/** A value of an XLSX cell. Dates are written with their UTC parts (use UTC midnight for plain dates). */
export type XlsxCell = string | number | boolean | Date | null;

/**
 * Rows of a table: all at once, or pages read as they are written (the workbook and the CSV are streamed, so a page
 * can be dropped once written).
 */
export type TableRows<C> = C[][] | AsyncIterable<C[][]>;

/** One worksheet to write. */
export type XlsxSheet = {
	name: string;
	headers: string[];
	rows: TableRows<XlsxCell>;
	/**
	 * Column widths in characters; missing entries are computed from the content (of the first page when the rows
	 * come in pages).
	 */
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

/** A table's rows page by page (all of them as one page when given at once). */
async function* pagesOf<C>(rows: TableRows<C>): AsyncGenerator<C[][]> {
	if (Array.isArray(rows)) yield rows;
	else for await (const page of rows) yield page;
}

const CSV_CHUNK_ROWS = 1000;

/**
 * Writes a CSV file: RFC 4180 quoting (fields with `"`, `,`, `;` or line breaks are quoted), UTF-8 with BOM so Excel
 * shows Vietnamese correctly, CRLF line ends (also after the last record), and a formula-injection guard on text cells.
 * Rows are encoded a thousand at a time: only the file itself is held, never the text of every row at once.
 */
export function writeCsv(headers: string[], rows: readonly CsvCell[][]): Buffer {
	const line = (row: readonly CsvCell[]) => row.map(csvField).join(',') + '\r\n';
	const chunks: Buffer[] = [Buffer.from(BOM + line(headers), 'utf8')];
	for (let i = 0; i < rows.length; i += CSV_CHUNK_ROWS) {
		chunks.push(
			Buffer.from(
				rows
					.slice(i, i + CSV_CHUNK_ROWS)
					.map(line)
					.join(''),
				'utf8',
			),
		);
	}
	return Buffer.concat(chunks);
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

function columnWidths(sheet: XlsxSheet, sample: readonly XlsxCell[][]): number[] {
	const columnCount = sample.reduce((max, row) => Math.max(max, row.length), sheet.headers.length);
	return Array.from({ length: columnCount }, (_, col) => {
		const given = sheet.widths?.[col];
		if (given !== undefined && given > 0) return given;
		const content = sample.reduce(
			(max, row) => Math.max(max, displayLength(row[col] ?? null)),
			displayLength(sheet.headers[col] ?? null),
		);
		return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, content + 2));
	});
}

/** The style of every cell but dates and the header (shared: see `writeXlsx`). */
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};

/** Most bytes of a sheet's XML left waiting for the zip before more rows are produced. */
const MAX_BACKLOG = 4 * 1024 * 1024;

/** ExcelJS's sheet stream (internal): its own buffers, and the streams of the zip it writes into. */
interface SheetStream {
	buffers?: Array<{ length: number }>;
	pipes?: Array<{ _readableState?: { length: number }; _writableState?: { length: number } }>;
}

function backlog(worksheet: ExcelJS.Worksheet): number {
	const stream = (worksheet as unknown as { stream?: SheetStream }).stream;
	const own = stream?.buffers?.reduce((n, b) => n + b.length, 0) ?? 0;
	const piped = stream?.pipes?.reduce(
		(n, p) => n + (p._readableState?.length ?? 0) + (p._writableState?.length ?? 0),
		0,
	);
	return own + (piped ?? 0);
}

/**
 * Waits until the zip has taken most of what was committed: ExcelJS writes into the zip without heeding its
 * back-pressure, so rows produced faster than they are compressed would pile up in memory.
 */
async function letTheZipCatchUp(worksheet: ExcelJS.Worksheet): Promise<void> {
	for (let spins = 0; spins < 10_000 && backlog(worksheet) > MAX_BACKLOG; spins++) {
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
	await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Writes an XLSX workbook with one worksheet per entry: bold, frozen header row with an autofilter, dates formatted
 * `yyyy-mm-dd` (or as `dateFormats` says), and column widths from `widths` or the content (8–60 characters).
 * Written with ExcelJS's streaming writer: each page of rows is committed to the zip as soon as it is added, so the
 * memory used does not grow with the number of rows; the only styles are the header's bold font and date formats.
 */
export async function writeXlsx(sheets: XlsxSheet[]): Promise<Buffer> {
	const out = new PassThrough();
	const chunks: Buffer[] = [];
	out.on('data', (chunk: Buffer) => chunks.push(chunk));
	const finished = new Promise<void>((resolve, reject) => {
		out.on('end', resolve);
		out.on('error', reject);
	});
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
	const names = sanitizeSheetNames(sheets.map((sheet) => sheet.name));
	for (const [index, sheet] of sheets.entries()) {
		const worksheet = workbook.addWorksheet(names[index] ?? `Sheet${index + 1}`, {
			views: [{ state: 'frozen', ySplit: 1 }],
		});
		const pages = pagesOf(sheet.rows);
		const first = await pages.next();
		const firstPage = first.done ? [] : first.value;
		columnWidths(sheet, firstPage).forEach((width, col) => {
			worksheet.getColumn(col + 1).width = width;
		});
		if (sheet.headers.length > 0) {
			worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.headers.length } };
		}
		const header = worksheet.addRow(sheet.headers.map(xlsxValue));
		header.font = { bold: true };
		header.commit();
		// Cells share style objects: ExcelJS caches a style's id by object, so a shared one is registered once
		// (a fresh object per cell is rendered to XML again for every cell, which dominated the writing time).
		const dateStyles = new Map<string, Partial<ExcelJS.Style>>();
		const dateStyle = (col: number) => {
			const numFmt = sheet.dateFormats?.[col] ?? 'yyyy-mm-dd';
			let style = dateStyles.get(numFmt);
			if (!style) dateStyles.set(numFmt, (style = { numFmt }));
			return style;
		};
		const write = (page: readonly XlsxCell[][]) => {
			let last: ExcelJS.Row | null = null;
			for (const row of page) {
				const added = worksheet.addRow(row.map(xlsxValue));
				added.eachCell((cell, col) => {
					cell.style = row[col - 1] instanceof Date ? dateStyle(col - 1) : PLAIN_STYLE;
				});
				last = added;
			}
			last?.commit();
		};
		write(firstPage);
		for await (const page of pages) {
			write(page);
			await letTheZipCatchUp(worksheet);
		}
		worksheet.commit();
	}
	if (sheets.length === 0) workbook.addWorksheet('Sheet1').commit();
	await workbook.commit();
	await finished;
	return Buffer.concat(chunks);
}
