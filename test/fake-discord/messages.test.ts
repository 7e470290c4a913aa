import { AttachmentBuilder, DiscordAPIError, type Client, type TextChannel } from 'discord.js';
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
	const guild = f.createGuild({ name: 'Sở A' });
	const channel = f.createChannel(guild.id, { name: 'thong-bao' });
	const c = await startTestClient(f);
	client = c;
	const text = c.channels.cache.get(channel.id) as TextChannel;
	return { fake: f, client: c, guild, channel, text };
}

const apiError = async (p: Promise<unknown>): Promise<DiscordAPIError> => {
	const e = await p.then(
		() => undefined,
		(err: unknown) => err,
	);
	if (!(e instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError, got ${String(e)}`);
	return e;
};

describe('fake Discord: messages', () => {
	it('GIVEN content over 2000 characters WHEN the bot sends it THEN discord.js throws DiscordAPIError 50035 and nothing is posted', async () => {
		const w = await world();
		const e = await apiError(w.text.send('a'.repeat(2001)));
		expect(e.status).toBe(400);
		expect(e.code).toBe(50035);
		expect(e.message).toContain('Must be 2000 or fewer in length');
		await w.text.send('a'.repeat(2000));
		expect(w.fake.messages(w.channel.id)).toHaveLength(1);
	});

	it('GIVEN embeds over the limits WHEN the bot sends them THEN each limit is a 50035 at the right path', async () => {
		const w = await world();
		// Plain objects: EmbedBuilder would refuse these locally before Discord ever sees them.
		const tooManyFields = { title: 't', fields: Array.from({ length: 26 }, (_, k) => ({ name: `f${k}`, value: 'v' })) };
		let e = await apiError(w.text.send({ embeds: [tooManyFields] }));
		expect(e.rawError).toMatchObject({
			errors: { embeds: { 0: { fields: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
		});
		// 6000 is for all embeds of a message together.
		const big = (n: number) => ({ description: 'd'.repeat(n) });
		e = await apiError(w.text.send({ embeds: [big(4000), big(2001)] }));
		expect(e.rawError).toMatchObject({ errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } });
		e = await apiError(w.text.send({ embeds: Array.from({ length: 11 }, () => big(1)) }));
		expect(e.code).toBe(50035);
		e = await apiError(w.text.send({}));
		expect(e.code).toBe(50006);
		expect(w.fake.messages(w.channel.id)).toEqual([]);
	});

	it('GIVEN files WHEN the bot sends a multipart message THEN the fake stores the bytes and serves them back', async () => {
		const w = await world();
		const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
		const sent = await w.text.send({
			content: 'Báo cáo',
			files: [
				new AttachmentBuilder(bytes, { name: 'bao-cao.xlsx', description: 'Tổng hợp' }),
				new AttachmentBuilder(Buffer.from('a,b\n1,2\n'), { name: 'data.csv' }),
			],
		});
		const stored = w.fake.messages(w.channel.id)[0];
		expect(stored?.id).toBe(sent.id);
		expect(stored?.attachments.map((a) => [a.filename, a.size, a.description])).toEqual([
			['bao-cao.xlsx', 7, 'Tổng hợp'],
			['data.csv', 8, undefined],
		]);
		expect(stored?.attachments[0]?.data.equals(bytes)).toBe(true);
		const url = sent.attachments.first()?.url ?? '';
		expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(bytes)).toBe(true);
		// Editing keeps only the attachments listed, like Discord.
		await sent.edit({ content: 'Báo cáo (sửa)', attachments: [] });
		expect(w.fake.messages(w.channel.id)[0]).toMatchObject({ content: 'Báo cáo (sửa)', attachments: [], editCount: 1 });
	});

	it('GIVEN a nonce with enforce_nonce WHEN the same create is sent twice THEN Discord returns the original and posts once', async () => {
		const w = await world();
		const first = await w.text.send({ content: 'Nhắc hạn', nonce: 'plan-7-reminder-1', enforceNonce: true });
		const second = await w.text.send({ content: 'Nhắc hạn', nonce: 'plan-7-reminder-1', enforceNonce: true });
		expect(second.id).toBe(first.id);
		expect(w.fake.messages(w.channel.id)).toHaveLength(1);
		// Without enforce_nonce, Discord does not deduplicate.
		await w.text.send({ content: 'Nhắc hạn', nonce: 'plan-7-reminder-1' });
		expect(w.fake.messages(w.channel.id)).toHaveLength(2);
	});

	it('GIVEN a lost response (5xx after the message was created) WHEN discord.js retries with the same nonce THEN exactly one message exists', async () => {
		const w = await world();
		w.fake.faults.serverError(/^POST \/channels\/\d+\/messages$/, 1, 500, { afterHandling: true });
		const sent = await w.text.send({ content: 'Một lần thôi', nonce: 'once-1', enforceNonce: true });
		expect(w.fake.messages(w.channel.id).map((m) => m.id)).toEqual([sent.id]);
		expect(w.fake.requests.filter((r) => r.route === 'POST /channels/:channel/messages').map((r) => r.status)).toEqual([
			500, 200,
		]);
	});

	it('GIVEN mentions WHEN allowed_mentions is absent, {parse: []}, or lists ids THEN pings follow Discord rules', async () => {
		const w = await world();
		const alice = w.fake.createUser({ username: 'alice' });
		const bob = w.fake.createUser({ username: 'bob' });
		const outsider = w.fake.createUser({ username: 'outsider' });
		w.fake.addMember(w.guild.id, alice.id, []);
		w.fake.addMember(w.guild.id, bob.id, []);
		const unit = w.fake.createRole(w.guild.id, { name: 'Đơn vị' });
		const content = `<@${alice.id}> <@!${bob.id}> <@${outsider.id}> <@&${unit.id}> @everyone`;

		await w.text.send({ content });
		expect(w.fake.messages(w.channel.id)[0]?.pings).toEqual({
			everyone: true,
			users: [alice.id, bob.id], // not the outsider: not in the guild, cannot see the channel
			roles: [unit.id],
		});

		await w.text.send({ content, allowedMentions: { parse: [] } });
		expect(w.fake.messages(w.channel.id)[1]?.pings).toEqual({ everyone: false, users: [], roles: [] });

		await w.text.send({ content, allowedMentions: { users: [bob.id], roles: [unit.id] } });
		expect(w.fake.messages(w.channel.id)[2]?.pings).toEqual({ everyone: false, users: [bob.id], roles: [unit.id] });

		const e = await apiError(w.text.send({ content, allowedMentions: { parse: ['users'], users: [bob.id] } }));
		expect(e.rawError).toMatchObject({
			errors: { allowed_mentions: { _errors: [{ code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE' }] } },
		});
	});

	it('GIVEN a channel the bot cannot write to, or a deleted one WHEN the bot posts THEN 403 50013 / 404 10003', async () => {
		const w = await world();
		const closed = w.fake.createChannel(w.guild.id, { name: 'closed', botCanWrite: false });
		await new Promise((r) => setTimeout(r, 20)); // let CHANNEL_CREATE reach the client
		let e = await apiError((w.client.channels.cache.get(closed.id) as TextChannel).send('x'));
		expect([e.status, e.code, e.message]).toEqual([403, 50013, 'Missing Permissions']);

		w.fake.deleteChannel(w.channel.id);
		e = await apiError(w.client.rest.post(`/channels/${w.channel.id}/messages`, { body: { content: 'x' } }));
		expect([e.status, e.code, e.message]).toEqual([404, 10003, 'Unknown Channel']);
	});

	it('GIVEN a guild member WHEN the bot DMs them THEN fake.dms() has the message; closed DMs fail with 50007', async () => {
		const w = await world();
		const lan = w.fake.createUser({ username: 'lan' });
		const hung = w.fake.createUser({ username: 'hung', acceptsDms: false });
		w.fake.addMember(w.guild.id, lan.id, []);
		w.fake.addMember(w.guild.id, hung.id, []);
		const user = await w.client.users.fetch(lan.id);
		await user.send('Nhắc: hạn góp ý là ngày mai');
		expect(w.fake.dms(lan.id).map((m) => m.content)).toEqual(['Nhắc: hạn góp ý là ngày mai']);
		const e = await apiError((await w.client.users.fetch(hung.id)).send('x'));
		expect([e.status, e.code]).toEqual([403, 50007]);
	});

	it('GIVEN predicates WHEN a message appears later THEN waitForMessage resolves with it', async () => {
		const w = await world();
		const waiting = w.fake.waitForMessage((m) => m.content.startsWith('Tổng hợp'));
		setTimeout(() => void w.text.send('Tổng hợp tuần'), 20);
		expect((await waiting).channel_id).toBe(w.channel.id);
		await expect(w.fake.waitForMessage((m) => m.content === 'never', 30)).rejects.toThrow(/no matching message/);
	});
});
