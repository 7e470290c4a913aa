import type { Attachment } from 'discord.js';
import type { InputRow } from '../domain/import/rows.ts';
import { readTable, requireColumns } from '../infra/files/read-table.ts';
import { downloadAttachment, ensureCoordinator, formatBytes } from './command-helpers.ts';
import type { CommandContext } from './interaction-context.ts';
import { replyPrivately } from './respond.ts';
import { tableErrorMessage } from './views/import-problems.ts';

/**
 * The rows of an uploaded CSV/XLSX file with the required columns, or null once the person has been told what is
 * wrong with the file itself (type, size, rows, damage, missing columns). Row-level checks are the use case's.
 */
export async function readUploadedTable(
	ctx: CommandContext,
	attachment: Attachment,
	opts: { maxBytes: number; maxRows: number; required: readonly string[]; optional?: readonly string[] },
): Promise<InputRow[] | null> {
	if (!(await ensureCoordinator(ctx))) return null;
	const downloaded = await downloadAttachment(attachment, opts.maxBytes);
	if (!downloaded.ok) {
		await replyPrivately(
			ctx.interaction,
			downloaded.reason === 'too-large'
				? ctx.t.importFile.tooLarge({ max: formatBytes(opts.maxBytes) })
				: ctx.t.importFile.downloadFailed,
		);
		return null;
	}
	const { file } = downloaded;
	const table = await readTable(
		{ name: file.name, contentType: file.contentType ?? undefined, data: file.data },
		{ maxBytes: opts.maxBytes, maxRows: opts.maxRows },
	);
	if (!table.ok) {
		await replyPrivately(ctx.interaction, tableErrorMessage(ctx.t, table.error));
		return null;
	}
	const columns = requireColumns(table.value, [...opts.required], [...(opts.optional ?? [])]);
	if (!columns.ok) {
		await replyPrivately(
			ctx.interaction,
			ctx.t.importFile.missingColumns({ columns: columns.error.missing.join(', ') }),
		);
		return null;
	}
	// A header and no data is an empty file: nothing to import, said as such rather than "0 imported".
	if (table.value.rows.length === 0) {
		await replyPrivately(ctx.interaction, ctx.t.importFile.empty);
		return null;
	}
	return table.value.rows;
}
