import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/app/deps.ts';
import { encodeCustomId } from '../../src/discord/custom-id.ts';
import type { ComponentModule } from '../../src/discord/modules.ts';
import {
	BURST_DEFER_AFTER_MS,
	createRouter,
	DEFER_AFTER_MS,
	QUICK_ANSWER_MAX_IN_FLIGHT,
} from '../../src/discord/router.ts';
import { clickTransport } from '../support/click-transport.ts';

const silent = { info() {}, warn() {}, error() {}, debug() {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const customId = encodeCustomId({ kind: 'agree', roundId: 1, unitId: 1 });

/** A router with one Agree button whose work is `run`. */
function routerWith(run: ComponentModule['run']) {
	const agree: ComponentModule = { kind: 'agree', type: 'button', defer: true, run };
	const deps = { log: silent, settings: { get: async () => null } } as unknown as Deps;
	return createRouter(deps, [], [agree]);
}

describe('a burst of clicks', () => {
	it('GIVEN clicks being worked on in the hope of a quick answer WHEN a burst arrives and the work stays slow THEN every click is acknowledged once the burst delay has passed, not after the calm delay', async () => {
		// GIVEN a button whose work waits until released (the database busy with the burst)
		const log: string[] = [];
		let release!: () => void;
		const busy = new Promise<void>((resolve) => (release = resolve));
		const router = routerWith(async (ctx) => {
			await busy;
			await ctx.reply('recorded');
		});
		const click = (n: number) => router.handleIncoming({ type: 'button', customId }, clickTransport(String(n), log));

		// WHEN the first clicks start (calm), then one more arrives while they are in flight
		const early = Array.from({ length: QUICK_ANSWER_MAX_IN_FLIGHT }, (_, i) => click(i + 1));
		await sleep(10);
		const burst = click(QUICK_ANSWER_MAX_IN_FLIGHT + 1);
		await sleep(BURST_DEFER_AFTER_MS / 2);
		expect(log).toEqual([]);

		// THEN each click in flight is acknowledged soon after the burst delay, long before the calm one
		await sleep(BURST_DEFER_AFTER_MS);
		expect(BURST_DEFER_AFTER_MS * 1.5 + 10).toBeLessThan(DEFER_AFTER_MS);
		expect([...log].sort()).toEqual(
			Array.from({ length: QUICK_ANSWER_MAX_IN_FLIGHT + 1 }, (_, i) => `${i + 1} defer`).sort(),
		);
		release();
		await Promise.all([...early, burst]);
		// AND each answer then edits its acknowledgement, once
		for (let i = 1; i <= QUICK_ANSWER_MAX_IN_FLIGHT + 1; i++) {
			expect(log.filter((l) => l.startsWith(`${i} `))).toEqual([`${i} defer`, `${i} reply recorded`]);
		}
	});

	it('GIVEN a burst WHEN the work of each click is quick THEN each is answered in the initial callback, without a deferral', async () => {
		const log: string[] = [];
		const router = routerWith(async (ctx) => {
			await sleep(5);
			await ctx.reply('recorded');
		});
		const clicks = Array.from({ length: 3 * QUICK_ANSWER_MAX_IN_FLIGHT }, (_, i) =>
			router.handleIncoming({ type: 'button', customId }, clickTransport(String(i + 1), log)),
		);
		await Promise.all(clicks);
		expect(log.filter((l) => l.endsWith('defer'))).toEqual([]);
		expect(log).toHaveLength(3 * QUICK_ANSWER_MAX_IN_FLIGHT);
	});

	it('GIVEN a single click WHEN its work is quick THEN it is answered in the initial callback, without a deferral', async () => {
		const log: string[] = [];
		const router = routerWith((ctx) => ctx.reply('recorded'));
		await router.handleIncoming({ type: 'button', customId }, clickTransport('1', log));
		expect(log).toEqual(['1 reply recorded']);
	});
});
