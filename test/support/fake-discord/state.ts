import { snowflake } from './ids.ts';
import {
	ALL_PERMISSIONS,
	DEFAULT_BOT_PERMISSIONS,
	DEFAULT_EVERYONE_PERMISSIONS,
	Permissions,
	channelPermissions,
	basePermissions,
	type Overwrite,
	type PermissionSubject,
} from './permissions.ts';
import type { FakeAttachment, FakeMessage, Json } from './types.ts';

/**
 * The fake's world: users, guilds, roles, channels, members, messages, commands. Plain records plus serializers
 * that produce Discord API v10 objects. Serializers are complete enough for discord.js to build its caches and to
 * compute `channel.permissionsFor(member)` the same way Discord does.
 */

export interface UserRec {
	id: string;
	username: string;
	globalName: string | null;
	locale: string;
	bot: boolean;
	/** False = the user closed DMs from server members: sending them a DM fails with 50007. */
	acceptsDms: boolean;
}

export interface GuildRec {
	id: string;
	name: string;
	locale: string;
	ownerId: string;
	botRoleId: string;
	joinedAt: string;
	/** False after the bot was removed (GUILD_DELETE sent). */
	present: boolean;
}

export interface RoleRec {
	id: string;
	guildId: string;
	name: string;
	permissions: bigint;
	position: number;
	mentionable: boolean;
	managed: boolean;
	hoist: boolean;
	color: number;
	botId?: string;
}

export interface ChannelRec {
	id: string;
	guildId: string | null;
	type: number;
	name: string;
	position: number;
	parentId: string | null;
	overwrites: Overwrite[];
	topic: string | null;
	lastMessageId: string | null;
	/** DM channels only. */
	recipientId?: string;
	deleted: boolean;
}

export interface MemberRec {
	guildId: string;
	userId: string;
	roles: string[];
	joinedAt: string;
	nick: string | null;
}

export interface CommandRec {
	id: string;
	/** 'global' or a guild id. */
	scope: string;
	version: string;
	json: Json;
}

/** Extra facts about a message that only the API form needs. */
export interface MessageMeta {
	webhookId?: string;
	interaction?: { id: string; type: number; userId: string; name?: string; guildId?: string };
}

export interface SilentRolePing {
	messageId: string;
	channelId: string;
	roleId: string;
}

export const ChannelType = { GuildText: 0, DM: 1, GuildVoice: 2, GuildCategory: 4, GuildAnnouncement: 5 } as const;

export class Store {
	readonly users = new Map<string, UserRec>();
	readonly guilds = new Map<string, GuildRec>();
	readonly roles = new Map<string, RoleRec>();
	readonly channels = new Map<string, ChannelRec>();
	/** key `${guildId}:${userId}` */
	readonly members = new Map<string, MemberRec>();
	readonly messages = new Map<string, FakeMessage>();
	readonly messageMeta = new Map<string, MessageMeta>();
	readonly channelMessages = new Map<string, string[]>();
	readonly attachments = new Map<string, FakeAttachment>();
	readonly commands: CommandRec[] = [];
	/** Role mentions that reached nobody (role not mentionable and the sender without MentionEveryone). */
	readonly silentRolePings: SilentRolePing[] = [];
	readonly botUser: UserRec;
	readonly applicationId: string;
	readonly baseUrl: () => string;

	constructor(botName: string, baseUrl: () => string) {
		this.botUser = {
			id: snowflake(),
			username: botName,
			globalName: null,
			locale: 'en-US',
			bot: true,
			acceptsDms: true,
		};
		this.users.set(this.botUser.id, this.botUser);
		// Newer applications share their id with their bot user.
		this.applicationId = this.botUser.id;
		this.baseUrl = baseUrl;
	}

	// -- lookups ----------------------------------------------------------------------------------------------------

	user(id: string): UserRec {
		const u = this.users.get(id);
		if (!u) throw new Error(`fake-discord: unknown user ${id}`);
		return u;
	}

	guild(id: string): GuildRec {
		const g = this.guilds.get(id);
		if (!g) throw new Error(`fake-discord: unknown guild ${id}`);
		return g;
	}

	channel(id: string): ChannelRec {
		const c = this.channels.get(id);
		if (!c) throw new Error(`fake-discord: unknown channel ${id}`);
		return c;
	}

	role(id: string): RoleRec {
		const r = this.roles.get(id);
		if (!r) throw new Error(`fake-discord: unknown role ${id}`);
		return r;
	}

	member(guildId: string, userId: string): MemberRec | undefined {
		return this.members.get(`${guildId}:${userId}`);
	}

	guildRoles(guildId: string): RoleRec[] {
		return [...this.roles.values()].filter((r) => r.guildId === guildId).sort((a, b) => a.position - b.position);
	}

	guildChannels(guildId: string): ChannelRec[] {
		return [...this.channels.values()].filter((c) => c.guildId === guildId && !c.deleted);
	}

	guildMembers(guildId: string): MemberRec[] {
		return [...this.members.values()].filter((m) => m.guildId === guildId);
	}

	// -- mutations --------------------------------------------------------------------------------------------------

	addUser(input: {
		username: string;
		globalName?: string;
		locale?: string;
		bot?: boolean;
		acceptsDms?: boolean;
	}): UserRec {
		const u: UserRec = {
			id: snowflake(),
			username: input.username,
			globalName: input.globalName ?? null,
			locale: input.locale ?? 'vi',
			bot: input.bot ?? false,
			acceptsDms: input.acceptsDms ?? true,
		};
		this.users.set(u.id, u);
		return u;
	}

	addGuild(input: { name: string; locale?: string; ownerId?: string; botPermissions?: bigint }): GuildRec {
		const id = snowflake();
		const now = new Date().toISOString();
		let ownerId = input.ownerId;
		if (ownerId === undefined) {
			// Every real guild has a human owner (who has every permission); tests rarely care who.
			ownerId = this.addUser({ username: `${input.name.toLowerCase().replace(/\W+/g, '')}_owner` }).id;
		}
		this.user(ownerId);
		const botRoleId = snowflake();
		const g: GuildRec = {
			id,
			name: input.name,
			locale: input.locale ?? 'vi',
			ownerId,
			botRoleId,
			joinedAt: now,
			present: true,
		};
		this.guilds.set(id, g);
		// @everyone shares the guild id, as on Discord.
		this.roles.set(id, {
			id,
			guildId: id,
			name: '@everyone',
			permissions: DEFAULT_EVERYONE_PERMISSIONS,
			position: 0,
			mentionable: false,
			managed: false,
			hoist: false,
			color: 0,
		});
		// The managed role Discord creates when a bot is invited with permissions.
		this.roles.set(botRoleId, {
			id: botRoleId,
			guildId: id,
			name: this.botUser.username,
			permissions: input.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
			position: 1,
			mentionable: false,
			managed: true,
			hoist: false,
			color: 0,
			botId: this.botUser.id,
		});
		this.members.set(`${id}:${this.botUser.id}`, {
			guildId: id,
			userId: this.botUser.id,
			roles: [botRoleId],
			joinedAt: now,
			nick: null,
		});
		this.members.set(`${id}:${ownerId}`, { guildId: id, userId: ownerId, roles: [], joinedAt: now, nick: null });
		return g;
	}

	addRole(
		guildId: string,
		input: { name: string; permissions?: bigint; mentionable?: boolean; hoist?: boolean; color?: number },
	): RoleRec {
		this.guild(guildId);
		const position = Math.max(0, ...this.guildRoles(guildId).map((r) => r.position)) + 1;
		const r: RoleRec = {
			id: snowflake(),
			guildId,
			name: input.name,
			// Roles created in the Discord UI start with no permissions of their own.
			permissions: input.permissions ?? 0n,
			position,
			mentionable: input.mentionable ?? false,
			managed: false,
			hoist: input.hoist ?? false,
			color: input.color ?? 0,
		};
		this.roles.set(r.id, r);
		return r;
	}

	addChannel(
		guildId: string,
		input: { name: string; type?: number; parentId?: string; topic?: string; overwrites?: Overwrite[] },
	): ChannelRec {
		this.guild(guildId);
		const type = input.type ?? ChannelType.GuildText;
		const c: ChannelRec = {
			id: snowflake(),
			guildId,
			type,
			name: input.name,
			position: this.guildChannels(guildId).filter((x) => x.type === type).length,
			parentId: input.parentId ?? null,
			overwrites: input.overwrites ?? [],
			topic: input.topic ?? null,
			lastMessageId: null,
			deleted: false,
		};
		this.channels.set(c.id, c);
		return c;
	}

	/** The DM channel between the bot and a user (created once, like Discord's). */
	dmChannel(userId: string): ChannelRec {
		for (const c of this.channels.values()) if (c.type === ChannelType.DM && c.recipientId === userId) return c;
		const c: ChannelRec = {
			id: snowflake(),
			guildId: null,
			type: ChannelType.DM,
			name: '',
			position: 0,
			parentId: null,
			overwrites: [],
			topic: null,
			lastMessageId: null,
			recipientId: userId,
			deleted: false,
		};
		this.channels.set(c.id, c);
		return c;
	}

	addAttachment(input: { filename: string; contentType?: string; description?: string; data: Buffer }): FakeAttachment {
		const id = snowflake();
		const a: FakeAttachment = {
			id,
			filename: input.filename,
			size: input.data.length,
			data: input.data,
			url: `${this.baseUrl()}/attachments/${id}/${encodeURIComponent(input.filename)}`,
		};
		if (input.contentType !== undefined) a.contentType = input.contentType;
		if (input.description !== undefined) a.description = input.description;
		this.attachments.set(id, a);
		return a;
	}

	insertMessage(m: FakeMessage, meta: MessageMeta = {}): void {
		this.messages.set(m.id, m);
		this.messageMeta.set(m.id, meta);
		let list = this.channelMessages.get(m.channel_id);
		if (!list) {
			list = [];
			this.channelMessages.set(m.channel_id, list);
		}
		list.push(m.id);
		const c = this.channels.get(m.channel_id);
		if (c && !m.ephemeral) c.lastMessageId = m.id;
	}

	messagesIn(channelId: string, includeEphemeral = false): FakeMessage[] {
		const ids = this.channelMessages.get(channelId) ?? [];
		const out: FakeMessage[] = [];
		for (const id of ids) {
			const m = this.messages.get(id);
			if (m && !m.deleted && (includeEphemeral || !m.ephemeral)) out.push(m);
		}
		return out;
	}

	// -- permissions ------------------------------------------------------------------------------------------------

	private subject(guildId: string, userId: string): PermissionSubject | undefined {
		const g = this.guilds.get(guildId);
		const m = this.member(guildId, userId);
		if (!g || !m) return undefined;
		return {
			guildId,
			ownerId: g.ownerId,
			userId,
			roleIds: m.roles,
			rolePermissions: (id) => this.roles.get(id)?.permissions,
		};
	}

	guildPermissionsOf(guildId: string, userId: string): bigint {
		const s = this.subject(guildId, userId);
		return s ? basePermissions(s) : 0n;
	}

	/** Permissions of a guild member in a channel; for DMs the usual DM permissions. */
	permissionsIn(channelId: string, userId: string): bigint {
		const c = this.channels.get(channelId);
		if (!c) return 0n;
		if (c.guildId === null) {
			return c.recipientId === userId || userId === this.botUser.id
				? Permissions.ViewChannel |
						Permissions.SendMessages |
						Permissions.EmbedLinks |
						Permissions.AttachFiles |
						Permissions.ReadMessageHistory
				: 0n;
		}
		const s = this.subject(c.guildId, userId);
		if (!s) return 0n;
		if (s.userId === s.ownerId) return ALL_PERMISSIONS;
		// Overwrites are per channel (no category sync), like an unsynced channel on Discord.
		return channelPermissions(s, c.overwrites);
	}

	// -- serializers (Discord API v10 shapes) -------------------------------------------------------------------------

	userJson(u: UserRec): Json {
		const out: Json = {
			id: u.id,
			username: u.username,
			global_name: u.globalName,
			avatar: null,
			discriminator: '0',
			public_flags: 0,
			flags: 0,
			banner: null,
			accent_color: null,
			avatar_decoration_data: null,
			collectibles: null,
			primary_guild: null,
		};
		if (u.bot) out.bot = true;
		return out;
	}

	roleJson(r: RoleRec): Json {
		const out: Json = {
			id: r.id,
			name: r.name,
			description: null,
			color: r.color,
			colors: { primary_color: r.color, secondary_color: null, tertiary_color: null },
			hoist: r.hoist,
			icon: null,
			unicode_emoji: null,
			position: r.position,
			permissions: r.permissions.toString(),
			managed: r.managed,
			mentionable: r.mentionable,
			flags: 0,
		};
		if (r.botId !== undefined) out.tags = { bot_id: r.botId };
		return out;
	}

	overwriteJson(o: Overwrite): Json {
		return { id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() };
	}

	channelJson(c: ChannelRec): Json {
		if (c.type === ChannelType.DM) {
			const recipient = this.users.get(c.recipientId ?? '');
			return {
				id: c.id,
				type: 1,
				last_message_id: c.lastMessageId,
				flags: 0,
				recipients: recipient ? [this.userJson(recipient)] : [],
			};
		}
		const out: Json = {
			id: c.id,
			type: c.type,
			guild_id: c.guildId,
			name: c.name,
			position: c.position,
			permission_overwrites: c.overwrites.map((o) => this.overwriteJson(o)),
			parent_id: c.parentId,
			flags: 0,
		};
		if (c.type === ChannelType.GuildText || c.type === ChannelType.GuildAnnouncement) {
			Object.assign(out, {
				topic: c.topic,
				nsfw: false,
				last_message_id: c.lastMessageId,
				rate_limit_per_user: 0,
				last_pin_timestamp: null,
			});
		} else if (c.type === ChannelType.GuildVoice) {
			Object.assign(out, {
				bitrate: 64000,
				user_limit: 0,
				rtc_region: null,
				nsfw: false,
				last_message_id: null,
				rate_limit_per_user: 0,
			});
		}
		return out;
	}

	memberJson(m: MemberRec, opts: { withUser?: boolean; permissionsIn?: string } = {}): Json {
		const out: Json = {
			avatar: null,
			banner: null,
			communication_disabled_until: null,
			deaf: false,
			flags: 0,
			joined_at: m.joinedAt,
			mute: false,
			nick: m.nick,
			pending: false,
			premium_since: null,
			roles: [...m.roles],
		};
		if (opts.withUser !== false) out.user = this.userJson(this.user(m.userId));
		if (opts.permissionsIn !== undefined) {
			out.permissions = this.permissionsIn(opts.permissionsIn, m.userId).toString();
		}
		return out;
	}

	guildJson(g: GuildRec, opts: { withCounts?: boolean } = {}): Json {
		const out: Json = {
			id: g.id,
			name: g.name,
			icon: null,
			icon_hash: null,
			splash: null,
			discovery_splash: null,
			owner_id: g.ownerId,
			afk_channel_id: null,
			afk_timeout: 300,
			widget_enabled: false,
			verification_level: 0,
			default_message_notifications: 1,
			explicit_content_filter: 0,
			roles: this.guildRoles(g.id).map((r) => this.roleJson(r)),
			emojis: [],
			features: [],
			mfa_level: 0,
			application_id: null,
			system_channel_id: null,
			system_channel_flags: 0,
			rules_channel_id: null,
			max_presences: null,
			max_members: 500000,
			vanity_url_code: null,
			description: null,
			banner: null,
			premium_tier: 0,
			premium_subscription_count: 0,
			preferred_locale: g.locale,
			public_updates_channel_id: null,
			max_video_channel_users: 25,
			max_stage_video_channel_users: 50,
			nsfw_level: 0,
			nsfw: false,
			stickers: [],
			premium_progress_bar_enabled: false,
			safety_alerts_channel_id: null,
			incidents_data: null,
		};
		if (opts.withCounts) {
			out.approximate_member_count = this.guildMembers(g.id).length;
			out.approximate_presence_count = 0;
		}
		return out;
	}

	/**
	 * GUILD_CREATE payload. Like Discord without the GuildPresences intent, `members` holds only the bot's own
	 * member (the bot must fetch others over REST or request them on the gateway).
	 */
	guildCreateJson(g: GuildRec, allMembers: boolean): Json {
		const members = allMembers
			? this.guildMembers(g.id)
			: this.guildMembers(g.id).filter((m) => m.userId === this.botUser.id);
		return {
			...this.guildJson(g),
			joined_at: g.joinedAt,
			large: false,
			unavailable: false,
			member_count: this.guildMembers(g.id).length,
			voice_states: [],
			members: members.map((m) => this.memberJson(m)),
			channels: this.guildChannels(g.id).map((c) => {
				// Channels inside GUILD_CREATE carry no guild_id (discord.js fills it in).
				const json = this.channelJson(c);
				delete json.guild_id;
				return json;
			}),
			threads: [],
			presences: [],
			stage_instances: [],
			guild_scheduled_events: [],
			soundboard_sounds: [],
			lazy: true,
			application_command_counts: {},
			embedded_activities: [],
			activity_instances: [],
			version: Date.now(),
			hub_type: null,
			home_header: null,
			latest_onboarding_question_id: null,
			inventory_settings: null,
		};
	}

	commandJson(c: CommandRec): Json {
		return {
			id: c.id,
			application_id: this.applicationId,
			version: c.version,
			default_member_permissions: c.json.default_member_permissions ?? null,
			type: c.json.type ?? 1,
			name: c.json.name,
			name_localizations: c.json.name_localizations ?? null,
			description: c.json.description ?? '',
			description_localizations: c.json.description_localizations ?? null,
			...(c.json.options !== undefined ? { options: c.json.options } : {}),
			...(c.scope !== 'global' ? { guild_id: c.scope } : {}),
			nsfw: c.json.nsfw ?? false,
			contexts: c.json.contexts ?? null,
			integration_types: c.json.integration_types ?? [0],
		};
	}

	messageJson(m: FakeMessage): Json {
		const meta = this.messageMeta.get(m.id) ?? {};
		const out: Json = {
			type: m.type,
			content: m.content,
			mentions: m.pings.users.flatMap((id) => {
				const u = this.users.get(id);
				return u ? [this.userJson(u)] : [];
			}),
			mention_roles: [...m.pings.roles],
			mention_everyone: m.pings.everyone,
			attachments: m.attachments.map((a) => ({
				id: a.id,
				filename: a.filename,
				size: a.size,
				url: a.url,
				proxy_url: a.url,
				...(a.contentType !== undefined ? { content_type: a.contentType } : {}),
				...(a.description !== undefined ? { description: a.description } : {}),
			})),
			embeds: m.embeds,
			timestamp: m.timestamp,
			edited_timestamp: m.edited_timestamp ?? null,
			flags: m.flags,
			components: m.components,
			id: m.id,
			channel_id: m.channel_id,
			author: m.author,
			pinned: false,
			tts: m.tts,
		};
		if (m.nonce !== undefined) out.nonce = m.nonce;
		if (m.message_reference !== undefined) out.message_reference = m.message_reference;
		if (meta.webhookId !== undefined) {
			out.webhook_id = meta.webhookId;
			out.application_id = this.applicationId;
		}
		if (meta.interaction) {
			const user = this.userJson(this.user(meta.interaction.userId));
			out.interaction_metadata = {
				id: meta.interaction.id,
				type: meta.interaction.type,
				user,
				authorizing_integration_owners: meta.interaction.guildId ? { '0': meta.interaction.guildId } : {},
				...(meta.interaction.name !== undefined ? { name: meta.interaction.name, command_type: 1 } : {}),
			};
			if (meta.interaction.name !== undefined) {
				out.interaction = { id: meta.interaction.id, type: meta.interaction.type, name: meta.interaction.name, user };
			}
		}
		return out;
	}
}
