import { describe, expect, it } from 'vitest';
import { normalizeUnitCode, unitCodeKey } from '../../src/domain/model.ts';
import { isBlankText, visibleTextOrNull } from '../../src/domain/text.ts';
import { isSkippedWallClock, parseLocalDateTime } from '../../src/domain/time/parse-datetime.ts';

describe('free text: what counts as empty (issue 11, defect 3)', () => {
	it.each([
		['', 'nothing'],
		['   \t\n', 'white space'],
		['\u200B', 'a zero-width space'],
		['\u200B\u200C\u200D', 'zero-width space, non-joiner, joiner'],
		['\u2060\uFEFF', 'word joiner and BOM'],
		['\u00AD', 'a soft hyphen'],
		['\u200E\u200F\u202A\u202E\u2066\u2069', 'bidirectional controls'],
		['\u0301\u0323', 'combining marks with no letter'],
		['\uFE0F\uFE0E', 'variation selectors'],
		['\u3164\u115F\uFFA0', 'Hangul fillers'],
		['\u2800', 'the braille blank'],
		['\u{E0041}\u{E007F}', 'tag characters'],
		['\u00A0\u3000\u2003', 'non-breaking and wide spaces'],
		[' \u200B \u200D ', 'spaces around zero-width characters'],
	])('GIVEN %j (%s) WHEN checked THEN it is blank', (text) => {
		expect(isBlankText(text)).toBe(true);
		expect(visibleTextOrNull(text)).toBeNull();
	});

	it.each([
		['a', 'a'],
		['\u200BGóp ý\u200B', '\u200BGóp ý\u200B'],
		['  Nhất trí  ', 'Nhất trí'],
		['👍', '👍'],
		['👨\u200D👩\u200D👧', '👨\u200D👩\u200D👧'],
		['مرحبا', 'مرحبا'],
		['e\u0301', 'e\u0301'],
		['0', '0'],
	])('GIVEN %j WHEN checked THEN it is visible text, kept as typed (trimmed)', (text, kept) => {
		expect(isBlankText(text)).toBe(false);
		expect(visibleTextOrNull(text)).toBe(kept);
	});
});

describe('unit codes: checked before any case folding (issue 11, defect 2)', () => {
	it.each([
		['ß', 'sharp s (would fold to SS)'],
		['STRAßE', 'a word with ß'],
		['ﬁ', 'the fi ligature (would fold to FI)'],
		['ı', 'dotless i (would fold to I)'],
		['\u212A', 'the Kelvin sign'],
		['Ä', 'a letter with a diaeresis'],
		['TKĐ', 'a Vietnamese letter'],
		['ＴＫＧ', 'full-width letters'],
		['TK G', 'an inner space'],
		['', 'nothing'],
		['A'.repeat(17), '17 characters'],
		['\u200BTKG', 'a zero-width space'],
	])('GIVEN %j (%s) WHEN normalised THEN it is refused', (code) => {
		expect(normalizeUnitCode(code)).toBeNull();
	});

	it.each([
		['tkg', 'TKG'],
		['  Tk-G_1 ', 'TK-G_1'],
		['A'.repeat(16), 'A'.repeat(16)],
	])('GIVEN %j WHEN normalised THEN it is %j', (code, expected) => {
		expect(normalizeUnitCode(code)).toBe(expected);
	});

	it("GIVEN a typed code with ß WHEN used as a lookup key THEN it is not folded into another unit's code", () => {
		expect(unitCodeKey('ß')).toBe('ß');
		expect(unitCodeKey('ﬁ')).not.toBe('FI');
		expect(unitCodeKey(' tkg ')).toBe('TKG');
	});
});

describe('deadlines inside a daylight-saving gap (issue 11, defect 7)', () => {
	it.each([
		['2030-03-31 02:30', 'Europe/Berlin'],
		['31/03/2030 02:00', 'Europe/Berlin'],
		['2026-03-08 02:59', 'America/New_York'],
		['  2030-03-31 02:30  ', 'Europe/Berlin'],
		// Lord Howe Island moves its clocks by half an hour: 02:15 becomes 02:45, the same hour on the clock.
		['2030-10-06 02:15', 'Australia/Lord_Howe'],
	])('GIVEN %j in %s WHEN parsed THEN the wall-clock time is known to be skipped', (text, zone) => {
		const parsed = parseLocalDateTime(text, zone);
		if (!parsed.ok) throw new Error(parsed.error);
		expect(isSkippedWallClock(text, zone, parsed.value)).toBe(true);
	});

	it.each([
		['2030-03-31 03:00', 'Europe/Berlin'],
		['2030-03-31 01:59', 'Europe/Berlin'],
		['2026-11-01 01:30', 'America/New_York'],
		['2030-03-31 02:30', 'Asia/Ho_Chi_Minh'],
	])('GIVEN %j in %s WHEN parsed THEN the time exists', (text, zone) => {
		const parsed = parseLocalDateTime(text, zone);
		if (!parsed.ok) throw new Error(parsed.error);
		expect(isSkippedWallClock(text, zone, parsed.value)).toBe(false);
	});

	it('GIVEN a text that is no date-time WHEN checked THEN it is not a skipped time (nothing to compare)', () => {
		// GIVEN an instant inside Berlin's gap, and a text that does not name a date-time
		const instant = new Date('2030-03-31T01:30:00Z');
		// WHEN checked / THEN false, without reading the missing parts
		expect(isSkippedWallClock('next Monday', 'Europe/Berlin', instant)).toBe(false);
	});

	it('GIVEN an unknown time zone WHEN checked THEN it is not a skipped time (the zone is refused elsewhere)', () => {
		// GIVEN a text that would be skipped in Berlin, with a zone nobody knows
		const instant = new Date('2030-03-31T01:30:00Z');
		// WHEN checked / THEN false
		expect(isSkippedWallClock('2030-03-31 02:30', 'Mars/Olympus', instant)).toBe(false);
	});
});

describe('no text at all', () => {
	it('GIVEN null or undefined THEN blank, and no visible text', () => {
		expect(isBlankText(null)).toBe(true);
		expect(isBlankText(undefined)).toBe(true);
		expect(visibleTextOrNull(null)).toBeNull();
		expect(visibleTextOrNull(undefined)).toBeNull();
	});
});
