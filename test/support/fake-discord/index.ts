import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { Core, resolveOptions } from './core.ts';
import { Intents, type GatewayStats } from './gateway.ts';
import { botToken, snowflake } from './ids.ts';
import { Interactions } from './interactions.ts';
import { Permissions, type Overwrite } from './permissions.ts';
import { HttpServer } from './server.ts';
import { ChannelType, Store, type MemberRec, type SilentRolePing } from './state.ts';
import type {
	AutocompleteChoice,
	AutocompleteInput,
	ButtonInput,
	FakeDiscordOptions,
	FakeMessage,
	InteractionHandle,
	Json,
	ModalInput,
	RecordedRequest,
	SelectInput,
	SlashCommandInput,
} from './types.ts';

export type * from './types.ts';
export type { GatewayStats } from './gateway.ts';
export type { Overwrite } from './permissions.ts';
export type { SilentRolePing } from './state.ts';

/**
 * An in-process fake of Discord (REST v10 + Gateway v10) on 127.0.0.1, for end-to-end tests that run the real,
 * unmodified discord.js Client. Tests act as Discord's users and admins through this class (create guilds, run
 * slash commands, click buttons...) and assert on what the bot did (messages, pings, requests, rate limits).
 *
 * Usage:
 *   const fake = await FakeDiscord.start();
 *   const guild = fake.createGuild({ name: 'Sở A' });
 *   const client = await startTestClient(fake);
 *   const h = fake.slashCommand({ guildId: guild.id, channelId, userId, name: 'gopy' });
 *   expect((await h.reply()).content).toContain('...');
 *   await client.destroy(); await fake.stop();
 */
export class FakeDiscord {
	readonly apiUrl: string;
	readonly token: string;
	readonly applicationId: string;
	readonly botUserId: string;
	/** Fault injection: make Discord misbehave the ways it really does. */
	readonly faults: Faults;

	private constructor(
		private readonly core: Core,
		private readonly http: HttpServer,
		private readonly interactions: Interactions,
		port: number,
	) {
		this.apiUrl = `http://127.0.0.1:${port}/api`;
		this.token = core.token;
		this.applicationId = core.store.applicationId;
		this.botUserId = core.store.botUser.id;
		this.faults = new Faults(http, core);
	}

	static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
		const resolved = resolveOptions(opts);
		let port = 0;
		const store = new Store(resolved.botName, () => `http://127.0.0.1:${port}`);
		const core = new Core(resolved, botToken(store.botUser.id), store);
		const interactions = new Interactions(core);
		const http = new HttpServer(core, interactions);
		port = await http.listen();
		core.port = port;
		return new FakeDiscord(core, http, interactions, port);
	}

	private stopped = false;

	/** Closes the gateway and HTTP server, including keep-alive sockets. Destroy discord.js clients first. */
	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		await this.http.close();
	}

	private get store(): Store {
		return this.core.store;
	}

	private dispatch(t: string, d: Json, intent: number = Intents.Guilds): void {
		this.core.gateway.dispatch(t, d, { intent });
	}

	// -- world building (emits the gateway events Discord would send once the bot is connected) ------------------------

	createUser(input: { username: string; globalName?: string; locale?: string; acceptsDms?: boolean }): { id: string } {
		return { id: this.store.addUser(input).id };
	}

	/** User setting "Allow direct messages from server members"; false makes DMs fail with 50007. */
	setUserAcceptsDms(userId: string, accepts: boolean): void {
		this.store.user(userId).acceptsDms = accepts;
	}

	/**
	 * A guild the bot is in: @everyone role (id = guild id, Discord's default permissions), the bot's managed role
	 * (`botPermissions`, default: view/send/embed/attach/history/mention everyone), the bot member, and an owner
	 * (a generated user unless `ownerId` names an existing one).
	 */
	createGuild(input: {
		name: string;
		/** preferred_locale, e.g. 'vi' (default) or 'en-US'. */
		locale?: string;
		ownerId?: string;
		botPermissions?: bigint;
	}): {
		id: string;
		ownerId: string;
		botRoleId: string;
		everyoneRoleId: string;
	} {
		const g = this.store.addGuild(input);
		this.dispatch('GUILD_CREATE', this.store.guildCreateJson(g, false));
		return { id: g.id, ownerId: g.ownerId, botRoleId: g.botRoleId, everyoneRoleId: g.id };
	}

	/** The bot is kicked / the guild goes away: GUILD_DELETE; later REST on it answers 50001. */
	removeBotFromGuild(guildId: string): void {
		this.store.guild(guildId).present = false;
		this.dispatch('GUILD_DELETE', { id: guildId });
	}

	createRole(
		guildId: string,
		input: { name: string; permissions?: bigint; mentionable?: boolean; hoist?: boolean; color?: number },
	): { id: string } {
		const r = this.store.addRole(guildId, input);
		this.dispatch('GUILD_ROLE_CREATE', { guild_id: guildId, role: this.store.roleJson(r) });
		return { id: r.id };
	}

	updateRole(roleId: string, patch: { name?: string; permissions?: bigint; mentionable?: boolean }): void {
		const r = this.store.role(roleId);
		if (patch.name !== undefined) r.name = patch.name;
		if (patch.permissions !== undefined) r.permissions = patch.permissions;
		if (patch.mentionable !== undefined) r.mentionable = patch.mentionable;
		this.dispatch('GUILD_ROLE_UPDATE', { guild_id: r.guildId, role: this.store.roleJson(r) });
	}

	deleteRole(roleId: string): void {
		const r = this.store.role(roleId);
		this.store.roles.delete(roleId);
		this.dispatch('GUILD_ROLE_DELETE', { guild_id: r.guildId, role_id: roleId });
		for (const m of this.store.guildMembers(r.guildId)) {
			if (m.roles.includes(roleId))
				this.setMemberRoles(
					r.guildId,
					m.userId,
					m.roles.filter((id) => id !== roleId),
				);
		}
	}

	/**
	 * A channel. `botCanWrite: false` adds a member overwrite denying the bot SendMessages (so discord.js's
	 * `permissionsFor` agrees and a POST answers 403 50013).
	 */
	createChannel(
		guildId: string,
		input: {
			name: string;
			type?: 0 | 2 | 4 | 5;
			botCanWrite?: boolean;
			parentId?: string;
			topic?: string;
			overwrites?: Overwrite[];
		},
	): { id: string } {
		const c = this.store.addChannel(guildId, {
			name: input.name,
			...(input.type !== undefined ? { type: input.type } : {}),
			...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
			...(input.topic !== undefined ? { topic: input.topic } : {}),
			...(input.overwrites !== undefined ? { overwrites: [...input.overwrites] } : {}),
		});
		if (input.botCanWrite === false) this.applyBotCanWrite(c.id, false);
		this.dispatch('CHANNEL_CREATE', this.store.channelJson(c));
		return { id: c.id };
	}

	updateChannel(channelId: string, patch: { name?: string; topic?: string | null; parentId?: string | null }): void {
		const c = this.store.channel(channelId);
		if (patch.name !== undefined) c.name = patch.name;
		if (patch.topic !== undefined) c.topic = patch.topic;
		if (patch.parentId !== undefined) c.parentId = patch.parentId;
		this.dispatch('CHANNEL_UPDATE', this.store.channelJson(c));
	}

	setChannelOverwrites(channelId: string, overwrites: Overwrite[]): void {
		const c = this.store.channel(channelId);
		c.overwrites = [...overwrites];
		this.dispatch('CHANNEL_UPDATE', this.store.channelJson(c));
	}

	/**
	 * Sets (or, with allow = deny = 0, removes) the member overwrite of the bot in a channel, the way an admin edits
	 * the channel's permissions for the bot; CHANNEL_UPDATE follows unless `announce: false` (the bot missed the
	 * event, e.g. while reconnecting: its cache and Discord then disagree).
	 */
	setBotOverwrite(
		channelId: string,
		overwrite: { allow?: bigint; deny?: bigint },
		opts: { announce?: boolean } = {},
	): void {
		const c = this.store.channel(channelId);
		const rest = c.overwrites.filter((o) => !(o.type === 1 && o.id === this.botUserId));
		const allow = overwrite.allow ?? 0n;
		const deny = overwrite.deny ?? 0n;
		c.overwrites = allow === 0n && deny === 0n ? rest : [...rest, { id: this.botUserId, type: 1, allow, deny }];
		if (opts.announce !== false) this.dispatch('CHANNEL_UPDATE', this.store.channelJson(c));
	}

	/** The bot's permissions in a channel, computed the way Discord does (roles, then channel overwrites). */
	botPermissionsIn(channelId: string): bigint {
		return this.store.permissionsIn(channelId, this.botUserId);
	}

	/** CHANNEL_DELETE; later REST on the channel answers 404 10003 Unknown Channel. */
	deleteChannel(channelId: string): void {
		const c = this.store.channel(channelId);
		c.deleted = true;
		this.dispatch('CHANNEL_DELETE', this.store.channelJson(c));
	}

	setBotCanWrite(channelId: string, canWrite: boolean): void {
		this.applyBotCanWrite(channelId, canWrite);
		this.dispatch('CHANNEL_UPDATE', this.store.channelJson(this.store.channel(channelId)));
	}

	private applyBotCanWrite(channelId: string, canWrite: boolean): void {
		const c = this.store.channel(channelId);
		const bot = this.botUserId;
		let o = c.overwrites.find((x) => x.type === 1 && x.id === bot);
		if (!o) {
			o = { id: bot, type: 1, allow: 0n, deny: 0n };
			c.overwrites.push(o);
		}
		if (canWrite) {
			o.deny &= ~Permissions.SendMessages;
			o.allow |= Permissions.SendMessages;
		} else {
			o.allow &= ~Permissions.SendMessages;
			o.deny |= Permissions.SendMessages;
		}
	}

	/**
	 * Add a member. `permissions` is granted the way an admin would: through a role created for it
	 * (named `perms-<username>`).
	 */
	addMember(
		guildId: string,
		userId: string,
		roleIds: string[] = [],
		opts: { permissions?: bigint; nick?: string } = {},
	): void {
		const user = this.store.user(userId);
		this.store.guild(guildId);
		const roles = [...roleIds];
		if (opts.permissions !== undefined) {
			roles.push(this.createRole(guildId, { name: `perms-${user.username}`, permissions: opts.permissions }).id);
		}
		for (const id of roles)
			if (this.store.role(id).guildId !== guildId)
				throw new Error(`fake-discord: role ${id} is not in guild ${guildId}`);
		const m: MemberRec = { guildId, userId, roles, joinedAt: new Date().toISOString(), nick: opts.nick ?? null };
		this.store.members.set(`${guildId}:${userId}`, m);
		this.dispatch('GUILD_MEMBER_ADD', { ...this.store.memberJson(m), guild_id: guildId }, Intents.GuildMembers);
	}

	setMemberRoles(guildId: string, userId: string, roleIds: string[]): void {
		const m = this.store.member(guildId, userId);
		if (!m) throw new Error(`fake-discord: ${userId} is not a member of ${guildId}`);
		m.roles = [...roleIds];
		// Discord sends the bot its own member updates even without the GuildMembers intent.
		const intent = userId === this.botUserId ? Intents.Guilds : Intents.GuildMembers;
		this.dispatch('GUILD_MEMBER_UPDATE', { ...this.store.memberJson(m), guild_id: guildId }, intent);
	}

	removeMember(guildId: string, userId: string): void {
		this.store.members.delete(`${guildId}:${userId}`);
		this.dispatch(
			'GUILD_MEMBER_REMOVE',
			{ guild_id: guildId, user: this.store.userJson(this.store.user(userId)) },
			Intents.GuildMembers,
		);
	}

	/** A user posts a plain message (MESSAGE_CREATE; content blanked for bots without the MessageContent intent). */
	userSays(input: { channelId: string; userId: string; content: string }): FakeMessage {
		const c = this.core.liveChannel(input.channelId);
		return this.core.createMessage(c, { content: input.content }, [], { authorId: input.userId });
	}

	// -- interactions -----------------------------------------------------------------------------------------------

	// -- http interactions mode --------------------------------------------------------------------------------------

	/** The application's Ed25519 public key, 64 hex characters (the bot's DISCORD_PUBLIC_KEY). */
	get publicKey(): string {
		return this.interactions.publicKeyHex;
	}

	/**
	 * Sets the Interactions Endpoint URL(s), as in the developer portal: from now on every interaction is a signed
	 * POST to one of them (round robin, or `http.endpoint` per interaction) and no longer an INTERACTION_CREATE on
	 * the gateway. An empty list goes back to the gateway.
	 */
	useInteractionsEndpoints(urls: readonly string[]): void {
		this.interactions.useEndpoints(urls);
	}

	/** Signs a body as Discord does (for tests that POST by hand). */
	signInteraction(
		body: string,
		timestampSec = Math.floor(Date.now() / 1000),
	): { signature: string; timestamp: string } {
		return this.interactions.signRequest(body, timestampSec);
	}

	slashCommand(input: SlashCommandInput): InteractionHandle {
		return this.interactions.slashCommand(input);
	}

	autocomplete(input: AutocompleteInput): Promise<AutocompleteChoice[]> {
		return this.interactions.autocomplete(input);
	}

	clickButton(input: ButtonInput): InteractionHandle {
		return this.interactions.clickButton(input);
	}

	selectMenu(input: SelectInput): InteractionHandle {
		return this.interactions.selectMenu(input);
	}

	submitModal(input: ModalInput): InteractionHandle {
		return this.interactions.submitModal(input);
	}

	// -- observation ------------------------------------------------------------------------------------------------

	/** Every REST request (and attachment download), with its final status. */
	get requests(): RecordedRequest[] {
		return this.http.requests;
	}

	/**
	 * When each TCP connection to the fake was accepted (ms since the epoch), REST and gateway alike: a client that
	 * keeps its connections opens few; one that does not opens one per request after each idle spell.
	 */
	get connections(): readonly number[] {
		return this.http.connections;
	}

	/** Requests that matched no route (a bot calling an endpoint the fake, and maybe Discord, does not have). */
	unknownRequests(): RecordedRequest[] {
		return this.http.requests.filter((r) => r.unknown);
	}

	/** 401/403/429 answers so far (Discord bans at 10 000 per 10 minutes). */
	get invalidRequestCount(): number {
		return this.http.invalidRequests;
	}

	/** Non-deleted, non-ephemeral messages of a channel, oldest first, edits applied. */
	messages(channelId: string): FakeMessage[] {
		return this.store.messagesIn(channelId);
	}

	/**
	 * Role mentions that notified nobody: the role was mentioned and allowed by `allowed_mentions`, but it is not
	 * mentionable and the bot lacks Mention Everyone in the channel (Discord posts the message silently).
	 */
	silentRolePings(): SilentRolePing[] {
		return [...this.store.silentRolePings];
	}

	/** Every message ever created (deleted and ephemeral included), in creation order. */
	allMessages(): FakeMessage[] {
		return [...this.store.messages.values()];
	}

	message(id: string): FakeMessage | undefined {
		return this.store.messages.get(id);
	}

	/** Messages in the bot's DM channel with a user (created by POST /users/@me/channels). */
	dms(userId: string): FakeMessage[] {
		for (const c of this.store.channels.values()) {
			if (c.type === ChannelType.DM && c.recipientId === userId) return this.store.messagesIn(c.id);
		}
		return [];
	}

	/** Ephemeral messages shown to a user (interaction responses with flag 64), oldest first. */
	ephemerals(userId: string): FakeMessage[] {
		return this.allMessages().filter((m) => {
			if (!m.ephemeral || m.deleted) return false;
			return this.store.messageMeta.get(m.id)?.interaction?.userId === userId;
		});
	}

	/**
	 * The first message (existing or future, created or edited, deleted excluded) matching `predicate`.
	 * Rejects after `timeoutMs` listing the most recent messages.
	 */
	waitForMessage(predicate: (m: FakeMessage) => boolean, timeoutMs = 5000): Promise<FakeMessage> {
		const existing = this.allMessages().find((m) => !m.deleted && predicate(m));
		if (existing) return Promise.resolve(existing);
		return new Promise((resolve, reject) => {
			const off = this.core.onMessage((m, kind) => {
				if (kind === 'delete' || !predicate(m)) return;
				off();
				clearTimeout(timer);
				resolve(m);
			});
			const timer = setTimeout(() => {
				off();
				const recent = this.allMessages()
					.slice(-5)
					.map((m) => `#${m.channel_id} ${JSON.stringify(m.content.slice(0, 80))}${m.deleted ? ' (deleted)' : ''}`);
				reject(
					new Error(
						`fake-discord: no matching message within ${timeoutMs} ms. Last messages: ${recent.join(' | ') || 'none'}`,
					),
				);
			}, timeoutMs);
		});
	}

	/** Application commands registered by the bot: global ones, or a guild's. */
	commands(guildId?: string): Json[] {
		const scope = guildId ?? 'global';
		return this.store.commands.filter((c) => c.scope === scope).map((c) => this.store.commandJson(c));
	}

	/** Gateway counters: connections, identifies, resumes, resumeUrlConnections, connected. */
	gatewayStats(): GatewayStats {
		return this.core.gateway.snapshot();
	}

	get gatewayConnections(): number {
		return this.core.gateway.stats.connections;
	}

	get identifies(): number {
		return this.core.gateway.stats.identifies;
	}

	get resumes(): number {
		return this.core.gateway.stats.resumes;
	}

	/** Resolves when the gateway next sends `event` (e.g. 'RESUMED', 'READY') to any session. */
	waitForGatewayEvent(event: string, timeoutMs = 5000): Promise<Json> {
		return new Promise((resolve, reject) => {
			const off = this.core.gateway.onEvent((t, d) => {
				if (t !== event) return;
				off();
				clearTimeout(timer);
				resolve(d);
			});
			const timer = setTimeout(() => {
				off();
				reject(new Error(`fake-discord: gateway did not send ${event} within ${timeoutMs} ms`));
			}, timeoutMs);
		});
	}

	/** A fresh snowflake (e.g. for ids of things the fake does not own). */
	static snowflake(): string {
		return snowflake();
	}
}

class Faults {
	constructor(
		private readonly http: HttpServer,
		private readonly core: Core,
	) {}

	/**
	 * The next `times` requests matching `route` (tested against the API path, e.g. `/channels/1/messages`, and
	 * against `METHOD /path`) fail with `status`. `afterHandling: true` makes Discord do the work and THEN fail
	 * (response lost): the case `nonce` + `enforce_nonce` protects against.
	 */
	serverError(route: RegExp, times: number, status = 500, opts: { afterHandling?: boolean } = {}): void {
		this.http.addFault({
			kind: 'error',
			re: route,
			remaining: times,
			status,
			afterHandling: opts.afterHandling ?? false,
		});
	}

	/** The next `times` matching requests get 429 (scope `shared`) with Retry-After `retryAfterSec`. */
	rateLimitStorm(route: RegExp, times: number, retryAfterSec = 0.05): void {
		this.http.addFault({ kind: 'storm', re: route, remaining: times, retryAfter: retryAfterSec });
	}

	/** Matching requests are delayed by `delayMs` (all of them, or the next `times`). */
	slow(route: RegExp, delayMs: number, times?: number): void {
		this.http.addFault({ kind: 'slow', re: route, delayMs, remaining: times ?? Number.POSITIVE_INFINITY });
	}

	/** Close every gateway socket abnormally; clients should RESUME on resume_gateway_url. */
	dropGateway(): void {
		this.core.gateway.dropConnections();
	}

	/** Send op 9 INVALID_SESSION. Not resumable (default) forces a fresh IDENTIFY. */
	invalidSession(resumable = false): void {
		this.core.gateway.invalidateSessions(resumable);
	}

	/** Send op 7 RECONNECT (Discord does this before restarting a gateway node). */
	requestReconnect(): void {
		this.core.gateway.requestReconnect();
	}

	/** Remove every pending REST fault. */
	clear(): void {
		this.http.clearFaults();
	}
}

// ------------------------------------------------------------------------------------------------------------------
// discord.js helpers

/**
 * A real discord.js Client wired to the fake: REST base = fake.apiUrl, and no identify throttling (by default a
 * second IDENTIFY within 5 s waits 5-6.5 s, which would make reconnect tests slow). Intents default to Guilds.
 */
export function createTestClient(fake: FakeDiscord, options: Partial<ClientOptions> = {}): Client {
	return new Client({
		intents: [GatewayIntentBits.Guilds],
		...options,
		rest: { ...options.rest, api: fake.apiUrl },
		ws: { ...options.ws, buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) },
	});
}

/** createTestClient + login + wait for `clientReady`. */
export async function startTestClient(fake: FakeDiscord, options: Partial<ClientOptions> = {}): Promise<Client<true>> {
	const client = createTestClient(fake, options);
	const ready = new Promise<Client<true>>((resolve) => client.once('clientReady', (c) => resolve(c)));
	await client.login(fake.token);
	return ready;
}
