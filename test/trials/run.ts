/**
 * `npm run trials [-- <trials> [<units>]]`: crash trials against the real bot process (test/trials/trials.ts).
 * Prints `N trials, L lost, D duplicated` and exits 1 unless both are 0. Default: 100 trials of 63 units.
 */
import { runTrials } from './trials.ts';

const trials = Number(process.argv[2] ?? 100);
const units = Number(process.argv[3] ?? 63);
if (!Number.isInteger(trials) || trials < 1 || !Number.isInteger(units) || units < 1) {
	process.stderr.write('usage: npm run trials -- [trials (default 100)] [units (default 63)]\n');
	process.exit(2);
}
const started = Date.now();
const summary = await runTrials(trials, units, (n, r) => {
	const seconds = ((Date.now() - started) / 1000).toFixed(0);
	process.stdout.write(`trial ${n}/${trials}: ${r.lost} lost, ${r.duplicated} duplicated (${seconds} s)\n`);
	for (const note of r.notes) process.stdout.write(`  ${note}\n`);
});
process.stdout.write(`${summary.trials} trials, ${summary.lost} lost, ${summary.duplicated} duplicated\n`);
process.exit(summary.lost === 0 && summary.duplicated === 0 ? 0 : 1);
