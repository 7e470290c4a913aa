import Holidays from 'date-holidays';

/**
 * The two public holidays of Vietnam that follow the lunar calendar, as `date-holidays` computes them: Tết's eve
 * (Giao thừa) and the Hùng Kings' day (10/3 lunar), `MM-DD` in each Gregorian year. The bot ships them as a table
 * (src/domain/time/lunar-holidays.ts); test/domain/time/lunar-holidays.test.ts checks the table against this, and
 * `node --import tsx test/support/lunar-holidays.ts <from> <to>` prints the table's rows.
 */
export function lunarHolidays(year: number): { tetEve: string; hungKings: string } {
	const library = new Holidays('VN', { timezone: 'Asia/Ho_Chi_Minh' });
	let tetEve = '';
	let hungKings = '';
	for (const h of library.getHolidays(year)) {
		if (h.type !== 'public') continue;
		if (/Giao thừa/i.test(h.name)) tetEve = h.date.slice(5, 10);
		else if (/Hùng/i.test(h.name)) hungKings = h.date.slice(5, 10);
	}
	if (!tetEve || !hungKings) throw new Error(`date-holidays gave no Tết eve or Hùng Kings day for ${year}`);
	return { tetEve, hungKings };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const [from, to] = process.argv.slice(2).map(Number);
	const rows: string[] = [];
	for (let y = from!; y <= to!; y++) {
		const { tetEve, hungKings } = lunarHolidays(y);
		rows.push(`${tetEve} ${hungKings}`);
	}
	process.stdout.write(`${rows.join(',')}\n`);
}
