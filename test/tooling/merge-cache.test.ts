import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript tooling (mutation/), checked with @ts-check, without declarations
import { mergeReports } from '../../mutation/merge-cache.js';

// Caches of mutation runs made on two branches are combined after the merge (mutation/merge-cache.js).

const test = (id: string, name: string, line: number) => ({ id, name, location: { start: { line, column: 1 } } });
const mutant = (id: string, status: string, coveredBy: string[], killedBy: string[] = []) => ({
	id,
	mutatorName: 'BooleanLiteral',
	replacement: 'false',
	location: { start: { line: 1, column: 1 }, end: { line: 1, column: 5 } },
	status,
	coveredBy,
	killedBy,
});

describe('merging mutation caches of two branches', () => {
	const a = {
		projectRoot: '/work/wt-a',
		files: { '/work/wt-a/src/app/a.ts': { source: 'a', mutants: [mutant('1', 'Killed', ['0', '1'], ['1'])] } },
		testFiles: {
			'test/app/a.test.ts': { source: 'A v2', tests: [test('0', 'a one', 3), test('1', 'a two', 9)] },
			'test/app/shared.test.ts': { source: 'S v0', tests: [test('2', 'shared', 4)] },
		},
	};
	const b = {
		projectRoot: '/work/wt-b',
		files: { 'src/app/b.ts': { source: 'b', mutants: [mutant('1', 'Survived', ['0', '1'])] } },
		testFiles: {
			'test/app/a.test.ts': { source: 'A v1', tests: [test('0', 'a one', 3)] },
			'test/app/shared.test.ts': { source: 'S v0', tests: [test('1', 'shared', 4)] },
		},
	};
	const tree: Record<string, string> = { 'test/app/a.test.ts': 'A v2', 'test/app/shared.test.ts': 'S v0' };
	const merged = mergeReports([a, b], (file: string) => tree[file]);

	it('GIVEN two caches of different files WHEN merged THEN both files are kept, named relative to the project', () => {
		expect(Object.keys(merged.files).sort()).toEqual(['src/app/a.ts', 'src/app/b.ts']);
		expect(merged.projectRoot).toBeUndefined();
	});

	it('GIVEN a test file as it is in the merged tree WHEN merged THEN its tests keep covering and killing, under one id each', () => {
		const tests = merged.testFiles['test/app/a.test.ts'].tests;
		expect(merged.testFiles['test/app/a.test.ts'].source).toBe('A v2');
		const id = (name: string) => tests.find((t: { name: string }) => t.name === name).id;
		const killedInA = merged.files['src/app/a.ts'].mutants[0];
		expect(killedInA.killedBy).toEqual([id('a two')]);
		expect(killedInA.coveredBy).toEqual([id('a one'), id('a two')]);
		// The test both branches ran, from an unchanged file, is one test
		expect(merged.testFiles['test/app/shared.test.ts'].tests).toHaveLength(1);
		const shared = merged.testFiles['test/app/shared.test.ts'].tests[0].id;
		expect(merged.files['src/app/b.ts'].mutants[0].coveredBy).toEqual([shared]);
		expect(new Set([id('a one'), id('a two'), shared]).size).toBe(3);
	});

	it('GIVEN a branch whose copy of a test file differs from the merged tree WHEN merged THEN its results forget that file’s tests', () => {
		// b ran `a one` from A v1: the tree has A v2, so b's mutant keeps only the shared test
		expect(merged.files['src/app/b.ts'].mutants[0].coveredBy).not.toContain(
			merged.testFiles['test/app/a.test.ts'].tests[0].id,
		);
		expect(merged.files['src/app/b.ts'].mutants[0].coveredBy).toHaveLength(1);
	});

	it('GIVEN a test file deleted since WHEN merged THEN none of its tests are kept', () => {
		const gone = mergeReports([b], (file: string) => (file === 'test/app/shared.test.ts' ? undefined : tree[file]));
		expect(gone.testFiles).toEqual({});
		expect(gone.files['src/app/b.ts'].mutants[0].coveredBy).toEqual([]);
	});
});
