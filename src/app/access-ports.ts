import type { GuildSnapshot } from '../domain/permissions.ts';

/** How the bot sees a server's roles, channels and overwrites (the permission preflight reads it). */
export interface AccessProbe {
	/** null when the bot is not in that server, or does not know it yet. */
	snapshot(guildId: string): Promise<GuildSnapshot | null>;
}
