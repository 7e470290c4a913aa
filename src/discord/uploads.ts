import { requireCoordinator } from '../app/access.ts';
import { fail, type AppError, type AppResult } from '../app/errors.ts';
import type { FileBlob } from '../app/ports.ts';
import type { InputRow } from '../domain/import/rows.ts';
import type { TableError } from '../infra/files/read-table.ts';
import type { AttachmentOption } from './command-spec.ts';
import type { Context } from './context.ts';
import type { OnStage } from './import-progress.ts';

/** The table readers (csv-parse, and ExcelJS: ~20 MB resident) are loaded when the first upload is read. */
export const tableReaders = () => import('../infra/files/read-table.ts');

/** Downloads an attachment now: Discord's attachment URLs expire, drafts are published later. */
export async function downloadAttachment(
	attachment: AttachmentOption,
	maxBytes: number,
	purpose: 'draft' | 'drafts' | 'answer' | 'import',
	onStage?: OnStage,
): Promise<AppResult<FileBlob>> {
	const tooLarge = fail({ code: 'file-too-large', maxBytes, purpose });
	if (attachment.size > maxBytes) return tooLarge;
	onStage?.({ kind: 'download', name: attachment.name, bytes: attachment.size });
	try {
		const response = await fetch(attachment.url, { signal: AbortSignal.timeout(20_000) });
		if (!response.ok) return fail({ code: 'download-failed' });
		const data = Buffer.from(await response.arrayBuffer());
		if (data.length > maxBytes) return tooLarge;
		return { ok: true, value: { name: attachment.name, contentType: attachment.contentType, data } };
	} catch {
		return fail({ code: 'download-failed' });
	}
}

/**
 * A draft file, downloaded: drafts are coordinators' uploads, and nobody else can make the bot fetch files (checked
 * before the download). No attachment is no file.
 */
export async function draftUpload(
	ctx: Context,
	attachment: AttachmentOption | undefined,
	maxBytes: number,
): Promise<AppResult<FileBlob | undefined>> {
	if (!attachment) return { ok: true, value: undefined };
	const access = await requireCoordinator(ctx.deps, ctx.guildId, ctx.actor);
	if (!access.ok) return access;
	return downloadAttachment(attachment, maxBytes, 'draft');
}

function tableError(error: TableError): AppError {
	switch (error.code) {
		case 'unsupported-type':
			return { code: 'table-unsupported' };
		case 'too-large':
			return { code: 'file-too-large', maxBytes: error.maxBytes, purpose: 'import' };
		case 'too-many-rows':
			return { code: 'table-too-many-rows', maxRows: error.maxRows };
		case 'unreadable':
			return { code: 'table-unreadable' };
		case 'empty':
			return { code: 'table-empty' };
		case 'duplicate-columns':
			return { code: 'table-duplicate-columns', columns: error.columns };
		case 'inflated-too-large':
			return { code: 'table-inflated-too-large', maxBytes: error.maxBytes };
	}
}

export interface TableSpec {
	maxBytes: number;
	maxRows: number;
	required: readonly string[];
	optional?: readonly string[];
	/** A header without rows is refused here (the default: nothing to import); false lets the use case decide. */
	needsRows?: boolean;
}

/**
 * The rows of an uploaded CSV/XLSX file with the required columns; what is wrong with the file itself (who sent
 * it, type, size, rows, damage, missing columns) is an error. Row-level checks are the use case's.
 */
export async function readUploadedTable(
	ctx: Context,
	attachment: AttachmentOption,
	spec: TableSpec,
	onStage?: OnStage,
): Promise<AppResult<InputRow[]>> {
	const access = await requireCoordinator(ctx.deps, ctx.guildId, ctx.actor);
	if (!access.ok) return access;
	const downloaded = await downloadAttachment(attachment, spec.maxBytes, 'import', onStage);
	if (!downloaded.ok) return downloaded;
	const file = downloaded.value;
	onStage?.({ kind: 'read', name: file.name });
	const { readTable, requireColumns } = await tableReaders();
	const table = await readTable(
		{ name: file.name, contentType: file.contentType ?? undefined, data: file.data },
		{ maxBytes: spec.maxBytes, maxRows: spec.maxRows },
	);
	if (!table.ok) return fail(tableError(table.error));
	const columns = requireColumns(table.value, [...spec.required], [...(spec.optional ?? [])]);
	if (!columns.ok) return fail({ code: 'table-missing-columns', columns: columns.error.missing });
	if (spec.needsRows !== false && table.value.rows.length === 0) return fail({ code: 'table-empty' });
	return { ok: true, value: table.value.rows };
}
