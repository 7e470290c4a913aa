import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZipWriter, type ZipEntry } from './zip-writer.ts';

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

/** Column letters: A … Z, AA … */
function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

const XML_TEXT = /[&<>]/;
const XML_ATTRIBUTE = /[&<>"]/;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeText = (text: string): string =>
	XML_TEXT.test(text) ? text.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c) : text;
const escapeAttribute = (text: string): string =>
	XML_ATTRIBUTE.test(text) ? text.replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c) : text;
/** Excel trims text's leading and trailing white space unless told to keep it. */
const KEEP_SPACE = /^\s|\s$/;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_TYPES = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Milliseconds from 1899-12-30 (Excel's day 0 in the 1900 date system) to 1970-01-01. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** Cell styles of the workbook (`cellXfs`): 0 plain, 1 the header's bold font, then one per date format. */
class Styles {
	private readonly formats = new Map<string, number>();

	/** The style index of dates in this number format. */
	date(numFmt: string): number {
		let index = this.formats.get(numFmt);
		if (index === undefined) this.formats.set(numFmt, (index = 2 + this.formats.size));
		return index;
	}

	xml(): string {
		const formats = [...this.formats.keys()];
		const numFmts = formats
			.map((code, i) => `<numFmt numFmtId="${String(164 + i)}" formatCode="${escapeAttribute(code)}"/>`)
			.join('');
		const dateXfs = formats
			.map(
				(_, i) =>
					`<xf numFmtId="${String(164 + i)}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
			)
			.join('');
		return (
			`${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
			(formats.length > 0 ? `<numFmts count="${String(formats.length)}">${numFmts}</numFmts>` : '') +
			'<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
			'<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
			'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
			'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
			'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
			`<cellXfs count="${String(2 + formats.length)}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
			`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>${dateXfs}</cellXfs>` +
			'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
		);
	}
}

/** One cell's XML (empty for an empty cell), `value` already made valid by `xlsxValue`. */
function cellXml(ref: string, value: XlsxCell, style: number, dateStyle: number): string {
	if (value === null || value === '') return '';
	const s = style > 0 ? ` s="${String(style)}"` : '';
	if (typeof value === 'string') {
		const space = KEEP_SPACE.test(value) ? ' xml:space="preserve"' : '';
		return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeText(value)}</t></is></c>`;
	}
	if (typeof value === 'number') return `<c r="${ref}"${s}><v>${String(value)}</v></c>`;
	if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? '1' : '0'}</v></c>`;
	const time = value.getTime();
	if (Number.isNaN(time)) return '';
	return `<c r="${ref}" s="${String(dateStyle)}"><v>${String((time - EXCEL_EPOCH_MS) / DAY_MS)}</v></c>`;
}

/** Bytes of a sheet's XML gathered before they are handed to the zip. */
const BLOCK_BYTES = 128 * 1024;

/**
 * A sheet's XML encoded straight into blocks of bytes, each handed to the zip when full: no string of many rows is
 * built (concatenated text is kept as a tree of pieces until flattened, and that garbage outlived the young
 * generation, growing the heap).
 */
class XmlBlocks {
	private block = Buffer.allocUnsafe(BLOCK_BYTES);
	private used = 0;

	constructor(private readonly entry: ZipEntry) {}

	/** Adds text: null when it fit in the block, or a promise of the full block taken by the compressor. */
	add(text: string): Promise<void> | null {
		// UTF-8 takes at most 3 bytes per UTF-16 unit.
		if (this.used + text.length * 3 > this.block.length) return this.addAfterFlush(text);
		this.used += this.block.write(text, this.used, 'utf8');
		return null;
	}

	private async addAfterFlush(text: string): Promise<void> {
		await this.flush();
		if (text.length * 3 > this.block.length) await this.entry.write(text);
		else this.used += this.block.write(text, this.used, 'utf8');
	}

	async flush(): Promise<void> {
		if (this.used === 0) return;
		const full = this.block.subarray(0, this.used);
		// The compressor keeps the bytes until it has read them: the next ones go into a new block.
		this.block = Buffer.allocUnsafe(BLOCK_BYTES);
		this.used = 0;
		await this.entry.write(full);
	}
}

/** Writes one worksheet's XML into the zip, page by page: only the page being written is held. */
async function writeSheet(zip: ZipWriter, path: string, sheet: XlsxSheet, styles: Styles): Promise<void> {
	const entry = zip.entry(path);
	const pages = pagesOf(sheet.rows);
	const first = await pages.next();
	const firstPage = first.done ? [] : first.value;
	const widths = columnWidths(sheet, firstPage);
	const columns: string[] = [];
	const column = (index: number) => (columns[index] ??= columnName(index));
	const cols = widths
		.map((w, i) => `<col min="${String(i + 1)}" max="${String(i + 1)}" width="${String(w)}" customWidth="1"/>`)
		.join('');
	const out = new XmlBlocks(entry);
	await out.add(
		`${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
			'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
			'<selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
			(cols === '' ? '' : `<cols>${cols}</cols>`) +
			'<sheetData>',
	);
	const dateStyles: number[] = [];
	const dateStyle = (col: number) => (dateStyles[col] ??= styles.date(sheet.dateFormats?.[col] ?? 'yyyy-mm-dd'));
	let rowNumber = 0;
	const rowXml = (row: readonly XlsxCell[], style: number): string => {
		const r = String(++rowNumber);
		let xml = style > 0 ? `<row r="${r}" s="${String(style)}" customFormat="1">` : `<row r="${r}">`;
		for (let col = 0; col < row.length; col++) {
			const value = xlsxValue(row[col] ?? null);
			xml += cellXml(column(col) + r, value, style, value instanceof Date ? dateStyle(col) : 0);
		}
		return `${xml}</row>`;
	};
	const writePage = async (page: readonly XlsxCell[][]) => {
		for (const row of page) {
			const full = out.add(rowXml(row, 0));
			if (full) await full;
		}
	};
	await out.add(rowXml(sheet.headers, 1));
	await writePage(firstPage);
	for await (const page of pages) await writePage(page);
	let end = '</sheetData>';
	if (sheet.headers.length > 0) end += `<autoFilter ref="A1:${column(sheet.headers.length - 1)}1"/>`;
	end += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
	await out.add(end);
	await out.flush();
	await entry.end();
}

/**
 * Writes an XLSX workbook with one worksheet per entry: bold, frozen header row with an autofilter, dates formatted
 * `yyyy-mm-dd` (or as `dateFormats` says), and column widths from `widths` or the content (8–60 characters).
 * Written by hand as SpreadsheetML into a streaming zip: each page of rows becomes XML that is compressed as it is
 * produced (waiting for the compressor), so memory does not grow with the number of rows; text is written inline
 * (no shared-strings table to hold), and the only styles are the header's bold font and the date formats.
 */
export async function writeXlsx(sheets: XlsxSheet[], opts: { tempDir?: string } = {}): Promise<Buffer> {
	// The compressed bytes go to a temporary file and are read back once whole: one buffer of the file's size,
	// instead of its pieces and their concatenation side by side at the end (twice the file).
	const dir = mkdtempSync(path.join(opts.tempDir ?? tmpdir(), 'gopy-xlsx-'));
	const file = path.join(dir, 'workbook.xlsx');
	let fd: number | null = openSync(file, 'w');
	try {
		const out = fd;
		await writeWorkbook(
			sheets,
			new ZipWriter((chunk) => {
				for (let done = 0; done < chunk.length;) done += writeSync(out, chunk, done);
			}),
		);
		closeSync(fd);
		fd = null;
		return readFileSync(file);
	} finally {
		if (fd !== null) closeSync(fd);
		rmSync(dir, { recursive: true, force: true });
	}
}

async function writeWorkbook(sheets: XlsxSheet[], zip: ZipWriter): Promise<void> {
	const styles = new Styles();
	const list: XlsxSheet[] = sheets.length > 0 ? sheets : [{ name: 'Sheet1', headers: [], rows: [] }];
	const names = sanitizeSheetNames(list.map((sheet) => sheet.name));
	for (const [index, sheet] of list.entries()) {
		await writeSheet(zip, `xl/worksheets/sheet${String(index + 1)}.xml`, sheet, styles);
	}
	const ids = list.map((_, i) => String(i + 1));
	await zip.add(
		'[Content_Types].xml',
		`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
			'<Default Extension="xml" ContentType="application/xml"/>' +
			`<Override PartName="/xl/workbook.xml" ContentType="${OFFICE_TYPES}.sheet.main+xml"/>` +
			ids
				.map((id) => `<Override PartName="/xl/worksheets/sheet${id}.xml" ContentType="${OFFICE_TYPES}.worksheet+xml"/>`)
				.join('') +
			`<Override PartName="/xl/styles.xml" ContentType="${OFFICE_TYPES}.styles+xml"/></Types>`,
	);
	await zip.add(
		'_rels/.rels',
		`${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" ` +
			`Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	);
	await zip.add(
		'xl/workbook.xml',
		`${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
			ids
				.map((id, i) => `<sheet name="${escapeAttribute(names[i] ?? `Sheet${id}`)}" sheetId="${id}" r:id="rId${id}"/>`)
				.join('') +
			'</sheets></workbook>',
	);
	await zip.add(
		'xl/_rels/workbook.xml.rels',
		`${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">` +
			ids
				.map((id) => `<Relationship Id="rId${id}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${id}.xml"/>`)
				.join('') +
			`<Relationship Id="rId${String(list.length + 1)}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
	);
	await zip.add('xl/styles.xml', styles.xml());
	zip.finish();
}
