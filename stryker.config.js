// @ts-check
/**
 * Mutation testing (`npm run mutation`, see mutation/run.js): Stryker 9.6.1 with the vitest runner.
 * Stryker 10 needs Node 22; 9.6.1 works with vitest 4.1 on Node 20. mutation/run.js runs Stryker once per area
 * (src/domain, src/app), each with its own tests (vitest.mutation.config.ts), reports and incremental file.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
	testRunner: 'vitest',
	vitest: { configFile: 'vitest.mutation.config.ts', related: false },
	coverageAnalysis: 'perTest',
	concurrency: 2,
	// A loaded machine must not turn slow mutants into "timeout" (counted as detected) too easily.
	timeoutMS: 60_000,
	// The first run of every test (test/app takes minutes) must not time out on a shared, loaded machine (default 5).
	dryRunTimeoutMinutes: 30,
	// Results are reused across runs: mutation/run.js restores the file from mutation/cache/<area>.json.gz (in git).
	incremental: true,
	reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
	clearTextReporter: { allowColor: false, reportTests: false, reportMutants: true, reportScoreTable: true },
	ignorePatterns: ['bench', 'demo', 'data', 'docs', 'coverage', 'reports', '*.db'],
	tempDirName: '.stryker-tmp',
	cleanTempDir: 'always',
};
