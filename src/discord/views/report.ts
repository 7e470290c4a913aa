import type { AuditRecord } from '../../app/report-ports.ts';
import type { RoundReport } from '../../app/reports.ts';
import type { Delta, MatrixRow } from '../../domain/items.ts';
import type { Answer } from '../../domain/model.ts';
import { formatLocalDate, formatLocalDateTime, toZoned } from '../../domain/time/parse-datetime.ts';
import { catalog, type Catalog, type Lang } from '../../i18n/index.ts';
import type { CsvCell, XlsxCell, XlsxSheet } from '../../infra/files/write-table.ts';
import { clip, MESSAGE_LIMIT } from './text.ts';
import { auditAction } from './labels.ts';
import { deadlineWords } from './calendar-text.ts';
import { dateFormat, dueCell, formatNumber } from './plan-post.ts';
import { headline, seedSentence } from './status.ts';

/** An instant as a spreadsheet date-time showing the local wall-clock time (read back: its UTC parts). */
export function localCell(date: Date | null, zone: string): Date | null {
	if (date === null) return null;
	const z = toZoned(date, zone);
	return new Date(Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second));
}

/** The spreadsheet date-time format of a language. */
export function dateTimeFormat(lang: Lang): string {
	return lang === 'vi' ? 'dd/mm/yyyy hh:mm' : 'yyyy-mm-dd hh:mm';
}

/** How the earlier round is named in sentences: "rà soát lần 1" within a campaign, "đợt R1" otherwise. */
export function fromLabel(t: Catalog, report: RoundReport): string | null {
	if (!report.from) return null;
	return report.from.sameCampaign
		? t.report.fromCampaign({ n: report.from.number })
		: t.report.fromRound({ code: report.from.round.code });
}

/** How the baseline is named: "kế hoạch năm 2021" when its file named a year. */
export function baselineLabel(t: Catalog, report: Pick<RoundReport, 'baseline'>): string | null {
	if (!report.baseline) return null;
	return report.baseline.year === null ? t.report.baselineAny : t.report.baselineYear({ year: report.baseline.year });
}

function clauses(
	t: Catalog,
	lang: Lang,
	kind: 'items' | 'points',
	deltas: Array<{ delta: number; ref: string }>,
): string {
	const parts = deltas.map(({ delta, ref }) => {
		const n = formatNumber(Math.abs(delta), lang);
		if (kind === 'items')
			return delta < 0
				? t.report.itemsLess({ n, ref })
				: delta > 0
					? t.report.itemsMore({ n, ref })
					: t.report.itemsSame({ ref });
		return delta < 0
			? t.report.pointsLess({ n, ref })
			: delta > 0
				? t.report.pointsMore({ n, ref })
				: t.report.pointsSame({ ref });
	});
	return parts.length > 0 ? `, ${parts.join(t.report.and)}` : '';
}

/**
 * The sentences of the consolidated report in the seed's style: "Tổng số đầu báo cáo là 269 báo cáo, giảm 85 báo
 * cáo so với rà soát lần 1 và giảm 110 báo cáo so với kế hoạch năm 2021." and the same for points, the units that
 * kept the baseline, and the answers to comments.
 */
export function reportSentences(report: RoundReport, lang: Lang): string[] {
	const t = catalog(lang);
	const c = report.comparison;
	const from = fromLabel(t, report);
	const base = baselineLabel(t, report);
	const sentences: string[] = [];
	const refs = (pick: (d: Delta) => number) => [
		...(c.vsPrevious && from ? [{ delta: pick(c.vsPrevious), ref: from }] : []),
		...(c.vsBaseline && base ? [{ delta: pick(c.vsBaseline), ref: base }] : []),
	];
	const anyItems = c.current.items > 0 || (c.previous?.items ?? 0) > 0 || (c.baseline?.items ?? 0) > 0;
	if (anyItems) {
		sentences.push(
			t.report.itemsTotal({
				items: formatNumber(c.current.items, lang),
				clauses: clauses(
					t,
					lang,
					'items',
					refs((d) => d.items),
				),
			}),
		);
		const anyPoints = c.current.points !== 0 || (c.previous?.points ?? 0) !== 0 || (c.baseline?.points ?? 0) !== 0;
		if (anyPoints) {
			sentences.push(
				t.report.pointsTotal({
					points: formatNumber(c.current.points, lang),
					clauses: clauses(
						t,
						lang,
						'points',
						refs((d) => d.points),
					),
				}),
			);
		}
		if (base && c.baselineCompared > 0) {
			sentences.push(
				t.report.baselineUnits({
					unchanged: c.baselineUnchanged,
					changed: c.baselineCompared - c.baselineUnchanged,
					total: c.baselineCompared,
					ref: base,
				}),
			);
		}
	}
	if (report.comments.length > 0) {
		const o = report.outcomes;
		sentences.push(
			t.report.outcomes({ total: report.comments.length, accepted: o.accepted, explained: o.explained, open: o.open }),
		);
		const carried = report.comments.filter((line) => line.carried).length;
		if (carried > 0) sentences.push(t.report.carried({ count: carried }));
	}
	return sentences;
}

/** The reply (or public post) of /round report: title, answer counts in the seed's words, totals and deltas. */
export function reportMessage(report: RoundReport, lang: Lang, opts: { csv: boolean }): string {
	const t = catalog(lang);
	const { round } = report;
	const lines = [
		`**${clip(t.report.title({ id: round.code, title: round.title }), 300)}**`,
		headline(t, report.status.tally, deadlineWords(t, round.deadline, round.timezone)),
		seedSentence(t, report.status.tally, formatLocalDate(report.now, round.timezone, lang)),
		...reportSentences(report, lang),
		...(opts.csv ? [t.report.csvNote] : []),
	];
	return clip(lines.join('\n'), MESSAGE_LIMIT);
}

function byOf(t: Catalog, answer: Pick<Answer, 'source' | 'userName'>): string {
	return answer.source
		? `${answer.userName ?? ''} — ${t.post.onBehalf({ source: answer.source })}`.replace(/^ — /, '')
		: (answer.userName ?? '');
}

function answerLabel(t: Catalog, answer: Pick<Answer, 'answer'> | null): string {
	return answer ? t.feedback.answers[answer.answer] : t.status.pendingAnswer;
}

function changeLabel(t: Catalog, row: MatrixRow): string {
	const kind = t.report.changeKinds[row.change];
	if (row.change !== 'changed') return kind;
	return `${kind} (${row.fields.map((f) => t.items.fields[f]).join(', ')})`;
}

/** The Units sheet: one row per unit of the round (also the CSV export). */
function unitsTable(report: RoundReport, lang: Lang): { headers: string[]; rows: Array<Array<XlsxCell>> } {
	const t = catalog(lang);
	const zone = report.round.timezone;
	const byUnit = new Map(report.comparison.units.map((u) => [u.unitId, u]));
	const rows = report.status.rows.map((row): XlsxCell[] => {
		const a = row.current;
		const plan = byUnit.get(row.unit.id);
		const delivery = row.delivery?.status ?? 'none';
		return [
			row.unit.code,
			row.unit.name,
			answerLabel(t, a),
			a ? byOf(t, a) : null,
			a ? localCell(a.createdAt, zone) : null,
			a?.late ? t.common.yes : null,
			a?.source ?? null,
			t.report.deliveryStates[delivery],
			plan?.current.items ?? 0,
			plan?.current.points ?? 0,
			plan?.vsPrevious?.items ?? null,
			plan?.vsPrevious?.points ?? null,
			plan?.vsBaseline?.items ?? null,
			plan?.vsBaseline?.points ?? null,
		];
	});
	return { headers: t.report.unitsHeaders, rows };
}

/** The workbook of /round report: Summary, Units, Comments, Items and the answer history, in `lang`. */
export function reportSheets(report: RoundReport, lang: Lang): XlsxSheet[] {
	const t = catalog(lang);
	const { round, status, comparison: c } = report;
	const zone = round.timezone;
	const dt = dateTimeFormat(lang);
	const s = t.report.summary;
	const current = [...status.rows.map((r) => r.current)].filter((a): a is Answer => a !== null);
	const summaryRows: XlsxCell[][] = [
		[s.round, round.code],
		[s.title, round.title],
		[s.campaign, round.campaignName],
		[s.state, t.round.states[round.state]],
		[s.deadline, formatLocalDateTime(round.deadline, zone, lang)],
		[s.generatedAt, formatLocalDateTime(report.now, zone, lang)],
		[s.from, report.from?.round.code ?? null],
		[s.baseline, baselineLabel(t, report)],
		[s.targets, status.tally.total],
		[s.answered, status.tally.answered],
		[s.agreed, status.tally.agreed],
		[s.commented, status.tally.commented],
		[s.silence, status.tally.agreedBySilence],
		[s.pending, status.tally.pending],
		[s.onBehalf, current.filter((a) => a.source !== null && a.answer !== 'silence').length],
		[s.late, current.filter((a) => a.late).length],
		[s.items, c.current.items],
		[s.points, c.current.points],
		[s.itemsVsFrom, c.vsPrevious?.items ?? null],
		[s.pointsVsFrom, c.vsPrevious?.points ?? null],
		[s.itemsVsBaseline, c.vsBaseline?.items ?? null],
		[s.pointsVsBaseline, c.vsBaseline?.points ?? null],
		[s.comments, report.comments.length],
		[s.accepted, report.outcomes.accepted],
		[s.explained, report.outcomes.explained],
		[s.open, report.outcomes.open],
		[s.text, seedSentence(t, status.tally, formatLocalDate(report.now, zone, lang))],
		...reportSentences(report, lang).map((sentence): XlsxCell[] => [s.text, sentence]),
	];
	const units = unitsTable(report, lang);
	const comments = report.comments.map((line): XlsxCell[] => [
		line.roundCode,
		line.unit.code,
		line.unit.name,
		line.comment.itemCodes.join(', ') || null,
		line.comment.text,
		byOf(t, line.comment),
		localCell(line.comment.createdAt, zone),
		line.comment.outcome ? t.commentOutcome.outcomes[line.comment.outcome] : t.commentOutcome.open,
		line.comment.outcomeNote,
		line.comment.outcomeBy,
		localCell(line.comment.outcomeAt, zone),
	]);
	const ref =
		report.matrixReference === 'from' && report.from
			? report.from.round.code
			: report.matrixReference === 'baseline'
				? (baselineLabel(t, report) ?? t.report.noReference)
				: t.report.noReference;
	const unitCode = (id: number) => report.units.get(id)?.code ?? String(id);
	const itemRow = (row: MatrixRow): XlsxCell[] => [
		unitCode(row.unitId),
		row.code,
		row.current?.title ?? null,
		row.current?.frequency ?? null,
		dueCell(row.current?.due ?? null),
		row.current?.points ?? null,
		row.reference?.title ?? null,
		row.reference?.frequency ?? null,
		dueCell(row.reference?.due ?? null),
		row.reference?.points ?? null,
		changeLabel(t, row),
		row.pointsDelta,
	];
	// The Items sheet is written as its pages are read: the matrix is never held whole.
	async function* items(): AsyncGenerator<XlsxCell[][]> {
		for await (const page of report.matrix()) yield page.map(itemRow);
	}
	const history = report.history.map(({ answer, unit }): XlsxCell[] => [
		unit.code,
		answer.version,
		answerLabel(t, answer),
		answer.text,
		answer.itemCodes.join(', ') || null,
		byOf(t, answer),
		answer.source,
		localCell(answer.createdAt, zone),
		answer.late ? t.common.yes : null,
	]);
	const df = dateFormat(lang);
	return [
		{ name: t.report.sheets.summary, headers: t.report.summaryHeaders, rows: summaryRows, widths: [42, 100] },
		{
			name: t.report.sheets.units,
			headers: units.headers,
			rows: units.rows,
			dateFormats: [undefined, undefined, undefined, undefined, dt],
			widths: [12, 40, 14, 28, 18],
		},
		{
			name: t.report.sheets.comments,
			headers: t.report.commentsHeaders,
			rows: comments,
			dateFormats: [
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				dt,
				undefined,
				undefined,
				undefined,
				dt,
			],
			widths: [8, 12, 40, 16, 60, 28, 18, 14, 40, 20, 18],
		},
		{
			name: t.report.sheets.items,
			headers: t.report.itemsHeaders({ ref }),
			rows: items(),
			dateFormats: [undefined, undefined, undefined, undefined, df, undefined, undefined, undefined, df],
		},
		{
			name: t.report.sheets.history,
			headers: t.report.historyHeaders,
			rows: history,
			dateFormats: [undefined, undefined, undefined, undefined, undefined, undefined, undefined, dt],
			widths: [12, 8, 14, 60, 16, 28, 28, 18, 8],
		},
	];
}

function csvCell(value: XlsxCell, lang: Lang): CsvCell {
	if (value instanceof Date) {
		// Cells hold local wall-clock time in their UTC parts.
		return formatLocalDateTime(value, 'UTC', lang);
	}
	return value;
}

/** The CSV of /round report: the Units sheet, dates written as local text. */
export function reportCsv(report: RoundReport, lang: Lang): { headers: string[]; rows: CsvCell[][] } {
	const units = unitsTable(report, lang);
	return { headers: units.headers, rows: units.rows.map((row) => row.map((v) => csvCell(v, lang))) };
}

/** The audit trail as an XLSX sheet and as CSV (local times as text), oldest first. */
export function auditTable(
	events: readonly AuditRecord[],
	zone: string,
	lang: Lang,
): { sheet: XlsxSheet; csv: { headers: string[]; rows: CsvCell[][] } } {
	const t = catalog(lang);
	const rows = events.map((e): XlsxCell[] => [
		e.id,
		localCell(e.createdAt, zone),
		e.actorName,
		e.actorId,
		e.action,
		auditAction(t, e.action),
		e.roundCode,
		e.subject,
		e.before,
		e.after,
	]);
	return {
		sheet: {
			name: t.audit.sheet,
			headers: t.audit.headers,
			rows,
			dateFormats: [undefined, dateTimeFormat(lang)],
			widths: [8, 18, 24, 22, 20, 28, 8, 14, 50, 60],
		},
		csv: { headers: t.audit.headers, rows: rows.map((row) => row.map((v) => csvCell(v, lang))) },
	};
}
