import { normalizeUnitCode } from '../model.ts';
import { cellText, textLength, type InputRow } from './rows.ts';

/**
 * Drafts for many units in one upload (/round drafts): a ZIP whose entries are named by unit code (`TKG.pdf`, or a
 * folder `TKG/` with several files), or a table with columns `unit,text`. Pure: this decides from entry names and
 * declared sizes which unit each entry belongs to and what is wrong; reading bytes is the caller's.
 */

/** Largest draft file, as for a single `/round draft` (what a bot may attach to one Discord message). */
export const DRAFT_FILE_MAX_BYTES = 8 * 1024 * 1024;
/** Files one Discord message can carry, hence one unit's draft post. */
export const DRAFT_FILES_PER_UNIT = 10;
/** Longest text draft (as for `/round draft`). */
export const DRAFT_TEXT_MAX = 4000;

export const DRAFT_TABLE_COLUMNS = { required: ['unit', 'text'], optional: [] as string[] } as const;

export type DraftProblemCode =
	| 'bad-name'
	| 'nested-archive'
	| 'empty'
	| 'too-large'
	| 'too-many-files'
	| 'duplicate-unit'
	| 'text-required'
	| 'text-too-long'
	| 'unknown-unit'
	| 'not-in-round'
	| 'no-drafts';

/** One problem of a bulk upload: where (an archive entry, or a table line), what, and for which unit. */
export type DraftProblem = {
	code: DraftProblemCode;
	entry?: string;
	line?: number;
	unit?: string;
};

/** An archive entry as its directory declares it (nothing inflated yet). */
export type DeclaredEntry = { name: string; size: number };

/** Entries assigned to units: unit code → entry names, in archive order. */
export type ArchivePlan = { units: Map<string, string[]>; problems: DraftProblem[] };

const ARCHIVE_EXTENSIONS = /\.(zip|rar|7z|tar|gz|tgz|bz2|xz|zst|cab|iso|arj|lz|lzh|jar)$/i;

/** Entries that archivers add by themselves and nobody means as a draft. */
function isJunk(name: string): boolean {
	const parts = name.split('/');
	// Stryker disable next-line StringLiteral: split always yields at least one part, so the fallback is never used
	const base = parts.at(-1) ?? '';
	return (
		parts[0] === '__MACOSX' ||
		parts.some((p) => p.startsWith('.')) ||
		/^(thumbs\.db|desktop\.ini)$/i.test(base) ||
		base.startsWith('~$')
	);
}

/** True when an entry's name says it is itself an archive. */
export function looksLikeArchiveName(name: string): boolean {
	return ARCHIVE_EXTENSIONS.test(name);
}

/** The file name a draft entry is posted under: its last path segment. */
export function entryFileName(name: string): string {
	return name.split('/').filter(Boolean).at(-1) ?? name;
}

/**
 * Assigns archive entries to units by name: `CODE.ext` at the top level, or any file under a top folder `CODE/`.
 * Folders and archiver junk (`__MACOSX/`, dot files, `Thumbs.db`) are skipped. Every other entry either lands on
 * a unit or is a problem: a name that is no unit code, a nested archive, an empty file, a file over
 * {@link DRAFT_FILE_MAX_BYTES}; and a unit with more than {@link DRAFT_FILES_PER_UNIT} files.
 */
export function planDraftArchive(entries: readonly DeclaredEntry[]): ArchivePlan {
	const units = new Map<string, string[]>();
	const problems: DraftProblem[] = [];
	for (const entry of entries) {
		const name = entry.name.replace(/\\/g, '/');
		if (name.endsWith('/') || isJunk(name)) continue;
		const parts = name.split('/').filter(Boolean);
		// Stryker disable next-line StringLiteral: only an empty name has no part, and any fallback text with a space is no unit code either
		const first = parts[0] ?? '';
		// Stryker disable next-line Regex: with two dots or more, dropping the last or the first ".xxx" leaves a dot in the stem, no unit code either way
		const stem = parts.length === 1 ? first.replace(/\.[^.]*$/, '') : first;
		const code = normalizeUnitCode(stem);
		if (code === null) {
			problems.push({ code: 'bad-name', entry: name });
			continue;
		}
		if (looksLikeArchiveName(name)) {
			problems.push({ code: 'nested-archive', entry: name, unit: code });
			continue;
		}
		if (entry.size === 0) {
			problems.push({ code: 'empty', entry: name, unit: code });
			continue;
		}
		if (entry.size > DRAFT_FILE_MAX_BYTES) {
			problems.push({ code: 'too-large', entry: name, unit: code });
			continue;
		}
		const list = units.get(code) ?? [];
		list.push(name);
		units.set(code, list);
	}
	for (const [code, names] of units) {
		if (names.length > DRAFT_FILES_PER_UNIT) problems.push({ code: 'too-many-files', unit: code });
	}
	return { units, problems };
}

const OFFICE_ZIP = /\.(docx|xlsx|pptx|odt|ods|odp|docm|xlsm|epub)$/i;

/**
 * True when an entry's first bytes are those of an archive (ZIP, gzip, 7-Zip, RAR, bzip2, xz), whatever its name
 * says; Office documents are ZIP files by design and pass.
 */
export function isArchiveContent(name: string, head: Uint8Array): boolean {
	// Stryker disable next-line UnaryOperator: a missing byte only has to match no signature byte, and none is 1 either
	const b = (i: number) => head[i] ?? -1;
	if (b(0) === 0x50 && b(1) === 0x4b && (b(2) === 3 || b(2) === 5 || b(2) === 7)) return !OFFICE_ZIP.test(name);
	if (b(0) === 0x1f && b(1) === 0x8b) return true;
	if (b(0) === 0x37 && b(1) === 0x7a && b(2) === 0xbc && b(3) === 0xaf) return true;
	if (b(0) === 0x52 && b(1) === 0x61 && b(2) === 0x72 && b(3) === 0x21) return true;
	if (b(0) === 0x42 && b(1) === 0x5a && b(2) === 0x68) return true;
	if (b(0) === 0xfd && b(1) === 0x37 && b(2) === 0x7a && b(3) === 0x58) return true;
	return false;
}

/** Text drafts from a `unit,text` table: unit code → text, and the lines that are wrong. */
export function readDraftRows(rows: readonly InputRow[]): {
	drafts: Map<string, { text: string; line: number }>;
	problems: DraftProblem[];
} {
	const drafts = new Map<string, { text: string; line: number }>();
	const problems: DraftProblem[] = [];
	for (const row of rows) {
		const raw = cellText(row, 'unit');
		const text = cellText(row, 'text');
		if (raw === '' && text === '') continue;
		const code = normalizeUnitCode(raw);
		if (code === null) {
			problems.push({ code: 'unknown-unit', line: row.line, unit: raw.slice(0, 20) });
			continue;
		}
		if (drafts.has(code)) {
			problems.push({ code: 'duplicate-unit', line: row.line, unit: code });
			continue;
		}
		if (text === '') problems.push({ code: 'text-required', line: row.line, unit: code });
		else if (textLength(text) > DRAFT_TEXT_MAX) problems.push({ code: 'text-too-long', line: row.line, unit: code });
		else drafts.set(code, { text, line: row.line });
	}
	return { drafts, problems };
}
