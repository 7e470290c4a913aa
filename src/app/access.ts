import type { Actor, ServerSettings } from '../domain/model.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';

/** True when the actor may coordinate: the coordinator role, or Manage Server. */
export function isCoordinator(actor: Actor, settings: ServerSettings | null): boolean {
	return actor.canManageGuild || (settings !== null && actor.roleIds.includes(settings.coordinatorRoleId));
}

/** Settings of a set-up server whose actor is a coordinator. */
export async function requireCoordinator(
	deps: Deps,
	guildId: string,
	actor: Actor,
): Promise<AppResult<ServerSettings>> {
	const settings = await deps.settings.get(guildId);
	if (!isCoordinator(actor, settings)) return fail({ code: 'not-coordinator' });
	if (!settings) return fail({ code: 'not-set-up' });
	return { ok: true, value: settings };
}
