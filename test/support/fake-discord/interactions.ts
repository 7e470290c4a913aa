import { generateKeyPairSync, sign } from 'node:crypto';
import type { Core } from './core.ts';
import {
	FormErrors,
	alreadyAcknowledged,
	invalidWebhookToken,
	unknownInteraction,
	unknownMessage,
	unknownWebhook,
} from './errors.ts';
import { interactionToken, snowflake } from './ids.ts';
import { parseBody, type UploadedFile } from './multipart.ts';
import { Permissions, has } from './permissions.ts';
import type { ChannelRec, CommandRec, UserRec } from './state.ts';
import type {
	AutocompleteChoice,
	AutocompleteInput,
	ButtonInput,
	FakeMessage,
	FakeModal,
	FakeReply,
	HttpAnswer,
	HttpDelivery,
	InteractionHandle,
	InteractionState,
	Json,
	ModalInput,
	RejectedRequest,
	SelectInput,
	SlashCommandInput,
	SlashOptionValue,
} from './types.ts';
import { MESSAGE_FLAGS, validateAutocomplete, validateModal } from './validation.ts';

/**
 * Interactions as Discord runs them: the fake plays the user (builds the INTERACTION_CREATE payload a real client
 * would cause and sends it over the gateway), then enforces the response protocol on the bot's side: one
 * acknowledgement within the deadline (3 s), follow-ups and edits through the interaction webhook while the token
 * lives (15 min), limits on every payload.
 *
 * Test-side misuse (clicking a button that does not exist, leaving out a required option...) throws immediately:
 * a real user could not do it either, and a silent fake would make such a test meaningless.
 */

const InteractionType = { Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
const Callback = {
	Reply: 4,
	DeferReply: 5,
	DeferUpdate: 6,
	Update: 7,
	Autocomplete: 8,
	Modal: 9,
} as const;

const ALLOWED_CALLBACKS: Record<number, number[]> = {
	[InteractionType.Command]: [4, 5, 9],
	[InteractionType.Component]: [4, 5, 6, 7, 9],
	[InteractionType.Autocomplete]: [8],
	[InteractionType.ModalSubmit]: [4, 5, 6, 7],
};

const OPTION_TYPES: Record<string, number> = { user: 6, channel: 7, role: 8, mentionable: 9 };

interface InteractionRec {
	id: string;
	token: string;
	type: number;
	createdAt: number;
	guildId: string;
	channelId: string;
	userId: string;
	label: string;
	commandName?: string;
	componentMessageId?: string;
	callbacks: number;
	callbackType?: number;
	ackedAt?: number;
	originalId?: string;
	followUps: FakeMessage[];
	errors: RejectedRequest[];
	modal?: FakeModal;
	choices?: AutocompleteChoice[];
	visible?: FakeReply;
	received: string[];
	listeners: Set<() => void>;
	resolveAcked: (v: { type: number; at: number }) => void;
	acked: Promise<{ type: number; at: number }>;
	/** http mode: the endpoint's answer to the POST. */
	http?: Promise<HttpAnswer>;
}

export interface HttpResult {
	status: number;
	body?: Json;
}

export class Interactions {
	private readonly byId = new Map<string, InteractionRec>();
	private readonly byToken = new Map<string, InteractionRec>();
	/** Last modal shown per custom_id, so submitModal can mirror its layout (action rows vs labels). */
	private readonly shownModals = new Map<string, FakeModal>();
	/** The application's key pair: Discord signs every POST to an interactions endpoint with it. */
	private readonly keys = generateKeyPairSync('ed25519');
	/** Interactions endpoint URLs (http mode); empty: interactions go over the gateway. */
	private endpoints: string[] = [];
	private nextEndpoint = 0;

	constructor(private readonly core: Core) {}

	/** The application's public key as the developer portal shows it: 64 hex characters. */
	get publicKeyHex(): string {
		const jwk = this.keys.publicKey.export({ format: 'jwk' });
		return Buffer.from(jwk.x ?? '', 'base64url').toString('hex');
	}

	/** From now on interactions are POSTed to these URLs (round robin, or `http.endpoint`) instead of the gateway. */
	useEndpoints(urls: readonly string[]): void {
		this.endpoints = [...urls];
		this.nextEndpoint = 0;
	}

	/** Discord's signature: Ed25519 over the timestamp (Unix seconds) followed by the raw body. */
	signRequest(body: string, timestampSec: number): { signature: string; timestamp: string } {
		const timestamp = String(timestampSec);
		const signature = sign(null, Buffer.from(timestamp + body, 'utf8'), this.keys.privateKey).toString('hex');
		return { signature, timestamp };
	}

	private get store() {
		return this.core.store;
	}

	// ------------------------------------------------------------------------------------------------------------
	// The user's side

	slashCommand(input: SlashCommandInput): InteractionHandle {
		const { payload, rec } = this.commandPayload(input, InteractionType.Command);
		this.send(rec, payload, input.http);
		return this.handle(rec);
	}

	autocomplete(input: AutocompleteInput): Promise<AutocompleteChoice[]> {
		const { payload, rec } = this.commandPayload(input, InteractionType.Autocomplete, {
			name: input.focused,
			value: input.value,
		});
		this.send(rec, payload, input.http);
		return this.wait(rec, () => rec.choices, input.timeoutMs ?? 5000, 'autocomplete choices (callback type 8)');
	}

	clickButton(input: ButtonInput): InteractionHandle {
		const message = this.componentMessage(input);
		const component = findComponent(message.components, input.customId);
		if (!component || component.type !== 2) {
			throw new Error(
				`fake-discord: message ${message.id} has no button "${input.customId}" (custom ids: ${listCustomIds(message.components).join(', ') || 'none'})`,
			);
		}
		if (component.disabled)
			throw new Error(`fake-discord: button "${input.customId}" is disabled; a user cannot click it`);
		const data: Json = { custom_id: input.customId, component_type: 2 };
		if (component.id !== undefined) data.id = component.id;
		return this.componentInteraction(input, message, data, `button "${input.customId}"`);
	}

	selectMenu(input: SelectInput): InteractionHandle {
		const message = this.componentMessage(input);
		const component = findComponent(message.components, input.customId);
		if (!component || ![3, 5, 6, 7, 8].includes(component.type)) {
			throw new Error(`fake-discord: message ${message.id} has no select menu "${input.customId}"`);
		}
		if (component.disabled) throw new Error(`fake-discord: select "${input.customId}" is disabled`);
		const data: Json = { custom_id: input.customId, component_type: component.type, values: input.values };
		if (component.type === 3) {
			const allowed = new Set((component.options ?? []).map((o: Json) => o.value));
			const bad = input.values.filter((v) => !allowed.has(v));
			if (bad.length > 0)
				throw new Error(`fake-discord: select "${input.customId}" has no option(s) ${bad.join(', ')}`);
		} else {
			const resolved: Json = {};
			for (const id of input.values) this.resolveMention(resolved, id, input.guildId, input.channelId, input.userId);
			data.resolved = resolved;
		}
		return this.componentInteraction(input, message, data, `select "${input.customId}"`);
	}

	submitModal(input: ModalInput): InteractionHandle {
		const { guild, user, channel } = this.actor(input.guildId, input.userId, input.channelId);
		const shown = this.shownModals.get(input.customId);
		const components = shown ? mirrorModal(shown, input.fields) : rowsFor(input.fields);
		const rec = this.newRec(InteractionType.ModalSubmit, input, `modal "${input.customId}"`);
		const payload = this.basePayload(rec, guild.id, user, channel, input.locale);
		payload.data = { custom_id: input.customId, components };
		if (input.messageId !== undefined) {
			const message = this.store.messages.get(input.messageId);
			if (!message || message.deleted) throw new Error(`fake-discord: message ${input.messageId} does not exist`);
			rec.componentMessageId = message.id;
			payload.message = this.store.messageJson(message);
		}
		this.send(rec, payload, input.http);
		return this.handle(rec);
	}

	// ------------------------------------------------------------------------------------------------------------
	// Payload building

	private actor(
		guildId: string,
		userId: string,
		channelId: string,
	): { guild: { id: string }; user: UserRec; channel: ChannelRec } {
		const guild = this.store.guilds.get(guildId);
		if (!guild || !guild.present) throw new Error(`fake-discord: unknown guild ${guildId}`);
		const user = this.store.users.get(userId);
		if (!user) throw new Error(`fake-discord: unknown user ${userId}`);
		if (!this.store.member(guildId, userId))
			throw new Error(`fake-discord: user ${user.username} is not a member of ${guild.name}`);
		const channel = this.store.channels.get(channelId);
		if (!channel || channel.deleted || channel.guildId !== guildId) {
			throw new Error(`fake-discord: channel ${channelId} does not exist in ${guild.name}`);
		}
		const perms = this.store.permissionsIn(channelId, userId);
		if (!has(perms, Permissions.ViewChannel))
			throw new Error(`fake-discord: ${user.username} cannot see #${channel.name}`);
		if (!has(perms, Permissions.UseApplicationCommands)) {
			throw new Error(`fake-discord: ${user.username} lacks Use Application Commands in #${channel.name}`);
		}
		return { guild, user, channel };
	}

	private newRec(
		type: number,
		input: { guildId: string; channelId: string; userId: string },
		label: string,
	): InteractionRec {
		const id = snowflake();
		let resolveAcked: (v: { type: number; at: number }) => void = () => undefined;
		const acked = new Promise<{ type: number; at: number }>((r) => (resolveAcked = r));
		const rec: InteractionRec = {
			id,
			token: interactionToken(id),
			type,
			createdAt: Date.now(),
			guildId: input.guildId,
			channelId: input.channelId,
			userId: input.userId,
			label,
			callbacks: 0,
			followUps: [],
			errors: [],
			received: [],
			listeners: new Set(),
			resolveAcked,
			acked,
		};
		this.byId.set(id, rec);
		this.byToken.set(rec.token, rec);
		return rec;
	}

	private basePayload(rec: InteractionRec, guildId: string, user: UserRec, channel: ChannelRec, locale?: string): Json {
		const guild = this.store.guild(guildId);
		const member = this.store.member(guildId, user.id);
		if (!member) throw new Error('unreachable: member checked');
		const userPerms = this.store.permissionsIn(channel.id, user.id);
		return {
			app_permissions: this.store.permissionsIn(channel.id, this.store.botUser.id).toString(),
			application_id: this.store.applicationId,
			attachment_size_limit: 10 * 1024 * 1024,
			authorizing_integration_owners: { '0': guildId },
			channel: { ...this.store.channelJson(channel), permissions: userPerms.toString() },
			channel_id: channel.id,
			context: 0,
			entitlement_sku_ids: [],
			entitlements: [],
			guild: { id: guildId, locale: guild.locale, features: [] },
			guild_id: guildId,
			guild_locale: guild.locale,
			id: rec.id,
			locale: locale ?? user.locale,
			member: this.store.memberJson(member, { permissionsIn: channel.id }),
			token: rec.token,
			type: rec.type,
			version: 1,
		};
	}

	private findCommand(guildId: string, name: string): CommandRec | undefined {
		const match = (scope: string) =>
			this.store.commands.find((c) => c.scope === scope && c.json.name === name && (c.json.type ?? 1) === 1);
		return match(guildId) ?? match('global');
	}

	private commandPayload(
		input: SlashCommandInput,
		type: number,
		focused?: { name: string; value: string },
	): { payload: Json; rec: InteractionRec } {
		const { guild, user, channel } = this.actor(input.guildId, input.userId, input.channelId);
		const command = this.findCommand(guild.id, input.name);
		if (!command && this.core.opts.requireRegisteredCommands) {
			throw new Error(`fake-discord: /${input.name} is not registered (requireRegisteredCommands is on)`);
		}
		const spec: Json = command?.json;
		if (spec?.default_member_permissions !== undefined && spec.default_member_permissions !== null) {
			const needed = BigInt(spec.default_member_permissions);
			const perms = this.store.permissionsIn(channel.id, user.id);
			if ((perms & needed) !== needed) {
				throw new Error(
					`fake-discord: ${user.username} cannot see /${input.name} (default_member_permissions ${needed})`,
				);
			}
		}
		const rec = this.newRec(
			type,
			input,
			`/${[input.name, input.subcommandGroup, input.subcommand].filter(Boolean).join(' ')}`,
		);
		rec.commandName = input.name;
		const resolved: Json = {};
		const options = this.buildOptions(input, spec, resolved, focused);
		const payload = this.basePayload(rec, guild.id, user, channel, input.locale);
		payload.data = {
			id: command?.id ?? snowflake(),
			name: input.name,
			type: 1,
			...(command && command.scope !== 'global' ? { guild_id: command.scope } : {}),
			...(options.length > 0 ? { options } : {}),
			...(Object.keys(resolved).length > 0 ? { resolved } : {}),
		};
		return { payload, rec };
	}

	private buildOptions(
		input: SlashCommandInput,
		spec: Json,
		resolved: Json,
		focused?: { name: string; value: string },
	): Json[] {
		const top: Json[] = [];
		let target = top;
		let specOptions: Json[] | undefined = spec ? (spec.options ?? []) : undefined;
		const descend = (name: string, type: 1 | 2): void => {
			const s = specOptions?.find((o) => o.name === name && o.type === type);
			if (specOptions && !s)
				throw new Error(
					`fake-discord: /${input.name} has no ${type === 2 ? 'subcommand group' : 'subcommand'} "${name}"`,
				);
			const opt: Json = { name, type, options: [] };
			target.push(opt);
			target = opt.options;
			specOptions = s ? (s.options ?? []) : undefined;
		};
		if (input.subcommandGroup !== undefined) descend(input.subcommandGroup, 2);
		if (input.subcommand !== undefined) descend(input.subcommand, 1);
		if (specOptions?.some((o) => o.type === 1 || o.type === 2)) {
			throw new Error(`fake-discord: /${input.name} needs a subcommand${input.subcommand ? ' group' : ''}`);
		}
		const given = Object.fromEntries(Object.entries(input.options ?? {}).filter(([name]) => name !== focused?.name));
		for (const [name, value] of Object.entries(given)) {
			const s = specOptions?.find((o) => o.name === name);
			if (specOptions && !s) {
				throw new Error(
					`fake-discord: /${input.name} has no option "${name}" (options: ${specOptions.map((o) => o.name).join(', ')})`,
				);
			}
			target.push(this.optionValue(name, value, s, resolved, input));
		}
		if (focused) {
			const s = specOptions?.find((o) => o.name === focused.name);
			if (specOptions && !s) throw new Error(`fake-discord: /${input.name} has no option "${focused.name}"`);
			if (s && !s.autocomplete)
				throw new Error(`fake-discord: option "${focused.name}" of /${input.name} has no autocomplete`);
			target.push({ name: focused.name, type: s?.type ?? 3, value: focused.value, focused: true });
		} else if (specOptions) {
			for (const s of specOptions) {
				if (s.required && !(s.name in given))
					throw new Error(`fake-discord: /${input.name} requires option "${s.name}"`);
			}
		}
		return top;
	}

	private optionValue(
		name: string,
		value: SlashOptionValue,
		spec: Json,
		resolved: Json,
		input: SlashCommandInput,
	): Json {
		let type: number;
		if (typeof value === 'string') type = 3;
		else if (typeof value === 'boolean') type = 5;
		else if (typeof value === 'number') type = Number.isInteger(value) ? 4 : 10;
		else if ('attachment' in value) type = 11;
		else type = OPTION_TYPES[value.type] ?? 3;
		if (spec?.type !== undefined) {
			const compatible =
				spec.type === type ||
				(spec.type === 10 && type === 4) ||
				([6, 7, 8, 9].includes(spec.type) && (type === 3 || [6, 7, 8, 9].includes(type)));
			if (!compatible)
				throw new Error(`fake-discord: option "${name}" is type ${spec.type}, got ${JSON.stringify(value)}`);
			type = spec.type;
		}
		if (type === 11 && typeof value === 'object' && 'attachment' in value) {
			const a = value.attachment;
			const stored = this.store.addAttachment({
				filename: a.filename,
				data: a.data,
				...(a.contentType !== undefined ? { contentType: a.contentType } : {}),
			});
			resolved.attachments ??= {};
			resolved.attachments[stored.id] = {
				id: stored.id,
				filename: stored.filename,
				size: stored.size,
				url: stored.url,
				proxy_url: stored.url,
				...(stored.contentType !== undefined ? { content_type: stored.contentType } : {}),
				ephemeral: true,
			};
			return { name, type, value: stored.id };
		}
		if ([6, 7, 8, 9].includes(type)) {
			const id = typeof value === 'object' ? ('id' in value ? value.id : '') : String(value);
			const kind = this.resolveMention(resolved, id, input.guildId, input.channelId, input.userId);
			const expected = { 6: ['user'], 7: ['channel'], 8: ['role'], 9: ['user', 'role'] }[type as 6 | 7 | 8 | 9];
			if (!expected.includes(kind))
				throw new Error(`fake-discord: option "${name}" expects ${expected.join('/')}, ${id} is a ${kind}`);
			if (type === 7 && Array.isArray(spec?.channel_types)) {
				const ch = this.store.channel(id);
				if (!spec.channel_types.includes(ch.type))
					throw new Error(`fake-discord: option "${name}" does not accept channel type ${ch.type}`);
			}
			return { name, type, value: id };
		}
		if (spec) checkConstraints(name, value, spec);
		return { name, type, value };
	}

	/** Fill `resolved` for a user/member, channel or role id the way Discord does; returns which kind it was. */
	private resolveMention(
		resolved: Json,
		id: string,
		guildId: string,
		channelId: string,
		userId: string,
	): 'user' | 'channel' | 'role' {
		const user = this.store.users.get(id);
		if (user) {
			(resolved.users ??= {})[id] = this.store.userJson(user);
			const member = this.store.member(guildId, id);
			if (member)
				(resolved.members ??= {})[id] = this.store.memberJson(member, { withUser: false, permissionsIn: channelId });
			return 'user';
		}
		const channel = this.store.channels.get(id);
		if (channel && !channel.deleted) {
			// Discord sends the invoking user's permissions in the resolved channel.
			const perms = this.store.permissionsIn(id, userId);
			(resolved.channels ??= {})[id] = { ...this.store.channelJson(channel), permissions: perms.toString() };
			return 'channel';
		}
		const role = this.store.roles.get(id);
		if (role && role.guildId === guildId) {
			(resolved.roles ??= {})[id] = this.store.roleJson(role);
			return 'role';
		}
		throw new Error(`fake-discord: ${id} is no known user, channel or role`);
	}

	private componentMessage(input: ButtonInput): FakeMessage {
		const message = this.store.messages.get(input.messageId);
		if (!message || message.deleted) throw new Error(`fake-discord: message ${input.messageId} does not exist`);
		if (message.channel_id !== input.channelId) {
			throw new Error(
				`fake-discord: message ${input.messageId} is in channel ${message.channel_id}, not ${input.channelId}`,
			);
		}
		if (message.ephemeral) {
			const owner = this.byId.get(message.interactionId ?? '');
			if (owner && owner.userId !== input.userId)
				throw new Error('fake-discord: only its recipient can click an ephemeral message');
		}
		return message;
	}

	private componentInteraction(input: ButtonInput, message: FakeMessage, data: Json, label: string): InteractionHandle {
		const { guild, user, channel } = this.actor(input.guildId, input.userId, input.channelId);
		const rec = this.newRec(InteractionType.Component, input, label);
		rec.componentMessageId = message.id;
		const payload = this.basePayload(rec, guild.id, user, channel, input.locale);
		payload.data = data;
		payload.message = this.store.messageJson(message);
		this.send(rec, payload, input.http);
		return this.handle(rec);
	}

	private send(rec: InteractionRec, payload: Json, http?: HttpDelivery): void {
		rec.createdAt = Date.now();
		if (this.endpoints.length === 0) {
			this.core.gateway.dispatch('INTERACTION_CREATE', payload);
			return;
		}
		rec.http = this.post(rec, payload, http ?? {});
	}

	/**
	 * Discord's side of an interactions endpoint: a signed POST, whose response body is the first answer (the same
	 * rules as a callback), due within the ack deadline; a late or missing answer means the interaction failed (the
	 * user sees "the application did not respond") and the POST is abandoned.
	 */
	private async post(rec: InteractionRec, payload: Json, http: HttpDelivery): Promise<HttpAnswer> {
		const endpoint =
			this.endpoints[http.endpoint ?? this.nextEndpoint++ % this.endpoints.length] ?? this.endpoints[0] ?? '';
		const body = JSON.stringify(payload);
		const now = Math.floor(Date.now() / 1000);
		const signed = this.signRequest(body, http.forge === 'stale' ? now - 600 : now);
		let signature = signed.signature;
		if (http.forge === 'signature') signature = this.signRequest(`${body} `, now).signature;
		// A body changed after signing: one character of the custom id / command name, same length.
		const sent =
			http.forge === 'body' ? body.replace(/"id":"(\d)/, (_m, d: string) => `"id":"${(Number(d) + 1) % 10}`) : body;
		const started = Date.now();
		const deadline = this.core.opts.ackDeadlineMs;
		const abort = new AbortController();
		const timer = setTimeout(() => abort.abort(), deadline + 500);
		let answer: HttpAnswer;
		try {
			const res = await fetch(endpoint, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
					'x-signature-ed25519': signature,
					'x-signature-timestamp': signed.timestamp,
				},
				body: sent,
				signal: abort.signal,
			});
			const raw = Buffer.from(await res.arrayBuffer());
			const ms = Date.now() - started;
			const late = Date.now() - rec.createdAt > deadline;
			let parsed: { json: Json; files: UploadedFile[] } = { json: undefined, files: [] };
			try {
				parsed = await parseBody(raw, res.headers.get('content-type') ?? undefined);
			} catch {
				parsed = { json: raw.toString('utf8'), files: [] };
			}
			answer = { endpoint, status: res.status, body: parsed.json, ms, late };
			if (late) {
				this.changed(rec, `HTTP ${res.status} after ${ms} ms: too late, the interaction failed`);
			} else if (res.status !== 200) {
				this.changed(rec, `HTTP ${res.status} from the endpoint: the interaction failed`);
			} else {
				try {
					this.callback(rec.id, rec.token, parsed.json, parsed.files, false);
				} catch (error) {
					const e = error as { status?: number; body?: Json };
					rec.errors.push({
						method: 'POST',
						path: endpoint,
						status: e.status ?? 400,
						body: e.body ?? String(error),
						at: Date.now(),
					});
					this.changed(rec, `rejected HTTP answer (${String(e.body?.code ?? error)})`);
				}
			}
		} catch (error) {
			answer = { endpoint, status: 0, body: String(error), ms: Date.now() - started, late: true };
			this.changed(rec, `no HTTP answer within ${deadline} ms: the interaction failed`);
		} finally {
			clearTimeout(timer);
		}
		return answer;
	}

	// ------------------------------------------------------------------------------------------------------------
	// The handle tests hold

	private handle(rec: InteractionRec): InteractionHandle {
		return {
			id: rec.id,
			token: rec.token,
			acked: rec.acked,
			reply: (o) => this.wait(rec, () => rec.visible, o?.timeoutMs ?? 5000, 'a visible reply'),
			modal: (o) => this.wait(rec, () => rec.modal, o?.timeoutMs ?? 5000, 'a modal (callback type 9)'),
			followUp: (o) =>
				this.wait(rec, () => rec.followUps[o?.index ?? 0], o?.timeoutMs ?? 5000, `follow-up #${(o?.index ?? 0) + 1}`),
			followUps: rec.followUps,
			errors: rec.errors,
			httpAnswer: () => rec.http ?? Promise.resolve(null),
			state: (): InteractionState => {
				const now = Date.now();
				const s: InteractionState = {
					callbacks: rec.callbacks,
					expired:
						rec.ackedAt === undefined
							? now - rec.createdAt > this.core.opts.ackDeadlineMs
							: now - rec.createdAt > this.core.opts.tokenLifetimeMs,
				};
				if (rec.callbackType !== undefined) s.callbackType = rec.callbackType;
				if (rec.ackedAt !== undefined) s.ackedAt = rec.ackedAt;
				const original = rec.originalId !== undefined ? this.store.messages.get(rec.originalId) : undefined;
				if (original) s.original = original;
				return s;
			},
		};
	}

	private changed(rec: InteractionRec, what: string): void {
		rec.received.push(`${what} at +${Date.now() - rec.createdAt}ms`);
		for (const fn of [...rec.listeners]) fn();
	}

	private wait<T>(rec: InteractionRec, get: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
		const now = get();
		if (now !== undefined) return Promise.resolve(now);
		return new Promise<T>((resolve, reject) => {
			const check = (): void => {
				const v = get();
				if (v === undefined) return;
				cleanup();
				resolve(v);
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(new Error(`fake-discord: no ${what} for ${rec.label} within ${timeoutMs} ms. ${this.describe(rec)}`));
			}, timeoutMs);
			const cleanup = (): void => {
				clearTimeout(timer);
				rec.listeners.delete(check);
			};
			rec.listeners.add(check);
		});
	}

	private describe(rec: InteractionRec): string {
		const got = rec.received.length > 0 ? rec.received.join('; ') : 'nothing at all (did the bot see the interaction?)';
		const errors = rec.errors.map((e) => `${e.method} ${e.path} -> ${e.status} ${JSON.stringify(e.body)}`).join('; ');
		return `Received: ${got}.${errors ? ` Rejected: ${errors}.` : ''}`;
	}

	recordError(token: string | undefined, id: string | undefined, e: RejectedRequest): void {
		const rec =
			(token !== undefined ? this.byToken.get(token) : undefined) ?? (id !== undefined ? this.byId.get(id) : undefined);
		if (!rec) return;
		rec.errors.push(e);
		this.changed(rec, `rejected ${e.method} (${e.status} ${e.body?.code ?? ''})`);
	}

	private setVisible(rec: InteractionRec, via: FakeReply['via'], message: FakeMessage, raw: Json): void {
		if (rec.visible) return;
		const reply: FakeReply = {
			content: message.content,
			ephemeral: message.ephemeral,
			embeds: [...message.embeds],
			components: [...message.components],
			attachments: [...message.attachments],
			via,
			message,
			raw,
		};
		if (message.allowed_mentions !== undefined) reply.allowed_mentions = message.allowed_mentions;
		rec.visible = reply;
	}

	// ------------------------------------------------------------------------------------------------------------
	// The bot's side: POST /interactions/{id}/{token}/callback

	callback(id: string, token: string, body: Json, files: UploadedFile[], withResponse: boolean): HttpResult {
		const rec = this.byId.get(id);
		if (!rec) throw unknownInteraction();
		if (rec.token !== token) throw invalidWebhookToken();
		if (rec.callbacks > 0) throw alreadyAcknowledged();
		const now = Date.now();
		if (now - rec.createdAt > this.core.opts.ackDeadlineMs) throw unknownInteraction();
		const type = Number(body?.type);
		if (!ALLOWED_CALLBACKS[rec.type]?.includes(type) || ((type === 6 || type === 7) && !rec.componentMessageId)) {
			const e = new FormErrors();
			e.add(
				['type'],
				'INTERACTION_RESPONSE_TYPE_INVALID',
				`Interaction response type ${type} is not valid for this interaction`,
			);
			throw e.toError();
		}
		const data: Json = body.data ?? {};
		// Only responses that create a message need the channel to still exist.
		const channel = () => this.core.liveChannel(rec.channelId);
		const origin = {
			authorId: this.store.botUser.id,
			interaction: {
				id: rec.id,
				type: rec.type,
				userId: rec.userId,
				guildId: rec.guildId,
				...(rec.commandName !== undefined ? { name: rec.commandName } : {}),
			},
			type: rec.type === InteractionType.Command ? 20 : 0,
		};
		let message: FakeMessage | undefined;
		let what: string;
		switch (type) {
			case Callback.Reply: {
				this.core.validateCreate(data, files, ['data']);
				message = this.core.createMessage(channel(), data, files, origin);
				rec.originalId = message.id;
				this.setVisible(rec, 'reply', message, data);
				what = `callback 4 (reply${message.ephemeral ? ', ephemeral' : ''})`;
				break;
			}
			case Callback.DeferReply: {
				const flags = Number(data.flags ?? 0) & MESSAGE_FLAGS.Ephemeral;
				message = this.core.createMessage(channel(), {}, [], { ...origin, loading: true, forceFlags: flags });
				rec.originalId = message.id;
				what = `callback 5 (defer${flags ? ', ephemeral' : ''})`;
				break;
			}
			case Callback.DeferUpdate:
				if (rec.componentMessageId !== undefined) rec.originalId = rec.componentMessageId;
				message = this.store.messages.get(rec.componentMessageId ?? '');
				what = 'callback 6 (deferUpdate)';
				break;
			case Callback.Update: {
				const target = this.store.messages.get(rec.componentMessageId ?? '');
				if (!target || target.deleted) throw unknownMessage();
				message = this.core.editMessage(target, data, files, ['data']);
				rec.originalId = message.id;
				this.setVisible(rec, 'update', message, data);
				what = 'callback 7 (update)';
				break;
			}
			case Callback.Autocomplete: {
				const e = new FormErrors();
				validateAutocomplete(data, e);
				e.throwIfAny(['data']);
				rec.choices = data.choices;
				what = `callback 8 (${data.choices.length} choices)`;
				break;
			}
			default: {
				const e = new FormErrors();
				validateModal(data, e);
				e.throwIfAny(['data']);
				rec.modal = { custom_id: data.custom_id, title: data.title, components: data.components };
				this.shownModals.set(data.custom_id, rec.modal);
				what = `callback 9 (modal "${data.custom_id}")`;
			}
		}
		rec.callbacks++;
		rec.callbackType = type;
		rec.ackedAt = now;
		rec.resolveAcked({ type, at: now });
		this.changed(rec, what);
		if (!withResponse) return { status: 204 };
		const interaction: Json = { id: rec.id, type: rec.type };
		if (message && (type === 4 || type === 5 || type === 7)) {
			interaction.response_message_id = message.id;
			interaction.response_message_loading = type === 5;
			interaction.response_message_ephemeral = message.ephemeral;
		}
		const resource: Json = { type };
		if (message && type !== 6) resource.message = this.store.messageJson(message);
		return { status: 200, body: { interaction, resource } };
	}

	// ------------------------------------------------------------------------------------------------------------
	// The bot's side: /webhooks/{app}/{token}...

	private byWebhook(appId: string, token: string): InteractionRec {
		const rec = this.byToken.get(token);
		if (!rec || appId !== this.store.applicationId) throw unknownWebhook();
		if (Date.now() - rec.createdAt > this.core.opts.tokenLifetimeMs) throw invalidWebhookToken();
		return rec;
	}

	/** Whether a webhook request targets an interaction token this fake issued (for error bookkeeping). */
	knowsToken(token: string): boolean {
		return this.byToken.has(token);
	}

	executeWebhook(appId: string, token: string, body: Json, files: UploadedFile[], wait: boolean): HttpResult {
		const rec = this.byWebhook(appId, token);
		// Follow-ups exist only once the interaction was acknowledged (and never for autocomplete).
		if (rec.callbacks === 0 || rec.callbackType === Callback.Autocomplete) throw unknownWebhook();
		this.core.validateCreate(body, files);
		const channel = this.core.liveChannel(rec.channelId);
		const original = rec.originalId !== undefined ? this.store.messages.get(rec.originalId) : undefined;
		let message: FakeMessage;
		if (rec.callbackType === Callback.DeferReply && original && (original.flags & MESSAGE_FLAGS.Loading) !== 0) {
			// Discord quirk: the first follow-up after a deferred reply fills in the "thinking" message, keeping the
			// ephemerality chosen at defer time.
			message = this.core.editMessage(original, { ...body, flags: undefined }, files);
			this.setVisible(rec, 'follow-up', message, body);
			this.changed(rec, 'follow-up (filled the deferred reply)');
		} else {
			message = this.core.createMessage(channel, body, files, {
				authorId: this.store.botUser.id,
				interaction: { id: rec.id, type: rec.type, userId: rec.userId, guildId: rec.guildId },
			});
			rec.followUps.push(message);
			this.changed(rec, `follow-up #${rec.followUps.length}${message.ephemeral ? ' (ephemeral)' : ''}`);
		}
		return wait ? { status: 200, body: this.store.messageJson(message) } : { status: 204 };
	}

	private webhookMessage(rec: InteractionRec, messageId: string): FakeMessage {
		const id = messageId === '@original' ? rec.originalId : messageId;
		const isOwn = id !== undefined && (id === rec.originalId || rec.followUps.some((m) => m.id === id));
		const message = id !== undefined && isOwn ? this.store.messages.get(id) : undefined;
		if (!message || message.deleted) throw unknownMessage();
		return message;
	}

	getWebhookMessage(appId: string, token: string, messageId: string): HttpResult {
		const rec = this.byWebhook(appId, token);
		return { status: 200, body: this.store.messageJson(this.webhookMessage(rec, messageId)) };
	}

	editWebhookMessage(appId: string, token: string, messageId: string, body: Json, files: UploadedFile[]): HttpResult {
		const rec = this.byWebhook(appId, token);
		const message = this.webhookMessage(rec, messageId);
		const isOriginal = message.id === rec.originalId;
		this.core.editMessage(message, body, files);
		if (isOriginal) this.setVisible(rec, 'edit-original', message, body);
		this.changed(rec, `PATCH ${isOriginal ? '@original' : `message ${message.id}`}`);
		return { status: 200, body: this.store.messageJson(message) };
	}

	deleteWebhookMessage(appId: string, token: string, messageId: string): HttpResult {
		const rec = this.byWebhook(appId, token);
		const message = this.webhookMessage(rec, messageId);
		this.core.deleteMessage(message);
		this.changed(rec, `DELETE ${message.id === rec.originalId ? '@original' : `message ${message.id}`}`);
		return { status: 204 };
	}
}

function checkConstraints(name: string, value: SlashOptionValue, spec: Json): void {
	if (Array.isArray(spec.choices) && spec.choices.length > 0 && !spec.choices.some((c: Json) => c.value === value)) {
		throw new Error(
			`fake-discord: option "${name}" must be one of ${spec.choices.map((c: Json) => JSON.stringify(c.value)).join(', ')}`,
		);
	}
	if (typeof value === 'number') {
		if (spec.min_value !== undefined && value < spec.min_value)
			throw new Error(`fake-discord: option "${name}" below min_value`);
		if (spec.max_value !== undefined && value > spec.max_value)
			throw new Error(`fake-discord: option "${name}" above max_value`);
	}
	if (typeof value === 'string') {
		if (spec.min_length !== undefined && value.length < spec.min_length)
			throw new Error(`fake-discord: option "${name}" shorter than min_length`);
		if (spec.max_length !== undefined && value.length > spec.max_length)
			throw new Error(`fake-discord: option "${name}" longer than max_length`);
	}
}

function findComponent(components: Json[], customId: string): Json {
	for (const c of components ?? []) {
		if (c?.custom_id === customId) return c;
		const inner = findComponent([...(c?.components ?? []), ...(c?.accessory ? [c.accessory] : [])], customId);
		if (inner) return inner;
	}
	return undefined;
}

function listCustomIds(components: Json[]): string[] {
	const out: string[] = [];
	for (const c of components ?? []) {
		if (typeof c?.custom_id === 'string') out.push(c.custom_id);
		out.push(...listCustomIds([...(c?.components ?? []), ...(c?.accessory ? [c.accessory] : [])]));
	}
	return out;
}

/** Modal submit payload in the legacy layout: one action row per text input. */
function rowsFor(fields: Record<string, string>): Json[] {
	let id = 0;
	return Object.entries(fields).map(([custom_id, value]) => ({
		type: 1,
		id: ++id,
		components: [{ type: 4, id: ++id, custom_id, value }],
	}));
}

/**
 * Modal submit payload mirroring the modal the bot showed: action rows stay rows, Label-wrapped inputs come back as
 * `{ type: 18, component }` (what discord.js 14.28's ModalSubmitFields reads), text displays come back bare.
 * Enforces what the Discord client enforces before it lets a user submit.
 */
function mirrorModal(modal: FakeModal, fields: Record<string, string>): Json[] {
	const known = new Set<string>();
	let autoId = 0;
	const input = (c: Json): Json => {
		const custom_id: string = c.custom_id;
		known.add(custom_id);
		const value = fields[custom_id];
		const id = c.id ?? ++autoId;
		if (c.type === 4) {
			const v = value ?? '';
			if (c.required !== false && v === '') throw new Error(`fake-discord: modal field "${custom_id}" is required`);
			if (c.max_length !== undefined && v.length > c.max_length)
				throw new Error(`fake-discord: "${custom_id}" exceeds max_length ${c.max_length}`);
			if (c.min_length !== undefined && v.length > 0 && v.length < c.min_length)
				throw new Error(`fake-discord: "${custom_id}" is shorter than min_length ${c.min_length}`);
			return { type: 4, id, custom_id, value: v };
		}
		return { type: c.type, id, custom_id, values: value === undefined || value === '' ? [] : value.split(',') };
	};
	const out = modal.components.map((c: Json) => {
		const id = c.id ?? ++autoId;
		if (c.type === 1) return { type: 1, id, components: (c.components ?? []).map(input) };
		if (c.type === 18) return { type: 18, id, component: input(c.component) };
		return { type: c.type, id };
	});
	const unknown = Object.keys(fields).filter((k) => !known.has(k));
	if (unknown.length > 0)
		throw new Error(`fake-discord: modal "${modal.custom_id}" has no field(s) ${unknown.join(', ')}`);
	return out;
}
