import type { AttachmentPayload } from 'discord.js';
import type { AppError } from '../src/app/errors.ts';
import { importItems, MAX_ITEM_BYTES, MAX_ITEM_ROWS } from '../src/app/plan-items.ts';
import type { ItemSet } from '../src/app/report-ports.ts';
import { roundReport, type RoundReport } from '../src/app/reports.ts';
import { ITEM_COLUMNS } from '../src/domain/import/item-rows.ts';
import type { InputRow } from '../src/domain/import/rows.ts';
import { replyError } from '../src/discord/command-helpers.ts';
import type { CommandContext } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';
import { readUploadedTable } from '../src/discord/uploaded-table.ts';
import { clip, MESSAGE_LIMIT } from '../src/discord/views/errors.ts';
import { problemList } from '../src/discord/views/import-problems.ts';
import { splitForMessage } from '../src/discord/views/long-text.ts';
import { formatNumber } from '../src/discord/views/plan-post.ts';
import { reportCsv, reportMessage, reportSheets } from '../src/discord/views/report.ts';
import { catalog, type Lang } from '../src/i18n/index.ts';
import { writeCsv, writeXlsx } from '../src/infra/files/write-table.ts';

/**
 * /round items, /round baseline and /round report: the subcommands about plan items and the consolidated report
 * (kept apart from commands/round.ts, which holds the round's life cycle).
 */

/** Reads an items file: size, format, row count and columns are checked before any row is. */
async function itemRows(ctx: CommandContext): Promise<{ name: string; rows: InputRow[] } | 'replied'> {
	const attachment = ctx.interaction.options.getAttachment('file', true);
	const rows = await readUploadedTable(ctx, attachment, {
		maxBytes: MAX_ITEM_BYTES,
		maxRows: MAX_ITEM_ROWS,
		required: ITEM_COLUMNS.required,
		optional: ITEM_COLUMNS.optional,
	});
	if (rows === null) return 'replied';
	if (rows.length === 0) {
		await replyPrivately(ctx.interaction, ctx.t.importFile.empty);
		return 'replied';
	}
	return { name: attachment.name, rows };
}

async function replyImportError(ctx: CommandContext, error: AppError): Promise<void> {
	if (error.code !== 'import-rejected') return replyError(ctx, error);
	const { content, files } = problemList(ctx.t, error.problems);
	await replyPrivately(ctx.interaction, content, files);
}

async function loadItems(ctx: CommandContext, set: ItemSet): Promise<void> {
	const file = await itemRows(ctx);
	if (file === 'replied') return;
	const result = await importItems(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: ctx.interaction.options.getString('round', true),
		set,
		fileName: file.name,
		rows: file.rows,
	});
	if (!result.ok) return replyImportError(ctx, result.error);
	const { round, units, totals, year, outside } = result.value;
	const t = ctx.t;
	const n = (value: number) => formatNumber(value, ctx.lang);
	const title =
		set === 'plan'
			? t.items.imported({ round: round.code, items: n(totals.items), points: n(totals.points), units: units.length })
			: t.items.baselineImported({
					round: round.code,
					items: n(totals.items),
					points: n(totals.points),
					units: units.length + outside.units,
					label: year === null ? t.report.baselineAny : t.report.baselineYear({ year }),
				});
	const outsideNote =
		outside.units > 0 ? `\n${t.items.baselineOutside({ units: outside.units, items: n(outside.totals.items) })}` : '';
	const head =
		set === 'plan' && round.state === 'closed' ? `${title}\n${t.items.closedNote}` : `${title}${outsideNote}`;
	const lines = units.map(({ unit, totals: u }) =>
		t.items.unitLine({ unit: unit.code, items: n(u.items), points: n(u.points) }),
	);
	const { content, files } = splitForMessage(
		t,
		head,
		lines,
		`${set === 'plan' ? 'items' : 'baseline'}-${round.code}.md`,
	);
	await replyPrivately(ctx.interaction, content, files);
}

/** /round items */
export function items(ctx: CommandContext): Promise<void> {
	return loadItems(ctx, 'plan');
}

/** /round baseline */
export function baseline(ctx: CommandContext): Promise<void> {
	return loadItems(ctx, 'baseline');
}

/** The report file in a language: the whole workbook, or the Units sheet as CSV. */
export async function reportFile(
	report: RoundReport,
	lang: Lang,
	format: 'xlsx' | 'csv',
): Promise<{ name: string; data: Buffer }> {
	const t = catalog(lang);
	const name = t.report.fileName({ id: report.round.code, ext: format });
	if (format === 'csv') {
		const csv = reportCsv(report, lang);
		return { name, data: writeCsv(csv.headers, csv.rows) };
	}
	return { name, data: await writeXlsx(reportSheets(report, lang)) };
}

/** /round report: the summary in the seed's words, with the workbook; `post` also puts it in the report channel. */
export async function report(ctx: CommandContext): Promise<void> {
	const o = ctx.interaction.options;
	const format = o.getString('format') === 'csv' ? 'csv' : 'xlsx';
	const result = await roundReport(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: o.getString('round', true),
	});
	if (!result.ok) return replyError(ctx, result.error);
	const value = result.value;
	const mine = await reportFile(value, ctx.lang, format);
	let content = reportMessage(value, ctx.lang, { csv: format === 'csv' });
	if (o.getBoolean('post')) {
		// The public copy speaks the server's language, whoever asked.
		const pub = await reportFile(value, value.language, format);
		const posted = await ctx.deps.notifier.postText(
			value.reportChannelId,
			reportMessage(value, value.language, { csv: format === 'csv' }),
			{
				files: [{ name: pub.name, contentType: null, data: pub.data }],
			},
		);
		const channel = `<#${value.reportChannelId}>`;
		const note = posted.ok ? ctx.t.report.posted({ channel }) : ctx.t.setup.reportChannelNotWritable({ channel });
		content = clip(`${content}\n\n${note}`, MESSAGE_LIMIT);
	}
	const files: AttachmentPayload[] = [{ attachment: mine.data, name: mine.name }];
	await replyPrivately(ctx.interaction, content, files);
}
