import { inflateRawSync } from 'node:zlib';
import { err, ok, type Result } from '../../domain/result.ts';

/**
 * A guard for ZIP containers (XLSX workbooks, zipped drafts) that decides from the central directory alone, before
 * anything is inflated, whether a file may be opened: how many entries, how many bytes they declare once inflated,
 * and how much each one claims to expand. A zip bomb (a 2 MB file declaring a 2 GB sheet) is refused in
 * milliseconds. {@link inflateEntry} then inflates an accepted entry with its declared size as a hard ceiling, so an
 * archive that lies about its sizes cannot expand further either.
 */

/** Limits applied to a ZIP container. */
export type ZipLimits = {
	/** Most entries (files and folders) accepted. */
	maxEntries: number;
	/** Most bytes all entries may declare once inflated, together. */
	maxTotalUncompressed: number;
	/** Largest accepted ratio of declared inflated size to compressed size, for any one entry. */
	maxRatio: number;
};

/** Limits fit for a spreadsheet of a few thousand rows: generous for real workbooks, far below any bomb. */
export const SPREADSHEET_ZIP_LIMITS: ZipLimits = {
	maxEntries: 200,
	maxTotalUncompressed: 32 * 1024 * 1024,
	maxRatio: 200,
};

/** One entry as the central directory declares it. */
export type ZipEntry = {
	name: string;
	/** 0 = stored, 8 = deflated. */
	method: number;
	compressedSize: number;
	uncompressedSize: number;
	/** Offset of the entry's local header in the file. */
	localHeaderOffset: number;
};

/** Why a ZIP container was refused, without inflating it. */
export type ZipRefusal =
	| { code: 'not-zip' }
	| { code: 'damaged'; detail: string }
	| { code: 'encrypted'; entry: string }
	| { code: 'unsupported'; detail: string }
	| { code: 'too-many-entries'; entries: number; limit: number }
	| { code: 'too-large-uncompressed'; declared: number; limit: number }
	| { code: 'ratio'; entry: string; ratio: number; limit: number };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_MARK = 0xffffffff;

function damaged(detail: string): Result<never, ZipRefusal> {
	return err({ code: 'damaged', detail });
}

/** Finds the end-of-central-directory record, scanning back over a possible archive comment. */
function findEndOfCentralDirectory(data: Buffer): number {
	const last = data.length - EOCD_SIZE;
	const first = Math.max(0, last - MAX_COMMENT);
	for (let i = last; i >= first; i--) {
		if (data.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_SIZE + data.readUInt16LE(i + 20) <= data.length) return i;
	}
	return -1;
}

/** Reads the 64-bit sizes of a ZIP64 extra field (header 0x0001) for the values the directory marked 0xFFFFFFFF. */
function readZip64Sizes(
	extra: Buffer,
	entry: { compressedSize: number; uncompressedSize: number; localHeaderOffset: number },
): boolean {
	let at = 0;
	while (at + 4 <= extra.length) {
		const id = extra.readUInt16LE(at);
		const size = extra.readUInt16LE(at + 2);
		if (at + 4 + size > extra.length) return false;
		if (id === 0x0001) {
			let p = at + 4;
			const next = (): number | null => {
				if (p + 8 > at + 4 + size) return null;
				const value = extra.readBigUInt64LE(p);
				p += 8;
				return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
			};
			for (const key of ['uncompressedSize', 'compressedSize', 'localHeaderOffset'] as const) {
				if (entry[key] !== ZIP64_MARK) continue;
				const value = next();
				if (value === null) return false;
				entry[key] = value;
			}
			return true;
		}
		at += 4 + size;
	}
	return false;
}

/**
 * Reads a ZIP file's central directory and checks it against `limits`; nothing is inflated. Returns the entries
 * when the archive may be opened, or why it may not.
 */
export function inspectZip(data: Buffer, limits: ZipLimits): Result<ZipEntry[], ZipRefusal> {
	if (data.length < EOCD_SIZE || data.readUInt32LE(0) !== LOCAL_SIGNATURE) {
		// An empty archive (only an end record) holds nothing worth reading either.
		return err({ code: 'not-zip' });
	}
	const eocd = findEndOfCentralDirectory(data);
	if (eocd < 0) return damaged('no end of central directory');
	const diskEntries = data.readUInt16LE(eocd + 8);
	const totalEntries = data.readUInt16LE(eocd + 10);
	const directorySize = data.readUInt32LE(eocd + 12);
	const directoryOffset = data.readUInt32LE(eocd + 16);
	if (data.readUInt16LE(eocd + 4) !== 0 || data.readUInt16LE(eocd + 6) !== 0 || diskEntries !== totalEntries) {
		return err({ code: 'unsupported', detail: 'multi-volume archive' });
	}
	if (totalEntries === 0xffff || directoryOffset === ZIP64_MARK || directorySize === ZIP64_MARK) {
		// Only archives far beyond any limit here need a ZIP64 end record.
		return err({ code: 'too-many-entries', entries: totalEntries, limit: limits.maxEntries });
	}
	if (totalEntries > limits.maxEntries) {
		return err({ code: 'too-many-entries', entries: totalEntries, limit: limits.maxEntries });
	}
	if (directoryOffset + directorySize > eocd) return damaged('central directory outside the file');

	const entries: ZipEntry[] = [];
	let declared = 0;
	let compressedTotal = 0;
	const localOffsets = new Set<number>();
	let at = directoryOffset;
	for (let i = 0; i < totalEntries; i++) {
		if (at + 46 > eocd || data.readUInt32LE(at) !== CENTRAL_SIGNATURE) return damaged('bad central directory entry');
		const flags = data.readUInt16LE(at + 8);
		const method = data.readUInt16LE(at + 10);
		const nameLength = data.readUInt16LE(at + 28);
		const extraLength = data.readUInt16LE(at + 30);
		const commentLength = data.readUInt16LE(at + 32);
		const end = at + 46 + nameLength + extraLength + commentLength;
		if (end > eocd) return damaged('central directory entry overruns the directory');
		const name = data.toString('utf8', at + 46, at + 46 + nameLength);
		const sizes = {
			compressedSize: data.readUInt32LE(at + 20),
			uncompressedSize: data.readUInt32LE(at + 24),
			localHeaderOffset: data.readUInt32LE(at + 42),
		};
		if (
			(sizes.compressedSize === ZIP64_MARK ||
				sizes.uncompressedSize === ZIP64_MARK ||
				sizes.localHeaderOffset === ZIP64_MARK) &&
			!readZip64Sizes(data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), sizes)
		) {
			return damaged(`bad ZIP64 sizes for ${name}`);
		}
		if ((flags & 0x1) !== 0) return err({ code: 'encrypted', entry: name });
		if (method !== 0 && method !== 8) return err({ code: 'unsupported', detail: `compression method ${method}` });
		if (method === 0 && sizes.compressedSize !== sizes.uncompressedSize) return damaged(`stored sizes differ: ${name}`);

		declared += sizes.uncompressedSize;
		if (declared > limits.maxTotalUncompressed) {
			return err({ code: 'too-large-uncompressed', declared, limit: limits.maxTotalUncompressed });
		}
		const ratio = sizes.uncompressedSize / Math.max(1, sizes.compressedSize);
		// Tiny entries cannot hurt whatever their ratio (an empty-ish XML part compresses well).
		if (sizes.uncompressedSize > 64 * 1024 && ratio > limits.maxRatio) {
			return err({ code: 'ratio', entry: name, ratio: Math.round(ratio), limit: limits.maxRatio });
		}
		if (sizes.localHeaderOffset + 30 + sizes.compressedSize > directoryOffset) {
			return damaged(`entry data outside the file: ${name}`);
		}
		if (localOffsets.has(sizes.localHeaderOffset)) return damaged('entries overlap');
		localOffsets.add(sizes.localHeaderOffset);
		compressedTotal += sizes.compressedSize;
		entries.push({ name, method, ...sizes });
		at = end;
	}
	// Entries sharing the same compressed bytes (an overlapping bomb) declare more data than the file holds.
	if (compressedTotal > directoryOffset) return damaged('entries overlap');
	return ok(entries);
}

/**
 * Inflates one entry accepted by {@link inspectZip}, never beyond its declared size: an entry whose data expands
 * further (or falls short) is reported as damaged instead of filling memory.
 */
export function inflateEntry(data: Buffer, entry: ZipEntry): Result<Buffer, ZipRefusal> {
	const at = entry.localHeaderOffset;
	if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL_SIGNATURE)
		return damaged(`no local header: ${entry.name}`);
	const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
	const compressed = data.subarray(start, start + entry.compressedSize);
	if (compressed.length !== entry.compressedSize) return damaged(`truncated entry: ${entry.name}`);
	if (entry.method === 0) return ok(compressed);
	let inflated: Buffer;
	try {
		// A ceiling of at least one byte: an entry declaring 0 bytes must not expand either.
		inflated = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
	} catch {
		return damaged(`entry does not inflate to its declared size: ${entry.name}`);
	}
	if (inflated.length !== entry.uncompressedSize)
		return damaged(`entry size differs from its declaration: ${entry.name}`);
	return ok(inflated);
}

/**
 * {@link inspectZip}, then every entry inflated under its declared ceiling: once this succeeds, any ZIP reader may
 * open the file knowing it expands to at most `limits.maxTotalUncompressed` bytes. Returns the inflated entries by
 * name (their total is bounded by the same limit).
 */
export function openZipSafely(data: Buffer, limits: ZipLimits): Result<Map<string, Buffer>, ZipRefusal> {
	const entries = inspectZip(data, limits);
	if (!entries.ok) return entries;
	const files = new Map<string, Buffer>();
	for (const entry of entries.value) {
		const inflated = inflateEntry(data, entry);
		if (!inflated.ok) return inflated;
		files.set(entry.name, inflated.value);
	}
	return ok(files);
}
