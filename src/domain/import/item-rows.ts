import { err, ok } from '../result.ts';
import type { Result } from '../result.ts';
import { cellText, parseCalendarDate, problem, sortProblems, textLength } from './rows.ts';
import type { InputRow, RowProblem } from './rows.ts';

/** Columns of a plan-items file. */
export const ITEM_COLUMNS = { required: ['unit', 'code', 'title'], optional: ['frequency', 'due', 'points'] } as const;

/** Longest item code. */
export const MAX_ITEM_CODE = 32;
/** Longest item title. */
export const MAX_ITEM_TITLE = 300;

/** A validated plan item. */
export type ItemRow = {
	line: number;
	/** Upper-case code of the unit the item belongs to. */
	unitCode: string;
	/** Item code as written (trimmed); unique per unit, compared case-insensitively. */
	code: string;
	title: string;
	/** Free text such as `hằng tháng`; `null` when empty. */
	frequency: string | null;
	/** `YYYY-MM-DD`; `null` when empty. */
	due: string | null;
	/** Non-negative; `0` when empty. */
	points: number;
};

/** What can be wrong with an item row. */
export type ItemRowProblemCode =
	'required' | 'too-long' | 'unknown-unit' | 'duplicate-item' | 'bad-points' | 'bad-date';

/** A problem in an item row. */
export type ItemRowProblem = RowProblem<ItemRowProblemCode>;

/** State the rows are checked against. */
export type ItemImportContext = {
	/** Codes of the active units targeted by the round (compared upper-case). */
	unitCodes: Set<string>;
};

const DECIMAL = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;

/** Parses points written with a decimal dot or comma (`2.5`, `2,5`); `null` unless a finite number. */
export function parsePoints(text: string): number | null {
	if (!DECIMAL.test(text)) return null;
	const value = Number(text.replace(',', '.'));
	return Number.isFinite(value) ? value : null;
}

/**
 * Validates the rows of a plan-items file (columns `unit,code,title,frequency,due,points`).
 *
 * - `unit` (required) must be one of `ctx.unitCodes` (any case) — else `unknown-unit`.
 * - `code` (required, ≤ {@link MAX_ITEM_CODE}) must not repeat for the same unit — later lines are `duplicate-item`.
 * - `title` required, ≤ {@link MAX_ITEM_TITLE} characters; `frequency` free text, empty → `null`.
 * - `due`: `YYYY-MM-DD` or `DD/MM/YYYY`, normalised; empty → `null`; anything else `bad-date`.
 * - `points`: a non-negative number with `.` or `,` decimals; empty → `0`; else `bad-points`.
 *
 * All-or-nothing: the items, or every problem sorted by line.
 */
export function validateItemRows(rows: InputRow[], ctx: ItemImportContext): Result<ItemRow[], ItemRowProblem[]> {
	const problems: ItemRowProblem[] = [];
	const items: ItemRow[] = [];
	const units = new Set([...ctx.unitCodes].map((code) => code.trim().toUpperCase()));
	const seen = new Set<string>();

	for (const row of rows) {
		const before = problems.length;
		const add = (code: ItemRowProblemCode, column: string, value?: string): void => {
			problems.push(problem(row.line, code, column, value));
		};

		const unitCode = cellText(row, 'unit').toUpperCase();
		if (unitCode === '') add('required', 'unit');
		else if (!units.has(unitCode)) add('unknown-unit', 'unit', unitCode);

		const code = cellText(row, 'code');
		if (code === '') add('required', 'code');
		else if (textLength(code) > MAX_ITEM_CODE) add('too-long', 'code', code);
		else if (unitCode !== '') {
			// Stryker disable next-line MethodExpression: folding to lower case instead compares codes as case-blind for every code a plan uses
			const key = `${unitCode}\u0000${code.toUpperCase()}`;
			if (seen.has(key)) add('duplicate-item', 'code', code);
			else seen.add(key);
		}

		const title = cellText(row, 'title');
		if (title === '') add('required', 'title');
		else if (textLength(title) > MAX_ITEM_TITLE) add('too-long', 'title', title);

		const frequencyText = cellText(row, 'frequency');
		const frequency = frequencyText === '' ? null : frequencyText;

		const dueText = cellText(row, 'due');
		// Stryker disable next-line ConditionalExpression,StringLiteral: parseCalendarDate('') is null too; the test only spares a call
		const due = dueText === '' ? null : parseCalendarDate(dueText);
		if (dueText !== '' && due === null) add('bad-date', 'due', dueText);

		const pointsText = cellText(row, 'points');
		const points = pointsText === '' ? 0 : parsePoints(pointsText);
		if (points === null || points < 0) add('bad-points', 'points', pointsText);

		// Stryker disable next-line ConditionalExpression,LogicalOperator: all or nothing: rows come back only when no row has a problem, and then every value is set (the check narrows types)
		if (problems.length === before && points !== null) {
			items.push({ line: row.line, unitCode, code, title, frequency, due, points: points === 0 ? 0 : points });
		}
	}
	return problems.length > 0 ? err(sortProblems(problems)) : ok(items);
}
