import type { ItemsImported } from '../../app/plan-items.ts';
import type { Catalog, Lang } from '../../i18n/index.ts';
import { splitForMessage } from './long-text.ts';
import { formatNumber } from './plan-post.ts';
import type { Reply } from './text.ts';

/** /round items and /round baseline: the totals read, per unit (a long list goes into a file). */
export function itemsImportedReply(t: Catalog, lang: Lang, imported: ItemsImported): Reply {
	const { round, units, totals, year, set } = imported;
	const n = (value: number) => formatNumber(value, lang);
	const counts = { round: round.code, items: n(totals.items), points: n(totals.points), units: units.length };
	const title =
		set === 'plan'
			? t.items.imported(counts)
			: t.items.baselineImported({
					...counts,
					label: year === null ? t.report.baselineAny : t.report.baselineYear({ year }),
				});
	const head = set === 'plan' && round.state === 'closed' ? `${title}\n${t.items.closedNote}` : title;
	const lines = units.map(({ unit, totals: u }) =>
		t.items.unitLine({ unit: unit.code, items: n(u.items), points: n(u.points) }),
	);
	return splitForMessage(t, head, lines, `${set === 'plan' ? 'items' : 'baseline'}-${round.code}.md`);
}
