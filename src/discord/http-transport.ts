import {
	ApplicationCommandOptionType,
	ApplicationCommandType,
	ChannelType,
	ComponentType,
	DiscordAPIError,
	InteractionResponseType,
	InteractionType,
	MessageFlags,
	Routes,
	type APIApplicationCommandInteractionDataOption,
	type APIChatInputApplicationCommandInteractionData,
	type APIEmbed,
	type APIInteraction,
	type APIInteractionDataResolved,
	type APIInteractionResponse,
	type APIModalSubmitInteraction,
	type REST,
} from 'discord.js';
import { botPermissionsIn, hasPerm, Perm, type GuildSnapshot } from '../domain/permissions.ts';
import type { Actor } from '../domain/model.ts';
import type { ChannelOption, OptionValue } from './command-spec.ts';
import type { Incoming, ServerChannel, Transport } from './context.ts';
import { clip, MESSAGE_LIMIT, type ReplyFile } from './views/text.ts';

/**
 * The transport of an interaction as Discord sends it (the raw JSON, discord-api-types shapes), whichever way it
 * came: POSTed to the bot's interactions endpoint (http-interactions.ts) or dispatched over the gateway
 * (gateway-interactions.ts). It reads the interaction into the transport-independent `Incoming` and answers it: the
 * first answer (4 reply, 5 defer, 8 choices, 9 modal) is handed to whoever delivers it (the body of the HTTP
 * response, or a POST to the interaction's callback), everything after it goes over REST to the interaction's
 * webhook (PATCH …/messages/@original, POST …/{token}). A reply with files is answered "deferred" first and its
 * files then sent as multipart on the edit.
 */

/** What the endpoint needs besides the interaction. */
export interface HttpTransportDeps {
	/** discord.js's REST manager (webhook calls need no token; channel posts elsewhere use the same manager). */
	rest: REST;
	/** The server's roles and channels as the bot sees them (REST, cached briefly), or null if unknown. */
	snapshot(guildId: string): Promise<GuildSnapshot | null>;
}

const NO_PINGS = { parse: [] as never[] };
const EPHEMERAL = MessageFlags.Ephemeral;
/**
 * After the HTTP answer, Discord may not have taken it in yet when the first webhook call arrives (Unknown
 * Message / Unknown Webhook): such a call is tried again after these waits (about 7 s in all; the token lives 15 min).
 * Short at first: the answer is usually taken in within a few tens of milliseconds, and a person waits for this edit
 * (with 100, 250, 500, 1000 ms, a click of a burst on two replicas was seen ~1.8 s late, after its fourth try). A 404
 * does not count towards Discord's limit on invalid requests (401, 403 and 429 do).
 */
export const SETTLE_MS: readonly number[] = [50, 100, 150, 250, 400, 600, 1000, 1500, 3000];
/** Discord's ManageGuild permission bit. */
const MANAGE_GUILD = 1n << 5n;

/** Whether the bot handles this kind of interaction (slash commands, their autocomplete, buttons, modals). */
export function handledKind(raw: APIInteraction): boolean {
	switch (raw.type) {
		case InteractionType.ApplicationCommand:
		case InteractionType.ApplicationCommandAutocomplete:
			return raw.data.type === ApplicationCommandType.ChatInput;
		case InteractionType.MessageComponent:
			return raw.data.component_type === ComponentType.Button;
		case InteractionType.ModalSubmit:
			return true;
		default:
			return false;
	}
}

/**
 * Reads a POSTed interaction (of a handled kind) into `Incoming`. For a slash command the server's channels and
 * roles are read first (REST, cached), as the bot sees them; the transport keeps them for `channels()`/`roles()`.
 */
export async function readIncoming(
	raw: APIInteraction,
	transport: HttpTransport,
	deps: HttpTransportDeps,
): Promise<Incoming | null> {
	const guildId = raw.guild_id ?? null;
	// Channels and roles are read only where a handler may need them (commands), never for a click or autocomplete.
	const snapshot =
		raw.type === InteractionType.ApplicationCommand && guildId ? await deps.snapshot(guildId).catch(() => null) : null;
	transport.snapshot = snapshot;
	return read(raw, snapshot);
}

function read(raw: APIInteraction, snapshot: GuildSnapshot | null): Incoming | null {
	if (raw.type === InteractionType.ApplicationCommand || raw.type === InteractionType.ApplicationCommandAutocomplete) {
		const data = raw.data as APIChatInputApplicationCommandInteractionData;
		if (data.type !== undefined && data.type !== ApplicationCommandType.ChatInput) return null;
		const { subcommand, options } = leaf(data.options ?? []);
		if (raw.type === InteractionType.ApplicationCommandAutocomplete) {
			const focused = options.find((o) => 'focused' in o && o.focused);
			const value = focused && 'value' in focused ? String(focused.value) : '';
			return { type: 'autocomplete', name: data.name, subcommand, focused: { name: focused?.name ?? '', value } };
		}
		const entries = options.flatMap((o) => optionEntry(o, data.resolved, snapshot));
		return { type: 'command', name: data.name, subcommand, options: new Map(entries) };
	}
	if (raw.type === InteractionType.MessageComponent) {
		if (raw.data.component_type !== ComponentType.Button) return null;
		return { type: 'button', customId: raw.data.custom_id };
	}
	if (raw.type === InteractionType.ModalSubmit) {
		return { type: 'modal', customId: raw.data.custom_id, fields: modalFields(raw) };
	}
	return null;
}

/** The subcommand and its options (or the command's own options when it has none). */
function leaf(options: readonly APIApplicationCommandInteractionDataOption[]): {
	subcommand: string | null;
	options: readonly APIApplicationCommandInteractionDataOption[];
} {
	let list = options;
	let subcommand: string | null = null;
	for (;;) {
		const next = list.find(
			(o) =>
				o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup,
		);
		if (!next || !('options' in next)) return { subcommand, options: list };
		if (next.type === ApplicationCommandOptionType.Subcommand) subcommand = next.name;
		list = next.options ?? [];
	}
}

function optionEntry(
	o: APIApplicationCommandInteractionDataOption,
	resolved: APIInteractionDataResolved | undefined,
	snapshot: GuildSnapshot | null,
): Array<[string, OptionValue]> {
	if (!('value' in o)) return [];
	const id = String(o.value);
	switch (o.type) {
		case ApplicationCommandOptionType.Channel: {
			const channel = resolved?.channels?.[id];
			return [[o.name, channelOption(id, channel?.type ?? null, snapshot)]];
		}
		case ApplicationCommandOptionType.Role:
			return [[o.name, { type: 'role', id, managed: resolved?.roles?.[id]?.managed ?? false }]];
		case ApplicationCommandOptionType.User:
			return [[o.name, { type: 'user', id }]];
		case ApplicationCommandOptionType.Mentionable:
			return resolved?.roles?.[id]
				? [[o.name, { type: 'role', id, managed: resolved.roles[id].managed }]]
				: [[o.name, { type: 'user', id }]];
		case ApplicationCommandOptionType.Attachment: {
			const a = resolved?.attachments?.[id];
			if (!a) return [];
			return [
				[
					o.name,
					{ type: 'attachment', name: a.filename, url: a.url, size: a.size, contentType: a.content_type ?? null },
				],
			];
		}
		default:
			return [[o.name, o.value]];
	}
}

const WRITE = Perm.ViewChannel | Perm.SendMessages | Perm.EmbedLinks;

/** Whether the bot can post in a channel, judged from the server snapshot (REST) with Discord's permission rules. */
function channelOption(id: string, type: number | null, snapshot: GuildSnapshot | null): ChannelOption {
	const text = type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement;
	const perms = snapshot ? botPermissionsIn(snapshot, id) : null;
	return { type: 'channel', id, writable: perms !== null && hasPerm(perms, WRITE), text };
}

function modalFields(raw: APIModalSubmitInteraction): Map<string, string> {
	const fields = new Map<string, string>();
	const visit = (c: unknown): void => {
		if (!c || typeof c !== 'object') return;
		const o = c as { custom_id?: unknown; value?: unknown; components?: unknown[]; component?: unknown };
		if (typeof o.custom_id === 'string' && typeof o.value === 'string') fields.set(o.custom_id, o.value);
		o.components?.forEach(visit);
		if (o.component) visit(o.component);
	};
	(raw.data.components as unknown[]).forEach(visit);
	return fields;
}

function actorOf(raw: APIInteraction): Actor {
	const user = raw.member?.user ?? raw.user;
	const permissions = raw.member?.permissions ?? '0';
	return {
		userId: user?.id ?? '',
		userName: user?.global_name ?? user?.username ?? '',
		roleIds: raw.member?.roles ?? [],
		canManageGuild:
			(BigInt(permissions) & MANAGE_GUILD) === MANAGE_GUILD || (BigInt(permissions) & Perm.Administrator) !== 0n,
	};
}

type State = 'fresh' | 'deferred' | 'answered';

/**
 * One interaction's answers. `initial` resolves with the first answer, which its deliverer sends (the endpoint as
 * its HTTP response body, the gateway as a callback); the deliverer then calls `delivered()`, so later webhook calls
 * follow it, or `undelivered(error)`, so that the answer that was waiting for it fails with that error.
 */
export class HttpTransport implements Transport {
	readonly id: string;
	readonly guildId: string | null;
	readonly locale: string | null;
	readonly actor: Actor;
	/** The first answer (its deliverer sends it). The transport's own state is private (#): spreads copy less. */
	readonly initial: Promise<APIInteractionResponse>;
	#state: State = 'fresh';
	#resolveInitial!: (body: APIInteractionResponse) => void;
	#resolveSent!: () => void;
	#rejectSent!: (error: unknown) => void;
	readonly #sent: Promise<void>;
	readonly #applicationId: string;
	readonly #token: string;
	readonly #rest: REST;
	readonly #latency: () => number;
	/** Whether it is an autocomplete (answered with choices, never a message). */
	readonly #autocomplete: boolean;

	/** The server as the bot sees it (commands only; set by `readIncoming`). */
	snapshot: GuildSnapshot | null = null;
	/** Waited for after a defer, before the handler's work goes on (the endpoint's limit on work in progress). */
	afterDefer: () => Promise<void> = () => Promise.resolve();
	/**
	 * Called when an answer that followed the first one has reached Discord (the person has their answer): the
	 * endpoint's slot is free from then on, whatever the handler still does (a public post's paced edit).
	 */
	afterAnswer: () => void = () => {};

	/**
	 * Keeps what it needs of `raw`, never `raw` itself: the payload (with the whole message a button is on) is garbage
	 * as soon as it is read, instead of living as long as the interaction's work (a burst's clicks all at once).
	 */
	constructor(
		raw: APIInteraction,
		rest: REST,
		/** The gateway's latency, when the interaction came through one. */
		latency: () => number = () => 0,
	) {
		this.#rest = rest;
		this.#latency = latency;
		this.id = raw.id;
		this.guildId = raw.guild_id ?? null;
		this.locale = 'locale' in raw ? raw.locale : null;
		this.actor = actorOf(raw);
		this.#applicationId = raw.application_id;
		this.#token = raw.token;
		this.#autocomplete = raw.type === InteractionType.ApplicationCommandAutocomplete;
		this.initial = new Promise((resolve) => (this.#resolveInitial = resolve));
		this.#sent = new Promise((resolve, reject) => {
			this.#resolveSent = resolve;
			this.#rejectSent = reject;
		});
		// Seen by the answer that waits for it; nobody else has to.
		this.#sent.catch(() => {});
		// The router spreads a transport into each handler's context: the methods must be own, bound properties.
		Object.assign(this, {
			reply: this.reply.bind(this),
			edit: this.edit.bind(this),
			defer: this.defer.bind(this),
			followUp: this.followUp.bind(this),
			showModal: this.showModal.bind(this),
			respond: this.respond.bind(this),
			channels: this.channels.bind(this),
			roles: this.roles.bind(this),
			latencyMs: this.latencyMs.bind(this),
		});
	}

	/** Whether the first answer is still to be given. */
	get fresh(): boolean {
		return this.#state === 'fresh';
	}

	/** The first answer reached Discord. */
	delivered(): void {
		this.#resolveSent();
	}

	/** The first answer could not be delivered: the answer waiting for it fails with `error`. */
	undelivered(error: unknown): void {
		this.#rejectSent(error);
	}

	/**
	 * The endpoint's safety net before Discord's 3 seconds run out: acknowledge (privately, "thinking…"), or for an
	 * autocomplete, offer nothing. Later answers then go over REST as after any defer.
	 */
	acknowledgeLate(): void {
		if (this.#autocomplete) {
			void this.first({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
			this.#state = 'answered';
			return;
		}
		void this.first({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: EPHEMERAL } });
		this.#state = 'deferred';
	}

	private first(body: APIInteractionResponse): Promise<void> {
		this.#resolveInitial(body);
		return this.#sent;
	}

	async reply(content: string, files: readonly ReplyFile[] = [], embeds: readonly APIEmbed[] = []): Promise<void> {
		if (this.#state === 'answered') return this.webhookPost(content, files, embeds);
		return this.edit(content, files, embeds);
	}

	async edit(content: string, files: readonly ReplyFile[] = [], embeds: readonly APIEmbed[] = []): Promise<void> {
		if (this.#state === 'fresh') {
			if (files.length === 0) {
				this.#state = 'answered';
				await this.first({
					type: InteractionResponseType.ChannelMessageWithSource,
					data: { ...message(content, embeds), flags: EPHEMERAL },
				});
				return;
			}
			// Files go as multipart over REST: acknowledge now, then fill the deferred answer with them.
			await this.defer();
		}
		this.#state = 'answered';
		await this.settled(() =>
			this.#rest.patch(Routes.webhookMessage(this.#applicationId, this.#token), {
				body: { ...message(content, embeds), attachments: attachments(files) },
				files: files.map((f) => ({ name: f.name, data: f.attachment })),
				auth: false,
			}),
		);
		this.afterAnswer();
	}

	async defer(): Promise<void> {
		if (this.#state !== 'fresh') return;
		this.#state = 'deferred';
		await this.first({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: EPHEMERAL } });
		await this.afterDefer();
	}

	async followUp(content: string): Promise<void> {
		if (this.#state === 'fresh') return this.reply(content);
		this.#state = 'answered';
		await this.webhookPost(content, [], []);
	}

	async showModal(modal: Parameters<Transport['showModal']>[0]): Promise<void> {
		if (this.#state !== 'fresh') throw new Error('a modal can only be the first answer to an interaction');
		this.#state = 'answered';
		await this.first({ type: InteractionResponseType.Modal, data: modal });
	}

	async respond(choices: Parameters<Transport['respond']>[0]): Promise<void> {
		if (this.#state !== 'fresh') return;
		this.#state = 'answered';
		await this.first({
			type: InteractionResponseType.ApplicationCommandAutocompleteResult,
			data: { choices: [...choices] },
		});
	}

	channels(): readonly ServerChannel[] {
		const s = this.snapshot;
		if (!s) return [];
		return [...s.channels].map(([id, c]) => ({ ...channelOption(id, ChannelType.GuildText, s), name: c.name }));
	}

	roles(): ReadonlyArray<{ id: string; name: string }> {
		const s = this.snapshot;
		if (!s) return [];
		const bots = new Set(s.botRoleIds);
		return [...s.roles].filter(([id]) => id !== s.guildId && !bots.has(id)).map(([id, r]) => ({ id, name: r.name }));
	}

	/** The gateway's latency; none without a gateway (http mode). */
	latencyMs(): number {
		return this.#latency();
	}

	private async webhookPost(content: string, files: readonly ReplyFile[], embeds: readonly APIEmbed[]) {
		await this.settled(() =>
			this.#rest.post(Routes.webhook(this.#applicationId, this.#token), {
				body: { ...message(content, embeds), flags: EPHEMERAL, attachments: attachments(files) },
				files: files.map((f) => ({ name: f.name, data: f.attachment })),
				auth: false,
			}),
		);
		this.afterAnswer();
	}

	/**
	 * Runs a webhook call once the HTTP answer is written. Discord may still be taking that answer in when the call
	 * arrives (Unknown Webhook / Unknown Message): such a call is tried again (SETTLE_MS).
	 */
	private async settled(call: () => Promise<unknown>): Promise<void> {
		await this.#sent;
		for (let attempt = 0; ; attempt++) {
			try {
				await call();
				return;
			} catch (error) {
				const unknown = error instanceof DiscordAPIError && (error.code === 10015 || error.code === 10008);
				const wait = SETTLE_MS[attempt];
				if (!unknown || wait === undefined) throw error;
				await new Promise((resolve) => setTimeout(resolve, wait));
			}
		}
	}
}

function message(content: string, embeds: readonly APIEmbed[]) {
	return { content: clip(content, MESSAGE_LIMIT), embeds: [...embeds], allowed_mentions: NO_PINGS };
}

function attachments(files: readonly ReplyFile[]) {
	return files.map((f, id) => ({ id, filename: f.name }));
}
