import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validateUnitRows, UNIT_COLUMNS } from '../../../src/domain/import/unit-rows.ts';
import type { UnitImportContext, UnitRowProblem } from '../../../src/domain/import/unit-rows.ts';
import type { InputRow } from '../../../src/domain/import/rows.ts';
import { readTable, requireColumns } from '../../../src/infra/files/read-table.ts';

const CH_GENERAL = '100000000000000001';
const CH_TKG = '100000000000000002';
const CH_READONLY = '100000000000000003';
const CH_VOICE = '100000000000000004';
const CH_DUP_A = '100000000000000005';
const CH_DUP_B = '100000000000000006';
const ROLE_TKG = '200000000000000001';
const ROLE_DUP_A = '200000000000000002';
const ROLE_DUP_B = '200000000000000003';

const ctx: UnitImportContext = {
	channels: [
		{ id: CH_GENERAL, name: 'general', writable: true, text: true },
		{ id: CH_TKG, name: 'tkg', writable: true, text: true },
		{ id: CH_READONLY, name: 'thong-bao', writable: false, text: true },
		{ id: CH_VOICE, name: 'phong-hop', writable: true, text: false },
		{ id: '100000000000000007', name: 'tkg-voice', writable: true, text: false },
		{ id: CH_DUP_A, name: 'gop-y', writable: true, text: true },
		{ id: CH_DUP_B, name: 'Gop-Y', writable: true, text: true },
		{ id: '100000000000000008', name: 'tkg', writable: true, text: false },
	],
	roles: [
		{ id: ROLE_TKG, name: 'TKG' },
		{ id: ROLE_DUP_A, name: 'Lãnh đạo' },
		{ id: ROLE_DUP_B, name: 'lãnh đạo' },
	],
	existingActiveCodes: new Set(['ppcd']),
};

function row(line: number, cells: Partial<Record<'code' | 'name' | 'kind' | 'channel' | 'role', string>>): InputRow {
	return { line, cells: { code: 'TKG', name: 'Vụ Thống kê Giá', kind: '', channel: 'tkg', role: 'TKG', ...cells } };
}

function problemsOf(rows: InputRow[]): UnitRowProblem[] {
	const result = validateUnitRows(rows, ctx);
	if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.value)}`);
	return result.error;
}

describe('validateUnitRows — accepted values', () => {
	it.each([
		['a lower-case code with spaces', { code: '  tkg ' }, { code: 'TKG' }],
		['a code with - and _', { code: 'a-1_b' }, { code: 'A-1_B' }],
		['a 16-char code', { code: 'ABCDEFGHIJKLMNOP' }, { code: 'ABCDEFGHIJKLMNOP' }],
		['an empty kind', { kind: '' }, { kind: 'department' }],
		['an upper-case kind', { kind: 'Provincial' }, { kind: 'provincial' }],
		['kind other', { kind: 'other' }, { kind: 'other' }],
		['a channel id', { channel: CH_TKG }, { channelId: CH_TKG }],
		['a channel mention', { channel: `<#${CH_GENERAL}>` }, { channelId: CH_GENERAL }],
		['a #name in another case', { channel: '#TKG' }, { channelId: CH_TKG }],
		['a role id', { role: ROLE_TKG }, { roleId: ROLE_TKG }],
		['a role mention', { role: `<@&${ROLE_TKG}>` }, { roleId: ROLE_TKG }],
		['an @name in another case', { role: '@tkg' }, { roleId: ROLE_TKG }],
		['a 100-char name', { name: 'ắ'.repeat(100) }, { name: 'ắ'.repeat(100) }],
		['a decomposed (NFD) name', { name: 'Vụ Thống kê Giá'.normalize('NFD') }, { name: 'Vụ Thống kê Giá' }],
	])('GIVEN %s WHEN validated THEN the unit is accepted with %j', (_label, cells, expected) => {
		const result = validateUnitRows([row(2, cells)], ctx);
		expect(result.ok).toBe(true);
		expect(result.ok && result.value[0]).toMatchObject({ line: 2, ...expected });
	});

	it('GIVEN a valid row WHEN validated THEN the full unit row is returned', () => {
		expect(validateUnitRows([row(5, {})], ctx)).toEqual({
			ok: true,
			value: [
				{ line: 5, code: 'TKG', name: 'Vụ Thống kê Giá', kind: 'department', channelId: CH_TKG, roleId: ROLE_TKG },
			],
		});
	});

	it('GIVEN no rows WHEN validated THEN an empty list is returned', () => {
		expect(validateUnitRows([], ctx)).toEqual({ ok: true, value: [] });
	});
});

describe('validateUnitRows — problems', () => {
	it.each<[string, Parameters<typeof row>[1], Omit<UnitRowProblem, 'line'>]>([
		['an empty code', { code: ' ' }, { code: 'required', column: 'code' }],
		['a 17-char code', { code: 'ABCDEFGHIJKLMNOPQ' }, { code: 'bad-code', column: 'code', value: 'ABCDEFGHIJKLMNOPQ' }],
		['a code with a space', { code: 'TK G' }, { code: 'bad-code', column: 'code', value: 'TK G' }],
		['a code with Vietnamese letters', { code: 'vụ1' }, { code: 'bad-code', column: 'code', value: 'vụ1' }],
		// Issue 11, defect 2: checked before upper-casing, which would fold these into SS, FI and I.
		['a code with ß', { code: 'ß' }, { code: 'bad-code', column: 'code', value: 'ß' }],
		['a code with the fi ligature', { code: 'ﬁ' }, { code: 'bad-code', column: 'code', value: 'ﬁ' }],
		['a code with a dotless i', { code: 'tkı' }, { code: 'bad-code', column: 'code', value: 'tkı' }],
		// Issue 11, defect 3: nothing visible is nothing at all.
		['a name of zero-width characters', { name: '\u200B\u200C\u200D' }, { code: 'required', column: 'name' }],
		[
			'an existing active code in another case',
			{ code: 'Ppcd' },
			{ code: 'duplicate-existing', column: 'code', value: 'PPCD' },
		],
		['an empty name', { name: '' }, { code: 'required', column: 'name' }],
		['a 101-char name', { name: 'a'.repeat(101) }, { code: 'too-long', column: 'name', value: 'a'.repeat(101) }],
		[
			'kind phòng (neither English nor a Vietnamese kind)',
			{ kind: 'phòng' },
			{ code: 'bad-kind', column: 'kind', value: 'phòng' },
		],
		['kind departments', { kind: 'departments' }, { code: 'bad-kind', column: 'kind', value: 'departments' }],
		['an empty channel', { channel: '' }, { code: 'required', column: 'channel' }],
		[
			'an unknown channel name',
			{ channel: '#nowhere' },
			{ code: 'unknown-channel', column: 'channel', value: '#nowhere' },
		],
		[
			'an unknown channel id',
			{ channel: '999999999999999999' },
			{ code: 'unknown-channel', column: 'channel', value: '999999999999999999' },
		],
		[
			'a 16-digit id (treated as a name)',
			{ channel: '1234567890123456' },
			{ code: 'unknown-channel', column: 'channel', value: '1234567890123456' },
		],
		[
			'a name of two text channels',
			{ channel: 'GOP-Y' },
			{ code: 'ambiguous-channel', column: 'channel', value: 'GOP-Y' },
		],
		[
			'a read-only channel',
			{ channel: 'thong-bao' },
			{ code: 'channel-not-writable', column: 'channel', value: 'thong-bao' },
		],
		[
			'a voice channel by name',
			{ channel: 'phong-hop' },
			{ code: 'not-text-channel', column: 'channel', value: 'phong-hop' },
		],
		[
			'a voice channel by id',
			{ channel: `<#${CH_VOICE}>` },
			{ code: 'not-text-channel', column: 'channel', value: `<#${CH_VOICE}>` },
		],
		['an empty role', { role: '' }, { code: 'required', column: 'role' }],
		['an unknown role', { role: '@Nobody' }, { code: 'unknown-role', column: 'role', value: '@Nobody' }],
		['an unknown role id', { role: `<@&${CH_TKG}>` }, { code: 'unknown-role', column: 'role', value: `<@&${CH_TKG}>` }],
		[
			'a role name shared by two roles',
			{ role: 'LÃNH ĐẠO' },
			{ code: 'ambiguous-role', column: 'role', value: 'LÃNH ĐẠO' },
		],
	])('GIVEN %s WHEN validated THEN the row is rejected', (_label, cells, expected) => {
		expect(problemsOf([row(3, cells)])).toEqual([{ line: 3, ...expected }]);
	});

	it('GIVEN a name matching one text and one voice channel WHEN validated THEN the text channel is used', () => {
		const result = validateUnitRows([row(2, { channel: 'tkg' })], ctx);
		expect(result.ok && result.value[0]?.channelId).toBe(CH_TKG);
	});

	it('GIVEN a row with several bad cells WHEN validated THEN every problem of the row is reported in column order', () => {
		expect(problemsOf([row(4, { code: '', name: '', kind: 'x', channel: 'nowhere', role: '' })])).toEqual([
			{ line: 4, code: 'required', column: 'code' },
			{ line: 4, code: 'required', column: 'name' },
			{ line: 4, code: 'bad-kind', column: 'kind', value: 'x' },
			{ line: 4, code: 'unknown-channel', column: 'channel', value: 'nowhere' },
			{ line: 4, code: 'required', column: 'role' },
		]);
	});

	it('GIVEN a code repeated in the file WHEN validated THEN only the later lines get duplicate-in-file', () => {
		expect(
			problemsOf([
				row(2, { code: 'tkg' }),
				row(3, { code: 'ABC' }),
				row(4, { code: 'TKG' }),
				row(6, { code: ' Tkg ' }),
			]),
		).toEqual([
			{ line: 4, code: 'duplicate-in-file', column: 'code', value: 'TKG' },
			{ line: 6, code: 'duplicate-in-file', column: 'code', value: 'TKG' },
		]);
	});

	it('GIVEN one bad row among good ones WHEN validated THEN no units are returned (all or nothing)', () => {
		const result = validateUnitRows([row(2, { code: 'A' }), row(3, { code: 'B', role: 'ghost' })], ctx);
		expect(result).toEqual({ ok: false, error: [{ line: 3, code: 'unknown-role', column: 'role', value: 'ghost' }] });
	});

	it('GIVEN rows out of line order WHEN validated THEN problems are sorted by line', () => {
		const lines = problemsOf([
			row(9, { name: '' }),
			row(2, { code: 'A', name: '' }),
			row(5, { code: 'B', name: '' }),
		]).map((p) => p.line);
		expect(lines).toEqual([2, 5, 9]);
	});

	it('GIVEN active codes given in lower case with spaces WHEN a row repeats one THEN it is duplicate-existing', () => {
		// GIVEN the stored codes as a caller might pass them, not normalised
		const stored = { ...ctx, existingActiveCodes: new Set([' tkg ']) };
		// WHEN a row names that unit / THEN it is refused as existing
		expect(validateUnitRows([row(2, { code: 'TKG' })], stored)).toEqual({
			ok: false,
			error: [{ line: 2, code: 'duplicate-existing', column: 'code', value: 'TKG' }],
		});
	});

	it.each([`x<#${CH_TKG}>`, `<#${CH_TKG}>x`])(
		'GIVEN a channel mention with text around it (%j) WHEN validated THEN it is no mention, and no channel has that name',
		(channel) => {
			expect(problemsOf([row(2, { channel })])).toEqual([
				{ line: 2, code: 'unknown-channel', column: 'channel', value: channel },
			]);
		},
	);

	it.each([`x<@&${ROLE_TKG}>`, `<@&${ROLE_TKG}>x`])(
		'GIVEN a role mention with text around it (%j) WHEN validated THEN it is no mention, and no role has that name',
		(role) => {
			expect(problemsOf([row(2, { role })])).toEqual([{ line: 2, code: 'unknown-role', column: 'role', value: role }]);
		},
	);

	it('GIVEN a channel and a role whose names contain a long number WHEN named THEN they are found by name, not taken for ids', () => {
		// GIVEN names that start or end with 17+ digits (ids are the digits alone)
		const numbered: UnitImportContext = {
			...ctx,
			channels: [
				...ctx.channels,
				{ id: '100000000000000009', name: 'kenh-100000000000000002', writable: true, text: true },
			],
			roles: [...ctx.roles, { id: '200000000000000009', name: '200000000000000001-cu' }],
		};
		// WHEN validated
		const result = validateUnitRows(
			[row(2, { channel: 'kenh-100000000000000002', role: '200000000000000001-cu' })],
			numbered,
		);
		// THEN the named channel and role are used
		expect(result.ok && [result.value[0]?.channelId, result.value[0]?.roleId]).toEqual([
			'100000000000000009',
			'200000000000000009',
		]);
	});

	it('GIVEN a role whose name has an @ inside WHEN named THEN only a leading @ is dropped', () => {
		// GIVEN a role named "lanh-dao@tkg"
		const withAt: UnitImportContext = {
			...ctx,
			roles: [...ctx.roles, { id: '200000000000000009', name: 'lanh-dao@tkg' }],
		};
		// WHEN named with and without a leading @ / THEN found both times
		const result = validateUnitRows(
			[row(2, { code: 'A', role: 'lanh-dao@tkg' }), row(3, { code: 'B', role: '@lanh-dao@tkg' })],
			withAt,
		);
		expect(result.ok && result.value.map((u) => u.roleId)).toEqual(['200000000000000009', '200000000000000009']);
	});

	it('GIVEN a row missing the channel and role columns entirely WHEN validated THEN both are required', () => {
		const problems = problemsOf([{ line: 2, cells: { code: 'X', name: 'Y' } }]);
		expect(problems.map((p) => `${p.column ?? ''}:${p.code}`)).toEqual(['channel:required', 'role:required']);
	});
});

describe('validateUnitRows — round 2 fixture', () => {
	const codes = ['HTTKQG', 'TKCNXD', 'TKNLTS', 'TKTMDV', 'TKG', 'TKDSLD', 'TKXHMT', 'PPCD', 'TTDL'];
	const guild: UnitImportContext = {
		channels: [
			{ id: '300000000000000000', name: 'general', writable: true, text: true },
			...codes.map((code, i) => ({
				id: `3000000000000000${String(i + 10)}`,
				name: code.toLowerCase(),
				writable: true,
				text: true,
			})),
		],
		roles: codes.map((code, i) => ({ id: `4000000000000000${String(i + 10)}`, name: code })),
		existingActiveCodes: new Set(),
	};

	async function fixtureRows(): Promise<InputRow[]> {
		const data = await readFile(new URL('../../fixtures/import/units-round2.csv', import.meta.url));
		const table = await readTable(
			{ name: 'units-round2.csv', contentType: 'text/csv', data },
			{ maxBytes: 100_000, maxRows: 500 },
		);
		if (!table.ok) throw new Error(JSON.stringify(table.error));
		expect(requireColumns(table.value, [...UNIT_COLUMNS.required], [...UNIT_COLUMNS.optional]).ok).toBe(true);
		return table.value.rows;
	}

	it('GIVEN the 9-unit round 2 CSV WHEN read and validated THEN all nine units are accepted with channels and roles', async () => {
		const result = validateUnitRows(await fixtureRows(), guild);
		if (!result.ok) throw new Error(JSON.stringify(result.error));
		expect(result.value.map((u) => u.code)).toEqual(codes);
		expect(result.value.map((u) => u.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(result.value[2]).toEqual({
			line: 4,
			code: 'TKNLTS',
			name: 'Vụ Thống kê Nông, lâm nghiệp và Thủy sản',
			kind: 'department',
			channelId: '300000000000000012',
			roleId: '400000000000000012',
		});
		expect(result.value[8]).toMatchObject({
			code: 'TTDL',
			name: 'Cục Thu thập dữ liệu và Ứng dụng công nghệ thông tin thống kê',
			kind: 'other',
		});
		expect(new Set(result.value.map((u) => u.channelId)).size).toBe(9);
	});

	it('GIVEN the round 2 CSV WHEN two of its units already exist THEN exactly those lines are duplicate-existing', async () => {
		const result = validateUnitRows(await fixtureRows(), { ...guild, existingActiveCodes: new Set(['TKG', 'ttdl']) });
		expect(result).toEqual({
			ok: false,
			error: [
				{ line: 6, code: 'duplicate-existing', column: 'code', value: 'TKG' },
				{ line: 10, code: 'duplicate-existing', column: 'code', value: 'TTDL' },
			],
		});
	});
});
