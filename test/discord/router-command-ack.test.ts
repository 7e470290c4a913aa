import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/app/deps.ts';
import { commandWithSubcommands, subcommand } from '../../src/discord/modules.ts';
import { createRouter } from '../../src/discord/router.ts';
import { clickTransport } from '../support/click-transport.ts';

// A slash command's work starts while its acknowledgement travels: one round trip sooner (issue 10, publish).

const silent = { info() {}, warn() {}, error() {}, debug() {} };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function setUp(work: () => Promise<void>, log: string[]) {
	const body = subcommand({}, async (ctx) => {
		log.push('work starts');
		await work();
		log.push('work ends');
		await ctx.reply('done');
	});
	const deps = { log: silent, settings: { get: async () => null } } as unknown as Deps;
	// A command of the real catalog (its texts are needed to build it); the body is the test's.
	return createRouter(deps, [commandWithSubcommands('audit', { export: body })], []);
}

describe('a slash command is acknowledged without waiting for the acknowledgement', () => {
	it('GIVEN an acknowledgement that takes 100 ms WHEN a command comes THEN its work starts before it is acknowledged, and its answer comes after', async () => {
		const log: string[] = [];
		const router = setUp(() => sleep(5), log);
		const transport = clickTransport('1', log);
		const handled = router.handleIncoming(
			{ type: 'command', name: 'audit', subcommand: 'export', options: new Map() },
			{
				...transport,
				defer: async () => {
					log.push('defer sent');
					await sleep(100);
					log.push('defer acknowledged');
				},
			},
		);
		await sleep(50);
		expect(log).toEqual(['defer sent', 'work starts', 'work ends']);
		await handled;
		expect(log).toEqual(['defer sent', 'work starts', 'work ends', 'defer acknowledged', '1 reply done']);
	});

	it('GIVEN an acknowledgement that fails WHEN the command fails before it failed THEN the apology is written only after the deferral has failed, and handling ends', async () => {
		const log: string[] = [];
		const router = setUp(async () => {
			throw new Error('database down');
		}, log);
		const transport = clickTransport('1', log);
		await router.handleIncoming(
			{ type: 'command', name: 'audit', subcommand: 'export', options: new Map() },
			{
				...transport,
				defer: async () => {
					log.push('defer sent');
					await sleep(30);
					log.push('defer refused');
					throw new Error('Unknown interaction');
				},
			},
		);
		expect(log[0]).toBe('defer sent');
		expect(log[1]).toBe('work starts');
		expect(log[2]).toBe('defer refused');
		// The apology (an answer of its own, through the raw transport) comes after the deferral settled.
		expect(log.slice(3).some((l) => l.startsWith('1 reply') || l.startsWith('1 followUp'))).toBe(true);
		expect(router.inFlight).toBe(0);
	});
});
