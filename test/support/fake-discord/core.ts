import {
	ApiError,
	FormErrors,
	cannotDmUser,
	cannotEditOthers,
	cannotSendEmpty,
	entityTooLarge,
	missingAccess,
	missingPermissions,
	unknownChannel,
} from './errors.ts';
import { Gateway, Intents } from './gateway.ts';
import { snowflake } from './ids.ts';
import { computePings } from './mentions.ts';
import type { UploadedFile } from './multipart.ts';
import { Permissions, has } from './permissions.ts';
import { ChannelType, Store, type ChannelRec, type MessageMeta } from './state.ts';
import type { BucketConfig, FakeAttachment, FakeDiscordOptions, FakeMessage, Json } from './types.ts';
import { MESSAGE_FLAGS, isEmptyMessage, validateMessageBody } from './validation.ts';

/**
 * Shared state and the message rules used by every way a message can be made (channel POST, interaction
 * responses, follow-ups) so they all validate, dedupe, compute pings and emit gateway events the same way.
 */

export interface ResolvedOptions {
	ackDeadlineMs: number;
	tokenLifetimeMs: number;
	globalRateLimit: number;
	messageBucket: BucketConfig;
	editBucket: BucketConfig;
	webhookBucket: BucketConfig;
	routeBucket: BucketConfig;
	nonceWindowMs: number;
	botName: string;
	requireRegisteredCommands: boolean;
}

export function resolveOptions(o: FakeDiscordOptions = {}): ResolvedOptions {
	return {
		ackDeadlineMs: o.ackDeadlineMs ?? 3000,
		tokenLifetimeMs: o.tokenLifetimeMs ?? 15 * 60_000,
		globalRateLimit: o.globalRateLimit ?? 50,
		messageBucket: o.messageBucket ?? { limit: 5, windowMs: 5000 },
		editBucket: o.editBucket ?? { limit: 5, windowMs: 5000 },
		webhookBucket: o.webhookBucket ?? { limit: 5, windowMs: 2000 },
		routeBucket: o.routeBucket ?? { limit: 10, windowMs: 1000 },
		nonceWindowMs: o.nonceWindowMs ?? 3 * 60_000,
		botName: o.botName ?? 'gopy',
		requireRegisteredCommands: o.requireRegisteredCommands ?? false,
	};
}

/** Discord's default upload limit for bots in unboosted guilds. */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export interface MessageOrigin {
	authorId: string;
	/** Interaction response / follow-up: visible only to the user when flagged ephemeral. */
	interaction?: { id: string; type: number; userId: string; name?: string; guildId?: string };
	/** Message type: 0 default, 19 reply, 20 chat input command. */
	type?: number;
	/** Deferred response placeholder ("Bot is thinking..."). */
	loading?: boolean;
	/** Flags forced on the message (e.g. ephemeral from a deferral). */
	forceFlags?: number;
}

export class Core {
	readonly opts: ResolvedOptions;
	readonly store: Store;
	readonly gateway: Gateway;
	readonly token: string;
	private readonly nonces = new Map<string, { messageId: string; at: number }>();
	private readonly messageListeners = new Set<(m: FakeMessage, kind: 'create' | 'update' | 'delete') => void>();
	port = 0;

	constructor(opts: ResolvedOptions, token: string, store: Store) {
		this.opts = opts;
		this.store = store;
		this.token = token;
		this.gateway = new Gateway(token, store, () => `ws://127.0.0.1:${this.port}`);
	}

	onMessage(fn: (m: FakeMessage, kind: 'create' | 'update' | 'delete') => void): () => void {
		this.messageListeners.add(fn);
		return () => this.messageListeners.delete(fn);
	}

	private notify(m: FakeMessage, kind: 'create' | 'update' | 'delete'): void {
		for (const fn of [...this.messageListeners]) fn(m, kind);
	}

	/** A channel the bot can address, or 10003 like Discord for unknown/deleted channels. */
	liveChannel(channelId: string): ChannelRec {
		const c = this.store.channels.get(channelId);
		if (!c || c.deleted) throw unknownChannel();
		if (c.guildId !== null && !this.store.guilds.get(c.guildId)?.present) throw unknownChannel();
		return c;
	}

	/** Permission checks of POST /channels/{id}/messages (interaction responses are exempt, as on Discord). */
	assertCanSend(c: ChannelRec, hasFiles: boolean): void {
		const bot = this.store.botUser.id;
		if (c.type === ChannelType.DM) {
			const user = this.store.users.get(c.recipientId ?? '');
			const sharesGuild = [...this.store.guilds.values()].some(
				(g) => g.present && this.store.member(g.id, c.recipientId ?? '') !== undefined,
			);
			if (!user || !user.acceptsDms || !sharesGuild || user.bot) throw cannotDmUser();
			return;
		}
		if (c.type === ChannelType.GuildCategory) {
			throw new ApiError(400, { code: 50008, message: 'Cannot send messages in a non-text channel' });
		}
		const perms = this.store.permissionsIn(c.id, bot);
		if (!has(perms, Permissions.ViewChannel)) throw missingAccess();
		if (!has(perms, Permissions.SendMessages)) throw missingPermissions();
		if (hasFiles && !has(perms, Permissions.AttachFiles)) throw missingPermissions();
	}

	/**
	 * Embeds from a bot without EmbedLinks in the channel: Discord does not show them, and a message that would be
	 * left with nothing else is refused with 50013 (discord-api-docs#2601). Mutates `body` (drops the embeds).
	 */
	applyEmbedPermission(c: ChannelRec, body: Json, attachmentCount: number): void {
		if (c.guildId === null || !Array.isArray(body?.embeds) || body.embeds.length === 0) return;
		if (has(this.store.permissionsIn(c.id, this.store.botUser.id), Permissions.EmbedLinks)) return;
		if (isEmptyMessage({ ...body, embeds: [], attachmentCount })) throw missingPermissions();
		body.embeds = [];
	}

	/** Attachments of a create: every uploaded file, with `attachments[].id == n` supplying description/filename. */
	private newAttachments(body: Json, files: UploadedFile[]): FakeAttachment[] {
		const meta: Json[] = Array.isArray(body?.attachments) ? body.attachments : [];
		return files.map((f) => {
			if (f.data.length > ATTACHMENT_SIZE_LIMIT) throw entityTooLarge();
			const m = meta.find((a) => String(a?.id) === String(f.index));
			const input: { filename: string; contentType?: string; description?: string; data: Buffer } = {
				filename: typeof m?.filename === 'string' ? m.filename : f.filename,
				data: f.data,
			};
			if (f.contentType !== undefined) input.contentType = f.contentType;
			if (typeof m?.description === 'string') input.description = m.description;
			return this.store.addAttachment(input);
		});
	}

	/** Validation common to creates: throws 50035 (errors under `prefix`) or 50006. */
	validateCreate(body: Json, files: UploadedFile[], prefix: string[] = []): void {
		const errors = new FormErrors();
		validateMessageBody(body ?? {}, errors, { fileCount: files.length });
		errors.throwIfAny(prefix);
		if (isEmptyMessage({ ...(body ?? {}), attachmentCount: files.length })) throw cannotSendEmpty();
	}

	/**
	 * Create a message. `body` must already be validated (see validateCreate) unless `loading`.
	 * Returns the existing message instead when `nonce` + `enforce_nonce` repeat within the window.
	 */
	createMessage(channel: ChannelRec, body: Json, files: UploadedFile[], origin: MessageOrigin): FakeMessage {
		body ??= {};
		const now = Date.now();
		const nonce = body.nonce;
		const nonceKey =
			nonce !== undefined && nonce !== null ? `${channel.id}:${origin.authorId}:${String(nonce)}` : undefined;
		if (nonceKey && body.enforce_nonce === true) {
			const seen = this.nonces.get(nonceKey);
			const original = seen ? this.store.messages.get(seen.messageId) : undefined;
			if (seen && original && now - seen.at < this.opts.nonceWindowMs) return original;
		}
		let repliedAuthorId: string | undefined;
		if (body.message_reference?.message_id !== undefined && (body.message_reference.type ?? 0) === 0) {
			const ref = this.store.messages.get(String(body.message_reference.message_id));
			if (!ref || ref.deleted || ref.channel_id !== channel.id) {
				if (body.message_reference.fail_if_not_exists !== false) {
					const e = new FormErrors();
					e.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
					throw e.toError();
				}
			} else repliedAuthorId = ref.author?.id;
		}
		const ephemeralAllowed = origin.interaction !== undefined;
		const allowedFlags =
			MESSAGE_FLAGS.SuppressEmbeds |
			MESSAGE_FLAGS.SuppressNotifications |
			MESSAGE_FLAGS.IsComponentsV2 |
			(ephemeralAllowed ? MESSAGE_FLAGS.Ephemeral : 0);
		let flags = (Number(body.flags ?? 0) & allowedFlags) | (origin.forceFlags ?? 0);
		if (origin.loading) flags |= MESSAGE_FLAGS.Loading;
		const ephemeral = (flags & MESSAGE_FLAGS.Ephemeral) !== 0;
		const author = this.store.userJson(this.store.user(origin.authorId));
		const content = typeof body.content === 'string' ? body.content : '';
		const m: FakeMessage = {
			id: snowflake(now),
			channel_id: channel.id,
			content: origin.loading ? '' : content,
			embeds: origin.loading ? [] : Array.isArray(body.embeds) ? body.embeds : [],
			components: origin.loading ? [] : Array.isArray(body.components) ? body.components : [],
			attachments: origin.loading ? [] : this.newAttachments(body, files),
			author,
			allowed_mentions: body.allowed_mentions,
			timestamp: new Date(now).toISOString(),
			deleted: false,
			flags,
			pings: { everyone: false, users: [], roles: [] },
			ephemeral,
			type: origin.type ?? (repliedAuthorId !== undefined ? 19 : 0),
			tts: body.tts === true,
			editCount: 0,
		};
		if (channel.guildId !== null) m.guild_id = channel.guildId;
		if (nonce !== undefined && nonce !== null) m.nonce = nonce;
		if (body.message_reference !== undefined) m.message_reference = body.message_reference;
		if (origin.interaction) m.interactionId = origin.interaction.id;
		if (!origin.loading) {
			m.pings = computePings(this.store, {
				content,
				allowedMentions: body.allowed_mentions,
				channelId: channel.id,
				senderId: origin.authorId,
				ephemeral,
				...(repliedAuthorId !== undefined ? { repliedAuthorId } : {}),
				onSilentRole: (roleId) => this.store.silentRolePings.push({ messageId: m.id, channelId: channel.id, roleId }),
			});
		}
		const meta: MessageMeta = {};
		if (origin.interaction) {
			meta.webhookId = this.store.applicationId;
			meta.interaction = origin.interaction;
		}
		this.store.insertMessage(m, meta);
		if (nonceKey) this.nonces.set(nonceKey, { messageId: m.id, at: now });
		if (!ephemeral) this.dispatchMessage('MESSAGE_CREATE', m);
		this.notify(m, 'create');
		return m;
	}

	/**
	 * Apply an edit (PATCH). Checks the same limits on the fields present, then that the result is not empty.
	 * The first edit of a deferred ("thinking") response is when it becomes visible: pings are computed then;
	 * any later edit keeps the original pings, because Discord never re-notifies on edit.
	 */
	editMessage(m: FakeMessage, body: Json, files: UploadedFile[], prefix: string[] = []): FakeMessage {
		body ??= {};
		if (m.author?.id !== this.store.botUser.id) throw cannotEditOthers();
		const errors = new FormErrors();
		validateMessageBody(body, errors, { partial: true, fileCount: files.length, existingFlags: m.flags });
		errors.throwIfAny(prefix);
		let attachments = m.attachments;
		if (Array.isArray(body.attachments)) {
			const keep = new Set(body.attachments.map((a: Json) => String(a?.id)));
			attachments = m.attachments.filter((a) => keep.has(a.id));
		}
		const added = this.newAttachments(body, files);
		const next = {
			content: 'content' in body ? (body.content ?? '') : m.content,
			embeds: 'embeds' in body ? (body.embeds ?? []) : m.embeds,
			components: 'components' in body ? (body.components ?? []) : m.components,
		};
		if (isEmptyMessage({ ...next, attachmentCount: attachments.length + added.length })) throw cannotSendEmpty();
		const wasLoading = (m.flags & MESSAGE_FLAGS.Loading) !== 0;
		m.content = String(next.content);
		m.embeds = next.embeds;
		m.components = next.components;
		m.attachments = [...attachments, ...added];
		if ('allowed_mentions' in body) m.allowed_mentions = body.allowed_mentions;
		if (body.flags !== undefined && body.flags !== null) {
			const editable = MESSAGE_FLAGS.SuppressEmbeds | MESSAGE_FLAGS.IsComponentsV2;
			m.flags = (m.flags & ~editable) | (Number(body.flags) & editable);
		}
		if (wasLoading) {
			m.flags &= ~MESSAGE_FLAGS.Loading;
			m.pings = computePings(this.store, {
				content: m.content,
				allowedMentions: m.allowed_mentions,
				channelId: m.channel_id,
				senderId: this.store.botUser.id,
				ephemeral: m.ephemeral,
				onSilentRole: (roleId) => this.store.silentRolePings.push({ messageId: m.id, channelId: m.channel_id, roleId }),
			});
		} else {
			m.edited_timestamp = new Date().toISOString();
			m.editCount++;
		}
		if (!m.ephemeral) this.dispatchMessage('MESSAGE_UPDATE', m);
		this.notify(m, 'update');
		return m;
	}

	deleteMessage(m: FakeMessage): void {
		if (m.deleted) return;
		m.deleted = true;
		if (!m.ephemeral) {
			const opts = m.guild_id !== undefined ? { intent: Intents.GuildMessages } : { intent: Intents.DirectMessages };
			this.gateway.dispatch(
				'MESSAGE_DELETE',
				{ id: m.id, channel_id: m.channel_id, ...(m.guild_id !== undefined ? { guild_id: m.guild_id } : {}) },
				opts,
			);
		}
		this.notify(m, 'delete');
	}

	dispatchMessage(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', m: FakeMessage): void {
		const d = this.store.messageJson(m);
		if (m.guild_id !== undefined) {
			d.guild_id = m.guild_id;
			const member = this.store.member(m.guild_id, m.author?.id);
			if (member) d.member = this.store.memberJson(member, { withUser: false });
			this.gateway.dispatch(t, d, { intent: Intents.GuildMessages, messageContent: true });
		} else {
			this.gateway.dispatch(t, d, { intent: Intents.DirectMessages, messageContent: true });
		}
	}
}
