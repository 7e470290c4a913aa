import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';

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
	return new Client({
		intents: [GatewayIntentBits.Guilds],
		partials: [Partials.Channel],
		makeCache: Options.cacheWithLimits({ MessageManager: 0, GuildMemberManager: 200, UserManager: 200 }),
		allowedMentions: { parse: [] },
		rest: { ...(opts.apiUrl ? { api: opts.apiUrl } : {}), retries: 3, timeout: 15_000 },
		...(opts.fastIdentify
			? { ws: { buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: async () => {} }) } }
			: {}),
	});
}
