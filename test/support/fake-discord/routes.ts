import type { Core } from './core.ts';
import {
	FormErrors,
	missingAccess,
	missingPermissions,
	unknownCommand,
	unknownGuild,
	unknownMember,
	unknownMessage,
	unknownUser,
} from './errors.ts';
import { snowflake } from './ids.ts';
import type { HttpResult, Interactions } from './interactions.ts';
import type { UploadedFile } from './multipart.ts';
import { Permissions, has } from './permissions.ts';
import type { CommandRec, GuildRec } from './state.ts';
import type { BucketConfig, FakeMessage, Json } from './types.ts';
import { validateCommand } from './validation.ts';

/**
 * The REST routes the bot may call, as a table. Each route says whether it needs the bot token, whether it counts
 * against the global limit (interaction endpoints do not, per Discord's docs) and which per-route bucket it uses.
 */

export interface RouteContext {
	params: Record<string, string>;
	query: URLSearchParams;
	body: Json;
	files: UploadedFile[];
}

export interface BucketChoice {
	name: string;
	major: string;
	cfg: BucketConfig;
}

export interface Route {
	method: string;
	pattern: string;
	segments: string[];
	/** Requires `Authorization: Bot <token>`. */
	auth: boolean;
	/** Counts against the global rate limit. */
	global: boolean;
	bucket?: (params: Record<string, string>) => BucketChoice | undefined;
	handler: (ctx: RouteContext) => HttpResult | Promise<HttpResult>;
}

const ok = (body: Json): HttpResult => ({ status: 200, body });
const noContent = (): HttpResult => ({ status: 204 });

export function buildRoutes(core: Core, interactions: Interactions): Route[] {
	const { store, opts } = core;
	const routes: Route[] = [];

	const add = (
		method: string,
		pattern: string,
		handler: Route['handler'],
		extra: Partial<Pick<Route, 'auth' | 'global' | 'bucket'>> = {},
	): void => {
		const route: Route = {
			method,
			pattern,
			segments: pattern.split('/').filter(Boolean),
			auth: extra.auth ?? true,
			global: extra.global ?? true,
			handler,
		};
		// Default bucket: per method + route, split by the major parameter (channel, guild or webhook).
		route.bucket =
			extra.bucket ??
			((p) => ({
				name: `${method} ${pattern}`,
				major: p['channel'] ?? p['guild'] ?? 'global',
				cfg: opts.routeBucket,
			}));
		routes.push(route);
	};

	// -- helpers ----------------------------------------------------------------------------------------------------

	const guildOf = (id: string): GuildRec => {
		const g = store.guilds.get(id);
		if (!g) throw unknownGuild();
		if (!g.present) throw missingAccess();
		return g;
	};

	const visibleChannel = (id: string) => {
		const c = core.liveChannel(id);
		if (c.guildId !== null && !has(store.permissionsIn(c.id, store.botUser.id), Permissions.ViewChannel))
			throw missingAccess();
		return c;
	};

	const channelMessage = (channelId: string, messageId: string): FakeMessage => {
		const m = store.messages.get(messageId);
		if (!m || m.deleted || m.channel_id !== channelId || m.ephemeral) throw unknownMessage();
		return m;
	};

	const commandJson = (c: CommandRec): Json => store.commandJson(c);

	const commandScope = (params: Record<string, string>): string => {
		if (params['app'] !== store.applicationId) throw missingAccess();
		if (params['guild'] !== undefined) {
			guildOf(params['guild']);
			return params['guild'];
		}
		return 'global';
	};

	const upsertCommand = (scope: string, json: Json): CommandRec => {
		const type = json.type ?? 1;
		const existing = store.commands.find(
			(c) => c.scope === scope && c.json.name === json.name && (c.json.type ?? 1) === type,
		);
		if (existing) {
			existing.json = json;
			existing.version = snowflake();
			return existing;
		}
		const rec: CommandRec = { id: snowflake(), scope, version: snowflake(), json };
		store.commands.push(rec);
		return rec;
	};

	const validateCommands = (list: Json[], indexed: boolean): void => {
		const errors = new FormErrors();
		list.forEach((c, i) => validateCommand(c, errors, indexed ? [i] : []));
		const chatInput = list.filter((c) => (c?.type ?? 1) === 1).length;
		if (chatInput > 100) errors.maxLength([], 100);
		errors.throwIfAny();
	};

	// -- gateway / identity -----------------------------------------------------------------------------------------

	add('GET', '/gateway', () => ok({ url: core.gateway.url }), { auth: false });
	add('GET', '/gateway/bot', () =>
		ok({
			url: core.gateway.url,
			shards: 1,
			session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
		}),
	);
	add('GET', '/users/@me', () =>
		ok({ ...store.userJson(store.botUser), verified: true, mfa_enabled: false, email: null, locale: 'en-US' }),
	);
	add('GET', '/users/:user', ({ params }) => {
		const u = store.users.get(params['user'] ?? '');
		if (!u) throw unknownUser();
		return ok(store.userJson(u));
	});
	const application = (): HttpResult =>
		ok({
			id: store.applicationId,
			name: store.botUser.username,
			icon: null,
			description: '',
			summary: '',
			type: null,
			bot_public: false,
			bot_require_code_grant: false,
			verify_key: '0'.repeat(64),
			flags: 0,
			owner: store.userJson(store.user([...store.guilds.values()][0]?.ownerId ?? store.botUser.id)),
			team: null,
			bot: store.userJson(store.botUser),
			approximate_guild_count: [...store.guilds.values()].filter((g) => g.present).length,
			interactions_endpoint_url: null,
			redirect_uris: [],
			install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
			integration_types_config: { '0': {} },
		});
	add('GET', '/applications/@me', application);
	add('GET', '/oauth2/applications/@me', application);

	// -- DMs ----------------------------------------------------------------------------------------------------------

	add('POST', '/users/@me/channels', ({ body }) => {
		const user = store.users.get(String(body?.recipient_id));
		if (!user) {
			const e = new FormErrors();
			e.add(['recipient_id'], 'USER_NOT_FOUND', 'Unknown user');
			throw e.toError();
		}
		return ok(store.channelJson(store.dmChannel(user.id)));
	});

	// -- application commands -----------------------------------------------------------------------------------------

	for (const base of ['/applications/:app/commands', '/applications/:app/guilds/:guild/commands']) {
		add('GET', base, ({ params }) => {
			const scope = commandScope(params);
			return ok(store.commands.filter((c) => c.scope === scope).map(commandJson));
		});
		add('PUT', base, ({ params, body }) => {
			const scope = commandScope(params);
			const list: Json[] = Array.isArray(body) ? body : [];
			validateCommands(list, true);
			const kept = list.map((json) => upsertCommand(scope, json));
			for (let i = store.commands.length - 1; i >= 0; i--) {
				const c = store.commands[i];
				if (c && c.scope === scope && !kept.includes(c)) store.commands.splice(i, 1);
			}
			return ok(kept.map(commandJson));
		});
		add('POST', base, ({ params, body }) => {
			const scope = commandScope(params);
			validateCommands([body], false);
			return { status: 201, body: commandJson(upsertCommand(scope, body)) };
		});
		const one = (params: Record<string, string>): CommandRec => {
			const scope = commandScope(params);
			const c = store.commands.find((x) => x.scope === scope && x.id === params['command']);
			if (!c) throw unknownCommand();
			return c;
		};
		add('GET', `${base}/:command`, ({ params }) => ok(commandJson(one(params))));
		add('PATCH', `${base}/:command`, ({ params, body }) => {
			const c = one(params);
			const merged = { ...c.json, ...body };
			validateCommands([merged], false);
			c.json = merged;
			c.version = snowflake();
			return ok(commandJson(c));
		});
		add('DELETE', `${base}/:command`, ({ params }) => {
			const c = one(params);
			store.commands.splice(store.commands.indexOf(c), 1);
			return noContent();
		});
	}

	// -- guilds -------------------------------------------------------------------------------------------------------

	add('GET', '/guilds/:guild', ({ params, query }) => {
		const g = guildOf(params['guild'] ?? '');
		return ok(store.guildJson(g, { withCounts: query.get('with_counts') === 'true' }));
	});
	add('GET', '/guilds/:guild/channels', ({ params }) => {
		const g = guildOf(params['guild'] ?? '');
		return ok(store.guildChannels(g.id).map((c) => store.channelJson(c)));
	});
	add('GET', '/guilds/:guild/roles', ({ params }) => {
		const g = guildOf(params['guild'] ?? '');
		return ok(store.guildRoles(g.id).map((r) => store.roleJson(r)));
	});
	add('GET', '/guilds/:guild/members/search', ({ params, query }) => {
		const g = guildOf(params['guild'] ?? '');
		const q = (query.get('query') ?? '').toLowerCase();
		const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 1)));
		const found = store
			.guildMembers(g.id)
			.filter((m) => {
				const u = store.user(m.userId);
				return (
					u.username.toLowerCase().startsWith(q) ||
					(u.globalName ?? '').toLowerCase().startsWith(q) ||
					(m.nick ?? '').toLowerCase().startsWith(q)
				);
			})
			.slice(0, limit);
		return ok(found.map((m) => store.memberJson(m)));
	});
	add('GET', '/guilds/:guild/members/:user', ({ params }) => {
		const g = guildOf(params['guild'] ?? '');
		const m = store.member(g.id, params['user'] === '@me' ? store.botUser.id : (params['user'] ?? ''));
		if (!m) throw unknownMember();
		return ok(store.memberJson(m));
	});
	add('GET', '/guilds/:guild/members', ({ params, query }) => {
		const g = guildOf(params['guild'] ?? '');
		const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 1)));
		const after = BigInt(query.get('after') ?? '0');
		const list = store
			.guildMembers(g.id)
			.filter((m) => BigInt(m.userId) > after)
			.sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
			.slice(0, limit);
		return ok(list.map((m) => store.memberJson(m)));
	});

	// -- channels & messages ------------------------------------------------------------------------------------------

	add('GET', '/channels/:channel', ({ params }) => ok(store.channelJson(visibleChannel(params['channel'] ?? ''))));
	add('POST', '/channels/:channel/typing', ({ params }) => {
		visibleChannel(params['channel'] ?? '');
		return noContent();
	});

	add(
		'POST',
		'/channels/:channel/messages',
		({ params, body, files }) => {
			const c = core.liveChannel(params['channel'] ?? '');
			core.assertCanSend(c, files.length > 0);
			core.validateCreate(body, files);
			core.applyEmbedPermission(c, body, files.length);
			const m = core.createMessage(c, body, files, { authorId: store.botUser.id });
			return ok(store.messageJson(m));
		},
		{
			bucket: (p) => ({ name: 'POST /channels/:channel/messages', major: p['channel'] ?? '', cfg: opts.messageBucket }),
		},
	);
	add('GET', '/channels/:channel/messages', ({ params, query }) => {
		const c = visibleChannel(params['channel'] ?? '');
		if (c.guildId !== null && !has(store.permissionsIn(c.id, store.botUser.id), Permissions.ReadMessageHistory))
			return ok([]);
		const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
		let list = store.messagesIn(c.id);
		const before = query.get('before');
		const after = query.get('after');
		if (before) list = list.filter((m) => BigInt(m.id) < BigInt(before));
		if (after) list = list.filter((m) => BigInt(m.id) > BigInt(after));
		// Newest first, like Discord (except `after`, which pages forward from the oldest).
		const page = after ? list.slice(0, limit).reverse() : list.slice(-limit).reverse();
		return ok(page.map((m) => store.messageJson(m)));
	});
	add('GET', '/channels/:channel/messages/:message', ({ params }) => {
		visibleChannel(params['channel'] ?? '');
		return ok(store.messageJson(channelMessage(params['channel'] ?? '', params['message'] ?? '')));
	});
	const editBucket = (method: string) => (p: Record<string, string>) => ({
		name: `${method} /channels/:channel/messages/:message`,
		major: p['channel'] ?? '',
		cfg: opts.editBucket,
	});
	add(
		'PATCH',
		'/channels/:channel/messages/:message',
		({ params, body, files }) => {
			const c = visibleChannel(params['channel'] ?? '');
			const m = channelMessage(c.id, params['message'] ?? '');
			// Editing one's own message needs no SendMessages, but new files need AttachFiles and embeds EmbedLinks.
			if (
				c.guildId !== null &&
				files.length > 0 &&
				!has(store.permissionsIn(c.id, store.botUser.id), Permissions.AttachFiles)
			)
				throw missingPermissions();
			core.applyEmbedPermission(c, body, files.length + m.attachments.length);
			core.editMessage(m, body, files);
			return ok(store.messageJson(m));
		},
		{ bucket: editBucket('PATCH') },
	);
	add(
		'DELETE',
		'/channels/:channel/messages/:message',
		({ params }) => {
			const c = visibleChannel(params['channel'] ?? '');
			const m = channelMessage(c.id, params['message'] ?? '');
			if (m.author?.id !== store.botUser.id && c.guildId !== null) {
				if (!has(store.permissionsIn(c.id, store.botUser.id), Permissions.ManageMessages)) throw missingPermissions();
			}
			core.deleteMessage(m);
			return noContent();
		},
		{ bucket: editBucket('DELETE') },
	);

	// -- interactions -------------------------------------------------------------------------------------------------

	add(
		'POST',
		'/interactions/:id/:token/callback',
		({ params, body, files, query }) =>
			interactions.callback(
				params['id'] ?? '',
				params['token'] ?? '',
				body,
				files,
				query.get('with_response') === 'true',
			),
		// discord.js sends callbacks through its burst handler and Discord exempts them from every limit.
		{ auth: false, global: false, bucket: () => undefined },
	);
	const webhookBucket = (method: string, pattern: string) => (p: Record<string, string>) => ({
		name: `${method} ${pattern}`,
		major: `${p['app']}/${p['token']}`,
		cfg: opts.webhookBucket,
	});
	const w = '/webhooks/:app/:token';
	add(
		'POST',
		w,
		({ params, body, files, query }) =>
			interactions.executeWebhook(
				params['app'] ?? '',
				params['token'] ?? '',
				body,
				files,
				query.get('wait') === 'true',
			),
		{ auth: false, global: false, bucket: webhookBucket('POST', w) },
	);
	add(
		'GET',
		`${w}/messages/:message`,
		({ params }) => interactions.getWebhookMessage(params['app'] ?? '', params['token'] ?? '', params['message'] ?? ''),
		{ auth: false, global: false, bucket: webhookBucket('GET', `${w}/messages/:message`) },
	);
	add(
		'PATCH',
		`${w}/messages/:message`,
		({ params, body, files }) =>
			interactions.editWebhookMessage(params['app'] ?? '', params['token'] ?? '', params['message'] ?? '', body, files),
		{ auth: false, global: false, bucket: webhookBucket('PATCH', `${w}/messages/:message`) },
	);
	add(
		'DELETE',
		`${w}/messages/:message`,
		({ params }) =>
			interactions.deleteWebhookMessage(params['app'] ?? '', params['token'] ?? '', params['message'] ?? ''),
		{ auth: false, global: false, bucket: webhookBucket('DELETE', `${w}/messages/:message`) },
	);

	return routes;
}

/** Match a decoded path against the table; literal segments win over parameters (`/users/@me` vs `/users/:user`). */
export function matchRoute(
	routes: Route[],
	method: string,
	segments: string[],
): { route?: Route; params: Record<string, string>; methodMismatch: boolean } {
	let best: { route: Route; params: Record<string, string>; score: number } | undefined;
	let methodMismatch = false;
	for (const route of routes) {
		if (route.segments.length !== segments.length) continue;
		const params: Record<string, string> = {};
		let score = 0;
		let matched = true;
		for (let i = 0; i < segments.length; i++) {
			const want = route.segments[i] ?? '';
			const got = segments[i] ?? '';
			if (want.startsWith(':')) params[want.slice(1)] = got;
			else if (want === got) score++;
			else {
				matched = false;
				break;
			}
		}
		if (!matched) continue;
		if (route.method !== method) {
			methodMismatch = true;
			continue;
		}
		if (!best || score > best.score) best = { route, params, score };
	}
	return best ? { route: best.route, params: best.params, methodMismatch: false } : { params: {}, methodMismatch };
}
