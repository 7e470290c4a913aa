import { extname } from 'node:path';
import type { FileBlob } from '../../app/ports.ts';
import {
	entryFileName,
	isArchiveContent,
	planDraftArchive,
	type DraftProblem,
} from '../../domain/import/draft-bundle.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { inflateEntry, inspectZip, type ZipLimits, type ZipRefusal } from './zip-guard.ts';

/**
 * Reads a ZIP of drafts named by unit code. The central directory is checked first (zip-guard: entry count,
 * declared inflated total, per-entry ratio, overlaps, encryption) and entries are assigned to units from their
 * names and declared sizes; only then are the accepted entries inflated, each under its declared size, and checked
 * for archives in disguise.
 */

/** 63 units × a few files each, with room; inflated total bounded well below the process's memory. */
export const DRAFT_ZIP_LIMITS: ZipLimits = {
	maxEntries: 1000,
	maxTotalUncompressed: 200 * 1024 * 1024,
	maxRatio: 200,
};

const CONTENT_TYPES: Record<string, string> = {
	'.pdf': 'application/pdf',
	'.doc': 'application/msword',
	'.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'.xls': 'application/vnd.ms-excel',
	'.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'.odt': 'application/vnd.oasis.opendocument.text',
	'.txt': 'text/plain',
	'.csv': 'text/csv',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
};

export type DraftArchive = { units: Map<string, FileBlob[]>; problems: DraftProblem[] };

/** The drafts in a ZIP by unit code, with every problem found; a refusal when the archive may not be opened. */
export function readDraftArchive(data: Buffer, limits: ZipLimits = DRAFT_ZIP_LIMITS): Result<DraftArchive, ZipRefusal> {
	const inspected = inspectZip(data, limits);
	if (!inspected.ok) return inspected;
	const entries = new Map(inspected.value.map((e) => [e.name.replace(/\\/g, '/'), e]));
	const plan = planDraftArchive(inspected.value.map((e) => ({ name: e.name, size: e.uncompressedSize })));
	const problems = [...plan.problems];
	const units = new Map<string, FileBlob[]>();
	for (const [code, names] of plan.units) {
		const files: FileBlob[] = [];
		for (const name of names) {
			const entry = entries.get(name);
			if (!entry) continue;
			const inflated = inflateEntry(data, entry);
			if (!inflated.ok) return err(inflated.error);
			if (isArchiveContent(name, inflated.value.subarray(0, 8))) {
				problems.push({ code: 'nested-archive', entry: name, unit: code });
				continue;
			}
			const fileName = entryFileName(name);
			files.push({
				name: fileName,
				contentType: CONTENT_TYPES[extname(fileName).toLowerCase()] ?? null,
				data: inflated.value,
			});
		}
		if (files.length > 0) units.set(code, files);
	}
	return ok({ units, problems });
}
