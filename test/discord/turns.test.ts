import { describe, expect, it } from 'vitest';
import { Turns } from '../../src/discord/turns.ts';

describe('posts take turns', () => {
	it('GIVEN four callers at once WHEN they take turns THEN they go in order, each in a turn of the event loop of its own', async () => {
		const turns = new Turns();
		// Counts the turns of the event loop: one immediate per turn, set again from itself.
		let turn = 0;
		let counting = true;
		const count = () => {
			turn++;
			if (counting) setImmediate(count);
		};
		setImmediate(count);
		const seen: Array<{ caller: number; turn: number }> = [];

		await Promise.all([0, 1, 2, 3].map((caller) => turns.take().then(() => seen.push({ caller, turn }))));
		counting = false;

		expect(seen.map((s) => s.caller)).toEqual([0, 1, 2, 3]);
		const at = seen.map((s) => s.turn);
		expect(new Set(at).size).toBe(4);
		for (let i = 1; i < at.length; i++) expect(at[i]!).toBeGreaterThan(at[i - 1]!);
	});
});
