import {
	ChannelType,
	OverwriteType,
	Routes,
	type APIChannel,
	type APIGuild,
	type APIGuildMember,
	type APIRole,
	type Client,
	type REST,
} from 'discord.js';
import type { AccessProbe } from '../app/access-ports.ts';
import type { GuildSnapshot, Overwrite } from '../domain/permissions.ts';

/**
 * A server as the bot sees it (roles, text channels with their overwrites, the bot's own roles), for the pure
 * permission arithmetic in domain/permissions.ts. Two sources: the gateway cache of the running bot (always up to
 * date through CHANNEL_UPDATE / GUILD_ROLE_UPDATE events), and REST for `npm run doctor`, which has no gateway.
 */

const TEXT_TYPES = new Set<number>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

/** From discord.js's cache; null when the bot is not in the server (or it is not cached yet). */
export function snapshotFromCache(client: Client, guildId: string): GuildSnapshot | null {
	const guild = client.guilds.cache.get(guildId);
	const me = guild?.members.me;
	if (!guild || !me || !client.user) return null;
	const roles = new Map(
		[...guild.roles.cache.values()].map((r) => [
			r.id,
			{ name: r.name, permissions: r.permissions.bitfield, mentionable: r.mentionable },
		]),
	);
	const channels = new Map<string, { name: string; overwrites: Overwrite[] }>();
	for (const c of guild.channels.cache.values()) {
		if (!TEXT_TYPES.has(c.type) || !('permissionOverwrites' in c)) continue;
		const overwrites = [...c.permissionOverwrites.cache.values()].map((o) => ({
			id: o.id,
			type: o.type === OverwriteType.Member ? (1 as const) : (0 as const),
			allow: o.allow.bitfield,
			deny: o.deny.bitfield,
		}));
		channels.set(c.id, { name: c.name, overwrites });
	}
	return {
		guildId,
		ownerId: guild.ownerId,
		botUserId: client.user.id,
		botRoleIds: [...me.roles.cache.keys()].filter((id) => id !== guildId),
		roles,
		channels,
	};
}

/** From REST (GET guild, roles, channels and the bot's member): what `npm run doctor` uses. */
export async function snapshotFromRest(rest: REST, guildId: string, botUserId: string): Promise<GuildSnapshot> {
	const [guild, roles, channels, me] = (await Promise.all([
		rest.get(Routes.guild(guildId)),
		rest.get(Routes.guildRoles(guildId)),
		rest.get(Routes.guildChannels(guildId)),
		rest.get(Routes.guildMember(guildId, botUserId)),
	])) as [APIGuild, APIRole[], APIChannel[], APIGuildMember];
	return {
		guildId,
		ownerId: guild.owner_id,
		botUserId,
		botRoleIds: me.roles.filter((id) => id !== guildId),
		roles: new Map(
			roles.map((r) => [r.id, { name: r.name, permissions: BigInt(r.permissions), mentionable: r.mentionable }]),
		),
		channels: new Map(
			channels
				.filter((c) => TEXT_TYPES.has(c.type))
				.map((c) => [
					c.id,
					{
						name: 'name' in c && typeof c.name === 'string' ? c.name : c.id,
						overwrites: ('permission_overwrites' in c ? (c.permission_overwrites ?? []) : []).map((o) => ({
							id: o.id,
							type: o.type === OverwriteType.Member ? (1 as const) : (0 as const),
							allow: BigInt(o.allow),
							deny: BigInt(o.deny),
						})),
					},
				]),
		),
	};
}

/** The running bot's probe: the gateway cache, no request. */
export class CacheAccessProbe implements AccessProbe {
	constructor(private readonly client: Client) {}

	snapshot(guildId: string): Promise<GuildSnapshot | null> {
		return Promise.resolve(snapshotFromCache(this.client, guildId));
	}
}
