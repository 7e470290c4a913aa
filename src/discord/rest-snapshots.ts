import { DiscordAPIError, type REST } from 'discord.js';
import type { AccessProbe } from '../app/access-ports.ts';
import type { GuildSnapshot } from '../domain/permissions.ts';
import { snapshotFromRest } from './guild-snapshot.ts';

/**
 * Servers as the bot sees them when it has no gateway (http interactions mode): read over REST (guild, roles,
 * channels, the bot's member) and kept for `ttlMs`, so a burst of commands costs four requests, not four each.
 * Permission changes show after at most `ttlMs`; the gateway cache shows them at once.
 */
export class RestSnapshots implements AccessProbe {
	private readonly cache = new Map<string, { at: number; snapshot: Promise<GuildSnapshot | null> }>();

	constructor(
		private readonly rest: REST,
		private readonly botUserId: string,
		private readonly ttlMs = 15_000,
		private readonly now: () => number = () => Date.now(),
	) {}

	snapshot(guildId: string): Promise<GuildSnapshot | null> {
		const hit = this.cache.get(guildId);
		if (hit && this.now() - hit.at < this.ttlMs) return hit.snapshot;
		// Not in the server (404) or not allowed to read it (403): unknown, as the gateway cache would say.
		const snapshot = snapshotFromRest(this.rest, guildId, this.botUserId).catch((error: unknown) => {
			if (error instanceof DiscordAPIError && (error.status === 404 || error.status === 403)) return null;
			throw error;
		});
		this.cache.set(guildId, { at: this.now(), snapshot });
		// A failed read is not kept: the next interaction tries again.
		snapshot.catch(() => this.cache.delete(guildId));
		return snapshot;
	}
}
