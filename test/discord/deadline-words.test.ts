import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deadlineWords } from '../../src/discord/views/calendar-text.ts';
import { catalog } from '../../src/i18n/index.ts';

// A deadline in the words of official letters, in the server's time zone, computed from the local fields.

describe('deadlineWords', () => {
	it('GIVEN 09:00 UTC WHEN worded for Hà Nội THEN 16 giờ 00 in Vietnamese and 16:00 in English, with padded dates', () => {
		const at = new Date('2021-10-04T09:00:00Z');
		expect(deadlineWords(catalog('vi'), at, 'Asia/Ho_Chi_Minh')).toBe('16 giờ 00 ngày 04/10/2021');
		expect(deadlineWords(catalog('en'), at, 'Asia/Ho_Chi_Minh')).toBe('16:00 on 2021-10-04');
	});

	it('GIVEN an instant that is already the next day in the zone WHEN worded THEN the local day, month and year', () => {
		const at = new Date('2021-12-31T17:05:00Z');
		expect(deadlineWords(catalog('vi'), at, 'Asia/Ho_Chi_Minh')).toBe('00 giờ 05 ngày 01/01/2022');
		expect(deadlineWords(catalog('en'), at, 'UTC')).toBe('17:05 on 2021-12-31');
	});

	it('GIVEN many instants and zones (half-hour offsets, daylight saving) WHEN worded THEN as luxon formats them', () => {
		const zones = ['Asia/Ho_Chi_Minh', 'Asia/Kolkata', 'America/New_York', 'Europe/Paris', 'Pacific/Chatham'];
		let seed = 7;
		const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
		for (let i = 0; i < 500; i++) {
			const at = new Date(Date.UTC(2000, 0, 1) + (next() % (40 * 365)) * 86_400_000 + (next() % 86_400) * 1000);
			const zone = zones[i % zones.length]!;
			const local = DateTime.fromJSDate(at, { zone });
			expect(deadlineWords(catalog('vi'), at, zone)).toBe(
				`${local.toFormat('HH')} giờ ${local.toFormat('mm')} ngày ${local.toFormat('dd/MM/yyyy')}`,
			);
			expect(deadlineWords(catalog('en'), at, zone)).toBe(
				`${local.toFormat('HH')}:${local.toFormat('mm')} on ${local.toFormat('yyyy-MM-dd')}`,
			);
		}
	});
});
