import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
	inflateEntry,
	inspectZip,
	openZipSafely,
	SPREADSHEET_ZIP_LIMITS,
	type ZipLimits,
} from '../../../src/infra/files/zip-guard.ts';
import { bombPart, bombWorkbook, buildZip, deflatedPart, storedPart } from '../../support/zip-builder.ts';

const LIMITS: ZipLimits = { maxEntries: 10, maxTotalUncompressed: 8 * 1024 * 1024, maxRatio: 100 };

async function honestWorkbook(): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Data');
	sheet.addRow(['code', 'name']);
	sheet.addRow(['TKG', 'Vụ Thống kê Giá']);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

function refusal<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): string {
	if (result.ok) throw new Error('expected a refusal');
	return result.error.code;
}

describe('zip guard', () => {
	it('GIVEN an honest workbook written by exceljs WHEN inspected and opened THEN every part is listed and inflates to its declared size', async () => {
		const data = await honestWorkbook();
		const entries = inspectZip(data, SPREADSHEET_ZIP_LIMITS);
		expect(entries.ok).toBe(true);
		if (!entries.ok) return;
		expect(entries.value.map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
		const files = openZipSafely(data, SPREADSHEET_ZIP_LIMITS);
		if (!files.ok) throw new Error(JSON.stringify(files.error));
		expect(files.value.get('xl/worksheets/sheet1.xml')?.toString('utf8')).toContain('<sheetData>');
	});

	it('GIVEN a real zip-bomb workbook (about 2 MB inflating to 1.9 GB) WHEN inspected THEN it is refused by its declared size, nothing inflated', async () => {
		const bomb = await bombWorkbook(await honestWorkbook(), 1900);
		expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
		const before = process.memoryUsage().arrayBuffers;
		const result = inspectZip(bomb, SPREADSHEET_ZIP_LIMITS);
		expect(result).toEqual({
			ok: false,
			error: {
				code: 'too-large-uncompressed',
				declared: expect.any(Number),
				limit: SPREADSHEET_ZIP_LIMITS.maxTotalUncompressed,
			},
		});
		if (!result.ok && result.error.code === 'too-large-uncompressed') {
			expect(result.error.declared).toBeGreaterThan(1900 * 1024 * 1024);
		}
		// Nothing of the 1.9 GB was allocated.
		expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 1024 * 1024);
	});

	it('GIVEN an entry that expands more than the allowed ratio though under the total WHEN inspected THEN it is refused for its ratio', () => {
		const zip = buildZip([bombPart('a.xml', '<a>', Buffer.alloc(1024 * 1024, 0x20), 4, '</a>')]);
		const result = inspectZip(zip, LIMITS);
		expect(refusal(result)).toBe('ratio');
	});

	it('GIVEN an archive whose directory declares less than its data inflates to WHEN opened THEN the entry is refused as damaged at its declared ceiling', () => {
		const lying = deflatedPart('sheet.xml', Buffer.alloc(4 * 1024 * 1024, 0x41));
		lying.declaredUncompressedSize = 1000;
		const zip = buildZip([lying]);
		const entries = inspectZip(zip, LIMITS);
		if (!entries.ok) throw new Error(JSON.stringify(entries.error));
		const inflated = inflateEntry(zip, entries.value[0]!);
		expect(refusal(inflated)).toBe('damaged');
		expect(refusal(openZipSafely(zip, LIMITS))).toBe('damaged');
	});

	it('GIVEN an entry declaring 0 bytes that inflates to more WHEN opened THEN it is refused as damaged', () => {
		const lying = deflatedPart('x', Buffer.alloc(100_000, 0x41));
		lying.declaredUncompressedSize = 0;
		expect(refusal(openZipSafely(buildZip([lying]), LIMITS))).toBe('damaged');
	});

	it('GIVEN more entries than allowed WHEN inspected THEN it is refused for the count', () => {
		const parts = Array.from({ length: 11 }, (_, i) => storedPart(`f${i}.txt`, Buffer.from('x')));
		expect(inspectZip(buildZip(parts), LIMITS)).toEqual({
			ok: false,
			error: { code: 'too-many-entries', entries: 11, limit: 10 },
		});
	});

	it('GIVEN an encrypted entry WHEN inspected THEN it is refused as encrypted', () => {
		const part = storedPart('secret.xml', Buffer.from('<x/>'));
		part.flags = 1;
		expect(refusal(inspectZip(buildZip([part]), LIMITS))).toBe('encrypted');
	});

	it.each([
		['plain text', Buffer.from('code,name\nA,B\n')],
		['an empty file', Buffer.alloc(0)],
		['a PDF header', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n')],
	])('GIVEN %s WHEN inspected THEN it is not a zip', (_label, data) => {
		expect(refusal(inspectZip(data, LIMITS))).toBe('not-zip');
	});

	it('GIVEN a zip cut short (no central directory) WHEN inspected THEN it is damaged', async () => {
		const data = await honestWorkbook();
		expect(refusal(inspectZip(data.subarray(0, data.length - 200), LIMITS))).toBe('damaged');
	});

	it('GIVEN two entries pointing at the same compressed bytes (an overlapping bomb) WHEN inspected THEN it is damaged', () => {
		const part = deflatedPart('a.xml', Buffer.alloc(60_000, 0x20));
		const zip = buildZip([part]);
		// A second central-directory record for the same local entry.
		const eocd = zip.length - 22;
		const cdOffset = zip.readUInt32LE(eocd + 16);
		const cd = zip.subarray(cdOffset, eocd);
		const copies = 3;
		const dir = Buffer.concat(Array.from({ length: copies }, () => cd));
		const end = Buffer.from(zip.subarray(eocd));
		end.writeUInt16LE(copies, 8);
		end.writeUInt16LE(copies, 10);
		end.writeUInt32LE(dir.length, 12);
		const overlapping = Buffer.concat([zip.subarray(0, cdOffset), dir, end]);
		expect(refusal(inspectZip(overlapping, LIMITS))).toBe('damaged');
	});
});
