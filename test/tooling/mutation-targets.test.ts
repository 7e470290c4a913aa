import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript tooling (mutation/), checked with @ts-check, without declarations
import { checkTargets, countByFile, table } from '../../mutation/targets.js';

// The verdicts `npm run mutation` prints at its end and turns into its exit code (mutation/targets.js, issue 15).

type Counts = { file: string; detected: number; survived: number; noCoverage: number; ignored: number };
type Verdict = { ok: boolean; text: string };

const counts = (file: string, detected: number, survived: number, noCoverage = 0, ignored = 0): Counts => ({
	file,
	detected,
	survived,
	noCoverage,
	ignored,
});
const verdicts = (files: Counts[]): Verdict[] => checkTargets(files) as Verdict[];
const failed = (files: Counts[]): string[] => verdicts(files).flatMap((v) => (v.ok ? [] : [v.text]));

describe('the targets of a mutation run', () => {
	it('GIVEN a report of the mutation-testing schema WHEN counted THEN killed and timed out count as detected, only the files asked for, in order', () => {
		const mutants = (...statuses: string[]) => statuses.map((status) => ({ status }));
		const report = {
			files: {
				'src/app/b.ts': { mutants: mutants('Killed', 'Timeout', 'Survived', 'NoCoverage', 'Ignored', 'CompileError') },
				'src/app/a.ts': { mutants: mutants('Survived', 'Survived') },
				'src/app/not-asked.ts': { mutants: mutants('Killed') },
			},
		};

		expect(countByFile(report, ['src/app/a.ts', 'src/app/b.ts'])).toEqual([
			counts('src/app/a.ts', 0, 2),
			counts('src/app/b.ts', 2, 1, 1, 2),
		]);
	});

	it('GIVEN src/domain at exactly 95 % and every file at 90 % or more WHEN judged THEN every target passes', () => {
		const files = [counts('src/domain/a.ts', 90, 10), counts('src/domain/b.ts', 100, 0, 3)];

		expect(verdicts(files)).toEqual([
			{ ok: true, text: 'src/domain: 95.00 % of covered mutants detected (target ≥ 95 %)' },
			{ ok: true, text: 'src/domain: no file below 90 % of covered mutants' },
			{ ok: true, text: 'src/domain: no file without coverage' },
		]);
	});

	it('GIVEN src/domain just under 95 % WHEN judged THEN the area target is missed', () => {
		expect(failed([counts('src/domain/a.ts', 949, 51)])).toEqual([
			'src/domain: 94.90 % of covered mutants detected (target ≥ 95 %)',
		]);
	});

	it('GIVEN one domain file below 90 % in an area above 95 % WHEN judged THEN that file is named', () => {
		const files = [counts('src/domain/big.ts', 1000, 0), counts('src/domain/small.ts', 8, 2)];

		expect(failed(files)).toEqual([
			'src/domain: no file below 90 % of covered mutants; below: src/domain/small.ts (80.00 %)',
		]);
	});

	it('GIVEN src/app at 90 % with a file far below WHEN judged THEN it passes: src/app has no per-file floor', () => {
		const files = [counts('src/app/a.ts', 85, 5), counts('src/app/b.ts', 5, 5)];

		expect(verdicts(files).map((v) => v.ok)).toEqual([true, true]);
		expect(failed([counts('src/app/a.ts', 89, 11)])).toEqual([
			'src/app: 89.00 % of covered mutants detected (target ≥ 90 %)',
		]);
	});

	it('GIVEN a file whose mutants no test covers WHEN judged THEN it fails on its own, whatever the percentages', () => {
		const files = [counts('src/app/a.ts', 100, 0), counts('src/app/orphan.ts', 0, 0, 7)];

		expect(failed(files)).toEqual(['src/app: no file without coverage; no test covers: src/app/orphan.ts']);
	});

	it('GIVEN only app files WHEN judged THEN src/domain is not judged', () => {
		expect(verdicts([counts('src/app/a.ts', 1, 0)]).map((v) => v.text.split(':')[0])).toEqual(['src/app', 'src/app']);
	});

	it('GIVEN counted files WHEN printed THEN one aligned row per file under the header', () => {
		const lines = (table([counts('src/app/a.ts', 3, 1, 2, 4)]) as string).split('\n');

		expect(lines).toEqual([
			'file         | covered % | killed | survived | no cov. | ignored',
			'-------------|-----------|--------|----------|---------|--------',
			'src/app/a.ts |   75.00 % |      3 |        1 |       2 |       4',
		]);
	});
});
