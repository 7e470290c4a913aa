import type { Unit } from '../../domain/model.ts';
import type { Catalog } from '../../i18n/index.ts';
import { splitForMessage } from './long-text.ts';
import type { Reply } from './text.ts';

/** /unit list */
export function unitListReply(t: Catalog, units: readonly Unit[]): Reply {
	if (units.length === 0) return { content: t.unit.listEmpty, files: [] };
	const lines = units.map((u) =>
		t.unit.listLine({
			code: u.code,
			name: u.name,
			kind: t.unit.kinds[u.kind],
			channel: `<#${u.channelId}>`,
			role: `<@&${u.roleId}>`,
		}),
	);
	return splitForMessage(t, t.unit.listTitle({ count: lines.length }), lines, 'units.md');
}
