import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord/index.ts';

/**
 * The fake's HTTP-interactions side, as Discord documents it: every interaction is a POST signed with the
 * application's Ed25519 key (`X-Signature-Ed25519` over `X-Signature-Timestamp` + body); the response body is the
 * first answer and is due within 3 s, or the interaction fails; follow-ups go to the interaction webhook.
 */

let fake: FakeDiscord | undefined;
const servers: Server[] = [];

afterEach(async () => {
	await fake?.stop();
	fake = undefined;
	await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

interface Seen {
	headers: IncomingMessage['headers'];
	body: string;
}

/** A tiny endpoint: records what it gets and answers with `answer` after `delayMs`. */
async function endpoint(
	answer: (json: { type: number }) => unknown,
	delayMs = 0,
): Promise<{ url: string; seen: Seen[] }> {
	const seen: Seen[] = [];
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			seen.push({ headers: req.headers, body });
			setTimeout(() => {
				if (res.destroyed) return;
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify(answer(JSON.parse(body) as { type: number })));
			}, delayMs);
		});
	});
	servers.push(server);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return { url: `http://127.0.0.1:${port}/interactions`, seen };
}

async function world(ackDeadlineMs = 3000) {
	const f = await FakeDiscord.start({ ackDeadlineMs });
	fake = f;
	const guild = f.createGuild({ name: 'Sở A', locale: 'vi' });
	const channel = f.createChannel(guild.id, { name: 'gop-y' });
	const user = f.createUser({ username: 'lan', locale: 'vi' });
	f.addMember(guild.id, user.id, []);
	return { f, base: { guildId: guild.id, channelId: channel.id, userId: user.id } };
}

const reply = { type: 4, data: { content: 'pong', flags: 64 } };

describe('fake Discord: http interactions', () => {
	it('GIVEN an endpoint WHEN a slash command is run THEN it is POSTed with a signature the public key verifies, and the response body is the reply', async () => {
		const { f, base } = await world();
		const ep = await endpoint(() => reply);
		f.useInteractionsEndpoints([ep.url]);
		const h = f.slashCommand({ ...base, name: 'ping' });
		expect((await h.reply()).content).toBe('pong');
		const [got] = ep.seen;
		const timestamp = String(got?.headers['x-signature-timestamp']);
		const signature = Buffer.from(String(got?.headers['x-signature-ed25519']), 'hex');
		const key = createPublicKey({
			key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(f.publicKey, 'hex')]),
			format: 'der',
			type: 'spki',
		});
		expect(f.publicKey).toMatch(/^[0-9a-f]{64}$/);
		expect(verify(null, Buffer.from(timestamp + (got?.body ?? '')), key, signature)).toBe(true);
		expect(verify(null, Buffer.from(timestamp + (got?.body ?? '') + ' '), key, signature)).toBe(false);
		expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
		expect((JSON.parse(got?.body ?? '{}') as { token: string }).token).toBe(h.token);
		expect(f.gatewayStats().identifies).toBe(0);
	});

	it('GIVEN two endpoints WHEN four interactions come THEN they alternate, unless one is chosen', async () => {
		const { f, base } = await world();
		const a = await endpoint(() => reply);
		const b = await endpoint(() => reply);
		f.useInteractionsEndpoints([a.url, b.url]);
		for (let i = 0; i < 4; i++) await f.slashCommand({ ...base, name: 'ping' }).reply();
		expect([a.seen.length, b.seen.length]).toEqual([2, 2]);
		await f.slashCommand({ ...base, name: 'ping', http: { endpoint: 1 } }).reply();
		expect([a.seen.length, b.seen.length]).toEqual([2, 3]);
	});

	it('GIVEN an endpoint that answers after the deadline WHEN a command is run THEN the interaction failed: its late answer is ignored and the token takes no follow-up', async () => {
		const { f, base } = await world(400);
		const ep = await endpoint(() => reply, 700);
		f.useInteractionsEndpoints([ep.url]);
		const h = f.slashCommand({ ...base, name: 'ping' });
		const answer = await h.httpAnswer();
		expect(answer?.late).toBe(true);
		expect(h.state().callbacks).toBe(0);
		await expect(h.reply({ timeoutMs: 300 })).rejects.toThrow(/the interaction failed/);
		const followUp = await fetch(`${f.apiUrl}/v10/webhooks/${f.applicationId}/${h.token}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ content: 'late' }),
		});
		expect(followUp.status).toBe(404);
		expect(((await followUp.json()) as { code: number }).code).toBe(10015);
	});

	it('GIVEN a deferred answer in the HTTP response WHEN the bot edits @original over REST THEN the person sees the edit', async () => {
		const { f, base } = await world();
		const ep = await endpoint(() => ({ type: 5, data: { flags: 64 } }));
		f.useInteractionsEndpoints([ep.url]);
		const h = f.slashCommand({ ...base, name: 'ping' });
		await h.acked;
		const edit = await fetch(`${f.apiUrl}/v10/webhooks/${f.applicationId}/${h.token}/messages/@original`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ content: 'done' }),
		});
		expect(edit.status).toBe(200);
		const shown = await h.reply();
		expect([shown.content, shown.ephemeral, shown.via]).toEqual(['done', true, 'edit-original']);
	});
});
