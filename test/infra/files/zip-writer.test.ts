import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateEntry, inspectZip } from '../../../src/infra/files/zip-guard.ts';
import { ZipWriter } from '../../../src/infra/files/zip-writer.ts';

const LIMITS = { maxEntries: 10, maxTotalUncompressed: 64 * 1024 * 1024, maxRatio: 10_000 };

async function archive(build: (zip: ZipWriter) => Promise<void>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	const zip = new ZipWriter((chunk) => chunks.push(chunk));
	await build(zip);
	zip.finish();
	return Buffer.concat(chunks);
}

/** Every entry's text, read from the central directory and inflated (zip-guard checks each CRC and size). */
function entriesOf(data: Buffer): Map<string, string> {
	const entries = inspectZip(data, LIMITS);
	if (!entries.ok) throw new Error(JSON.stringify(entries.error));
	return new Map(
		entries.value.map((entry) => {
			const inflated = inflateEntry(data, entry);
			if (!inflated.ok) throw new Error(JSON.stringify(inflated.error));
			return [entry.name, inflated.value.toString('utf8')];
		}),
	);
}

describe('ZipWriter', () => {
	it('GIVEN entries written whole and in pieces WHEN the archive is read from its central directory THEN every entry has its exact bytes', async () => {
		const big = 'Báo cáo thống kê số 1 về tình hình thực hiện kế hoạch\n'.repeat(50_000);
		const data = await archive(async (zip) => {
			await zip.add('[Content_Types].xml', '<Types/>');
			const entry = zip.entry('xl/worksheets/sheet1.xml');
			for (let i = 0; i < big.length; i += 70_001) await entry.write(big.slice(i, i + 70_001));
			await entry.end();
			await zip.add('empty.txt', '');
		});
		expect(entriesOf(data)).toEqual(
			new Map([
				['[Content_Types].xml', '<Types/>'],
				['xl/worksheets/sheet1.xml', big],
				['empty.txt', ''],
			]),
		);
	});

	it('GIVEN an archive WHEN its central directory is checked by zip-guard THEN sizes, offsets and CRCs agree with the data', async () => {
		const text = 'Vụ Thống kê Giá; '.repeat(10_000);
		const data = await archive((zip) => zip.add('a.xml', text));
		const entries = inspectZip(data, LIMITS);
		if (!entries.ok) throw new Error(JSON.stringify(entries.error));
		expect(entries.value).toMatchObject([
			{ name: 'a.xml', method: 8, uncompressedSize: Buffer.byteLength(text), localHeaderOffset: 0 },
		]);
		const entry = entries.value[0]!;
		const inflated = inflateEntry(data, entry);
		expect(inflated.ok && inflated.value.toString('utf8')).toBe(text);
		// The data descriptor after the data, and the central directory, carry the CRC-32 of the text.
		const descriptor = 30 + 'a.xml'.length + entry.compressedSize;
		expect(data.readUInt32LE(descriptor)).toBe(0x08074b50);
		expect(data.readUInt32LE(descriptor + 4)).toBe(crc32(text));
		const central = data.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
		expect(data.readUInt32LE(central + 16)).toBe(crc32(text));
	});

	it('GIVEN the same entries twice WHEN archived THEN the bytes are identical (fixed timestamps)', async () => {
		const build = (zip: ZipWriter) => zip.add('x.xml', '<x/>');
		expect((await archive(build)).equals(await archive(build))).toBe(true);
	});

	it('GIVEN an entry still open WHEN another is started or the archive finished THEN it is refused', async () => {
		const zip = new ZipWriter(() => undefined);
		const open = zip.entry('a');
		expect(() => zip.entry('b')).toThrow(/still open/);
		expect(() => zip.finish()).toThrow(/still open/);
		await open.end();
		expect(() => zip.finish()).not.toThrow();
	});
});
