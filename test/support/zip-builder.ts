import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Writes ZIP files byte by byte for tests of the ZIP guard: honest archives, archives whose central directory lies,
 * and real zip bombs (a few MB that truly inflate to gigabytes), built without ever holding the inflated data.
 */

export type ZipPart = {
	name: string;
	/** The bytes as stored in the archive (already deflated when method is 8). */
	stored: Buffer;
	method: 0 | 8;
	crc: number;
	uncompressedSize: number;
	/** Overrides the size written in the central directory (a lying archive). */
	declaredUncompressedSize?: number;
	flags?: number;
};

/** A part holding `data`, deflated. */
export function deflatedPart(name: string, data: Buffer): ZipPart {
	return { name, stored: deflateRawSync(data), method: 8, crc: crc32(data), uncompressedSize: data.length };
}

/** A part holding `data` uncompressed. */
export function storedPart(name: string, data: Buffer): ZipPart {
	return { name, stored: data, method: 0, crc: crc32(data), uncompressedSize: data.length };
}

/**
 * A part that truly inflates to `prefix`, then `repeat` × `chunk`, then `suffix`: each piece is deflated on its own
 * and ended with a sync flush (no back-reference crosses pieces), so the pieces can be concatenated into one valid
 * deflate stream without ever building the inflated text.
 */
export function bombPart(name: string, prefix: string, chunk: Buffer, repeat: number, suffix: string): ZipPart {
	const flush = { finishFlush: constants.Z_SYNC_FLUSH, level: 9 };
	const head = deflateRawSync(Buffer.from(prefix), flush);
	const body = deflateRawSync(chunk, flush);
	const tail = deflateRawSync(Buffer.from(suffix));
	const stored = Buffer.concat([head, ...Array.from({ length: repeat }, () => body), tail]);
	let crc = crc32(Buffer.from(prefix));
	for (let i = 0; i < repeat; i++) crc = crc32(chunk, crc);
	crc = crc32(Buffer.from(suffix), crc);
	return {
		name,
		stored,
		method: 8,
		crc,
		uncompressedSize: Buffer.byteLength(prefix) + chunk.length * repeat + Buffer.byteLength(suffix),
	};
}

/** Writes the parts as a ZIP archive (local headers, data, central directory, end record). */
export function buildZip(parts: readonly ZipPart[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const part of parts) {
		const name = Buffer.from(part.name, 'utf8');
		const declared = part.declaredUncompressedSize ?? part.uncompressedSize;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(part.flags ?? 0, 6);
		local.writeUInt16LE(part.method, 8);
		local.writeUInt32LE(part.crc >>> 0, 14);
		local.writeUInt32LE(part.stored.length, 18);
		local.writeUInt32LE(Math.min(declared, 0xfffffffe), 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(part.flags ?? 0, 8);
		central.writeUInt16LE(part.method, 10);
		central.writeUInt32LE(part.crc >>> 0, 16);
		central.writeUInt32LE(part.stored.length, 20);
		central.writeUInt32LE(Math.min(declared, 0xfffffffe), 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, part.stored);
		centrals.push(central, name);
		offset += local.length + name.length + part.stored.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/** The inflated parts of an honest archive written by a real ZIP writer (e.g. exceljs), in order. */
export async function partsOf(zip: Buffer): Promise<ZipPart[]> {
	const { inspectZip, inflateEntry } = await import('../../src/infra/files/zip-guard.ts');
	const entries = inspectZip(zip, { maxEntries: 1000, maxTotalUncompressed: 1 << 30, maxRatio: 1e9 });
	if (!entries.ok) throw new Error(`not an honest zip: ${JSON.stringify(entries.error)}`);
	return entries.value.map((entry) => {
		const data = inflateEntry(zip, entry);
		if (!data.ok) throw new Error(`cannot inflate ${entry.name}`);
		return deflatedPart(entry.name, data.value);
	});
}

/**
 * A real zip-bomb workbook: an honest XLSX whose first sheet is replaced by one that inflates to about `megabytes`
 * MB of XML (whitespace between the rows), from a file of about a thousandth of that.
 */
export async function bombWorkbook(honestXlsx: Buffer, megabytes: number): Promise<Buffer> {
	const parts = await partsOf(honestXlsx);
	const sheet = parts.findIndex((p) => p.name === 'xl/worksheets/sheet1.xml');
	if (sheet < 0) throw new Error('no sheet1 in the workbook');
	parts[sheet] = bombPart(
		'xl/worksheets/sheet1.xml',
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
		Buffer.alloc(1024 * 1024, 0x20),
		megabytes,
		'</sheetData></worksheet>',
	);
	return buildZip(parts);
}
