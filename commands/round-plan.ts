import { importItems, MAX_ITEM_BYTES, MAX_ITEM_ROWS } from '../src/app/plan-items.ts';
import { postPublicCopy } from '../src/app/public-copy.ts';
import type { ItemSet } from '../src/app/report-ports.ts';
import { roundReport } from '../src/app/reports.ts';
import { ITEM_COLUMNS } from '../src/domain/import/item-rows.ts';
import { ROUND_OPTION, subcommand, who } from '../src/discord/modules.ts';
import { withImportProgress } from '../src/discord/import-progress.ts';
import { readUploadedTable } from '../src/discord/uploads.ts';
import { reportFile, withFile } from '../src/discord/views/files.ts';
import { itemsImportedReply } from '../src/discord/views/items-replies.ts';
import { asBlobs, withPublicCopyNote } from '../src/discord/views/public-copy.ts';
import { catalog } from '../src/i18n/index.ts';
import { reportMessage } from '../src/discord/views/report.ts';

/**
 * /round items, /round baseline and /round report: the subcommands about plan items and the consolidated report
 * (kept apart from commands/round.ts, which holds the round's life cycle).
 */

/** The items file's size, format, row count and columns are checked before any row is. */
const ITEMS_FILE = {
	maxBytes: MAX_ITEM_BYTES,
	maxRows: MAX_ITEM_ROWS,
	required: ITEM_COLUMNS.required,
	optional: ITEM_COLUMNS.optional,
	needsRows: true,
};

function itemsSubcommand(set: ItemSet) {
	return subcommand(
		{ round: ROUND_OPTION, file: { type: 'attachment', required: true } },
		async (ctx, { round, file }) => {
			await withImportProgress(ctx, async (stage) => {
				const rows = await readUploadedTable(ctx, file, ITEMS_FILE, stage);
				if (!rows.ok) return rows;
				stage({ kind: 'save', rows: rows.value.length });
				const input = { ...who(ctx), round, set, fileName: file.name, rows: rows.value };
				const result = await importItems(ctx.deps, input);
				if (!result.ok) return result;
				return { ok: true, value: itemsImportedReply(ctx.t, ctx.lang, result.value) };
			});
		},
	);
}

/** /round items */
export const items = itemsSubcommand('plan');

/** /round baseline */
export const baseline = itemsSubcommand('baseline');

/** /round report: the summary in the seed's words, with the workbook; `post` also puts it in the report channel. */
export const report = subcommand(
	{ round: ROUND_OPTION, format: { type: 'string', choices: ['xlsx', 'csv'] }, post: { type: 'boolean' } },
	async (ctx, { round, format = 'xlsx', post }) => {
		const result = await roundReport(ctx.deps, { ...who(ctx), round });
		if (!result.ok) return ctx.fail(result.error);
		const value = result.value;
		const csv = format === 'csv';
		let content = reportMessage(value, ctx.lang, { csv });
		if (post) {
			// The public copy speaks the server's language, whoever asked.
			const pub = withFile(
				catalog(value.language),
				reportMessage(value, value.language, { csv }),
				await reportFile(value, value.language, format),
			);
			const posted = await postPublicCopy(ctx.deps, value.reportChannelId, pub.text, asBlobs(pub.files, null));
			content = withPublicCopyNote(ctx.t, content, { channelId: value.reportChannelId, posted, what: 'report' });
		}
		const own = withFile(ctx.t, content, await reportFile(value, ctx.lang, format));
		await ctx.reply(own.text, own.files);
	},
);
