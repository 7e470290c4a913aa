import { REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordClient, KEEP_ALIVE_MS } from '../../src/discord/client.ts';
import { FakeDiscord } from '../support/fake-discord/index.ts';

/**
 * Discord (behind Cloudflare) keeps an idle HTTP/1.1 connection for 400 s and sends no Keep-Alive hint, so a client
 * decides itself how long to keep one. undici's default is 4 s: a click 5 s after the bot's last request would pay a
 * new TCP and TLS handshake (two round trips to Discord) before its answer could leave. gopy keeps its connections
 * for KEEP_ALIVE_MS, its REST requests and its interaction webhooks alike.
 */
const IDLE_MS = 5000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let fakes: FakeDiscord[] = [];
afterEach(async () => {
	await Promise.all(fakes.map((f) => f.stop()));
	fakes = [];
});

/** Two requests `IDLE_MS` apart; the number of TCP connections the fake saw for them. */
async function connectionsFor(
	make: (fake: FakeDiscord) => { first: () => Promise<unknown>; second: () => Promise<unknown>; close: () => void },
): Promise<number> {
	const fake = await FakeDiscord.start();
	fakes.push(fake);
	const before = fake.connections.length;
	const client = make(fake);
	await client.first();
	await sleep(IDLE_MS);
	await client.second();
	const opened = fake.connections.length - before;
	client.close();
	return opened;
}

describe('connections to Discord', () => {
	it('are kept across an idle spell longer than undici’s 4 s, for webhooks too; a bare REST client opens a new one', async () => {
		expect(KEEP_ALIVE_MS).toBeGreaterThan(IDLE_MS);
		const [gopy, bare] = await Promise.all([
			connectionsFor((fake) => {
				const client = createDiscordClient({ apiUrl: fake.apiUrl });
				client.rest.setToken(fake.token);
				return {
					first: () => client.rest.get(Routes.user('@me')),
					// An interaction webhook (no token) goes through gopy's second REST manager: the same pool.
					second: () =>
						client.rest
							.patch(Routes.webhookMessage(fake.applicationId, 'no-such-token'), { auth: false, body: {} })
							.catch((error: unknown) => error),
					close: () => void client.destroy(),
				};
			}),
			connectionsFor((fake) => {
				const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
				return {
					first: () => rest.get(Routes.user('@me')),
					second: () => rest.get(Routes.user('@me')),
					close: () => rest.clearHashSweeper(),
				};
			}),
		]);
		expect(gopy).toBe(1);
		// The control: without gopy's setting the same pause costs a new connection (the fake sends no hint).
		expect(bare).toBe(2);
	}, 20_000);
});
