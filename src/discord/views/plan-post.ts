import type { DraftView } from '../../app/ports.ts';
import {
	hasChanges,
	parseItemCodes,
	type DraftPlan,
	type ItemChange,
	type ItemField,
	type PlanItem,
} from '../../domain/items.ts';
import { formatIsoDate } from '../../domain/time/parse-datetime.ts';
import type { Catalog, Lang } from '../../i18n/index.ts';
import type { XlsxCell, XlsxSheet } from '../../infra/files/write-table.ts';
import { clip } from './text.ts';

const FIELD_VALUE = 1024;
const FIELD_NAME = 256;

/** A number as the language writes it: `2.800,5` in Vietnamese, `2,800.5` in English. */
export function formatNumber(value: number, lang: Lang): string {
	return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 3 }).format(value);
}

/** A stored `YYYY-MM-DD` as the language writes dates (`15/01/2022`, `2022-01-15`). */
export function formatDue(due: string | null, lang: Lang): string | null {
	if (due === null) return null;
	try {
		return formatIsoDate(due, lang);
	} catch {
		return due;
	}
}

/** A stored `YYYY-MM-DD` as a spreadsheet date (UTC midnight: read back, it is the same calendar day). */
export function dueCell(due: string | null): Date | string | null {
	if (due === null) return null;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
	return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : due;
}

/** The spreadsheet date format of a language. */
export function dateFormat(lang: Lang): string {
	return lang === 'vi' ? 'dd/mm/yyyy' : 'yyyy-mm-dd';
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

function itemLine(t: Catalog, lang: Lang, item: PlanItem): string {
	const due = formatDue(item.due, lang);
	const details = [
		item.frequency,
		due ? t.items.due({ due }) : null,
		t.items.pointsOf({ points: formatNumber(item.points, lang) }),
	]
		.filter((d): d is string => d !== null && d !== '')
		.join(', ');
	return t.items.line({ code: item.code, title: clip(oneLine(item.title), 120), details: ` — ${details}` });
}

function fieldValue(t: Catalog, lang: Lang, item: PlanItem, field: ItemField): string {
	switch (field) {
		case 'due':
			return formatDue(item.due, lang) ?? t.items.empty;
		case 'frequency':
			return item.frequency ?? t.items.empty;
		case 'points':
			return formatNumber(item.points, lang);
		case 'title':
			return `“${clip(oneLine(item.title), 60)}”`;
	}
}

function changeLine(t: Catalog, lang: Lang, change: ItemChange): string {
	const changes = change.fields
		.map((field) =>
			t.items.fieldChange({
				field: t.items.fields[field],
				before: fieldValue(t, lang, change.before, field),
				after: fieldValue(t, lang, change.after, field),
			}),
		)
		.join('; ');
	return t.items.changedLine({ code: change.code, changes });
}

/** The attached item list's file name. */
export function planFileName(t: Catalog, view: Pick<DraftView, 'round' | 'unit'>): string {
	return t.items.fileName({ round: view.round.code, unit: view.unit.code });
}

type Field = { name: string; value: string };

function size(fields: readonly Field[]): number {
	return fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
}

/**
 * The embed fields of a unit's plan on its draft post: item count and points with the list when it fits, then (in a
 * round created from another) what changed for the unit. Everything stays within `budget` characters, so the embed
 * keeps under Discord's 6,000; whatever does not fit is in the attached workbook.
 */
export function planFields(t: Catalog, lang: Lang, view: DraftView, budget: number): Field[] {
	const plan = view.plan;
	if (!plan) return [];
	const file = planFileName(t, view);
	const list = plan.items.map((item) => itemLine(t, lang, item)).join('\n');
	const items: Field = {
		name: clip(
			t.items.fieldName({
				items: formatNumber(plan.totals.items, lang),
				points: formatNumber(plan.totals.points, lang),
			}),
			FIELD_NAME,
		),
		value: list === '' ? t.common.none : list.length <= FIELD_VALUE ? list : t.items.inFile({ file }),
	};
	const fields: Field[] = [items];
	if (plan.changes && plan.fromRound) {
		const c = plan.changes;
		const name = clip(
			t.items.changesName({
				from: plan.fromRound,
				added: c.added.length,
				removed: c.removed.length,
				changed: c.changed.length,
			}),
			FIELD_NAME,
		);
		const lines = [
			...c.added.map((item) => t.items.addedLine({ code: item.code, title: clip(oneLine(item.title), 80) })),
			...c.removed.map((item) => t.items.removedLine({ code: item.code, title: clip(oneLine(item.title), 80) })),
			...c.changed.map((change) => changeLine(t, lang, change)),
		].join('\n');
		const value = !hasChanges(c)
			? t.items.noChanges({ from: plan.fromRound })
			: lines.length <= FIELD_VALUE
				? lines
				: t.items.changesInFile({ file });
		fields.push({ name, value });
	}
	if (size(fields) <= budget) return fields;
	const short = fields.map((f, i) => ({
		name: f.name,
		value: i === 0 ? t.items.inFile({ file }) : t.items.changesInFile({ file }),
	}));
	if (size(short) <= budget) return short;
	return size(short.slice(0, 1)) <= budget ? short.slice(0, 1) : [];
}

/** The sheets of the item list attached to a unit's draft post (and its changes since the earlier round). */
export function planSheets(t: Catalog, lang: Lang, plan: DraftPlan): XlsxSheet[] {
	const sheets: XlsxSheet[] = [
		{
			name: t.items.sheetItems,
			headers: t.items.itemHeaders,
			rows: plan.items.map((item): XlsxCell[] => [
				item.code,
				item.title,
				item.frequency,
				dueCell(item.due),
				item.points,
			]),
			dateFormats: [undefined, undefined, undefined, dateFormat(lang), undefined],
		},
	];
	if (plan.changes && plan.fromRound) {
		const c = plan.changes;
		const rows: XlsxCell[][] = [
			...c.added.map((item): XlsxCell[] => [t.items.changeKinds.added, item.code, item.title, null, null, null]),
			...c.removed.map((item): XlsxCell[] => [t.items.changeKinds.removed, item.code, item.title, null, null, null]),
			...c.changed.flatMap((change) =>
				change.fields.map((field): XlsxCell[] => [
					t.items.changeKinds.changed,
					change.code,
					change.after.title,
					t.items.fields[field],
					field === 'points'
						? change.before.points
						: field === 'due'
							? formatDue(change.before.due, lang)
							: change.before[field],
					field === 'points'
						? change.after.points
						: field === 'due'
							? formatDue(change.after.due, lang)
							: change.after[field],
				]),
			),
		];
		sheets.push({ name: t.items.sheetChanges({ from: plan.fromRound }), headers: t.items.changeHeaders, rows });
	}
	return sheets;
}

/** " Items commented on: BC01, BC02." after a comment's confirmation, when it named items. */
export function itemsNote(t: Catalog, items: string | null | undefined): string {
	const codes = parseItemCodes(items);
	return codes.length > 0 ? ` ${t.items.commentAbout({ codes: clip(codes.join(', '), 500) })}` : '';
}
