import { describe, expect, it } from 'vitest';
import { parseCalendarDate, problem, sortProblems } from '../../../src/domain/import/rows.ts';

describe('problem', () => {
	it('GIVEN no column and no value WHEN a problem is built THEN it has only a line and a code (no empty keys)', () => {
		// WHEN built from a line and a code alone
		const built = problem(4, 'required');
		// THEN the optional keys are absent, not present as undefined
		expect(Object.keys(built)).toEqual(['line', 'code']);
	});

	it('GIVEN a column and a value WHEN a problem is built THEN both are kept', () => {
		expect(problem(4, 'too-long', 'name', 'x')).toStrictEqual({
			line: 4,
			code: 'too-long',
			column: 'name',
			value: 'x',
		});
	});
});

describe('sortProblems', () => {
	it('GIVEN problems of several lines, interleaved WHEN sorted THEN by line, and within a line in the order found', () => {
		// GIVEN three problems on line 5 and two on line 2, found in this order
		const found = [
			{ line: 5, code: 'a' },
			{ line: 2, code: 'b' },
			{ line: 5, code: 'c' },
			{ line: 2, code: 'd' },
			{ line: 5, code: 'e' },
			{ line: 5, code: 'f' },
			{ line: 2, code: 'g' },
		];
		// WHEN sorted
		const sorted = sortProblems(found);
		// THEN line 2 first, each line keeping its own order
		expect(sorted.map((p) => p.code).join('')).toBe('bdgacef');
	});
});

describe('parseCalendarDate: the whole text is the date', () => {
	it.each(['x2025-09-02', '2025-09-02x', 'x02/09/2025', '02/09/2025x', ' 02/09/2025'])(
		'GIVEN %j (a date with something around it) WHEN parsed THEN it is not a date',
		(text) => {
			expect(parseCalendarDate(text)).toBeNull();
		},
	);

	it.each([
		['1000-01-01', '1000-01-01'],
		['01/01/1000', '1000-01-01'],
		['31/05/2025', '2025-05-31'],
	])('GIVEN %j (at the edge of what is accepted) WHEN parsed THEN it is %j', (text, iso) => {
		expect(parseCalendarDate(text)).toBe(iso);
	});
});
