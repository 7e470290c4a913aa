import { once } from 'node:events';
import { constants, crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';

/**
 * A minimal streaming ZIP writer (PKWARE APPNOTE 6.3): entries deflated one after the other as their bytes are
 * produced, each followed by a data descriptor (sizes and CRC are known only at the end), then the central directory.
 * Only what an XLSX needs: no ZIP64 (an entry or the archive above 4 GiB is refused), no encryption, no comments.
 * Every timestamp is 1980-01-01 00:00, so the same content always gives the same bytes.
 */

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Bit 3: sizes in a data descriptor; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const DEFLATED = 8;
const VERSION = 20;
/** DOS date of 1980-01-01 (year 0, month 1, day 1); time 00:00:00. */
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;
const MAX_32 = 0xffffffff;
/** Bytes an entry may leave waiting for the compressor before `write` waits for it (so producing and compressing overlap). */
const MAX_PENDING = 2 * 1024 * 1024;

interface Written {
	name: Buffer;
	offset: number;
	crc: number;
	compressed: number;
	size: number;
}

/** Writes one entry's bytes; `end` finishes it. Awaiting `write` honours the compressor's back-pressure. */
export interface ZipEntry {
	write(data: string | Buffer): Promise<void>;
	end(): Promise<void>;
}

export class ZipWriter {
	private offset = 0;
	private readonly entries: Written[] = [];
	private open = false;

	/** `out` receives the archive's bytes in order; it must take them synchronously (copy them if it keeps them). */
	constructor(private readonly out: (chunk: Buffer) => void) {}

	private emit(chunk: Buffer): void {
		this.offset += chunk.length;
		this.out(chunk);
	}

	/** Starts an entry; the previous one must have ended. */
	entry(fileName: string, level: number = constants.Z_DEFAULT_COMPRESSION): ZipEntry {
		if (this.open) throw new Error('zip: the previous entry is still open');
		this.open = true;
		const name = Buffer.from(fileName, 'utf8');
		const offset = this.offset;
		const header = Buffer.alloc(30);
		header.writeUInt32LE(LOCAL_HEADER, 0);
		header.writeUInt16LE(VERSION, 4);
		header.writeUInt16LE(FLAGS, 6);
		header.writeUInt16LE(DEFLATED, 8);
		header.writeUInt16LE(DOS_TIME, 10);
		header.writeUInt16LE(DOS_DATE, 12);
		// CRC and sizes (14–25) stay 0: they follow the data, in the descriptor.
		header.writeUInt16LE(name.length, 26);
		this.emit(header);
		this.emit(name);

		let crc = 0;
		let size = 0;
		let compressed = 0;
		const deflate: DeflateRaw = createDeflateRaw({ level });
		deflate.on('data', (chunk: Buffer) => {
			compressed += chunk.length;
			this.emit(chunk);
		});
		const ended = once(deflate, 'end');
		return {
			write: async (data) => {
				const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
				if (bytes.length === 0) return;
				crc = crc32(bytes, crc);
				size += bytes.length;
				if (!deflate.write(bytes) && deflate.writableLength > MAX_PENDING) await once(deflate, 'drain');
			},
			end: async () => {
				deflate.end();
				await ended;
				if (size > MAX_32 || compressed > MAX_32 || this.offset > MAX_32) {
					throw new Error('zip: entries above 4 GiB are not supported');
				}
				const descriptor = Buffer.alloc(16);
				descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
				descriptor.writeUInt32LE(crc >>> 0, 4);
				descriptor.writeUInt32LE(compressed, 8);
				descriptor.writeUInt32LE(size, 12);
				this.emit(descriptor);
				this.entries.push({ name, offset, crc: crc >>> 0, compressed, size });
				this.open = false;
			},
		};
	}

	/** Writes a whole entry at once. */
	async add(fileName: string, data: string | Buffer): Promise<void> {
		const entry = this.entry(fileName);
		await entry.write(data);
		await entry.end();
	}

	/** Writes the central directory; the archive is complete once this returns. */
	finish(): void {
		if (this.open) throw new Error('zip: an entry is still open');
		const start = this.offset;
		for (const e of this.entries) {
			const header = Buffer.alloc(46);
			header.writeUInt32LE(CENTRAL_HEADER, 0);
			header.writeUInt16LE(VERSION, 4);
			header.writeUInt16LE(VERSION, 6);
			header.writeUInt16LE(FLAGS, 8);
			header.writeUInt16LE(DEFLATED, 10);
			header.writeUInt16LE(DOS_TIME, 12);
			header.writeUInt16LE(DOS_DATE, 14);
			header.writeUInt32LE(e.crc, 16);
			header.writeUInt32LE(e.compressed, 20);
			header.writeUInt32LE(e.size, 24);
			header.writeUInt16LE(e.name.length, 28);
			// Extra field, comment, disk number, attributes: none (30–41).
			header.writeUInt32LE(e.offset, 42);
			this.emit(header);
			this.emit(e.name);
		}
		const size = this.offset - start;
		if (this.entries.length > 0xffff || this.offset > MAX_32) throw new Error('zip: too large without ZIP64');
		const end = Buffer.alloc(22);
		end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
		end.writeUInt16LE(this.entries.length, 8);
		end.writeUInt16LE(this.entries.length, 10);
		end.writeUInt32LE(size, 12);
		end.writeUInt32LE(start, 16);
		this.emit(end);
	}
}
