import {
	Client,
	DefaultRestOptions,
	GatewayIntentBits,
	Options,
	Partials,
	REST,
	type InternalRequest,
	type RESTOptions,
} from 'discord.js';
import { Agent } from 'undici';
import { Pacer } from './pacer.ts';

/** Discord's global limit: requests per second per bot, interaction endpoints excepted. */
export const GLOBAL_REQUESTS_PER_SECOND = 50;

/**
 * How long an idle connection to Discord is kept for the next request. Discord's edge (Cloudflare) keeps an idle
 * HTTP/1.1 connection 400 s and sends no Keep-Alive hint, so undici's own default applies, 4 s: a click coming 5 s
 * after the bot's last request would first open a new connection, a TCP and a TLS handshake (two round trips to
 * Discord, ~150 ms) before its answer could leave, and a burst of clicks after a quiet spell opened one per click.
 * 60 s stays well under Cloudflare's 400 s and under the idle timeouts of NATs on the way.
 */
export const KEEP_ALIVE_MS = 60_000;

export interface ClientOptions {
	/** Base URL of a Discord-compatible REST API (the gateway URL then comes from its `GET /gateway/bot`). */
	apiUrl?: string | undefined;
	/** Tests that reconnect skip discord.js's 5-second identify throttle. */
	fastIdentify?: boolean;
}

/**
 * Builds the real discord.js client. Only the Guilds intent: channels and roles come with it, and everything
 * about the person acting comes with each interaction, so no privileged intent is needed.
 */
export function createDiscordClient(opts: ClientOptions = {}): Client {
	// Every request with the bot's token waits for the pacer when it is about to go on the wire (after its
	// rate-limit bucket let it through, so a request held by a busy channel's bucket keeps no slot): Discord's 50
	// requests in any sliding second, so a fan-out may use the whole limit without provoking a 429 and without
	// reserving room for the bot's other requests. Interaction callbacks and webhooks carry no token and do not count.
	// discord.js's own global limit is off: it counts fixed one-second windows, looser than the pacer's sliding one,
	// and holds the request after a window's 50th until the window's end plus its 50 ms offset (a publish's 51st post
	// came 50 ms late). A global 429 Discord might send still stops discord.js's requests.
	const pacer = new Pacer(GLOBAL_REQUESTS_PER_SECOND);
	// One pool of connections for the REST manager and the interaction webhooks' own manager (routeRequests).
	const agent = new Agent({ keepAliveTimeout: KEEP_ALIVE_MS });
	const rest: Partial<RESTOptions> = {
		...(opts.apiUrl ? { api: opts.apiUrl } : {}),
		globalRequestsPerSecond: Number.POSITIVE_INFINITY,
		retries: 3,
		timeout: 15_000,
		agent,
		makeRequest: (url, init) =>
			countsAgainstGlobalLimit(init)
				? pacer.run(() => DefaultRestOptions.makeRequest(url, init))
				: DefaultRestOptions.makeRequest(url, init),
	};
	const client = new Client({
		intents: [GatewayIntentBits.Guilds],
		partials: [Partials.Channel],
		// The bot reads guilds, their channels and roles from the cache; members come with each interaction, and
		// nothing else is read. Everything else is not cached at all, and members and users are swept hourly.
		makeCache: Options.cacheWithLimits({
			MessageManager: 0,
			GuildMemberManager: 200,
			UserManager: 200,
			PresenceManager: 0,
			ReactionManager: 0,
			ReactionUserManager: 0,
			GuildEmojiManager: 0,
			BaseGuildEmojiManager: 0,
			GuildStickerManager: 0,
			GuildBanManager: 0,
			GuildInviteManager: 0,
			GuildScheduledEventManager: 0,
			StageInstanceManager: 0,
			VoiceStateManager: 0,
			ThreadMemberManager: 0,
			AutoModerationRuleManager: 0,
			ApplicationCommandManager: 0,
			ApplicationEmojiManager: 0,
			GuildMessageManager: 0,
			DMMessageManager: 0,
			GuildTextThreadManager: 0,
			GuildForumThreadManager: 0,
		}),
		sweepers: {
			users: { interval: 3600, filter: () => (user) => user.id !== user.client.user.id },
			guildMembers: { interval: 3600, filter: () => (member) => member.id !== member.client.user.id },
		},
		allowedMentions: { parse: [] },
		rest,
		...(opts.fastIdentify
			? { ws: { buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: async () => {} }) } }
			: {}),
	});
	routeRequests(client, rest);
	const destroy = client.destroy.bind(client);
	client.destroy = async () => {
		await destroy();
		await agent.close();
	};
	return client;
}

/**
 * Interaction follow-ups and edits of an interaction's reply (`/webhooks/<application>/<token>…`, sent without the
 * bot's token) do not count against Discord's global 50 requests/s, but discord.js counts every request against it:
 * in a burst of clicks, the answers would queue behind its fixed one-second windows (100 answers: 2 s). They go
 * through a REST manager of their own without a global limit; their per-token buckets still apply, and a global
 * 429 Discord might send still stops them. Initial callbacks already bypass the global limit in discord.js.
 */
function routeRequests(client: Client, options: Partial<RESTOptions>): void {
	const direct = new REST({ ...options, globalRequestsPerSecond: Number.POSITIVE_INFINITY });
	const queued = client.rest.queueRequest.bind(client.rest);
	client.rest.queueRequest = (request: InternalRequest) =>
		isInteractionWebhook(request) ? direct.queueRequest(request) : queued(request);
}

/** Requests without the bot's token (interaction callbacks and webhooks) are not counted by Discord's global limit. */
export function countsAgainstGlobalLimit(init: { headers?: unknown }): boolean {
	const headers = init.headers;
	if (!headers || typeof headers !== 'object') return false;
	if (headers instanceof Headers) return headers.has('authorization');
	return Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
}

export function isInteractionWebhook(request: Pick<InternalRequest, 'fullRoute' | 'auth'>): boolean {
	return request.auth === false && request.fullRoute.startsWith('/webhooks/');
}
