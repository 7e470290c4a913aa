/**
 * Public types of the fake Discord. Payloads that travel over the wire stay loosely typed (`Json`): the fake stores
 * what the bot sent, as Discord would, and tests inspect it.
 */

export type Json = any;

export interface FakeDiscordOptions {
	/** Interaction callbacks after this many ms fail with 404 {code:10062,'Unknown interaction'}. Default 3000. */
	ackDeadlineMs?: number;
	/** Webhook (follow-up / @original) calls after this many ms fail with 401 {code:50027}. Default 15 min. */
	tokenLifetimeMs?: number;
	/** Requests per sliding 1 s window before a global 429 (interaction endpoints exempt). Default 50. */
	globalRateLimit?: number;
	/** Per-channel bucket for POST /channels/{id}/messages. Default { limit: 5, windowMs: 5000 } (Discord's). */
	messageBucket?: BucketConfig;
	/** Per-channel bucket for PATCH/DELETE of channel messages. Default { limit: 5, windowMs: 5000 }. */
	editBucket?: BucketConfig;
	/** Per-interaction-token bucket for webhook (follow-up / @original) routes. Default { limit: 5, windowMs: 2000 }. */
	webhookBucket?: BucketConfig;
	/** Every other route, per method + route + major parameter. Default { limit: 10, windowMs: 1000 }. */
	routeBucket?: BucketConfig;
	/** How long `nonce` + `enforce_nonce` deduplicates a message create. Default 3 min. */
	nonceWindowMs?: number;
	/** Bot user name. Default 'gopy'. */
	botName?: string;
	/** Refuse slash commands whose name was never registered via PUT/POST commands. Default false. */
	requireRegisteredCommands?: boolean;
}

export interface BucketConfig {
	limit: number;
	windowMs: number;
}

export interface FakeAttachment {
	id: string;
	filename: string;
	size: number;
	contentType?: string;
	description?: string;
	data: Buffer;
	/** Served by the fake itself: http://127.0.0.1:PORT/attachments/<id>/<filename>. */
	url: string;
}

export interface Pings {
	/** @everyone or @here actually notified. */
	everyone: boolean;
	/** User ids actually notified (mentioned, allowed by allowed_mentions, able to see the channel). */
	users: string[];
	/** Role ids actually notified (mentioned, allowed, and mentionable or sender has MentionEveryone). */
	roles: string[];
}

export interface FakeMessage {
	id: string;
	channel_id: string;
	guild_id?: string;
	content: string;
	embeds: Json[];
	components: Json[];
	attachments: FakeAttachment[];
	/** Discord user object of the author. */
	author: Json;
	allowed_mentions: Json;
	nonce?: string | number;
	timestamp: string;
	edited_timestamp?: string;
	deleted: boolean;
	flags: number;
	/** Who Discord would notify. Computed when the message becomes visible; like Discord, edits never re-ping. */
	pings: Pings;
	/** Visible only to the interaction user (flag 64). Excluded from `fake.messages()`. */
	ephemeral: boolean;
	/** Set when the message is an interaction response or follow-up. */
	interactionId?: string;
	message_reference?: Json;
	type: number;
	tts: boolean;
	/** Number of edits applied after creation. */
	editCount: number;
}

export interface FakeReply {
	content: string;
	ephemeral: boolean;
	embeds: Json[];
	components: Json[];
	attachments: FakeAttachment[];
	allowed_mentions?: Json;
	/** How the reply became visible: callback 4, update 7, or the first edit / follow-up after a defer. */
	via: 'reply' | 'update' | 'edit-original' | 'follow-up';
	/** The message (live object: later edits show up here). */
	message: FakeMessage;
	/** The raw request body that produced the visible reply (callback `data`, or PATCH/POST webhook body). */
	raw: Json;
}

export interface FakeModal {
	custom_id: string;
	title: string;
	components: Json[];
}

/**
 * How an interaction reaches a bot in http interactions mode (after `fake.useInteractionsEndpoints`): which of the
 * endpoints (index; default round robin) and, to test the bot's checks, a forged request: a wrong signature, a body
 * changed after signing, or a timestamp 10 minutes old.
 */
export interface HttpDelivery {
	endpoint?: number;
	forge?: 'signature' | 'body' | 'stale';
}

/** What the interactions endpoint answered to the signed POST. */
export interface HttpAnswer {
	endpoint: string;
	/** 0: no answer (connection failed, or none within the 3 s deadline: the POST was abandoned). */
	status: number;
	body: Json;
	ms: number;
	/** Later than the ack deadline: Discord shows "the application did not respond" and ignores it. */
	late: boolean;
}

export interface InteractionState {
	callbacks: number;
	callbackType?: number;
	ackedAt?: number;
	original?: FakeMessage;
	/** Before any ack: the ack deadline has passed. After an ack: the 15-minute token has expired. */
	expired: boolean;
}

export interface RejectedRequest {
	method: string;
	path: string;
	status: number;
	body: Json;
	at: number;
}

export interface InteractionHandle {
	id: string;
	token: string;
	/** Resolves when the bot sends any interaction callback (never rejects). */
	acked: Promise<{ type: number; at: number }>;
	/** First visible response; rejects after `timeoutMs` (default 5000) listing what was received instead. */
	reply(opts?: { timeoutMs?: number }): Promise<FakeReply>;
	/** Resolves with the modal the bot opened (callback type 9). */
	modal(opts?: { timeoutMs?: number }): Promise<FakeModal>;
	/** Resolves with the n-th (0-based, default 0) follow-up message. */
	followUp(opts?: { index?: number; timeoutMs?: number }): Promise<FakeMessage>;
	/** Messages posted via POST /webhooks/{app}/{token} (live array). */
	followUps: FakeMessage[];
	/** Requests about this interaction that Discord rejected (4xx), with their error bodies. */
	errors: RejectedRequest[];
	state(): InteractionState;
	/** http mode: the endpoint's answer to the POST; null when the interaction went over the gateway. */
	httpAnswer(): Promise<HttpAnswer | null>;
}

export interface RecordedRequest {
	method: string;
	/** Path without the `/api/v10` prefix and without the query string, URL-decoded (e.g. `/webhooks/1/tok/messages/@original`). */
	path: string;
	query: string;
	status: number;
	at: number;
	/** Route template such as `POST /channels/:channel/messages`; undefined when no route matched. */
	route?: string;
	/** True when no route matched (404 code 0). */
	unknown: boolean;
	durationMs: number;
}

/** Typed option value for mention-like options (Discord types 6..9). */
export interface MentionOption {
	type: 'user' | 'channel' | 'role' | 'mentionable';
	id: string;
}

export interface AttachmentOption {
	attachment: { filename: string; contentType?: string; data: Buffer };
}

export type SlashOptionValue = string | number | boolean | MentionOption | AttachmentOption;

export interface SlashCommandInput {
	guildId: string;
	channelId: string;
	userId: string;
	name: string;
	subcommandGroup?: string;
	subcommand?: string;
	options?: Record<string, SlashOptionValue>;
	locale?: string;
	/** http mode only: which endpoint, or a forged request. */
	http?: HttpDelivery;
}

export interface AutocompleteInput extends SlashCommandInput {
	/** Name of the option being typed into. */
	focused: string;
	/** What the user has typed so far. */
	value: string;
	timeoutMs?: number;
}

export interface AutocompleteChoice {
	name: string;
	value: string | number;
	name_localizations?: unknown;
}

export interface ButtonInput {
	guildId: string;
	channelId: string;
	userId: string;
	messageId: string;
	customId: string;
	locale?: string;
	/** http mode only: which endpoint, or a forged request. */
	http?: HttpDelivery;
}

export interface SelectInput extends ButtonInput {
	values: string[];
}

export interface ModalInput {
	guildId: string;
	channelId: string;
	userId: string;
	customId: string;
	fields: Record<string, string>;
	/** Message whose component opened the modal (payload then carries `message`). */
	messageId?: string;
	locale?: string;
	/** http mode only: which endpoint, or a forged request. */
	http?: HttpDelivery;
}
