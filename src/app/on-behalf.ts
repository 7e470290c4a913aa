import { unitCodeKey, type Actor, type Round, type Unit } from '../domain/model.ts';
import { isBlankText } from '../domain/text.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';

/** Which unit an answer is for: by code (commands), by id (buttons), or the person's only unit. */
export type UnitRef = { code: string } | { id: number } | null;

/** Longest description of where an answer recorded on a unit's behalf came from ("letter 123/CTK of 04/10"). */
export const MAX_SOURCE = 200;

/**
 * The unit a coordinator records an answer for: any unit the round addresses (no role needed: the answer came by
 * phone or letter). Only coordinators may do it.
 */
export async function resolveRecordedUnit(
	deps: Deps,
	guildId: string,
	actor: Actor,
	round: Round,
	unitRef: UnitRef,
): Promise<AppResult<Unit>> {
	const access = await requireCoordinator(deps, guildId, actor);
	if (!access.ok) return access;
	if (!unitRef) return fail({ code: 'unit-unknown', unit: '?' });
	const targets = (await deps.rounds.targets(round.id)).map((t) => t.unit);
	let unit: Unit | null;
	if ('id' in unitRef) {
		unit = targets.find((u) => u.id === unitRef.id) ?? null;
		if (!unit) return fail({ code: 'component-stale' });
	} else {
		const code = unitCodeKey(unitRef.code);
		// Stryker disable next-line ArrowFunction,ConditionalExpression: findByCode finds the same unit; the targets only spare a query
		unit = targets.find((u) => u.code === code) ?? (await deps.units.findByCode(guildId, code));
		if (!unit) return fail({ code: 'unit-unknown', unit: code.slice(0, 40) });
		// Stryker disable next-line ConditionalExpression,ObjectLiteral,StringLiteral,MethodExpression: unreachable, a guard: the unit is a target of a round of this server or found by code on it
		if (unit.guildId !== guildId) return fail({ code: 'unit-unknown', unit: code.slice(0, 40) });
	}
	if (!targets.some((u) => u.id === unit.id))
		return fail({ code: 'round-not-targeted', round: round.code, unit: unit.code });
	return { ok: true, value: unit };
}

/** The trimmed source of an answer recorded on behalf; it must say where the answer came from. */
export function checkSource(source: string): AppResult<string> {
	const text = source.trim().replace(/\s+/g, ' ');
	if (isBlankText(text)) return fail({ code: 'source-required' });
	if ([...text].length > MAX_SOURCE) return fail({ code: 'too-long', field: 'source', max: MAX_SOURCE });
	return { ok: true, value: text };
}
