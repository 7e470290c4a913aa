import { PermissionFlagsBits as P } from 'discord.js';

/**
 * Discord's permission algorithm (https://discord.com/developers/docs/topics/permissions#permission-overwrites).
 * The fake enforces it on REST (50013) and sends the results in interactions (`member.permissions`,
 * `app_permissions`), so it must agree with what discord.js computes from the GUILD_CREATE payload.
 */

export const ALL_PERMISSIONS: bigint = Object.values(P).reduce((a, b) => a | b, 0n);

/** What a new guild's @everyone role gets on Discord (including "Mention @everyone, @here and All Roles"). */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
	P.CreateInstantInvite |
	P.AddReactions |
	P.Stream |
	P.ViewChannel |
	P.SendMessages |
	P.SendTTSMessages |
	P.EmbedLinks |
	P.AttachFiles |
	P.ReadMessageHistory |
	P.MentionEveryone |
	P.UseExternalEmojis |
	P.Connect |
	P.Speak |
	P.UseVAD |
	P.ChangeNickname |
	P.UseApplicationCommands |
	P.RequestToSpeak |
	P.CreatePublicThreads |
	P.CreatePrivateThreads |
	P.UseExternalStickers |
	P.SendMessagesInThreads |
	P.UseEmbeddedActivities |
	P.UseSoundboard |
	P.UseExternalSounds |
	P.SendVoiceMessages |
	P.SendPolls |
	P.UseExternalApps;

/** What the bot's managed role gets by default (an invite link asking for the usual text-bot permissions). */
export const DEFAULT_BOT_PERMISSIONS: bigint =
	P.ViewChannel |
	P.SendMessages |
	P.SendMessagesInThreads |
	P.EmbedLinks |
	P.AttachFiles |
	P.ReadMessageHistory |
	P.MentionEveryone |
	P.UseApplicationCommands;

export interface Overwrite {
	id: string;
	/** 0 = role, 1 = member */
	type: 0 | 1;
	allow: bigint;
	deny: bigint;
}

export interface PermissionSubject {
	guildId: string;
	ownerId: string;
	userId: string;
	/** Role ids of the member (without @everyone). */
	roleIds: readonly string[];
	rolePermissions: (roleId: string) => bigint | undefined;
}

export function basePermissions(s: PermissionSubject): bigint {
	if (s.userId === s.ownerId) return ALL_PERMISSIONS;
	let perms = s.rolePermissions(s.guildId) ?? 0n;
	for (const roleId of s.roleIds) perms |= s.rolePermissions(roleId) ?? 0n;
	if ((perms & P.Administrator) !== 0n) return ALL_PERMISSIONS;
	return perms;
}

export function channelPermissions(s: PermissionSubject, overwrites: readonly Overwrite[]): bigint {
	const base = basePermissions(s);
	if ((base & P.Administrator) !== 0n) return ALL_PERMISSIONS;
	let perms = base;
	const everyone = overwrites.find((o) => o.type === 0 && o.id === s.guildId);
	if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
	let allow = 0n;
	let deny = 0n;
	for (const o of overwrites) {
		if (o.type === 0 && o.id !== s.guildId && s.roleIds.includes(o.id)) {
			allow |= o.allow;
			deny |= o.deny;
		}
	}
	perms = (perms & ~deny) | allow;
	const member = overwrites.find((o) => o.type === 1 && o.id === s.userId);
	if (member) perms = (perms & ~member.deny) | member.allow;
	// Implicit permissions: without ViewChannel nothing else applies in the channel; without SendMessages neither
	// do MentionEveryone, SendTTSMessages, AttachFiles nor EmbedLinks.
	if ((perms & P.ViewChannel) === 0n) return 0n;
	if ((perms & P.SendMessages) === 0n) perms &= ~(P.MentionEveryone | P.SendTTSMessages | P.AttachFiles | P.EmbedLinks);
	return perms;
}

export function has(perms: bigint, flag: bigint): boolean {
	return (perms & flag) === flag;
}

export { P as Permissions };
