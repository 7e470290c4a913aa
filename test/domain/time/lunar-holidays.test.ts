import { describe, expect, it } from 'vitest';
import { FIRST_LUNAR_YEAR, LAST_LUNAR_YEAR, lunarHolidays } from '../../../src/domain/time/lunar-holidays.ts';
import { vietnamPublicHolidays } from '../../../src/domain/time/public-holidays.ts';
import { lunarHolidays as fromLibrary } from '../../support/lunar-holidays.ts';

describe("the lunar holidays' table", () => {
	it(`GIVEN every year from ${FIRST_LUNAR_YEAR} to ${LAST_LUNAR_YEAR} WHEN read from the table THEN Tết's eve and the Hùng Kings' day are the ones date-holidays computes`, () => {
		for (let year = FIRST_LUNAR_YEAR; year <= LAST_LUNAR_YEAR; year++) {
			const computed = fromLibrary(year);
			expect(lunarHolidays(year), String(year)).toEqual({
				tetEve: `${year}-${computed.tetEve}`,
				hungKings: `${year}-${computed.hungKings}`,
			});
		}
	});

	it.each([FIRST_LUNAR_YEAR - 1, LAST_LUNAR_YEAR + 1, 2026.5])(
		'GIVEN the year %s, outside the table WHEN read THEN there is no lunar holiday, and the public holidays are the fixed-date ones only',
		(year) => {
			expect(lunarHolidays(year)).toBeNull();
			if (Number.isInteger(year)) {
				expect(vietnamPublicHolidays(year).map((h) => h.key)).toEqual([
					'new-year',
					'reunification',
					'labour',
					'national-day',
					'national-day',
				]);
			}
		},
	);

	it('GIVEN the first and the last year of the table WHEN read THEN both have their dates (no year is lost at either end)', () => {
		expect(lunarHolidays(FIRST_LUNAR_YEAR)).toEqual({ tetEve: '2000-02-04', hungKings: '2000-04-14' });
		expect(lunarHolidays(LAST_LUNAR_YEAR)).toEqual({ tetEve: '2100-02-08', hungKings: '2100-04-18' });
	});
});
