import { Permissions, has } from './permissions.ts';
import type { Store } from './state.ts';
import type { Json, Pings } from './types.ts';

/**
 * Who Discord actually notifies for a message, following
 * https://discord.com/developers/docs/resources/message#allowed-mentions-object:
 *
 * - only `content` is parsed (never embeds);
 * - `allowed_mentions` absent: users, roles and @everyone/@here all parse, and a reply pings the replied-to author;
 * - present: only the types in `parse`, plus the ids listed in `users` / `roles`; `replied_user` defaults to false;
 * - @everyone/@here need the sender's MentionEveryone permission in the channel; a role mention pings only when the
 *   role is mentionable or the sender has MentionEveryone;
 * - a user who cannot see the channel is not notified; ephemeral messages notify nobody.
 */

const USER_RE = /<@!?(\d{17,20})>/g;
const ROLE_RE = /<@&(\d{17,20})>/g;

export interface PingInput {
	content: string;
	allowedMentions: Json;
	channelId: string;
	senderId: string;
	ephemeral: boolean;
	/** Author of the message being replied to, if any. */
	repliedAuthorId?: string;
	/** Told about each role that was mentioned and allowed, yet notified nobody (not mentionable, no MentionEveryone). */
	onSilentRole?: (roleId: string) => void;
}

const uniq = (xs: string[]): string[] => [...new Set(xs)];

export function computePings(store: Store, input: PingInput): Pings {
	const none: Pings = { everyone: false, users: [], roles: [] };
	if (input.ephemeral) return none;
	const channel = store.channels.get(input.channelId);
	if (!channel) return none;
	const am = input.allowedMentions;
	const present = am !== undefined && am !== null && typeof am === 'object';
	const parse: string[] = present ? (Array.isArray(am.parse) ? am.parse : []) : ['users', 'roles', 'everyone'];
	const allowUsers = new Set<string>(present && Array.isArray(am.users) ? am.users : []);
	const allowRoles = new Set<string>(present && Array.isArray(am.roles) ? am.roles : []);
	const repliedUser = present ? am.replied_user === true : true;
	const senderPerms = store.permissionsIn(channel.id, input.senderId);
	const canMentionEveryone = has(senderPerms, Permissions.MentionEveryone);

	const canSee = (userId: string): boolean => {
		if (userId === input.senderId || !store.users.has(userId)) return false;
		if (channel.guildId === null) return channel.recipientId === userId;
		return has(store.permissionsIn(channel.id, userId), Permissions.ViewChannel);
	};

	const users: string[] = [];
	for (const m of input.content.matchAll(USER_RE)) {
		const id = m[1] ?? '';
		if ((parse.includes('users') || allowUsers.has(id)) && canSee(id)) users.push(id);
	}
	if (input.repliedAuthorId !== undefined && repliedUser && canSee(input.repliedAuthorId))
		users.push(input.repliedAuthorId);

	const roles: string[] = [];
	if (channel.guildId !== null) {
		for (const m of input.content.matchAll(ROLE_RE)) {
			const id = m[1] ?? '';
			const role = store.roles.get(id);
			if (!role || role.guildId !== channel.guildId) continue;
			if (!(parse.includes('roles') || allowRoles.has(id))) continue;
			// @everyone's role id mentioned as a role is never "mentionable": it takes MentionEveryone.
			if ((role.mentionable && id !== channel.guildId) || canMentionEveryone) roles.push(id);
			else input.onSilentRole?.(id);
		}
	}

	const everyone =
		channel.guildId !== null &&
		/@(everyone|here)/.test(input.content) &&
		parse.includes('everyone') &&
		canMentionEveryone;

	return { everyone, users: uniq(users), roles: uniq(roles) };
}
