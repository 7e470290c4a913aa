import {
	AttachmentBuilder,
	DiscordAPIError,
	PermissionFlagsBits as P,
	type Client,
	type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeDiscord, startTestClient } from '../support/fake-discord/index.ts';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
	await client?.destroy();
	await fake?.stop();
	client = undefined;
	fake = undefined;
});

async function world() {
	const f = await FakeDiscord.start();
	fake = f;
	const guild = f.createGuild({ name: 'Sở A' });
	const channel = f.createChannel(guild.id, { name: 'don-vi' });
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

const file = () => new AttachmentBuilder(Buffer.from('x'), { name: 'du-thao.pdf' });

describe('fake Discord: channel overwrites and permissions', () => {
	it('GIVEN an @everyone deny and a bot-role allow WHEN permissions are computed THEN the fake and discord.js agree', async () => {
		const w = await world();
		w.fake.setChannelOverwrites(w.channel.id, [
			{ id: w.guild.id, type: 0, allow: 0n, deny: P.ViewChannel | P.AttachFiles },
			{ id: w.guild.botRoleId, type: 0, allow: P.ViewChannel, deny: 0n },
		]);
		await vi.waitFor(() => expect(w.text.permissionOverwrites.cache.size).toBe(2));
		const me = w.text.guild.members.me!;
		const js = w.text.permissionsFor(me).bitfield;
		expect(w.fake.botPermissionsIn(w.channel.id)).toBe(js);
		expect(js & P.ViewChannel).toBe(P.ViewChannel);
		// The bot role grants AttachFiles at guild level; the @everyone overwrite denies it, the role overwrite does not allow it.
		expect(js & P.AttachFiles).toBe(0n);
	});

	it('GIVEN the bot denied Attach Files WHEN it posts a file THEN 403 50013, and a post without files goes through', async () => {
		const w = await world();
		w.fake.setBotOverwrite(w.channel.id, { deny: P.AttachFiles });
		const e = await apiError(w.text.send({ content: 'dự thảo', files: [file()] }));
		expect([e.status, e.code]).toEqual([403, 50013]);
		await w.text.send('dự thảo');
		expect(w.fake.messages(w.channel.id)).toHaveLength(1);
	});

	it('GIVEN the bot denied View Channel WHEN it posts or edits THEN 403 50001 Missing Access', async () => {
		const w = await world();
		const posted = await w.text.send('trước');
		w.fake.setBotOverwrite(w.channel.id, { deny: P.ViewChannel });
		let e = await apiError(w.client.rest.post(`/channels/${w.channel.id}/messages`, { body: { content: 'x' } }));
		expect([e.status, e.code]).toEqual([403, 50001]);
		e = await apiError(
			w.client.rest.patch(`/channels/${w.channel.id}/messages/${posted.id}`, { body: { content: 'sửa' } }),
		);
		expect([e.status, e.code]).toEqual([403, 50001]);
		expect(w.fake.message(posted.id)?.content).toBe('trước');
	});

	it('GIVEN the bot denied Embed Links WHEN it posts an embed-only message THEN 50013; with content the embed is dropped', async () => {
		const w = await world();
		w.fake.setBotOverwrite(w.channel.id, { deny: P.EmbedLinks });
		const e = await apiError(w.text.send({ embeds: [{ title: 'Dự thảo' }] }));
		expect([e.status, e.code]).toEqual([403, 50013]);
		const m = await w.text.send({ content: 'nội dung', embeds: [{ title: 'Dự thảo' }] });
		expect(w.fake.message(m.id)?.embeds).toEqual([]);
	});

	it('GIVEN Send Messages denied WHEN the overwrite is removed THEN posting works again (implicit denials lifted)', async () => {
		const w = await world();
		w.fake.setBotOverwrite(w.channel.id, { deny: P.SendMessages });
		expect(w.fake.botPermissionsIn(w.channel.id) & (P.AttachFiles | P.EmbedLinks | P.MentionEveryone)).toBe(0n);
		const e = await apiError(w.text.send('x'));
		expect([e.status, e.code]).toEqual([403, 50013]);
		w.fake.setBotOverwrite(w.channel.id, {});
		await w.text.send('x');
		expect(w.fake.messages(w.channel.id)).toHaveLength(1);
	});

	it('GIVEN a role that is not mentionable and no Mention Everyone WHEN the bot pings it THEN nobody is notified and the fake records it', async () => {
		const w = await world();
		const quiet = w.fake.createRole(w.guild.id, { name: 'Phòng A', mentionable: false });
		const loud = w.fake.createRole(w.guild.id, { name: 'Phòng B', mentionable: true });
		w.fake.setBotOverwrite(w.channel.id, { deny: P.MentionEveryone });
		const m = await w.text.send({
			content: `<@&${quiet.id}> <@&${loud.id}>`,
			allowedMentions: { roles: [quiet.id, loud.id] },
		});
		expect(w.fake.message(m.id)?.pings.roles).toEqual([loud.id]);
		expect(w.fake.silentRolePings()).toEqual([{ messageId: m.id, channelId: w.channel.id, roleId: quiet.id }]);
	});

	it('GIVEN the bot has Mention Everyone WHEN it pings a role that is not mentionable THEN it notifies and nothing is recorded', async () => {
		const w = await world();
		const quiet = w.fake.createRole(w.guild.id, { name: 'Phòng A', mentionable: false });
		const m = await w.text.send({ content: `<@&${quiet.id}>`, allowedMentions: { roles: [quiet.id] } });
		expect(w.fake.message(m.id)?.pings.roles).toEqual([quiet.id]);
		expect(w.fake.silentRolePings()).toEqual([]);
	});
});
