import { defineConfig } from 'vitest/config';

// The tests `npm run mutation` runs against each mutant (mutation/run.js): for src/domain only the domain tables
// (domain code is pinned by its own tests), for src/app the use cases over SQLite plus those tables. The
// end-to-end tests (real discord.js against the fake Discord) are too slow to run per mutant.
const area = process.env.GOPY_MUTATION_AREA === 'app' ? 'app' : 'domain';

export default defineConfig({
	test: {
		include: area === 'app' ? ['test/app/**/*.test.ts', 'test/domain/**/*.test.ts'] : ['test/domain/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		reporters: ['default'],
	},
});
