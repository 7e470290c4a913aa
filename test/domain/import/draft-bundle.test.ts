import { describe, expect, it } from 'vitest';
import {
	DRAFT_FILE_MAX_BYTES,
	isArchiveContent,
	planDraftArchive,
	readDraftRows,
} from '../../../src/domain/import/draft-bundle.ts';

describe('planDraftArchive', () => {
	it('GIVEN files named by unit code and a folder per unit WHEN planned THEN each file lands on its unit, junk skipped', () => {
		const plan = planDraftArchive([
			{ name: 'TKG.pdf', size: 10 },
			{ name: 'tkcnxd.docx', size: 10 },
			{ name: 'PPCD/', size: 0 },
			{ name: 'PPCD/du-thao.pdf', size: 10 },
			{ name: 'PPCD/phu-luc/bang.xlsx', size: 10 },
			{ name: '__MACOSX/._TKG.pdf', size: 10 },
			{ name: '.DS_Store', size: 10 },
			{ name: 'PPCD/Thumbs.db', size: 10 },
		]);
		expect(plan.problems).toEqual([]);
		expect([...plan.units]).toEqual([
			['TKG', ['TKG.pdf']],
			['TKCNXD', ['tkcnxd.docx']],
			['PPCD', ['PPCD/du-thao.pdf', 'PPCD/phu-luc/bang.xlsx']],
		]);
	});

	it('GIVEN bad names, nested archives, empty and oversized files WHEN planned THEN every one is a problem', () => {
		const plan = planDraftArchive([
			{ name: 'Dự thảo Vụ Giá.pdf', size: 10 },
			{ name: 'TKG.zip', size: 10 },
			{ name: 'TTDL/old.rar', size: 10 },
			{ name: 'HTTKQG.pdf', size: 0 },
			{ name: 'PPCD.pdf', size: DRAFT_FILE_MAX_BYTES + 1 },
			{ name: 'TKDSLD.pdf', size: DRAFT_FILE_MAX_BYTES },
		]);
		expect(plan.problems).toEqual([
			{ code: 'bad-name', entry: 'Dự thảo Vụ Giá.pdf' },
			{ code: 'nested-archive', entry: 'TKG.zip', unit: 'TKG' },
			{ code: 'nested-archive', entry: 'TTDL/old.rar', unit: 'TTDL' },
			{ code: 'empty', entry: 'HTTKQG.pdf', unit: 'HTTKQG' },
			{ code: 'too-large', entry: 'PPCD.pdf', unit: 'PPCD' },
		]);
		expect([...plan.units.keys()]).toEqual(['TKDSLD']);
	});

	it('GIVEN eleven files for one unit WHEN planned THEN the unit has too many files for one message', () => {
		const plan = planDraftArchive(Array.from({ length: 11 }, (_, i) => ({ name: `TKG/${String(i)}.pdf`, size: 1 })));
		expect(plan.problems).toEqual([{ code: 'too-many-files', unit: 'TKG' }]);
	});
});

describe('isArchiveContent', () => {
	it('GIVEN a ZIP disguised as a PDF, a gzip and a 7z WHEN checked THEN they are archives; a DOCX and a PDF are not', () => {
		const zip = Uint8Array.from([0x50, 0x4b, 3, 4]);
		expect(isArchiveContent('TKG.pdf', zip)).toBe(true);
		expect(isArchiveContent('TKG.docx', zip)).toBe(false);
		expect(isArchiveContent('a.pdf', Uint8Array.from([0x1f, 0x8b, 8]))).toBe(true);
		expect(isArchiveContent('a.pdf', Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))).toBe(true);
		expect(isArchiveContent('a.pdf', Buffer.from('%PDF-1.7'))).toBe(false);
	});
});

describe('readDraftRows', () => {
	it('GIVEN a unit,text table WHEN read THEN texts come by unit; bad codes, repeats, empty and long texts are problems', () => {
		const row = (line: number, unit: string, text: string) => ({ line, cells: { unit, text } });
		const result = readDraftRows([
			row(2, 'tkg', ' Dự thảo riêng của Vụ Thống kê Giá '),
			row(3, 'TKG', 'lần hai'),
			row(4, 'Vụ Giá', 'x'),
			row(5, 'PPCD', ''),
			row(6, 'TTDL', 'ý'.repeat(4001)),
			row(7, '', ''),
		]);
		expect([...result.drafts]).toEqual([['TKG', { text: 'Dự thảo riêng của Vụ Thống kê Giá', line: 2 }]]);
		expect(result.problems).toEqual([
			{ code: 'duplicate-unit', line: 3, unit: 'TKG' },
			{ code: 'unknown-unit', line: 4, unit: 'Vụ Giá' },
			{ code: 'text-required', line: 5, unit: 'PPCD' },
			{ code: 'text-too-long', line: 6, unit: 'TTDL' },
		]);
	});
});
