import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/app/deps.ts';
import type { Transport } from '../../src/discord/context.ts';
import { encodeCustomId } from '../../src/discord/custom-id.ts';
import type { ComponentModule } from '../../src/discord/modules.ts';
import { createRouter, QUICK_ANSWER_MAX_IN_FLIGHT } from '../../src/discord/router.ts';

/** A click's transport that records, in order, what the router sent for it. */
function clickTransport(id: string, log: string[]): Transport {
	return {
		id,
		guildId: 'g',
		locale: 'vi',
		actor: { userId: `u${id}`, userName: 'U', roleIds: [], canManageGuild: false },
		reply: async (content) => void log.push(`${id} reply ${content}`),
		edit: async (content) => void log.push(`${id} edit ${content}`),
		defer: async () => void log.push(`${id} defer`),
		followUp: async (content) => void log.push(`${id} followUp ${content}`),
		showModal: async () => void log.push(`${id} modal`),
		respond: async () => void log.push(`${id} respond`),
		channels: () => [],
		roles: () => [],
		latencyMs: () => 0,
	};
}

const silent = { info() {}, warn() {}, error() {}, debug() {} };

describe('a burst of clicks', () => {
	it('GIVEN clicks being worked on in the hope of a quick answer WHEN a burst arrives THEN they are acknowledged at once, not after the deferral delay', async () => {
		// GIVEN a button whose work waits until released (the database busy with the burst)
		const log: string[] = [];
		let release!: () => void;
		const busy = new Promise<void>((resolve) => (release = resolve));
		const agree: ComponentModule = {
			kind: 'agree',
			type: 'button',
			defer: true,
			async run(ctx) {
				await busy;
				await ctx.reply('recorded');
			},
		};
		const deps = { log: silent, settings: { get: async () => null } } as unknown as Deps;
		const router = createRouter(deps, [], [agree]);
		const customId = encodeCustomId({ kind: 'agree', roundId: 1, unitId: 1 });
		const click = (n: number) => router.handleIncoming({ type: 'button', customId }, clickTransport(String(n), log));

		// WHEN the first clicks start (quick path), then one more arrives while they are in flight
		const early = Array.from({ length: QUICK_ANSWER_MAX_IN_FLIGHT }, (_, i) => click(i + 1));
		await new Promise((resolve) => setImmediate(resolve));
		expect(log).toEqual([]);
		const burst = click(QUICK_ANSWER_MAX_IN_FLIGHT + 1);
		await new Promise((resolve) => setImmediate(resolve));

		// THEN every click in flight is acknowledged before any work finishes
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

	it('GIVEN a single click WHEN its work is quick THEN it is answered in the initial callback, without a deferral', async () => {
		const log: string[] = [];
		const agree: ComponentModule = {
			kind: 'agree',
			type: 'button',
			defer: true,
			run: async (ctx) => ctx.reply('recorded'),
		};
		const deps = { log: silent, settings: { get: async () => null } } as unknown as Deps;
		const router = createRouter(deps, [], [agree]);
		const customId = encodeCustomId({ kind: 'agree', roundId: 1, unitId: 1 });
		await router.handleIncoming({ type: 'button', customId }, clickTransport('1', log));
		expect(log).toEqual(['1 reply recorded']);
	});
});
