import { ChannelType, GatewayIntentBits, PermissionFlagsBits, type Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, startTestClient } from '../support/fake-discord/index.ts';

const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers];

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
	await client?.destroy();
	await fake?.stop();
	client = undefined;
	fake = undefined;
});

/** Wait for a client event (with a timeout so a missing event fails the test instead of hanging it). */
function nextEvent<T>(c: Client, event: string, timeoutMs = 3000): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
		c.once(event, (...args: unknown[]) => {
			clearTimeout(timer);
			resolve(args[0] as T);
		});
	});
}

describe('fake Discord: login and guild state', () => {
	it('GIVEN a guild with channels, roles and members WHEN a real discord.js Client logs in THEN clientReady fires with everything cached', async () => {
		fake = await FakeDiscord.start();
		const guild = fake.createGuild({ name: 'Sở Tư pháp', locale: 'vi' });
		const unitRole = fake.createRole(guild.id, { name: 'Đơn vị', permissions: PermissionFlagsBits.ViewChannel });
		const text = fake.createChannel(guild.id, { name: 'gop-y' });
		const voice = fake.createChannel(guild.id, { name: 'hop', type: 2 });
		const alice = fake.createUser({ username: 'alice' });
		fake.addMember(guild.id, alice.id, [unitRole.id]);

		const started = Date.now();
		client = await startTestClient(fake, { intents });

		expect(Date.now() - started).toBeLessThan(5000);
		expect(client.user?.id).toBe(fake.botUserId);
		expect(client.application?.id).toBe(fake.applicationId);
		const g = client.guilds.cache.get(guild.id);
		expect(g?.name).toBe('Sở Tư pháp');
		expect(g?.preferredLocale).toBe('vi');
		expect(g?.channels.cache.get(text.id)?.type).toBe(ChannelType.GuildText);
		expect(g?.channels.cache.get(voice.id)?.type).toBe(ChannelType.GuildVoice);
		expect(g?.roles.everyone.id).toBe(guild.id);
		expect(g?.roles.cache.get(unitRole.id)?.name).toBe('Đơn vị');
		expect(g?.members.me?.id).toBe(fake.botUserId);
		expect(g?.memberCount).toBe(3); // owner, bot, alice
		// Like Discord without the GuildPresences intent, only the bot's member arrives in GUILD_CREATE...
		expect(g?.members.cache.has(alice.id)).toBe(false);
		// ...and others are fetched over REST.
		const fetched = await g?.members.fetch(alice.id);
		expect(fetched?.roles.cache.has(unitRole.id)).toBe(true);
		// ...or requested over the gateway (op 8 -> GUILD_MEMBERS_CHUNK), which needs the GuildMembers intent.
		const all = await g?.members.fetch();
		expect(all?.size).toBe(3);
		expect(fake.unknownRequests()).toEqual([]);
	});

	it('GIVEN a channel where the bot may not write WHEN discord.js computes permissionsFor(bot) THEN it agrees with the fake', async () => {
		fake = await FakeDiscord.start();
		const guild = fake.createGuild({ name: 'G' });
		const open = fake.createChannel(guild.id, { name: 'open' });
		const closed = fake.createChannel(guild.id, { name: 'closed', botCanWrite: false });
		client = await startTestClient(fake);

		const g = client.guilds.cache.get(guild.id);
		const me = g?.members.me;
		if (!g || !me) throw new Error('guild not cached');
		const perms = (id: string) => g.channels.cache.get(id)?.permissionsFor(me);
		expect(perms(open.id)?.has(PermissionFlagsBits.SendMessages)).toBe(true);
		expect(perms(closed.id)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
		expect(perms(closed.id)?.has(PermissionFlagsBits.ViewChannel)).toBe(true);

		fake.setBotCanWrite(closed.id, true);
		await nextEvent(client, 'channelUpdate');
		expect(perms(closed.id)?.has(PermissionFlagsBits.SendMessages)).toBe(true);
	});

	it('GIVEN a logged-in client WHEN channels, roles and members change THEN the client receives the gateway events', async () => {
		fake = await FakeDiscord.start();
		const guild = fake.createGuild({ name: 'G' });
		const bob = fake.createUser({ username: 'bob' });
		client = await startTestClient(fake, { intents });
		const c = client;

		const created = nextEvent<{ id: string }>(c, 'channelCreate');
		const ch = fake.createChannel(guild.id, { name: 'new-unit' });
		expect((await created).id).toBe(ch.id);

		const roleCreated = nextEvent<{ id: string }>(c, 'roleCreate');
		const role = fake.createRole(guild.id, { name: 'Lãnh đạo', permissions: PermissionFlagsBits.ManageGuild });
		expect((await roleCreated).id).toBe(role.id);

		const memberAdded = nextEvent<{ id: string }>(c, 'guildMemberAdd');
		fake.addMember(guild.id, bob.id, []);
		expect((await memberAdded).id).toBe(bob.id);

		const memberUpdated = nextEvent<unknown>(c, 'guildMemberUpdate');
		fake.setMemberRoles(guild.id, bob.id, [role.id]);
		await memberUpdated;
		const member = c.guilds.cache.get(guild.id)?.members.cache.get(bob.id);
		expect(member?.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(true);

		const deleted = nextEvent<{ id: string }>(c, 'channelDelete');
		fake.deleteChannel(ch.id);
		expect((await deleted).id).toBe(ch.id);
		expect(c.channels.cache.has(ch.id)).toBe(false);
	});

	it('GIVEN a bot without the MessageContent intent WHEN users post THEN it sees content only when mentioned', async () => {
		fake = await FakeDiscord.start();
		const guild = fake.createGuild({ name: 'G' });
		const ch = fake.createChannel(guild.id, { name: 'c' });
		const u = fake.createUser({ username: 'u' });
		fake.addMember(guild.id, u.id, []);
		client = await startTestClient(fake, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
		const seen: string[] = [];
		client.on('messageCreate', (m) => seen.push(m.content));
		fake.userSays({ channelId: ch.id, userId: u.id, content: 'xin chào' });
		fake.userSays({ channelId: ch.id, userId: u.id, content: `<@${fake.botUserId}> giúp với` });
		const deadline = Date.now() + 2000;
		while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
		expect(seen).toEqual(['', `<@${fake.botUserId}> giúp với`]);
		expect(fake.messages(ch.id).map((m) => m.content)).toEqual(['xin chào', `<@${fake.botUserId}> giúp với`]);
	});

	it('GIVEN a wrong token WHEN a client logs in THEN login fails like Discord (401 on REST)', async () => {
		fake = await FakeDiscord.start();
		const res = await fetch(`${fake.apiUrl}/v10/users/@me`, { headers: { Authorization: 'Bot nope' } });
		expect(res.status).toBe(401);
		expect(await res.json()).toEqual({ code: 0, message: '401: Unauthorized' });
	});
});
