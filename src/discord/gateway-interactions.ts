import { Events, GatewayDispatchEvents, Routes, type APIInteraction, type Client } from 'discord.js';
import type { Log } from '../app/deps.ts';
import { snapshotFromCache } from './guild-snapshot.ts';
import { handledKind, HttpTransport, readIncoming } from './http-transport.ts';
import type { Incoming } from './context.ts';
import type { Router } from './router.ts';

/**
 * Interactions that come over the gateway, read from the raw dispatch (`INTERACTION_CREATE`) and answered by the
 * same transport as those POSTed to the interactions endpoint: the first answer is POSTed to the interaction's
 * callback, everything after it goes to its webhook. One reading and one answering of interactions for both modes,
 * and no discord.js structure is built for an interaction: in a burst of clicks, building each interaction's
 * `ButtonInteraction`, with its `Message` (the draft post's embed and buttons), `GuildMember` and `User`, and
 * answering through discord.js's `MessagePayload` cost about as much CPU as recording the answers (profiles of
 * 100 simultaneous clicks).
 */

export interface GatewayInteractionsOptions {
	router: Router;
	log: Log;
	/** False while stopping: interactions get "busy, try again" without touching the database. */
	accepting(): boolean;
}

/** Starts handling the client's interactions (before login). */
export function handleGatewayInteractions(client: Client, opts: GatewayInteractionsOptions): void {
	if (!skipInteractionStructures(client)) {
		opts.log.warn({}, 'discord.js changed: it builds an interaction object nobody uses for every interaction');
	}
	const deps = {
		rest: client.rest,
		snapshot: (guildId: string) => Promise.resolve(snapshotFromCache(client, guildId)),
	};
	// Nothing here holds on to the payload while the interaction's work goes on (see HttpTransport's constructor).
	const read = async (raw: APIInteraction): Promise<{ incoming: Incoming; transport: HttpTransport } | null> => {
		if (!handledKind(raw)) {
			opts.log.warn({ interaction: raw.id, type: raw.type }, 'interaction of a kind the bot does not handle');
			return null;
		}
		const transport = new HttpTransport(raw, client.rest, () => client.ws.ping);
		const callback = Routes.interactionCallback(raw.id, raw.token);
		void transport.initial
			.then((body) => client.rest.post(callback, { body, auth: false }))
			.then(
				() => transport.delivered(),
				(error: unknown) => transport.undelivered(error),
			);
		// Interactions come after READY, but the servers' channels and roles (GUILD_CREATE) may still be arriving.
		if (!client.isReady()) await new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
		const incoming = await readIncoming(raw, transport, deps);
		return incoming && { incoming, transport };
	};
	const handle = async (got: { incoming: Incoming; transport: HttpTransport } | null): Promise<void> => {
		if (!got) return;
		// While shutting down, new interactions still get an answer: "busy, try again in a few minutes".
		if (!opts.accepting()) return opts.router.refuse(got.incoming, got.transport);
		await opts.router.handleIncoming(got.incoming, got.transport);
	};
	client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: APIInteraction) => {
		const id = raw.id;
		read(raw)
			.then(handle)
			.catch((error: unknown) => opts.log.error({ err: error, interaction: id }, 'interaction could not be handled'));
	});
}

/**
 * discord.js builds an interaction object for every INTERACTION_CREATE it receives, then emits it; the bot reads
 * the raw dispatch instead, so that work is switched off (its action for interactions does nothing). Returns false
 * when discord.js no longer has that action: the objects are then built and dropped, and nothing else changes.
 */
export function skipInteractionStructures(client: Client): boolean {
	const actions = (client as unknown as { actions?: { InteractionCreate?: { handle?: unknown } } }).actions;
	const action = actions?.InteractionCreate;
	if (typeof action?.handle !== 'function') return false;
	action.handle = () => undefined;
	return true;
}
