import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/discord/pacer.ts';

describe('pacer', () => {
	it('GIVEN a limit of 5 per 100 ms WHEN 12 requests ask at once THEN no 100 ms window ever holds more than 5', async () => {
		const pacer = new Pacer(5, 100);
		const times: number[] = [];
		await Promise.all(Array.from({ length: 12 }, () => pacer.take().then(() => times.push(performance.now()))));
		expect(times).toHaveLength(12);
		for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThanOrEqual(99);
	});

	it('GIVEN requests below the limit WHEN they ask THEN none waits', async () => {
		const pacer = new Pacer(10, 1000);
		const start = performance.now();
		await Promise.all(Array.from({ length: 10 }, () => pacer.take()));
		expect(performance.now() - start).toBeLessThan(50);
	});
});
