/**
 * Discord's permission arithmetic, as documented in https://discord.com/developers/docs/topics/permissions
 * ("Permission Overwrites" and "Implicit Permissions"), so the bot can tell before posting whether a post will go
 * through. Pure: the caller passes a snapshot of the server (roles, the channel's overwrites, the bot's member).
 */

/** The permission bits gopy needs (values from Discord's bitwise permission flags table). */
export const Perm = {
	Administrator: 1n << 3n,
	ViewChannel: 1n << 10n,
	SendMessages: 1n << 11n,
	SendTTSMessages: 1n << 12n,
	EmbedLinks: 1n << 14n,
	AttachFiles: 1n << 15n,
	ReadMessageHistory: 1n << 16n,
	MentionEveryone: 1n << 17n,
} as const;

export type PermName = Exclude<keyof typeof Perm, 'Administrator' | 'SendTTSMessages'>;

/** Every bit set: what an owner or an administrator has. */
export const ALL = (1n << 64n) - 1n;

export interface Overwrite {
	/** A role id (type 0) or a member's user id (type 1). */
	id: string;
	type: 0 | 1;
	allow: bigint;
	deny: bigint;
}

export interface MemberSnapshot {
	guildId: string;
	ownerId: string;
	userId: string;
	/** The member's roles, without @everyone (whose id is the guild id). */
	roleIds: readonly string[];
	/** Guild-level permissions of each role of the server, @everyone included (keyed by role id). */
	rolePermissions: ReadonlyMap<string, bigint>;
}

/** compute_base_permissions: @everyone's permissions OR the member's roles; the owner and administrators get all. */
export function basePermissions(m: MemberSnapshot): bigint {
	if (m.userId === m.ownerId) return ALL;
	let perms = m.rolePermissions.get(m.guildId) ?? 0n;
	for (const id of m.roleIds) perms |= m.rolePermissions.get(id) ?? 0n;
	if ((perms & Perm.Administrator) !== 0n) return ALL;
	return perms;
}

/**
 * compute_overwrites, then the implicit rules: the @everyone overwrite, then every role overwrite of the member
 * (denies and allows gathered, allows win), then the member's own overwrite. Administrators skip the overwrites.
 * Without View Channel nothing else holds in the channel; without Send Messages neither do Mention Everyone,
 * Send TTS, Attach Files nor Embed Links.
 */
export function channelPermissions(m: MemberSnapshot, overwrites: readonly Overwrite[]): bigint {
	const base = basePermissions(m);
	if (base === ALL) return ALL;
	let perms = base;
	// Stryker disable next-line ConditionalExpression: a member overwrite (type 1) never has the server's id, which is @everyone's
	const everyone = overwrites.find((o) => o.type === 0 && o.id === m.guildId);
	if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
	// The type only confirms what the id says: a role overwrite names a role id, a member overwrite a user id.
	// Stryker disable next-line ConditionalExpression,MethodExpression: keeping every overwrite differs only if a user id were one of the member's role ids (snowflakes never coincide)
	const roleOverwrites = overwrites.filter((o) => o.type === 0);
	// Stryker disable next-line ConditionalExpression,MethodExpression: keeping every overwrite differs only if a role id were the member's user id
	const memberOverwrites = overwrites.filter((o) => o.type === 1);
	let allow = 0n;
	let deny = 0n;
	for (const o of roleOverwrites) {
		if (o.id !== m.guildId && m.roleIds.includes(o.id)) {
			allow |= o.allow;
			deny |= o.deny;
		}
	}
	perms = (perms & ~deny) | allow;
	const own = memberOverwrites.find((o) => o.id === m.userId);
	if (own) perms = (perms & ~own.deny) | own.allow;
	if ((perms & Perm.ViewChannel) === 0n) return 0n;
	if ((perms & Perm.SendMessages) === 0n) {
		perms &= ~(Perm.MentionEveryone | Perm.SendTTSMessages | Perm.AttachFiles | Perm.EmbedLinks);
	}
	return perms;
}

export function hasPerm(perms: bigint, flag: bigint): boolean {
	return (perms & flag) === flag;
}

// -- what each use needs --------------------------------------------------------------------------------------------

/**
 * Why a channel or a ping will not work. `blocking` problems make a post fail (Discord answers 403, or the post
 * would lose its content); the others let it go out but something is lost (a ping that notifies nobody, history).
 */
export type AccessProblem =
	| { kind: 'channel-missing'; blocking: true }
	| { kind: 'permission'; permission: PermName; blocking: boolean }
	| { kind: 'role-missing'; blocking: false }
	| { kind: 'ping-silent'; blocking: false }
	/** Discord answered 403 (50001 / 50013) although the preflight found nothing: its view was out of date. */
	| { kind: 'refused'; blocking: true };

export interface ChannelUse {
	/** The post carries files (a draft with attachments). */
	files: boolean;
	/** The post is built from embeds (draft posts are). */
	embeds: boolean;
}

/**
 * What is missing for posting in a channel with permissions `perms` (null: the channel does not exist or the bot
 * cannot see it at all). In Discord's order of checks: View Channel, Send Messages, then what the post carries.
 * Read Message History is reported but does not stop a post.
 */
export function channelProblems(perms: bigint | null, use: ChannelUse): AccessProblem[] {
	if (perms === null) return [{ kind: 'channel-missing', blocking: true }];
	const out: AccessProblem[] = [];
	const need = (permission: PermName, blocking: boolean) => {
		if (!hasPerm(perms, Perm[permission])) out.push({ kind: 'permission', permission, blocking });
	};
	need('ViewChannel', true);
	if (out.length > 0) return out;
	need('SendMessages', true);
	// Without Send Messages the rest is implicitly denied too: naming it would send the admin on a detour.
	if (out.length > 0) return out;
	if (use.embeds) need('EmbedLinks', true);
	if (use.files) need('AttachFiles', true);
	need('ReadMessageHistory', false);
	return out;
}

/**
 * Whether mentioning a role notifies its members: the role must be mentionable, or the sender must have Mention
 * Everyone in the channel (https://discord.com/developers/docs/resources/message#allowed-mentions-object).
 * `role` null: the role no longer exists; `everyone`: the unit's role is the server's @everyone.
 */
export function pingProblems(
	perms: bigint | null,
	role: { mentionable: boolean; everyone?: boolean } | null,
): AccessProblem[] {
	if (role === null) return [{ kind: 'role-missing', blocking: false }];
	// @everyone is never "mentionable": it always takes Mention Everyone.
	if (role.mentionable && role.everyone !== true) return [];
	if (perms !== null && hasPerm(perms, Perm.MentionEveryone)) return [];
	return [{ kind: 'ping-silent', blocking: false }];
}

export function isBlocking(problems: readonly AccessProblem[]): boolean {
	return problems.some((p) => p.blocking);
}

// -- a server as the bot sees it ------------------------------------------------------------------------------------

export interface GuildSnapshot {
	guildId: string;
	ownerId: string;
	botUserId: string;
	/** The bot member's roles (without @everyone). */
	botRoleIds: readonly string[];
	roles: ReadonlyMap<string, { name: string; permissions: bigint; mentionable: boolean }>;
	/** Text channels the server has (whether or not the bot can see them), with their overwrites. */
	channels: ReadonlyMap<string, { name: string; overwrites: readonly Overwrite[] }>;
}

/** The bot's permissions in a channel of the server; null when the channel is not there. */
export function botPermissionsIn(g: GuildSnapshot, channelId: string): bigint | null {
	const channel = g.channels.get(channelId);
	if (!channel) return null;
	const rolePermissions = new Map([...g.roles].map(([id, r]) => [id, r.permissions]));
	const member: MemberSnapshot = {
		guildId: g.guildId,
		ownerId: g.ownerId,
		userId: g.botUserId,
		roleIds: g.botRoleIds,
		rolePermissions,
	};
	return channelPermissions(member, channel.overwrites);
}

/** Everything that stands between the bot and a unit's post in `channelId` pinging `roleId`. */
export function targetProblems(
	g: GuildSnapshot,
	target: { channelId: string; roleId: string | null },
	use: ChannelUse,
): AccessProblem[] {
	const perms = botPermissionsIn(g, target.channelId);
	const problems = channelProblems(perms, use);
	if (target.roleId !== null && !isBlocking(problems)) {
		const role = g.roles.get(target.roleId);
		problems.push(
			...pingProblems(perms, role ? { mentionable: role.mentionable, everyone: target.roleId === g.guildId } : null),
		);
	}
	return problems;
}
