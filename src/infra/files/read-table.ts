import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { err, ok } from '../../domain/result.ts';
import type { Result } from '../../domain/result.ts';
import { openZipSafely, SPREADSHEET_ZIP_LIMITS, type ZipLimits } from './zip-guard.ts';

/** One non-empty data row of a table, keyed by normalised header. */
export type TableRow = {
	/** 1-based line (CSV: the physical line the record starts on) or row number (XLSX) as the user sees it. */
	line: number;
	/** Trimmed cell text for every header; absent cells are `''`. */
	cells: Record<string, string>;
};

/** A tabular upload: normalised headers plus its non-empty data rows. */
export type Table = {
	/** Header names trimmed, lower-cased, BOM stripped; blank headers are dropped (a repeated one is refused). */
	headers: string[];
	rows: TableRow[];
};

/** Why an uploaded file could not be read as a table. */
export type TableError =
	| { code: 'unsupported-type' }
	| { code: 'too-large'; maxBytes: number }
	| { code: 'too-many-rows'; maxRows: number }
	| { code: 'unreadable'; detail: string }
	| { code: 'empty' }
	/** The same column name twice in the header row: which of the two is meant cannot be guessed. */
	| { code: 'duplicate-columns'; columns: string[] }
	/** An XLSX whose parts would unpack beyond the limit (a zip bomb, or simply far too big): nothing was inflated. */
	| { code: 'inflated-too-large'; maxBytes: number };

/** An uploaded file, e.g. a Discord attachment already downloaded. */
export type TableFile = { name: string; contentType?: string | undefined; data: Buffer };

/** Limits applied while reading. */
export type ReadTableOptions = {
	/** Largest accepted file size in bytes. */
	maxBytes: number;
	/** Largest accepted number of non-empty data rows (header excluded). */
	maxRows: number;
	/** Limits of an XLSX's ZIP container (default {@link SPREADSHEET_ZIP_LIMITS}). */
	zip?: ZipLimits;
};

/** Supported table formats. */
export type TableFormat = 'csv' | 'xlsx';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_MIMES = new Set(['text/csv', 'application/csv', 'text/comma-separated-values', 'application/x-csv']);

/**
 * Decides the format of an upload: a `.csv` / `.xlsx` extension wins; a name without any extension falls back to the
 * content type; every other extension (`.xls`, `.txt`, `.pdf`, …) is unsupported.
 */
export function detectTableFormat(file: { name: string; contentType?: string | undefined }): TableFormat | null {
	const name = file.name.trim().toLowerCase();
	const dot = name.lastIndexOf('.');
	if (dot > 0 || (dot === 0 && name.length > 1)) {
		const ext = name.slice(dot + 1);
		if (ext === 'csv') return 'csv';
		if (ext === 'xlsx') return 'xlsx';
		return null;
	}
	const mime = (file.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
	if (CSV_MIMES.has(mime)) return 'csv';
	if (mime === XLSX_MIME) return 'xlsx';
	return null;
}

/**
 * Reads an uploaded CSV or XLSX file into a {@link Table}. Never throws for bad input: every expected failure is a
 * {@link TableError}.
 *
 * CSV: UTF-8 (with or without BOM; UTF-16 with BOM also accepted), `,` or `;` delimiter detected from the header line,
 * RFC 4180 quoting. XLSX: first worksheet, cell values rendered as text (numbers without trailing `.0`, dates as
 * `YYYY-MM-DD` from their UTC parts, rich text joined, formula results, hyperlink texts).
 *
 * The header is the first non-empty row; empty rows are skipped but line numbers stay true.
 */
export async function readTable(file: TableFile, opts: ReadTableOptions): Promise<Result<Table, TableError>> {
	const format = detectTableFormat(file);
	if (format === null) return err({ code: 'unsupported-type' });
	if (file.data.length > opts.maxBytes) return err({ code: 'too-large', maxBytes: opts.maxBytes });
	if (file.data.length === 0) return err({ code: 'empty' });
	const grid =
		format === 'csv'
			? readCsvGrid(file.data)
			: await readXlsxGrid(file.data, opts.maxRows, opts.zip ?? SPREADSHEET_ZIP_LIMITS);
	if (!grid.ok) return grid;
	return buildTable(grid.value, opts.maxRows);
}

/**
 * Checks that every `required` column is present (names compared trimmed and lower-cased). `optional` columns may be
 * absent: validators see their cells as missing/empty. They are accepted here so call sites document the full format.
 */
export function requireColumns(
	table: Table,
	required: string[],
	_optional: string[] = [],
): Result<void, { code: 'missing-columns'; missing: string[] }> {
	const present = new Set(table.headers);
	const missing = required.map(normaliseHeader).filter((column) => !present.has(column));
	return missing.length > 0 ? err({ code: 'missing-columns', missing }) : ok(undefined);
}

type RawRow = { line: number; cells: string[] };

function normaliseHeader(value: string): string {
	return value
		.replace(/^\uFEFF/, '')
		.trim()
		.normalize('NFC')
		.toLowerCase();
}

function isBlankRow(cells: string[]): boolean {
	return cells.every((cell) => cell.trim() === '');
}

function buildTable(raw: RawRow[], maxRows: number): Result<Table, TableError> {
	const nonEmpty = raw.filter((row) => !isBlankRow(row.cells));
	const [headerRow, ...dataRows] = nonEmpty;
	if (headerRow === undefined) return err({ code: 'empty' });
	if (dataRows.length > maxRows) return err({ code: 'too-many-rows', maxRows });

	const columns: Array<{ index: number; name: string }> = [];
	const seen = new Set<string>();
	const repeated = new Set<string>();
	headerRow.cells.forEach((cell, index) => {
		const name = normaliseHeader(cell);
		if (name === '') return;
		if (seen.has(name)) repeated.add(name);
		seen.add(name);
		columns.push({ index, name });
	});
	if (columns.length === 0) return err({ code: 'empty' });
	if (repeated.size > 0) return err({ code: 'duplicate-columns', columns: [...repeated] });

	const rows = dataRows.map((row): TableRow => {
		const cells: Record<string, string> = {};
		for (const column of columns) cells[column.name] = (row.cells[column.index] ?? '').trim();
		return { line: row.line, cells };
	});
	return ok({ headers: columns.map((column) => column.name), rows });
}

// ---------------------------------------------------------------- CSV

function decodeText(data: Buffer): Result<string, TableError> {
	let encoding = 'utf-8';
	let start = 0;
	if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) start = 3;
	else if (data[0] === 0xff && data[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
	else if (data[0] === 0xfe && data[1] === 0xff) [encoding, start] = ['utf-16be', 2];
	try {
		const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(data.subarray(start));
		if (text.includes('\u0000')) return err({ code: 'unreadable', detail: 'binary content, not a text CSV file' });
		return ok(text);
	} catch {
		return err({ code: 'unreadable', detail: 'not UTF-8 text; save the file as "CSV UTF-8"' });
	}
}

/** Picks `;` when the header line (outside quotes) has more semicolons than commas, else `,`. */
function detectDelimiter(text: string): ',' | ';' {
	let commas = 0;
	let semicolons = 0;
	let quoted = false;
	let seenContent = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) {
			if (seenContent) break;
		} else if (!quoted && ch === ',') commas++;
		else if (!quoted && ch === ';') semicolons++;
		if (ch.trim() !== '') seenContent = true;
	}
	return semicolons > commas ? ';' : ',';
}

function countLineBreaks(data: Buffer, from: number, to: number): number {
	let count = 0;
	for (let i = from; i < to; i++) {
		const byte = data[i];
		if (byte === 0x0a) count++;
		else if (byte === 0x0d && data[i + 1] !== 0x0a) count++;
	}
	return count;
}

function readCsvGrid(data: Buffer): Result<RawRow[], TableError> {
	const decoded = decodeText(data);
	if (!decoded.ok) return decoded;
	const text = decoded.value;
	if (text.trim() === '') return err({ code: 'empty' });
	const utf8 = Buffer.from(text, 'utf8');
	let records: Array<{ record: string[]; info: { bytes: number } }>;
	try {
		records = parse(utf8, {
			delimiter: detectDelimiter(text),
			record_delimiter: ['\r\n', '\n', '\r'],
			relax_column_count: true,
			relax_quotes: true,
			skip_empty_lines: false,
			info: true,
		}) as unknown as Array<{ record: string[]; info: { bytes: number } }>;
	} catch (error) {
		return err({ code: 'unreadable', detail: error instanceof Error ? error.message : String(error) });
	}
	const rows: RawRow[] = [];
	let offset = 0;
	let line = 1;
	for (const { record, info } of records) {
		rows.push({ line, cells: record });
		line += countLineBreaks(utf8, offset, info.bytes);
		offset = info.bytes;
	}
	return ok(rows);
}

// ---------------------------------------------------------------- XLSX

function isZip(data: Buffer): boolean {
	return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/** The path of the workbook's first sheet (in workbook order, as exceljs reads it), from its relationships. */
function firstSheetPath(files: Map<string, Buffer>): string | null {
	const workbook = files.get('xl/workbook.xml')?.toString('utf8') ?? '';
	const rels = files.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
	const sheet = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
	if (sheet === undefined) return null;
	for (const rel of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
		if (!rel[0].includes(`Id="${sheet}"`)) continue;
		const target = /Target="([^"]+)"/.exec(rel[0])?.[1];
		if (target === undefined) return null;
		return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
	}
	return null;
}

/**
 * Rows of a sheet's XML that hold at least one value, counted without parsing the XML: enough to refuse a sheet with
 * far too many rows before exceljs builds its whole model in memory.
 */
function countValueRows(xml: string): number {
	let count = 0;
	for (const row of xml.matchAll(/<(?:\w+:)?row\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
		if (row[1] !== undefined && /<(?:\w+:)?(?:v|t)\b/.test(row[1])) count++;
	}
	return count;
}

async function readXlsxGrid(data: Buffer, maxRows: number, limits: ZipLimits): Promise<Result<RawRow[], TableError>> {
	if (!isZip(data)) return err({ code: 'unreadable', detail: 'not an XLSX (zip) file' });
	// The container first, from its central directory: a zip bomb is refused before anything is inflated, and
	// every part is then inflated under its declared size, so exceljs below reads a bounded amount.
	const files = openZipSafely(data, limits);
	if (!files.ok) {
		const refusal = files.error;
		if (refusal.code === 'too-large-uncompressed' || refusal.code === 'ratio' || refusal.code === 'too-many-entries') {
			return err({ code: 'inflated-too-large', maxBytes: limits.maxTotalUncompressed });
		}
		return err({ code: 'unreadable', detail: `${refusal.code}: ${'detail' in refusal ? refusal.detail : ''}` });
	}
	const sheetPath = firstSheetPath(files.value);
	const sheetXml = sheetPath === null ? undefined : files.value.get(sheetPath);
	// The header row plus `maxRows` data rows at most: a longer sheet is refused before exceljs reads it.
	if (sheetXml !== undefined && countValueRows(sheetXml.toString('utf8')) > maxRows + 1) {
		return err({ code: 'too-many-rows', maxRows });
	}
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
	} catch (error) {
		return err({ code: 'unreadable', detail: error instanceof Error ? error.message : String(error) });
	}
	const sheet = workbook.worksheets[0];
	if (sheet === undefined) return err({ code: 'empty' });
	const rows: RawRow[] = [];
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: string[] = [];
		row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
			cells[colNumber - 1] = xlsxCellText(cell.value);
		});
		for (let i = 0; i < cells.length; i++) cells[i] ??= '';
		rows.push({ line: rowNumber, cells });
	});
	return ok(rows);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats an Excel date (a JS Date whose UTC parts are the wall-clock values) as `YYYY-MM-DD[ HH:MM[:SS]]`. */
function excelDateText(date: Date): string {
	const time = date.getTime();
	if (Number.isNaN(time)) return '';
	const d = new Date(Math.round(time / 1000) * 1000);
	const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
	const [h, m, s] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
	if (h === 0 && m === 0 && s === 0) return day;
	return `${day} ${pad(h)}:${pad(m)}${s === 0 ? '' : `:${pad(s)}`}`;
}

function numberText(n: number): string {
	if (!Number.isFinite(n)) return '';
	// Excel keeps 15 significant digits; this also hides binary noise such as 0.30000000000000004.
	return String(Number(n.toPrecision(15)));
}

/** Renders an exceljs cell value as the text a user sees in the cell. */
export function xlsxCellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return numberText(value);
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value instanceof Date) return excelDateText(value);
	if (typeof value === 'object') {
		const v = value as Record<string, unknown>;
		if (Array.isArray(v['richText'])) {
			return (v['richText'] as Array<{ text?: unknown }>)
				.map((run) => (typeof run.text === 'string' ? run.text : ''))
				.join('');
		}
		if ('formula' in v || 'sharedFormula' in v) return xlsxCellText(v['result']);
		if ('hyperlink' in v || 'text' in v) return xlsxCellText(v['text'] ?? v['hyperlink']);
		if (typeof v['error'] === 'string') return v['error'];
	}
	return '';
}
