import { requireCoordinator } from '../app/access.ts';
import type { BulkDraft } from '../app/bulk-drafts.ts';
import { fail, type AppResult } from '../app/errors.ts';
import { MAX_ITEM_ROWS } from '../app/plan-items.ts';
import { DRAFT_TABLE_COLUMNS, readDraftRows, type DraftProblem } from '../domain/import/draft-bundle.ts';
import { readDraftArchive } from '../infra/files/draft-archive.ts';
import type { AttachmentOption } from './command-spec.ts';
import type { Context } from './context.ts';
import type { OnStage } from './import-progress.ts';
import { downloadAttachment, readUploadedTable, tableReaders } from './uploads.ts';

/** Largest upload for /round drafts: a ZIP of many units' drafts (each entry still at most 8 MB). */
export const MAX_DRAFTS_UPLOAD_BYTES = 25 * 1024 * 1024;
/** Largest `unit,text` table. */
const MAX_DRAFTS_TABLE_BYTES = 2 * 1024 * 1024;

function isZip(attachment: AttachmentOption): boolean {
	const type = (attachment.contentType ?? '').split(';')[0]?.trim().toLowerCase();
	return (
		/\.zip$/i.test(attachment.name) ||
		(!attachment.name.includes('.') && (type === 'application/zip' || type === 'application/x-zip-compressed'))
	);
}

/**
 * /round drafts: the drafts and the problems read from one upload (a ZIP of CODE.ext entries or CODE/ folders, or a
 * `unit,text` table). Coordinators only (checked before the download); what is wrong with the file itself is an
 * error, problems of single entries or lines are returned for the use case to list with its own.
 */
export async function readDraftsUpload(
	ctx: Context,
	attachment: AttachmentOption,
	onStage?: OnStage,
): Promise<AppResult<{ drafts: BulkDraft[]; problems: DraftProblem[] }>> {
	const zip = isZip(attachment);
	const { detectTableFormat } = await tableReaders();
	if (!zip && !detectTableFormat({ name: attachment.name, contentType: attachment.contentType ?? undefined })) {
		return fail({ code: 'drafts-unsupported' });
	}
	if (!zip) {
		const rows = await readUploadedTable(
			ctx,
			attachment,
			{
				maxBytes: MAX_DRAFTS_TABLE_BYTES,
				maxRows: MAX_ITEM_ROWS,
				required: DRAFT_TABLE_COLUMNS.required,
			},
			onStage,
		);
		if (!rows.ok) return rows;
		const read = readDraftRows(rows.value);
		return {
			ok: true,
			value: {
				drafts: [...read.drafts].map(([unit, d]) => ({ unit, text: d.text, files: [], line: d.line })),
				problems: read.problems,
			},
		};
	}
	const access = await requireCoordinator(ctx.deps, ctx.guildId, ctx.actor);
	if (!access.ok) return access;
	const downloaded = await downloadAttachment(attachment, MAX_DRAFTS_UPLOAD_BYTES, 'drafts', onStage);
	if (!downloaded.ok) return downloaded;
	onStage?.({ kind: 'read', name: attachment.name });
	const archive = readDraftArchive(downloaded.value.data);
	if (!archive.ok) return fail({ code: 'drafts-archive', reason: archive.error.code });
	return {
		ok: true,
		value: {
			drafts: [...archive.value.units].map(([unit, files]) => ({ unit, text: null, files })),
			problems: archive.value.problems,
		},
	};
}
