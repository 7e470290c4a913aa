import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/discord/pacer.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pacer', () => {
	it('GIVEN a limit of 5 per 100 ms WHEN 12 requests ask at once THEN each starts a window after the answer of the one 5 places before it, and not much later', async () => {
		const pacer = new Pacer(5, 100);
		const starts: number[] = [];
		const ends: number[] = [];
		await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				pacer.run(async () => {
					starts[i] = performance.now();
					await sleep(10);
					ends[i] = performance.now();
				}),
			),
		);
		expect(starts).toHaveLength(12);
		// Discord counts a request somewhere between its start and its answer: 5 places apart, they are a window apart …
		for (let i = 5; i < starts.length; i++) expect(starts[i]! - ends[i - 5]!).toBeGreaterThanOrEqual(99);
		// … and no later than needed: the sixth goes about a window after the first answer.
		expect(starts[5]! - ends[0]!).toBeLessThan(140);
	});

	it('GIVEN requests below the limit WHEN they ask THEN none waits', async () => {
		const pacer = new Pacer(10, 1000);
		const start = performance.now();
		await Promise.all(Array.from({ length: 10 }, () => pacer.run(async () => {})));
		expect(performance.now() - start).toBeLessThan(50);
	});

	it('GIVEN the window full of requests still in flight WHEN one more asks THEN it waits until one is answered and a window after that', async () => {
		const pacer = new Pacer(2, 100);
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		const first = pacer.run(() => held);
		const second = pacer.run(() => held);
		let third = 0;
		const late = pacer.run(async () => {
			third = performance.now();
		});
		await sleep(150);
		// THEN nothing moves while both slots are taken, however long ago they started
		expect(third).toBe(0);
		const answered = performance.now();
		release();
		await Promise.all([first, second, late]);
		expect(third - answered).toBeGreaterThanOrEqual(99);
	});

	it('GIVEN a server that counts each request half-way through round trips of 5 to 40 ms WHEN 60 requests go through a pacer of 10 per 100 ms THEN no 100 ms window of its counts holds more than 10', async () => {
		const pacer = new Pacer(10, 100);
		const counts: number[] = [];
		await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				pacer.run(async () => {
					const trip = 5 + ((i * 7) % 36);
					await sleep(trip / 2);
					counts.push(performance.now());
					await sleep(trip / 2);
				}),
			),
		);
		counts.sort((a, b) => a - b);
		for (let i = 10; i < counts.length; i++) expect(counts[i]! - counts[i - 10]!).toBeGreaterThanOrEqual(100);
	});

	it('GIVEN a request that fails WHEN it ends THEN its error reaches the caller and its slot is freed after the window', async () => {
		const pacer = new Pacer(1, 50);
		await expect(pacer.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		const start = performance.now();
		await pacer.run(async () => {});
		expect(performance.now() - start).toBeGreaterThanOrEqual(45);
	});
});
