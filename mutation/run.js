// @ts-check
/**
 * `npm run mutation [-- <glob>...]`: Stryker over src/domain and src/app, or only the files the globs match;
 * `--force` re-tests every mutant instead of reusing the previous run's results (incremental mode). Those results
 * are kept in git, `mutation/cache/<area>.json.gz`: each run starts from it and rewrites it, so commit it with the
 * change it measured; `mutation/merge-cache.js` combines the caches of runs made on different branches.
 * MUTATION_CONCURRENCY=<n> sets how many test runners Stryker starts (default: stryker.config.js) on a shared machine.
 * MUTATION_TESTS=<glob>,<glob>… runs only those test files against each mutant (vitest.mutation.config.ts), e.g. a
 * file's own tests: much faster where nearly every test of the area covers the file (outbox, fan-out), and the
 * score is then a lower bound (a mutant survives more easily with fewer tests); the summary says which tests ran.
 * MUTATION_IGNORE_STATIC=1 skips static mutants (code run while modules load, e.g. `const MAX = 200`): each one
 * re-runs every test of the area, minutes for src/app on a loaded machine; they are then counted as ignored.
 * One Stryker run per area, each against its own tests (see vitest.mutation.config.ts), then the targets of
 * issue 15 are printed for the files mutated; the exit code is 1 when one is missed or Stryker failed.
 */
import console from 'node:console';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { Stryker } from '@stryker-mutator/core';
import { readReport, writeReport } from './merge-cache.js';
import { checkTargets, countByFile, table } from './targets.js';

const AREAS = /** @type {const} */ (['domain', 'app']);

const args = process.argv.slice(2);
const force = args.includes('--force');
const concurrencyEnv = process.env.MUTATION_CONCURRENCY;
const concurrency = concurrencyEnv === undefined || concurrencyEnv === '' ? undefined : Number(concurrencyEnv);
if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
	console.error(`MUTATION_CONCURRENCY must be a whole number ≥ 1, got "${concurrencyEnv}"`);
	process.exit(2);
}
const ignoreStatic = process.env.MUTATION_IGNORE_STATIC === '1';
const globs = args.filter((a) => a !== '--force').map((g) => g.replaceAll('\\', '/').replace(/^\.\//, ''));

/** @type {import('./targets.js').FileCounts[]} */
const counted = [];
let strykerFailed = false;
for (const area of AREAS) {
	const dir = `src/${area}`;
	const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((f) => `${dir}/${f.replaceAll('\\', '/')}`)
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
		.filter((f) => globs.length === 0 || globs.some((g) => path.matchesGlob(f, g)))
		.sort();
	if (files.length === 0) continue;
	const reports = `reports/mutation/${area}`;
	const incrementalFile = `${reports}/incremental.json`;
	const cache = `mutation/cache/${area}.json.gz`;
	console.log(`\n=== ${dir}: ${files.length} file(s) ===\n`);
	// The committed cache is where every run starts from and what it leaves behind (commit it with the change).
	if (existsSync(cache)) {
		mkdirSync(reports, { recursive: true });
		writeReport(incrementalFile, readReport(cache));
	}
	process.env.GOPY_MUTATION_AREA = area;
	try {
		await new Stryker({
			mutate: files,
			force,
			...(concurrency === undefined ? {} : { concurrency }),
			...(ignoreStatic ? { ignoreStatic } : {}),
			incrementalFile,
			htmlReporter: { fileName: `${reports}/mutation.html` },
			jsonReporter: { fileName: `${reports}/mutation.json` },
		}).runMutationTest();
	} catch {
		strykerFailed = true; // Stryker has logged why
		continue;
	}
	mkdirSync(path.dirname(cache), { recursive: true });
	writeReport(cache, readReport(incrementalFile));
	const report = JSON.parse(readFileSync(`${reports}/mutation.json`, 'utf8'));
	counted.push(...countByFile(report, files));
}

console.log(`\nMutation targets (${globs.length > 0 ? globs.join(' ') : 'src/domain and src/app'}):\n`);
const onlyTests = process.env.MUTATION_TESTS ?? '';
if (onlyTests !== '') console.log(`Tests run against each mutant: only ${onlyTests} (the scores are lower bounds)\n`);
console.log(table(counted));
console.log('');
const verdicts = checkTargets(counted);
for (const v of verdicts) console.log(`${v.ok ? 'PASS' : 'MISS'}  ${v.text}`);
if (verdicts.length === 0) console.log('MISS  no file of src/domain or src/app was mutated');
if (strykerFailed) console.log('MISS  Stryker failed (see its log above)');
process.exitCode = !strykerFailed && verdicts.length > 0 && verdicts.every((v) => v.ok) ? 0 : 1;
