import { Events, InteractionType, REST, type APIInteraction, type Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { skipInteractionStructures } from '../../src/discord/gateway-interactions.ts';
import { HttpTransport } from '../../src/discord/http-transport.ts';
import { captureLog } from '../support/log-capture.ts';
import { startE2E, type E2E } from '../support/e2e-harness.ts';

/** Interactions over the gateway are read from the raw dispatch and answered like those POSTed to the endpoint. */

let e: E2E | undefined;
afterEach(async () => {
	await e?.stop();
	e = undefined;
});

describe('interactions over the gateway', () => {
	it('GIVEN the bot on the gateway WHEN a person runs a command THEN it is answered, and discord.js built no interaction object for it', async () => {
		e = await startE2E();
		let built = 0;
		e.bot.client.on(Events.InteractionCreate, () => built++);
		const reply = await e.run(e.outsiderId, 'ping', undefined);
		expect(reply.ephemeral).toBe(true);
		expect(reply.content).toMatch(/^Bot đang hoạt động\./);
		expect(built).toBe(0);
	});

	it('GIVEN Discord refusing the interaction callback WHEN a person runs a command THEN the failure is logged with the interaction, and nothing is left unhandled', async () => {
		const { log, lines } = captureLog();
		e = await startE2E({ log });
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		try {
			// 400 is not retried: the acknowledgement, the apology and its follow-up all fail.
			e.fake.faults.serverError(/\/interactions\/\d+\/[^/]+\/callback/, 1, 400);
			const handle = e.fake.slashCommand({
				guildId: e.guildId,
				channelId: e.generalChannelId,
				userId: e.outsiderId,
				name: 'ping',
			});
			const until = Date.now() + 5000;
			while (!lines.some((l) => l['msg'] === 'could not answer a failed interaction') && Date.now() < until)
				await new Promise((r) => setTimeout(r, 20));
			await e.bot.router.idle();
			const failed = lines.find((l) => l['msg'] === 'interaction failed');
			expect(failed?.['interaction']).toBe(handle.id);
			expect(handle.state().callbacks).toBe(0);
			expect(unhandled).toEqual([]);
		} finally {
			process.off('unhandledRejection', onUnhandled);
		}
	});

	it('GIVEN a discord.js without the interaction action WHEN the bot switches it off THEN it says it could not (the objects are then built and dropped)', () => {
		const without: unknown = {};
		expect(skipInteractionStructures(without as Client)).toBe(false);
		const handle = () => 'built';
		const client = { actions: { InteractionCreate: { handle } } };
		const withAction: unknown = client;
		expect(skipInteractionStructures(withAction as Client)).toBe(true);
		expect(client.actions.InteractionCreate.handle).not.toBe(handle);
	});

	it('GIVEN an interaction read from the gateway WHEN its transport is asked for the latency THEN it is the gateway’s', () => {
		const raw = {
			id: '1',
			application_id: '2',
			token: 't',
			type: InteractionType.MessageComponent,
			locale: 'vi',
			user: { id: '3', username: 'a' },
		} as unknown as APIInteraction;
		expect(new HttpTransport(raw, new REST(), () => 42).latencyMs()).toBe(42);
		expect(new HttpTransport(raw, new REST()).latencyMs()).toBe(0);
	});
});
