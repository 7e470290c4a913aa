import type { Client, TextChannel } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, startTestClient, type FakeDiscordOptions } from '../support/fake-discord/index.ts';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
	await client?.destroy();
	await fake?.stop();
	client = undefined;
	fake = undefined;
});

async function world(opts: FakeDiscordOptions = {}) {
	const f = await FakeDiscord.start(opts);
	fake = f;
	const guild = f.createGuild({ name: 'G' });
	const channel = f.createChannel(guild.id, { name: 'c' });
	const c = await startTestClient(f);
	client = c;
	return { fake: f, client: c, guild, channel, text: c.channels.cache.get(channel.id) as TextChannel };
}

const messageCreates = (f: FakeDiscord) => f.requests.filter((r) => r.route === 'POST /channels/:channel/messages');

describe('fake Discord: rate limits', () => {
	it('GIVEN 60 raw requests in well under a second WHEN they hit the API THEN some get a global 429 with Discord headers', async () => {
		const f = await FakeDiscord.start();
		fake = f;
		const responses = await Promise.all(
			Array.from({ length: 60 }, () =>
				fetch(`${f.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${f.token}` } }),
			),
		);
		const limited = responses.filter((r) => r.status === 429 && r.headers.get('x-ratelimit-global') === 'true');
		// At most 50 pass the global window (10 when all 60 land within one second, as they do on an idle machine);
		// of those, GET /users/@me's own bucket (10/s) lets 10 through and answers the rest with scope "user".
		expect(limited.length).toBeGreaterThan(0);
		expect(limited.length).toBeLessThanOrEqual(10);
		expect(responses.filter((r) => r.status === 200)).toHaveLength(10);
		const first = limited[0];
		expect(first?.headers.get('x-ratelimit-global')).toBe('true');
		expect(first?.headers.get('x-ratelimit-scope')).toBe('global');
		expect(Number(first?.headers.get('retry-after'))).toBeGreaterThan(0);
		const body = (await first?.json()) as { message: string; retry_after: number; global: boolean };
		expect(body).toMatchObject({ message: 'You are being rate limited.', global: true });
		expect(body.retry_after).toBeGreaterThan(0);
		expect(f.requests.filter((r) => r.status === 429)).toHaveLength(50);
		// Interaction callbacks are exempt from the global limit (they answer 404 here: unknown interaction).
		const cb = await fetch(`${f.apiUrl}/v10/interactions/1234567890123456789/tok/callback`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ type: 4, data: { content: 'x' } }),
		});
		expect(cb.status).toBe(404);
	});

	it('GIVEN the per-channel message bucket WHEN discord.js sends 20 messages to one channel THEN headers steer it and it never gets a 429', async () => {
		const w = await world({ messageBucket: { limit: 5, windowMs: 300 } });
		const raw = await fetch(`${w.fake.apiUrl}/v10/channels/${w.channel.id}/messages`, {
			method: 'POST',
			headers: { Authorization: `Bot ${w.fake.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ content: 'probe' }),
		});
		expect(raw.headers.get('x-ratelimit-limit')).toBe('5');
		expect(raw.headers.get('x-ratelimit-remaining')).toBe('4');
		expect(Number(raw.headers.get('x-ratelimit-reset-after'))).toBeGreaterThan(0);
		expect(Number(raw.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
		expect(raw.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);

		const started = Date.now();
		await Promise.all(Array.from({ length: 10 }, (_, k) => w.text.send(`song song ${k}`)));
		for (let k = 0; k < 10; k++) await w.text.send(`tuần tự ${k}`);
		expect(w.fake.messages(w.channel.id)).toHaveLength(21);
		expect(w.fake.requests.filter((r) => r.status === 429)).toEqual([]);
		// 21 messages at 5 per 300 ms need at least 4 full windows.
		expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 300 - 100);
	});

	it('GIVEN a bot ignoring the bucket WHEN it exceeds it THEN the fake answers 429 scope user', async () => {
		const w = await world({ messageBucket: { limit: 2, windowMs: 5000 } });
		const post = () =>
			fetch(`${w.fake.apiUrl}/v10/channels/${w.channel.id}/messages`, {
				method: 'POST',
				headers: { Authorization: `Bot ${w.fake.token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ content: 'x' }),
			});
		expect((await post()).status).toBe(200);
		expect((await post()).status).toBe(200);
		const third = await post();
		expect(third.status).toBe(429);
		expect(third.headers.get('x-ratelimit-scope')).toBe('user');
		expect(third.headers.get('x-ratelimit-global')).toBeNull();
		expect(((await third.json()) as { global: boolean }).global).toBe(false);
	});
});

describe('fake Discord: REST faults', () => {
	it('GIVEN two 500s on message create WHEN discord.js sends THEN it retries and succeeds', async () => {
		const w = await world();
		w.fake.faults.serverError(/\/channels\/\d+\/messages$/, 2);
		await w.text.send('sau hai lần lỗi');
		expect(messageCreates(w.fake).map((r) => r.status)).toEqual([500, 500, 200]);
		expect(w.fake.messages(w.channel.id)).toHaveLength(1);
	});

	it('GIVEN more 5xx than discord.js retries WHEN it sends THEN the bot sees an HTTPError and nothing is posted', async () => {
		const w = await world();
		w.fake.faults.serverError(/\/channels\/\d+\/messages$/, 10, 503);
		const e = await w.text.send('x').catch((err: unknown) => err);
		expect((e as { name?: string }).name).toBe('HTTPError');
		expect((e as { status?: number }).status).toBe(503);
		expect(messageCreates(w.fake)).toHaveLength(4); // 1 try + 3 retries (discord.js default)
		expect(w.fake.messages(w.channel.id)).toEqual([]);
	});

	it('GIVEN a 429 storm on a route WHEN discord.js sends THEN it waits Retry-After each time and succeeds', async () => {
		const w = await world();
		w.fake.faults.rateLimitStorm(/^POST \/channels\//, 3, 0.05);
		const started = Date.now();
		await w.text.send('kiên nhẫn');
		expect(messageCreates(w.fake).map((r) => r.status)).toEqual([429, 429, 429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 50);
	});

	it('GIVEN a slow route WHEN discord.js calls it THEN the call takes that long and still succeeds', async () => {
		const w = await world();
		w.fake.faults.slow(/\/channels\/\d+\/messages$/, 400, 1);
		const started = Date.now();
		await w.text.send('chậm');
		expect(Date.now() - started).toBeGreaterThanOrEqual(390);
		const [req] = messageCreates(w.fake);
		expect(req?.durationMs).toBeGreaterThanOrEqual(390);
		// `times` is honoured: the next call is not delayed.
		await w.text.send('nhanh');
		expect(messageCreates(w.fake)[1]?.durationMs).toBeLessThan(200);
	});
});
