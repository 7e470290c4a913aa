import { describe, expect, it } from 'vitest';
import { runTrials } from '../trials/trials.ts';

/** `npm run trials` runs 100 trials of 63 units; here a short version keeps it honest on every run. */
const TRIALS = 10;
const UNITS = 12;

describe('crash trials (kill -9 of the bot process at random moments)', () => {
	it(`GIVEN ${TRIALS} trials of ${UNITS} units, each killed during a publish and during a reminder sweep WHEN restarted THEN nothing is lost and nothing duplicated`, async () => {
		const summary = await runTrials(TRIALS, UNITS);
		console.log(`${summary.trials} trials, ${summary.lost} lost, ${summary.duplicated} duplicated`);
		expect(summary.notes.filter((n) => !n.includes('published again'))).toEqual([]);
		expect({ trials: summary.trials, lost: summary.lost, duplicated: summary.duplicated }).toEqual({
			trials: TRIALS,
			lost: 0,
			duplicated: 0,
		});
	}, 900_000);
});
