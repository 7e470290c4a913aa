import { describe, expect, it } from 'vitest';
import {
	DRAFT_FILE_MAX_BYTES,
	DRAFT_FILES_PER_UNIT,
	DRAFT_TEXT_MAX,
	entryFileName,
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

describe('planDraftArchive: junk, paths and limits', () => {
	it('GIVEN archiver junk in every form WHEN planned THEN none of it lands on a unit or is a problem', () => {
		// GIVEN macOS resource forks (even without a dot file), hidden files in folders, Windows files, Office lock files
		const plan = planDraftArchive([
			{ name: '__MACOSX/TKG/du-thao.pdf', size: 10 },
			{ name: 'TKG/.git/config', size: 10 },
			{ name: 'TKG/phu-luc/.hidden.pdf', size: 10 },
			{ name: 'TKG/DESKTOP.INI', size: 10 },
			{ name: 'TKG/phu-luc/~$du-thao.docx', size: 10 },
			{ name: 'TKG/du-thao.pdf', size: 10 },
		]);
		// WHEN planned / THEN only the real draft remains
		expect(plan.problems).toEqual([]);
		expect([...plan.units]).toEqual([['TKG', ['TKG/du-thao.pdf']]]);
	});

	it('GIVEN files whose names only look like junk WHEN planned THEN they are drafts like any other', () => {
		const plan = planDraftArchive([
			{ name: 'TKG/my-thumbs.db', size: 10 },
			{ name: 'TKG/thumbs.db.pdf', size: 10 },
			{ name: 'TKG/ban-sao~$.docx', size: 10 },
			{ name: 'TKG/phu-luc/bang.zip.pdf', size: 10 },
		]);
		expect(plan.problems).toEqual([]);
		expect([...plan.units]).toEqual([
			['TKG', ['TKG/my-thumbs.db', 'TKG/thumbs.db.pdf', 'TKG/ban-sao~$.docx', 'TKG/phu-luc/bang.zip.pdf']],
		]);
	});

	it('GIVEN Windows separators and a leading slash WHEN planned THEN the entries land on their units, named with /', () => {
		const plan = planDraftArchive([
			{ name: 'TKG\\du-thao.pdf', size: 10 },
			{ name: '/PPCD.pdf', size: 10 },
		]);
		expect(plan.problems).toEqual([]);
		expect([...plan.units]).toEqual([
			['TKG', ['TKG/du-thao.pdf']],
			['PPCD', ['/PPCD.pdf']],
		]);
	});

	it('GIVEN a folder whose name has an extension WHEN planned THEN the folder name is no unit code (only file names lose it)', () => {
		const plan = planDraftArchive([{ name: 'TKG.2021/du-thao.pdf', size: 10 }]);
		expect(plan.problems).toEqual([{ code: 'bad-name', entry: 'TKG.2021/du-thao.pdf' }]);
	});

	it('GIVEN exactly as many files as one message carries WHEN planned THEN the unit is fine', () => {
		const names = Array.from({ length: DRAFT_FILES_PER_UNIT }, (_, i) => `TKG/${String(i)}.pdf`);
		const plan = planDraftArchive(names.map((name) => ({ name, size: 1 })));
		expect(plan.problems).toEqual([]);
		expect(plan.units.get('TKG')).toEqual(names);
	});
});

describe('entryFileName', () => {
	it.each([
		['TKG.pdf', 'TKG.pdf'],
		['TKG/du-thao.pdf', 'du-thao.pdf'],
		['TKG/phu-luc/bang.xlsx', 'bang.xlsx'],
		['TKG/', 'TKG'],
		['', ''],
	])('GIVEN the entry %j WHEN its file name is taken THEN it is %j', (name, expected) => {
		expect(entryFileName(name)).toBe(expected);
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

	// The first bytes by which each archive format is known (as many as the check reads).
	const SIGNATURES: Array<[string, number[]]> = [
		['ZIP (local file)', [0x50, 0x4b, 3]],
		['ZIP (empty archive)', [0x50, 0x4b, 5]],
		['ZIP (spanned)', [0x50, 0x4b, 7]],
		['gzip', [0x1f, 0x8b]],
		['7-Zip', [0x37, 0x7a, 0xbc, 0xaf]],
		['RAR', [0x52, 0x61, 0x72, 0x21]],
		['bzip2', [0x42, 0x5a, 0x68]],
		['xz', [0xfd, 0x37, 0x7a, 0x58]],
	];

	it.each(SIGNATURES)('GIVEN a file named .pdf that starts like %s WHEN checked THEN it is an archive', (_f, bytes) => {
		// GIVEN the signature followed by some content
		const head = Uint8Array.from([...bytes, 0x00, 0x11]);
		// WHEN checked / THEN it is an archive, whatever its name says
		expect(isArchiveContent('du-thao.pdf', head)).toBe(true);
	});

	it.each(SIGNATURES)(
		'GIVEN %s with any one byte of its signature changed WHEN checked THEN it is no archive',
		(_f, bytes) => {
			// GIVEN every near-miss: the signature with one byte off by one
			const nearMisses = bytes.map((_, i) => Uint8Array.from(bytes.map((b, j) => (j === i ? (b + 1) % 256 : b))));
			// WHEN checked / THEN none is taken for an archive
			expect(nearMisses.map((head) => isArchiveContent('du-thao.pdf', head))).toEqual(bytes.map(() => false));
		},
	);

	it.each(SIGNATURES)(
		'GIVEN only the first bytes of the %s signature WHEN checked THEN it is no archive',
		(_f, bytes) => {
			// GIVEN a file shorter than the signature
			const head = Uint8Array.from(bytes.slice(0, -1));
			// WHEN checked / THEN no archive (missing bytes match nothing)
			expect(isArchiveContent('du-thao.pdf', head)).toBe(false);
		},
	);

	it.each(['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'docm', 'xlsm', 'epub', 'DOCX'])(
		'GIVEN a ZIP named .%s (an Office or e-book document) WHEN checked THEN it is no archive',
		(ext) => {
			// GIVEN a document whose format is a ZIP by design
			const zip = Uint8Array.from([0x50, 0x4b, 3, 4]);
			// WHEN checked / THEN it passes as a document
			expect(isArchiveContent(`bao-cao.${ext}`, zip)).toBe(false);
		},
	);

	it.each(['bao-cao.docx.pdf', 'docx', 'bao-cao.xdocx'])(
		'GIVEN a ZIP named %j (no Office extension at the end) WHEN checked THEN it is an archive',
		(name) => {
			const zip = Uint8Array.from([0x50, 0x4b, 3, 4]);
			expect(isArchiveContent(name, zip)).toBe(true);
		},
	);

	it('GIVEN a gzip or RAR named as a Word document WHEN checked THEN it is still an archive (only ZIP-based documents pass)', () => {
		expect(isArchiveContent('bao-cao.docx', Uint8Array.from([0x1f, 0x8b]))).toBe(true);
		expect(isArchiveContent('bao-cao.docx', Uint8Array.from([0x52, 0x61, 0x72, 0x21]))).toBe(true);
	});
});

describe('readDraftRows: edges', () => {
	const row = (line: number, unit: string, text: string) => ({ line, cells: { unit, text } });

	it('GIVEN a text with no unit WHEN read THEN it is an unknown unit (only wholly empty lines are skipped)', () => {
		expect(readDraftRows([row(2, '', 'Dự thảo')]).problems).toEqual([{ code: 'unknown-unit', line: 2, unit: '' }]);
	});

	it('GIVEN a long text where the unit code should be WHEN read THEN the problem quotes its first 20 characters', () => {
		const raw = 'Vụ Thống kê Giá cả và Dịch vụ';
		expect(readDraftRows([row(2, raw, 'x')]).problems).toEqual([
			{ code: 'unknown-unit', line: 2, unit: raw.slice(0, 20) },
		]);
	});

	it('GIVEN a text of exactly the maximum length WHEN read THEN it is a draft', () => {
		const text = 'ý'.repeat(DRAFT_TEXT_MAX);
		const result = readDraftRows([row(2, 'TKG', text)]);
		expect(result.problems).toEqual([]);
		expect(result.drafts.get('TKG')).toEqual({ text, line: 2 });
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
