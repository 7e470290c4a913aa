import type { Unit } from '../domain/model.ts';
import { isBlocking, targetProblems, type AccessProblem, type GuildSnapshot } from '../domain/permissions.ts';
import type { AccessProbe } from './access-ports.ts';

/**
 * The permission preflight: before posting, the bot works out from the server's roles and overwrites whether each
 * unit channel and the report channel will take its posts, and whether each role ping will notify anyone.
 * Every answer is `null` when the bot cannot see the server (no probe, or the server is not known yet): callers
 * then go ahead and let Discord's own answer decide, as before.
 */

export interface UnitAccess {
	unit: Unit;
	problems: AccessProblem[];
	/** False when a post to the unit would fail or lose something (any problem at all). */
	ready: boolean;
	/** True when a post to the unit would fail: it must not be attempted. */
	blocked: boolean;
}

export interface PreflightDeps {
	access?: AccessProbe | undefined;
}

async function snapshot(deps: PreflightDeps, guildId: string): Promise<GuildSnapshot | null> {
	if (!deps.access) return null;
	return deps.access.snapshot(guildId);
}

function judge(unit: Unit, problems: AccessProblem[]): UnitAccess {
	return { unit, problems, ready: problems.length === 0, blocked: isBlocking(problems) };
}

/**
 * What stands between the bot and each unit's posts. `filesFor` says whether the unit's post carries files
 * (a draft with attachments); without it, files are assumed (a unit should be ready for any draft).
 */
export async function checkUnits(
	deps: PreflightDeps,
	guildId: string,
	units: readonly Unit[],
	filesFor: (unit: Unit) => boolean = () => true,
): Promise<UnitAccess[] | null> {
	const g = await snapshot(deps, guildId);
	if (!g) return null;
	return units.map((unit) =>
		judge(
			unit,
			targetProblems(g, { channelId: unit.channelId, roleId: unit.roleId }, { files: filesFor(unit), embeds: true }),
		),
	);
}

/** The report channel: summaries and escalations (text, no embeds) pinging the coordinator role. */
export async function checkReportChannel(
	deps: PreflightDeps,
	guildId: string,
	channelId: string,
	coordinatorRoleId: string,
): Promise<AccessProblem[] | null> {
	const g = await snapshot(deps, guildId);
	if (!g) return null;
	// Stryker disable next-line ObjectLiteral: equivalent, targetProblems reads a missing flag as false
	const plainText = { files: false, embeds: false };
	return targetProblems(g, { channelId, roleId: coordinatorRoleId }, plainText);
}
