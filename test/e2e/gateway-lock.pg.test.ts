import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config/env.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { startE2E, type E2E } from '../support/e2e-harness.ts';

/** Gateway mode is one process per bot: on PostgreSQL a second gateway process on the same database is refused. */

let e: E2E;

beforeEach(async () => {
	e = await startE2E();
});
afterEach(async () => {
	await e.stop();
});

function configFor(env: Record<string, string> = {}) {
	const loaded = loadConfig({
		DISCORD_TOKEN: e.fake.token,
		DISCORD_API_URL: e.fake.apiUrl,
		DATABASE_URL: e.dbUrl,
		HTTP_PORT: '0',
		SHUTDOWN_GRACE_MS: '500',
		...env,
	});
	if (!loaded.ok) throw new Error(loaded.message);
	return loaded.config;
}

describe('one gateway process per bot (PostgreSQL)', () => {
	it('GIVEN a gateway bot running on a database WHEN a second gateway process starts on it THEN it is refused with a clear message and connects nothing', async () => {
		const identifies = e.fake.gatewayStats().identifies;
		await expect(
			startBot({ config: configFor(), log: createLogger('silent'), fastIdentify: true, ticks: false }),
		).rejects.toThrow(
			'another gopy process in gateway mode is already running on this DATABASE_URL: gateway mode is one process per bot',
		);
		expect(e.fake.gatewayStats().identifies).toBe(identifies);
	});

	it('GIVEN a gateway bot running WHEN an http-mode replica starts on the same database THEN it starts; once the gateway bot stops, another gateway process may start', async () => {
		const replica = await startBot({
			config: configFor({ INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: e.fake.publicKey }),
			log: createLogger('silent'),
			ticks: false,
		});
		await replica.stop();
		await e.restart();
		expect(e.bot.client.isReady()).toBe(true);
	});
});
