import type { Actor, Round, Unit } from '../domain/model.ts';
import { isCoordinator } from './access.ts';
import { roundsForMember } from './answer-round.ts';
import type { Deps } from './deps.ts';
import type { FileBlob } from './ports.ts';

/**
 * Small reads the Discord layer needs besides the use cases: a server's language, the database's health, a stored
 * answer file, and what autocomplete may suggest to a person (never more than they may see).
 */

/** The language of a server's public posts; 'vi' before /setup. */
export async function serverLanguage(deps: Deps, guildId: string | null): Promise<'vi' | 'en'> {
	const settings = guildId ? await deps.settings.get(guildId) : null;
	return settings?.language ?? 'vi';
}

/** Whether the database answers (for /ping). */
export function databaseReachable(deps: Deps): Promise<boolean> {
	return deps.audit.ping();
}

/** The file a unit sent with an answer, as it sent it. */
export function answerFile(deps: Deps, answerId: number): Promise<FileBlob | null> {
	return deps.answers.file(answerId);
}

/** Round choices: a coordinator's recent rounds, or the open rounds a member may answer; nothing for others. */
export async function roundChoices(
	deps: Deps,
	guildId: string,
	actor: Actor,
	scope: 'coordinator' | 'member',
): Promise<Round[]> {
	if (scope === 'member') return roundsForMember(deps, guildId, actor);
	if (!isCoordinator(actor, await deps.settings.get(guildId))) return [];
	return deps.rounds.list(guildId, { limit: 25 });
}

/**
 * Unit choices: every active unit for a coordinator, nothing for anyone else (unit names are not public); with
 * `own`, only the units whose role the person has.
 */
export async function unitChoices(
	deps: Deps,
	guildId: string,
	actor: Actor,
	scope: 'coordinator' | 'own',
): Promise<Unit[]> {
	if (scope === 'coordinator' && !isCoordinator(actor, await deps.settings.get(guildId))) return [];
	const units = await deps.units.list(guildId);
	return scope === 'own' ? units.filter((u) => actor.roleIds.includes(u.roleId)) : units;
}
