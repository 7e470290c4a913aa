import { isBlankText } from '../text.ts';

/** A data row as read from an uploaded table: 1-based line number and cells keyed by lower-case header. */
export type InputRow = { line: number; cells: Record<string, string> };

/** One problem found in one row of an import file; `column` and `value` point the user at the offending cell. */
export type RowProblem<C extends string = string> = { line: number; column?: string; code: C; value?: string };

/** Trimmed, NFC-normalised text of a cell; a missing column, or a cell with nothing visible in it, reads as `''`. */
export function cellText(row: InputRow, column: string): string {
	const text = (row.cells[column] ?? '').trim().normalize('NFC');
	return isBlankText(text) ? '' : text;
}

/** Length in characters as a user counts them (code points, after NFC). */
export function textLength(text: string): number {
	return [...text].length;
}

/** Builds a problem, leaving out `column` / `value` when not given (exactOptionalPropertyTypes-safe). */
export function problem<C extends string>(line: number, code: C, column?: string, value?: string): RowProblem<C> {
	const result: RowProblem<C> = { line, code };
	if (column !== undefined) result.column = column;
	if (value !== undefined) result.value = value;
	return result;
}

// Stryker disable next-line ArithmeticOperator,ArrowFunction: Array.prototype.sort is stable (ES2019), so this tie-break only states the intent
const inFoundOrder = (a: { index: number }, b: { index: number }): number => a.index - b.index;

/** Sorts problems by line, keeping the order found within a line. */
export function sortProblems<P extends { line: number }>(problems: P[]): P[] {
	return problems
		.map((p, index) => ({ p, index }))
		.sort((a, b) => a.p.line - b.p.line || inFoundOrder(a, b))
		.map(({ p }) => p);
}

function isRealDate(year: number, month: number, day: number): boolean {
	if (year < 1000) return false;
	// Stryker disable next-line ConditionalExpression,LogicalOperator: four digits never pass 9999, and the round trip below refuses month 0 or 13 and day 0 too
	if (year > 9999 || month < 1 || month > 12 || day < 1) return false;
	const d = new Date(Date.UTC(year, month - 1, day));
	// Stryker disable next-line ConditionalExpression,LogicalOperator: a day past the month's end (at most 99) always moves the month, so the year and day comparisons add nothing
	return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Parses a calendar date written `YYYY-MM-DD` or `DD/MM/YYYY` (one-digit day/month allowed) and returns it as
 * `YYYY-MM-DD`; `null` if the text is not a real calendar date in one of those forms.
 */
export function parseCalendarDate(text: string): string | null {
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
	// Stryker disable next-line ConditionalExpression: when the ISO form matched, it wins whatever this finds
	const vn = iso === null ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) : null;
	const [year, month, day] = iso
		? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
		: vn
			? [Number(vn[3]), Number(vn[2]), Number(vn[1])]
			: // Stryker disable next-line ArrayDeclaration: undefined numbers fail the checks below as NaN does
				[NaN, NaN, NaN];
	if (!isRealDate(year, month, day)) return null;
	return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
