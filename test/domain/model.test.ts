import { describe, expect, it } from 'vitest';
import {
	isAllUnits,
	normalizeUnitCode,
	parseRoundRef,
	parseUnitKind,
	roundCode,
	unitCodeKey,
	UNIT_KINDS,
} from '../../src/domain/model.ts';

describe('round codes', () => {
	it('GIVEN a sequence number WHEN formatted THEN it reads R and the number', () => {
		expect(roundCode(2)).toBe('R2');
		expect(roundCode(15)).toBe('R15');
	});

	it.each([
		['R2', 2],
		['r2', 2],
		['2', 2],
		['  R12  ', 12],
		['R007', 7],
		['999999999', 999_999_999],
	] as const)('GIVEN the reference %j WHEN read THEN it is round %i', (input, seq) => {
		expect(parseRoundRef(input)).toBe(seq);
	});

	it.each(['', 'R', 'R0', '0', 'RR2', 'R-2', 'R2a', 'x R2', 'R2 x', 'R 2', '1234567890', '2.5'])(
		'GIVEN the reference %j WHEN read THEN it is not a round',
		(input) => {
			expect(parseRoundRef(input)).toBeNull();
		},
	);
});

describe('unit codes', () => {
	it.each([
		['vp', 'VP'],
		['  Tccb ', 'TCCB'],
		['CUC_TK-01', 'CUC_TK-01'],
		['A', 'A'],
		['ABCDEFGHIJKLMNOP', 'ABCDEFGHIJKLMNOP'],
	] as const)('GIVEN the code %j WHEN normalised THEN it is %j', (input, code) => {
		expect(normalizeUnitCode(input)).toBe(code);
	});

	it.each(['', '   ', 'ABCDEFGHIJKLMNOPQ', 'VP TK', 'CỤC', 'A.B', 'x\nVP', 'VP\nx'])(
		'GIVEN the code %j WHEN normalised THEN it is refused',
		(input) => {
			expect(normalizeUnitCode(input)).toBeNull();
		},
	);

	it('GIVEN the unit kinds WHEN listed THEN they are department, provincial and other, in that order', () => {
		expect(UNIT_KINDS).toEqual(['department', 'provincial', 'other']);
	});
});

describe('unit kinds and "all units" as typed', () => {
	it.each([
		['department', 'department'],
		['Provincial', 'provincial'],
		['OTHER', 'other'],
		['Vụ', 'department'],
		['Đơn vị thuộc Tổng cục', 'department'],
		['Cục Thống kê', 'provincial'],
		['cục thống kê tỉnh', 'provincial'],
		['Cục Thống kê tỉnh, thành phố', 'provincial'],
		['CTK', 'provincial'],
		['Khác', 'other'],
		['Đơn vị khác', 'other'],
		// Decomposed Vietnamese (as some keyboards type it), runs of spaces and a line break.
		['  Cu\u0323c   Tho\u0302\u0301ng\nkê ', 'provincial'],
	] as const)('GIVEN the kind %j WHEN read THEN it is %j', (input, kind) => {
		expect(parseUnitKind(input)).toBe(kind);
	});

	it.each(['', 'cục', 'depart ment', 'tỉnh'])('GIVEN %j WHEN read as a kind THEN it is unknown', (input) => {
		expect(parseUnitKind(input)).toBeNull();
	});

	it.each(['all', ' ALL ', 'tất cả', 'Tất  Cả', 'tất-cả', 'ta\u0302\u0301t ca\u0309'])(
		'GIVEN %j THEN every unit',
		(input) => {
			expect(isAllUnits(input)).toBe(true);
		},
	);

	it.each(['', 'al', 'tất', 'tat ca', 'HTTKQG'])('GIVEN %j THEN not every unit', (input) => {
		expect(isAllUnits(input)).toBe(false);
	});

	it('GIVEN a code as typed WHEN used as a key THEN normalised, or the trimmed text when it is no code', () => {
		expect(unitCodeKey(' tkg ')).toBe('TKG');
		expect(unitCodeKey('  mã sai  ')).toBe('mã sai');
	});
});
