import { err, ok } from '../result.ts';
import type { Result } from '../result.ts';
import { cellText, parseCalendarDate, problem, sortProblems, textLength } from './rows.ts';
import type { InputRow, RowProblem } from './rows.ts';

/** Columns of a holiday-import file. */
export const HOLIDAY_COLUMNS = { required: ['date', 'name'], optional: [] } as const;

/** Longest holiday name. */
export const MAX_HOLIDAY_NAME = 100;

/** A validated holiday to create or update. */
export type HolidayRow = { line: number; /** `YYYY-MM-DD` */ date: string; name: string };

/** What can be wrong with a holiday row. */
export type HolidayRowProblemCode = 'required' | 'bad-date' | 'too-long' | 'duplicate-in-file';

/** A problem in a holiday row. */
export type HolidayRowProblem = RowProblem<HolidayRowProblemCode>;

/** State the rows are checked against. */
export type HolidayImportContext = {
	/** Dates (`YYYY-MM-DD`) already stored; rows for them are updates, not errors. */
	existingDates: Set<string>;
};

/**
 * Validates the rows of a holiday file (columns `date,name`): `date` is `YYYY-MM-DD` or `DD/MM/YYYY` and a real
 * calendar date, normalised to `YYYY-MM-DD`, and appears once in the file (later lines are `duplicate-in-file`);
 * `name` is required, at most {@link MAX_HOLIDAY_NAME} characters. Dates already stored pass through (they are
 * updated). All-or-nothing: the rows, or every problem sorted by line.
 */
export function validateHolidayRows(
	rows: InputRow[],
	_ctx: HolidayImportContext,
): Result<HolidayRow[], HolidayRowProblem[]> {
	const problems: HolidayRowProblem[] = [];
	const holidays: HolidayRow[] = [];
	const seen = new Set<string>();

	for (const row of rows) {
		const before = problems.length;
		const add = (code: HolidayRowProblemCode, column: string, value?: string): void => {
			problems.push(problem(row.line, code, column, value));
		};

		const dateText = cellText(row, 'date');
		// Stryker disable next-line ConditionalExpression,StringLiteral: parseCalendarDate('') is null too; the test only spares a call
		const date = dateText === '' ? null : parseCalendarDate(dateText);
		if (dateText === '') add('required', 'date');
		else if (date === null) add('bad-date', 'date', dateText);
		else if (seen.has(date)) add('duplicate-in-file', 'date', dateText);
		else seen.add(date);

		const name = cellText(row, 'name');
		if (name === '') add('required', 'name');
		else if (textLength(name) > MAX_HOLIDAY_NAME) add('too-long', 'name', name);

		// Stryker disable next-line ConditionalExpression,LogicalOperator: all or nothing: rows come back only when no row has a problem, and then every value is set (the check narrows types)
		if (problems.length === before && date !== null) holidays.push({ line: row.line, date, name });
	}
	return problems.length > 0 ? err(sortProblems(problems)) : ok(holidays);
}
