import type { UnitAccess } from '../../app/preflight.ts';
import type { Unit } from '../../domain/model.ts';
import type { AccessProblem } from '../../domain/permissions.ts';
import type { Catalog } from '../../i18n/index.ts';

/** Preflight findings in the person's language: the channel, the missing permission, the silent ping. */

export function problemText(t: Catalog, p: AccessProblem, roleId: string): string {
	switch (p.kind) {
		case 'channel-missing':
			return t.access.problems.channelMissing;
		case 'permission':
			return t.access.problems.permission({ permission: t.access.permissions[p.permission] });
		case 'role-missing':
			return t.access.problems.roleMissing;
		case 'ping-silent':
			return t.access.problems.pingSilent({ role: `<@&${roleId}>` });
		case 'refused':
			return t.access.problems.refused;
	}
}

export function problemsText(t: Catalog, problems: readonly AccessProblem[], roleId: string): string {
	return problems.map((p) => problemText(t, p, roleId)).join('; ');
}

/** One warning line per unit that is not ready (nothing for ready units, or when the bot could not tell). */
export function unitWarnings(t: Catalog, accesses: readonly UnitAccess[] | null): string[] {
	return (accesses ?? [])
		.filter((a) => !a.ready)
		.map((a) =>
			t.access.unitWarning({
				unit: a.unit.code,
				channel: `<#${a.unit.channelId}>`,
				problems: problemsText(t, a.problems, a.unit.roleId),
			}),
		);
}

/** A reply about units just added or changed, followed by the preflight's warning for each one not ready. */
export function withUnitWarnings(t: Catalog, reply: string, accesses: readonly UnitAccess[] | null): string {
	return [reply, ...unitWarnings(t, accesses)].join('\n');
}

/** /setup's reply, followed by what keeps the report channel from taking the bot's posts (if anything). */
export function withReportChannelWarning(
	t: Catalog,
	reply: string,
	settings: { reportChannelId: string; coordinatorRoleId: string },
	problems: readonly AccessProblem[] | null,
): string {
	if (!problems || problems.length === 0) return reply;
	const warning = t.access.reportWarning({
		channel: `<#${settings.reportChannelId}>`,
		problems: problemsText(t, problems, settings.coordinatorRoleId),
	});
	return `${reply}\n${warning}`;
}

/** "✅ ready" or "⚠️ not ready: …" for a unit of /unit list; empty when the bot could not tell. */
export function readinessTag(t: Catalog, access: UnitAccess | undefined): string {
	if (!access) return '';
	return access.ready
		? t.access.ready
		: t.access.notReady({ problems: problemsText(t, access.problems, access.unit.roleId) });
}

/** The lines /round publish adds: units skipped (with why) and units posted whose ping notifies nobody. */
export function publishAccessLines(
	t: Catalog,
	outcome: {
		blocked: ReadonlyArray<{ unit: Unit; problems: AccessProblem[] }>;
		warnings: ReadonlyArray<{ unit: Unit; problems: AccessProblem[] }>;
	},
): string[] {
	const lines = outcome.blocked.map((b) =>
		t.access.blockedLine({
			unit: b.unit.code,
			channel: `<#${b.unit.channelId}>`,
			problems: problemsText(t, b.problems, b.unit.roleId),
		}),
	);
	lines.push(
		...outcome.warnings.map((w) =>
			t.access.publishWarning({ unit: w.unit.code, problems: problemsText(t, w.problems, w.unit.roleId) }),
		),
	);
	if (outcome.blocked.length > 0 || outcome.warnings.length > 0) lines.push(t.access.fixHint);
	return lines;
}
