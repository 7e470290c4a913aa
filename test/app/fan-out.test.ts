import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../src/app/fan-out.ts';

describe('mapBounded', () => {
	it('GIVEN 20 calls finishing in reverse order WHEN run 4 at a time THEN never more than 4 are in flight and results keep the input order', async () => {
		let inFlight = 0;
		let most = 0;
		const items = Array.from({ length: 20 }, (_, i) => i);
		const results = await mapBounded(items, 4, async (n) => {
			inFlight++;
			most = Math.max(most, inFlight);
			await new Promise((r) => setTimeout(r, 20 - n));
			inFlight--;
			return n * 10;
		});
		expect(most).toBe(4);
		expect(results).toEqual(items.map((n) => n * 10));
	});

	it('GIVEN no items WHEN mapped THEN the result is empty and fn is never called', async () => {
		let calls = 0;
		expect(await mapBounded([], 8, async () => ++calls)).toEqual([]);
		expect(calls).toBe(0);
	});
});
