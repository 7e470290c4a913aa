import { describe, expect, it, vi } from 'vitest';
import { Batcher } from '../../src/app/fan-out.ts';

describe('Batcher', () => {
	it('GIVEN three calls in one turn and two more while they are written WHEN flushed THEN two batches are written and each caller gets its own result', async () => {
		const batches: number[][] = [];
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const batcher = new Batcher(async (ns: number[]) => {
			batches.push(ns);
			if (batches.length === 1) await gate;
			return ns.map((n) => n * 10);
		});
		const first = [1, 2, 3].map((n) => batcher.run(n));
		await Promise.resolve();
		await Promise.resolve();
		const later = [4, 5].map((n) => batcher.run(n));
		release();
		expect(await Promise.all([...first, ...later])).toEqual([10, 20, 30, 40, 50]);
		expect(batches).toEqual([
			[1, 2, 3],
			[4, 5],
		]);
	});

	it('GIVEN a batch whose write fails WHEN flushed THEN every caller of that batch gets the error and the next batch is still written', async () => {
		let calls = 0;
		const batcher = new Batcher(async (ns: number[]) => {
			if (++calls === 1) throw new Error('database down');
			return ns;
		});
		const failed = [1, 2].map((n) => batcher.run(n));
		await expect(Promise.all(failed)).rejects.toThrow('database down');
		await expect(failed[1]).rejects.toThrow('database down');
		expect(await batcher.run(3)).toBe(3);
		expect(calls).toBe(2);
	});

	it('GIVEN more calls than the largest batch WHEN flushed THEN they are written in batches of at most that size', async () => {
		const sizes: number[] = [];
		const batcher = new Batcher(async (ns: number[]) => {
			sizes.push(ns.length);
			return ns;
		}, 4);
		await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.run(i)));
		expect(sizes).toEqual([4, 4, 2]);
	});

	it('GIVEN calls spread over 30 ms WHEN they linger 60 ms THEN they are written in one batch; WHEN they do not linger THEN each is written alone', async () => {
		// Fake timers: on a loaded machine a real 10 ms sleep can take longer than the 60 ms linger.
		vi.useFakeTimers();
		try {
			const spread = async (lingerMs: number): Promise<number[]> => {
				const sizes: number[] = [];
				const batcher = new Batcher(async (ns: number[]) => {
					sizes.push(ns.length);
					return ns;
				});
				const calls: Array<Promise<number>> = [];
				for (let i = 0; i < 4; i++) {
					calls.push(batcher.run(i, lingerMs));
					await vi.advanceTimersByTimeAsync(10);
				}
				await vi.advanceTimersByTimeAsync(lingerMs);
				expect(await Promise.all(calls)).toEqual([0, 1, 2, 3]);
				return sizes;
			};
			expect(await spread(60)).toEqual([4]);
			expect(await spread(0)).toEqual([1, 1, 1, 1]);
		} finally {
			vi.useRealTimers();
		}
	});
});
