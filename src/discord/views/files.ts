import type { AuditRecord } from '../../app/report-ports.ts';
import type { RoundReport } from '../../app/reports.ts';
import { catalog, type Catalog, type Lang } from '../../i18n/index.ts';
import { auditTable, reportCsv, reportSheets } from './report.ts';
import { clip, formatBytes, MESSAGE_LIMIT, type ReplyFile } from './text.ts';

/** The files the bot writes for people: the round report and the audit export, as XLSX or CSV. */

/** The table writers are loaded when the first file is written. */
export const tableWriters = () => import('../../infra/files/write-table.ts');

/** Discord's upload limit for a bot's message (a server's boosts may raise it; this is the floor). */
export const DISCORD_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * A report's text with its file: a file above Discord's upload limit would have the whole reply refused, so it is
 * left out and the text says why (the limit is a parameter for tests).
 */
export function withFile(
	t: Catalog,
	text: string,
	file: ReplyFile,
	limit: number = DISCORD_UPLOAD_BYTES,
): { text: string; files: ReplyFile[] } {
	if (file.attachment.length <= limit) return { text, files: [file] };
	const note = t.report.fileTooLarge({ size: formatBytes(file.attachment.length), max: formatBytes(limit) });
	return { text: clip(`${text}\n${note}`, MESSAGE_LIMIT), files: [] };
}

/** The report file in a language: the whole workbook, or the Units sheet as CSV. */
export async function reportFile(report: RoundReport, lang: Lang, format: 'xlsx' | 'csv'): Promise<ReplyFile> {
	const name = catalog(lang).report.fileName({ id: report.round.code, ext: format });
	const { writeCsv, writeXlsx } = await tableWriters();
	if (format === 'csv') {
		const csv = reportCsv(report, lang);
		return { name, attachment: writeCsv(csv.headers, csv.rows) };
	}
	return { name, attachment: await writeXlsx(reportSheets(report, lang)) };
}

/** The audit trail of a round (or of the whole server) for a person. */
export async function auditFile(
	audit: { round: { code: string } | null; events: readonly AuditRecord[]; timezone: string },
	lang: Lang,
	format: 'xlsx' | 'csv',
): Promise<ReplyFile> {
	const table = auditTable(audit.events, audit.timezone, lang);
	const { writeCsv, writeXlsx } = await tableWriters();
	const attachment = format === 'csv' ? writeCsv(table.csv.headers, table.csv.rows) : await writeXlsx([table.sheet]);
	const name = catalog(lang).audit.fileName({ scope: audit.round ? audit.round.code : 'server', ext: format });
	return { name, attachment };
}
