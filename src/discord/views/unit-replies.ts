import type { UnitAccess } from '../../app/preflight.ts';
import type { Unit } from '../../domain/model.ts';
import type { Catalog } from '../../i18n/index.ts';
import { readinessTag, unitWarnings } from './access.ts';
import { splitForMessage } from './long-text.ts';
import type { Reply } from './text.ts';

/** /unit list, each unit marked ready or not when the permission preflight could tell (`access` not null). */
export function unitListReply(t: Catalog, units: readonly Unit[], access: readonly UnitAccess[] | null = null): Reply {
	if (units.length === 0) return { content: t.unit.listEmpty, files: [] };
	const byUnit = new Map((access ?? []).map((a) => [a.unit.id, a]));
	const lines = units.map((u) => {
		const line = t.unit.listLine({
			code: u.code,
			name: u.name,
			kind: t.unit.kinds[u.kind],
			channel: `<#${u.channelId}>`,
			role: `<@&${u.roleId}>`,
		});
		const tag = readinessTag(t, byUnit.get(u.id));
		return tag ? `${line} · ${tag}` : line;
	});
	return splitForMessage(t, t.unit.listTitle({ count: lines.length }), lines, 'units.md');
}

/**
 * /unit import: how many units, and a warning for each one the bot cannot post in properly. Many units may be
 * imported at once: the warnings go to a file when they do not fit in one message.
 */
export function unitImportedReply(t: Catalog, units: readonly Unit[], access: readonly UnitAccess[] | null): Reply {
	return splitForMessage(t, t.unit.imported({ count: units.length }), unitWarnings(t, access), 'unit-warnings.md');
}
