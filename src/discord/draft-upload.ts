import type { Attachment } from 'discord.js';
import { setUnitDrafts, type BulkDraft } from '../app/bulk-drafts.ts';
import { MAX_ITEM_ROWS } from '../app/plan-items.ts';
import { DRAFT_TABLE_COLUMNS, readDraftRows, type DraftProblem } from '../domain/import/draft-bundle.ts';
import { readDraftArchive } from '../infra/files/draft-archive.ts';
import { detectTableFormat, readTable, requireColumns } from '../infra/files/read-table.ts';
import type { Catalog } from '../i18n/index.ts';
import { downloadAttachment, ensureCoordinator, formatBytes, replyError } from './command-helpers.ts';
import type { CommandContext } from './interaction-context.ts';
import { replyPrivately } from './respond.ts';
import { clip } from './views/errors.ts';
import { tableErrorMessage } from './views/import-problems.ts';
import { splitForMessage } from './views/long-text.ts';

/** Largest upload for /round drafts: a ZIP of many units' drafts (each entry still at most 8 MB). */
export const MAX_DRAFTS_UPLOAD_BYTES = 25 * 1024 * 1024;
/** Largest `unit,text` table. */
const MAX_DRAFTS_TABLE_BYTES = 2 * 1024 * 1024;

function isZip(attachment: Attachment): boolean {
	const type = (attachment.contentType ?? '').split(';')[0]?.trim().toLowerCase();
	return (
		/\.zip$/i.test(attachment.name) ||
		(!attachment.name.includes('.') && (type === 'application/zip' || type === 'application/x-zip-compressed'))
	);
}

/** Every problem of a refused upload, one line each; long lists go into an attached file. */
export function draftProblemList(t: Catalog, problems: readonly DraftProblem[]) {
	const lines = problems.map((p) => {
		const where =
			p.entry !== undefined
				? t.drafts.whereEntry({ entry: clip(p.entry, 80) })
				: p.line !== undefined
					? t.drafts.whereLine({ line: p.line })
					: p.unit !== undefined
						? t.drafts.whereUnit({ unit: p.unit })
						: t.drafts.whereFile;
		const unit = p.unit !== undefined && (p.entry !== undefined || p.line !== undefined) ? ` (${p.unit})` : '';
		return `• ${t.drafts.problem({ where: `${where}${unit}`, reason: t.drafts.problems[p.code] ?? p.code })}`;
	});
	return splitForMessage(t, t.drafts.rejected({ count: problems.length }), lines, 'draft-errors.md');
}

/** The drafts and problems read from the upload, or null once the person has been told what is wrong with it. */
async function readUpload(
	ctx: CommandContext,
	attachment: Attachment,
): Promise<{ drafts: BulkDraft[]; problems: DraftProblem[] } | null> {
	const zip = isZip(attachment);
	const table = zip
		? null
		: detectTableFormat({ name: attachment.name, contentType: attachment.contentType ?? undefined });
	if (!zip && !table) {
		await replyPrivately(ctx.interaction, ctx.t.drafts.unsupported);
		return null;
	}
	const max = zip ? MAX_DRAFTS_UPLOAD_BYTES : MAX_DRAFTS_TABLE_BYTES;
	const downloaded = await downloadAttachment(attachment, max);
	if (!downloaded.ok) {
		await replyPrivately(
			ctx.interaction,
			downloaded.reason === 'too-large'
				? ctx.t.drafts.tooLarge({ max: formatBytes(max) })
				: ctx.t.importFile.downloadFailed,
		);
		return null;
	}
	const { file } = downloaded;
	if (zip) {
		const archive = readDraftArchive(file.data);
		if (!archive.ok) {
			await replyPrivately(
				ctx.interaction,
				ctx.t.drafts.archive[archive.error.code] ?? ctx.t.drafts.archive['damaged'] ?? '',
			);
			return null;
		}
		return {
			drafts: [...archive.value.units].map(([unit, files]) => ({ unit, text: null, files })),
			problems: archive.value.problems,
		};
	}
	const read = await readTable(
		{ name: file.name, contentType: file.contentType ?? undefined, data: file.data },
		{ maxBytes: MAX_DRAFTS_TABLE_BYTES, maxRows: MAX_ITEM_ROWS },
	);
	if (!read.ok) {
		await replyPrivately(ctx.interaction, tableErrorMessage(ctx.t, read.error));
		return null;
	}
	const columns = requireColumns(read.value, [...DRAFT_TABLE_COLUMNS.required], []);
	if (!columns.ok) {
		await replyPrivately(
			ctx.interaction,
			ctx.t.importFile.missingColumns({ columns: columns.error.missing.join(', ') }),
		);
		return null;
	}
	const rows = readDraftRows(read.value.rows);
	return {
		drafts: [...rows.drafts].map(([unit, d]) => ({ unit, text: d.text, files: [], line: d.line })),
		problems: rows.problems,
	};
}

/** /round drafts: many units' own drafts from one ZIP or `unit,text` table, all or none. */
export async function uploadDrafts(ctx: CommandContext): Promise<void> {
	const o = ctx.interaction.options;
	if (!(await ensureCoordinator(ctx))) return;
	const upload = await readUpload(ctx, o.getAttachment('file', true));
	if (!upload) return;
	const result = await setUnitDrafts(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: o.getString('round', true),
		drafts: upload.drafts,
		problems: upload.problems,
	});
	if (!result.ok) {
		if (result.error.code !== 'drafts-rejected') return replyError(ctx, result.error);
		const { content, files } = draftProblemList(ctx.t, result.error.problems);
		return replyPrivately(ctx.interaction, content, files);
	}
	const { round, set, withoutOwnDraft } = result.value;
	const lines = [
		ctx.t.drafts.saved({ count: set.length, round: round.code }),
		withoutOwnDraft.length === 0
			? ctx.t.drafts.allHaveOwn
			: ctx.t.drafts.withoutOwn({
					count: withoutOwnDraft.length,
					units: withoutOwnDraft.map((u) => u.code).join(', '),
				}),
	];
	const { content, files } = splitForMessage(ctx.t, lines[0] ?? '', lines.slice(1), `drafts-${round.code}.md`);
	await replyPrivately(ctx.interaction, content, files);
}
