import { validateUnitRows, type UnitImportContext } from '../domain/import/unit-rows.ts';
import { isBlankText } from '../domain/text.ts';
import type { InputRow } from '../domain/import/rows.ts';
import { normalizeUnitCode, unitCodeKey, type Actor, type Unit, type UnitKind } from '../domain/model.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';

export interface ChannelInfo {
	id: string;
	writable: boolean;
	text: boolean;
}

function checkChannel(channel: ChannelInfo): AppResult<void> {
	if (!channel.text) return fail({ code: 'channel-not-text', channelId: channel.id });
	if (!channel.writable) return fail({ code: 'channel-not-writable', channelId: channel.id });
	return { ok: true, value: undefined };
}

function checkName(name: string): AppResult<string> {
	const trimmed = name.trim();
	if (isBlankText(trimmed) || [...trimmed].length > 100) return fail({ code: 'unit-bad-name' });
	return { ok: true, value: trimmed };
}

function auditOf(guildId: string, actor: Actor, action: string) {
	return { guildId, actorId: actor.userId, actorName: actor.userName, action };
}

/** /unit add */
export async function addUnit(
	deps: Deps,
	input: {
		guildId: string;
		actor: Actor;
		code: string;
		name: string;
		channel: ChannelInfo;
		roleId: string;
		kind: UnitKind;
		/** False for @everyone and roles managed by an integration: nobody can be given them to answer. */
		roleAssignable?: boolean;
	},
): Promise<AppResult<Unit>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const code = normalizeUnitCode(input.code);
	if (!code) return fail({ code: 'unit-bad-code', value: input.code });
	const name = checkName(input.name);
	if (!name.ok) return name;
	const channel = checkChannel(input.channel);
	if (!channel.ok) return channel;
	if (input.roleAssignable === false) return fail({ code: 'role-not-assignable', roleId: input.roleId });
	const existing = await deps.units.findByCode(input.guildId, code);
	if (existing) return fail({ code: existing.archived ? 'unit-duplicate-archived' : 'unit-duplicate', unit: code });
	const [unit] = await deps.units.create(
		input.guildId,
		[{ code, name: name.value, kind: input.kind, channelId: input.channel.id, roleId: input.roleId }],
		auditOf(input.guildId, input.actor, 'unit.add'),
	);
	// Stryker disable next-line ConditionalExpression,StringLiteral: unreachable, a guard: create returns one unit per unit given
	if (!unit) throw new Error('unit was not created');
	return { ok: true, value: unit };
}

/** Finds an active unit by its code as typed. */
export async function findActiveUnit(deps: Deps, guildId: string, rawCode: string): Promise<AppResult<Unit>> {
	const code = unitCodeKey(rawCode);
	const unit = await deps.units.findByCode(guildId, code);
	if (!unit || unit.archived) return fail({ code: 'unit-unknown', unit: code });
	return { ok: true, value: unit };
}

/** /unit edit */
export async function editUnit(
	deps: Deps,
	input: {
		guildId: string;
		actor: Actor;
		code: string;
		name?: string | undefined;
		channel?: ChannelInfo | undefined;
		roleId?: string | undefined;
		roleAssignable?: boolean | undefined;
		kind?: UnitKind | undefined;
	},
): Promise<AppResult<Unit>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const unit = await findActiveUnit(deps, input.guildId, input.code);
	if (!unit.ok) return unit;
	const changes: Partial<Pick<Unit, 'name' | 'channelId' | 'roleId' | 'kind'>> = {};
	if (input.name !== undefined) {
		const name = checkName(input.name);
		if (!name.ok) return name;
		changes.name = name.value;
	}
	if (input.channel !== undefined) {
		const channel = checkChannel(input.channel);
		if (!channel.ok) return channel;
		changes.channelId = input.channel.id;
	}
	if (input.roleId !== undefined) {
		if (input.roleAssignable === false) return fail({ code: 'role-not-assignable', roleId: input.roleId });
		changes.roleId = input.roleId;
	}
	if (input.kind !== undefined) changes.kind = input.kind;
	if (Object.keys(changes).length === 0) return fail({ code: 'unit-nothing-to-edit' });
	const updated = await deps.units.update(unit.value.id, changes, auditOf(input.guildId, input.actor, 'unit.edit'));
	return { ok: true, value: updated };
}

/** /unit remove: units with history are archived, the others deleted. */
export async function removeUnit(
	deps: Deps,
	input: { guildId: string; actor: Actor; code: string },
): Promise<AppResult<{ unit: Unit; outcome: 'deleted' | 'archived' }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const unit = await findActiveUnit(deps, input.guildId, input.code);
	if (!unit.ok) return unit;
	const outcome = await deps.units.remove(unit.value.id, auditOf(input.guildId, input.actor, 'unit.remove'));
	return { ok: true, value: { unit: unit.value, outcome } };
}

/** /unit list (coordinators). */
export async function listUnits(deps: Deps, input: { guildId: string; actor: Actor }): Promise<AppResult<Unit[]>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	return { ok: true, value: await deps.units.list(input.guildId) };
}

/** /unit import: all rows or none. */
export async function importUnits(
	deps: Deps,
	input: {
		guildId: string;
		actor: Actor;
		rows: InputRow[];
		channels: UnitImportContext['channels'];
		roles: UnitImportContext['roles'];
	},
): Promise<AppResult<Unit[]>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	// Archived codes stay taken: their history must not be mixed with a new unit's.
	const existing = await deps.units.list(input.guildId, { includeArchived: true });
	const checked = validateUnitRows(input.rows, {
		channels: input.channels,
		roles: input.roles,
		existingActiveCodes: new Set(existing.map((u) => u.code)),
	});
	if (!checked.ok) return fail({ code: 'import-rejected', problems: checked.error });
	const created = await deps.units.create(
		input.guildId,
		checked.value.map((r) => ({ code: r.code, name: r.name, kind: r.kind, channelId: r.channelId, roleId: r.roleId })),
		auditOf(input.guildId, input.actor, 'unit.import'),
	);
	return { ok: true, value: created };
}
