import { defineConfig } from 'vitest/config';

// The tests `npm run mutation` runs against each mutant (mutation/run.js): for src/domain only the domain tables
// (domain code is pinned by its own tests), for src/app the use cases over SQLite plus those tables. The
// end-to-end tests (real discord.js against the fake Discord) are too slow to run per mutant.
// Timeouts are generous: under a shared machine's load the two-process tests of test/app took over 30 s.
const area = process.env.GOPY_MUTATION_AREA === 'app' ? 'app' : 'domain';
// MUTATION_TESTS=<glob>,<glob>…: only these test files (mutation/run.js): a file's own tests instead of all of an
// area's. A mutant survives more easily with fewer tests, so a score measured that way is a lower bound.
const only = (process.env.MUTATION_TESTS ?? '')
	.split(',')
	.map((g) => g.trim())
	.filter((g) => g !== '');

export default defineConfig({
	test: {
		include:
			only.length > 0
				? only
				: area === 'app'
					? ['test/app/**/*.test.ts', 'test/domain/**/*.test.ts']
					: ['test/domain/**/*.test.ts'],
		testTimeout: 120_000,
		hookTimeout: 120_000,
		reporters: ['default'],
	},
});
