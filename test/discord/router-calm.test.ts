import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/app/deps.ts';
import { encodeCustomId } from '../../src/discord/custom-id.ts';
import type { ComponentModule } from '../../src/discord/modules.ts';
import { CALM_QUIET_MS, createRouter } from '../../src/discord/router.ts';
import { clickTransport } from '../support/click-transport.ts';

// Router.calm(): public edits that follow an answer wait until nobody is waiting for their own first answer.

const silent = { info() {}, warn() {}, error() {}, debug() {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const customId = encodeCustomId({ kind: 'agree', roundId: 1, unitId: 1 });

describe('the router is calm once everybody has had a first answer', () => {
	it('GIVEN no interaction WHEN asked THEN it is calm at once', async () => {
		const router = createRouter({ log: silent } as unknown as Deps, [], []);
		let calm = false;
		void router.calm().then(() => (calm = true));
		await Promise.resolve();
		await Promise.resolve();
		expect(calm).toBe(true);
	});

	it('GIVEN two clicks, one answered and still at work (announcing), one waiting for its answer WHEN asked THEN calm comes once the second is answered, while the first still works', async () => {
		const log: string[] = [];
		const gates = new Map<string, () => void>();
		const gate = (name: string) => new Promise<void>((resolve) => gates.set(name, resolve));
		const agree: ComponentModule = {
			kind: 'agree',
			type: 'button',
			defer: true,
			run: async (ctx) => {
				await gate(`answer ${ctx.id}`);
				await ctx.reply('recorded');
				// THEN (after the answer) the click announces: it waits for the router to be calm, like a draft edit
				await router.calm();
				log.push(`${ctx.id} announced`);
				await gate(`end ${ctx.id}`);
			},
		};
		const router = createRouter({ log: silent, settings: { get: async () => null } } as unknown as Deps, [], [agree]);
		const one = router.handleIncoming({ type: 'button', customId }, clickTransport('1', log));
		const two = router.handleIncoming({ type: 'button', customId }, clickTransport('2', log));
		await sleep(5);
		// WHEN the first is answered: it may not announce while the second waits for its answer
		gates.get('answer 1')!();
		await sleep(20);
		expect(log).toEqual(['1 reply recorded']);
		// WHEN the second is answered: both announce once it has been quiet a moment (neither waits for the other's end)
		gates.get('answer 2')!();
		await sleep(CALM_QUIET_MS + 20);
		expect(log).toEqual(['1 reply recorded', '2 reply recorded', '1 announced', '2 announced']);
		expect(router.inFlight).toBe(2);
		gates.get('end 1')!();
		gates.get('end 2')!();
		await Promise.all([one, two]);
	});

	it('GIVEN a burst that comes in two reads of the socket a few ms apart WHEN the first read has all had their answer THEN calm waits for the second read too, and for a quiet moment after its answers', async () => {
		const log: string[] = [];
		const gates = new Map<string, () => void>();
		const agree: ComponentModule = {
			kind: 'agree',
			type: 'button',
			defer: true,
			run: async (ctx) => {
				await new Promise<void>((resolve) => gates.set(ctx.id, resolve));
				await ctx.reply('recorded');
			},
		};
		const router = createRouter({ log: silent, settings: { get: async () => null } } as unknown as Deps, [], [agree]);
		// GIVEN the first read's click, answered; someone waits for calm
		const one = router.handleIncoming({ type: 'button', customId }, clickTransport('1', log));
		await sleep(2);
		gates.get('1')!();
		await one;
		let calmAt = 0;
		const calm = router.calm().then(() => {
			calmAt = performance.now();
			log.push('calm');
		});
		// WHEN the second read's click arrives a few ms later, inside the quiet moment
		await sleep(CALM_QUIET_MS / 3);
		const two = router.handleIncoming({ type: 'button', customId }, clickTransport('2', log));
		await sleep(CALM_QUIET_MS);
		// THEN no calm while it waits for its answer
		expect(log).toEqual(['1 reply recorded']);
		gates.get('2')!();
		await two;
		const answeredAt = performance.now();
		await calm;
		// THEN calm comes after its answer, once nothing has happened for the quiet moment
		expect(log).toEqual(['1 reply recorded', '2 reply recorded', 'calm']);
		expect(calmAt - answeredAt).toBeGreaterThanOrEqual(CALM_QUIET_MS - 5);
		// And once quiet, calm is at once
		const started = performance.now();
		await router.calm();
		expect(performance.now() - started).toBeLessThan(CALM_QUIET_MS / 2);
	});

	it('GIVEN a click that never gets its answer WHEN asked with a bounded wait THEN calm comes when the wait is over', async () => {
		const log: string[] = [];
		let release!: () => void;
		const stuck = new Promise<void>((resolve) => (release = resolve));
		const agree: ComponentModule = { kind: 'agree', type: 'button', defer: true, run: async () => stuck };
		const router = createRouter({ log: silent, settings: { get: async () => null } } as unknown as Deps, [], [agree]);
		const click = router.handleIncoming({ type: 'button', customId }, clickTransport('1', log));
		const started = performance.now();
		await router.calm(60);
		expect(performance.now() - started).toBeGreaterThanOrEqual(55);
		release();
		await click;
	});

	it('GIVEN a deferral that waits for a slot held by an announcing click (http mode) WHEN it is called THEN it counts as answered: the announcement goes on and frees the slot', async () => {
		const log: string[] = [];
		let freeSlot!: () => void;
		const slot = new Promise<void>((resolve) => (freeSlot = resolve));
		let releaseTwo!: () => void;
		const twoMayDefer = new Promise<void>((resolve) => (releaseTwo = resolve));
		const agree: ComponentModule = {
			kind: 'agree',
			type: 'button',
			defer: true,
			run: async (ctx) => {
				if (ctx.id === '1') {
					await ctx.reply('recorded');
					// announcing: waits for calm (far longer than the test), then frees the endpoint's slot
					await router.calm(60_000);
					log.push('1 announced');
					freeSlot();
					return;
				}
				await twoMayDefer;
				await ctx.defer();
				await ctx.reply('recorded');
			},
		};
		const router = createRouter({ log: silent, settings: { get: async () => null } } as unknown as Deps, [], [agree]);
		// Click 2's deferral is acknowledged, then waits for the slot click 1 holds (as HttpTransport.afterDefer does).
		const two = clickTransport('2', log);
		const deferTwo = two.defer;
		two.defer = async () => {
			await deferTwo();
			await slot;
		};
		const one = router.handleIncoming({ type: 'button', customId }, clickTransport('1', log));
		const second = router.handleIncoming({ type: 'button', customId }, two);
		await sleep(10);
		releaseTwo();
		await Promise.race([Promise.all([one, second]), sleep(1000)]);
		expect(log).toEqual(['1 reply recorded', '2 defer', '1 announced', '2 reply recorded']);
	});
});
