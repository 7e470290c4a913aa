import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addHoliday, importHolidays, listHolidays, removeHoliday } from '../../src/app/manage-calendar.ts';
import { setupServer } from '../../src/app/setup-server.ts';
import {
	admin,
	type AppHarness,
	COORD_ROLE,
	coordinator,
	createAppHarness,
	GUILD,
	member,
	REPORT_CHANNEL,
} from '../support/app-harness.ts';

let h: AppHarness;

async function setUp(timezone = 'Asia/Ho_Chi_Minh') {
	const s = await setupServer(h.deps, {
		guildId: GUILD,
		actor: admin(),
		coordinatorRoleId: COORD_ROLE,
		reportChannel: { id: REPORT_CHANNEL, writable: true, text: true },
		language: 'vi',
		timezone,
	});
	if (!s.ok) throw new Error(JSON.stringify(s.error));
}

const entries = async () =>
	(await h.deps.calendar.holidays(GUILD))
		.map((e) => [e.date, e.name, e.kind])
		.sort((a, b) => a[0]!.localeCompare(b[0]!));

const actions = async () => (await h.deps.reports.auditEvents(GUILD, null)).map((e) => e.action);

beforeEach(async () => {
	// 31/12/2021 20:00 UTC is already 01/01/2022 in Hà Nội.
	h = await createAppHarness('2021-12-31T20:00:00Z');
});
afterEach(async () => {
	await h.close();
});

describe('/calendar holiday-add', () => {
	it('GIVEN a date and a name THEN a day off is added under the trimmed name, audited; WHEN added again with kind work THEN it becomes a working day', async () => {
		await setUp();
		const r = await addHoliday(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			date: '05/01/2022',
			name: '  Nghỉ bù ',
		});
		expect(r).toEqual({ ok: true, value: { date: '2022-01-05', name: 'Nghỉ bù', kind: 'off' } });
		const w = await addHoliday(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			date: '2022-01-05',
			name: 'Làm bù',
			kind: 'work',
		});
		expect(w).toEqual({ ok: true, value: { date: '2022-01-05', name: 'Làm bù', kind: 'work' } });
		expect(await entries()).toEqual([['2022-01-05', 'Làm bù', 'work']]);
		expect(await actions()).toEqual(['settings.save', 'holiday.add', 'holiday.add']);
	});

	it('GIVEN a name of exactly 100 characters THEN accepted; 101, or only blanks THEN refused', async () => {
		await setUp();
		const add = (name: string) =>
			addHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-01-05', name });
		expect((await add('ấ'.repeat(100))).ok).toBe(true);
		expect(await add('ấ'.repeat(101))).toEqual({ ok: false, error: { code: 'holiday-name' } });
		expect(await add(' \u200b ')).toEqual({ ok: false, error: { code: 'holiday-name' } });
	});

	it('GIVEN a date that does not exist, or a member THEN refused and nothing stored', async () => {
		await setUp();
		expect(await addHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '31/02/2022', name: 'x' })).toEqual({
			ok: false,
			error: { code: 'bad-date', value: '31/02/2022' },
		});
		expect(await addHoliday(h.deps, { guildId: GUILD, actor: member([]), date: '2022-01-05', name: 'x' })).toEqual({
			ok: false,
			error: { code: 'not-coordinator' },
		});
		expect(await entries()).toEqual([]);
	});
});

describe('/calendar holiday-remove', () => {
	it('GIVEN a built-in public holiday (2/9) WHEN removed THEN it is dismissed, not deleted; WHEN removed again THEN unknown', async () => {
		await setUp();
		const r = await removeHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '02/09/2022' });
		expect(r).toEqual({ ok: true, value: { date: '2022-09-02' } });
		expect(await entries()).toEqual([['2022-09-02', '', 'dismissed']]);
		expect(await removeHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-09-02' })).toEqual({
			ok: false,
			error: { code: 'holiday-unknown', date: '2022-09-02' },
		});
	});

	it('GIVEN a built-in holiday the coordinator renamed WHEN removed THEN it is dismissed keeping that name', async () => {
		await setUp();
		await addHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-09-02', name: 'Quốc khánh' });
		expect((await removeHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-09-02' })).ok).toBe(true);
		expect(await entries()).toEqual([['2022-09-02', 'Quốc khánh', 'dismissed']]);
	});

	it('GIVEN a built-in holiday made a working day WHEN removed THEN the working day is deleted and the holiday is back', async () => {
		await setUp();
		await addHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-09-02', name: 'Làm', kind: 'work' });
		expect((await removeHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-09-02' })).ok).toBe(true);
		expect(await entries()).toEqual([]);
		const list = await listHolidays(h.deps, { guildId: GUILD, actor: coordinator(), year: 2022 });
		expect(list.ok && list.value.days.find((d) => d.date === '2022-09-02')?.kind).toBe('off');
	});

	it('GIVEN a day off the coordinator added WHEN removed THEN it is deleted and audited; a date with nothing on it THEN unknown', async () => {
		await setUp();
		await addHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-01-05', name: 'Nghỉ' });
		expect(await removeHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-01-05' })).toEqual({
			ok: true,
			value: { date: '2022-01-05' },
		});
		expect(await entries()).toEqual([]);
		expect((await actions()).at(-1)).toBe('holiday.remove');
		expect(await removeHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-01-06' })).toEqual({
			ok: false,
			error: { code: 'holiday-unknown', date: '2022-01-06' },
		});
	});

	it('GIVEN New Year dismissed and a later day off added WHEN that day off is removed THEN only it is deleted', async () => {
		await setUp();
		expect((await removeHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-01-01' })).ok).toBe(true);
		await addHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-01-05', name: 'Nghỉ' });
		expect(await removeHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-01-05' })).toEqual({
			ok: true,
			value: { date: '2022-01-05' },
		});
		expect(await entries()).toEqual([['2022-01-01', '', 'dismissed']]);
	});

	it('GIVEN a zone without built-in holidays WHEN 2/9 is removed THEN nothing is dismissed: it is unknown', async () => {
		await setUp('Europe/Paris');
		expect(await removeHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-09-02' })).toEqual({
			ok: false,
			error: { code: 'holiday-unknown', date: '2022-09-02' },
		});
		expect(await entries()).toEqual([]);
	});

	it('GIVEN a bad date or a member THEN refused', async () => {
		await setUp();
		expect(await removeHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: 'mai' })).toEqual({
			ok: false,
			error: { code: 'bad-date', value: 'mai' },
		});
		expect(await removeHoliday(h.deps, { guildId: GUILD, actor: member([]), date: '2022-09-02' })).toEqual({
			ok: false,
			error: { code: 'not-coordinator' },
		});
		expect(await entries()).toEqual([]);
	});
});

describe('/calendar list', () => {
	it('GIVEN no year WHEN listed just after midnight of New Year in Hà Nội THEN the new local year, with only its own entries', async () => {
		await setUp();
		await addHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2021-12-30', name: 'Cũ' });
		await addHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-01-05', name: 'Mới' });
		const r = await listHolidays(h.deps, { guildId: GUILD, actor: coordinator() });
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.year).toBe(2022);
		expect(r.value.settings.guildId).toBe(GUILD);
		const dates = r.value.days.map((d) => d.date);
		expect(dates).toContain('2022-01-05');
		expect(dates).toContain('2022-09-02');
		expect(dates.every((d) => d.startsWith('2022-'))).toBe(true);
	});

	it('GIVEN the years 2000 and 2100 THEN listed; 1999 and 2101 THEN refused', async () => {
		await setUp();
		const list = (year: number) => listHolidays(h.deps, { guildId: GUILD, actor: coordinator(), year });
		const y2000 = await list(2000);
		expect(y2000.ok && y2000.value.year).toBe(2000);
		const y2100 = await list(2100);
		expect(y2100.ok && y2100.value.year).toBe(2100);
		expect(await list(1999)).toEqual({ ok: false, error: { code: 'bad-year' } });
		expect(await list(2101)).toEqual({ ok: false, error: { code: 'bad-year' } });
	});

	it('GIVEN a member THEN the calendar is not shown', async () => {
		await setUp();
		expect(await listHolidays(h.deps, { guildId: GUILD, actor: member([]) })).toEqual({
			ok: false,
			error: { code: 'not-coordinator' },
		});
	});
});

describe('/calendar import', () => {
	it('GIVEN good rows, one for a date already stored THEN all are saved as days off (renaming the stored one), counted, audited', async () => {
		await setUp();
		await addHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2022-01-05', name: 'Cũ', kind: 'work' });
		const r = await importHolidays(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			rows: [
				{ line: 2, cells: { date: '05/01/2022', name: 'Mới' } },
				{ line: 3, cells: { date: '2022-01-06', name: 'Nghỉ' } },
			],
		});
		expect(r).toEqual({ ok: true, value: 2 });
		expect(await entries()).toEqual([
			['2022-01-05', 'Mới', 'off'],
			['2022-01-06', 'Nghỉ', 'off'],
		]);
		expect((await actions()).at(-1)).toBe('holiday.import');
	});

	it('GIVEN one bad row THEN nothing is saved and the problem is returned', async () => {
		await setUp();
		const r = await importHolidays(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			rows: [
				{ line: 2, cells: { date: '2022-01-06', name: 'Nghỉ' } },
				{ line: 3, cells: { date: '2022-02-30', name: 'Sai' } },
			],
		});
		expect(r.ok).toBe(false);
		if (!r.ok && r.error.code === 'import-rejected') expect(r.error.problems.map((p) => p.line)).toEqual([3]);
		else throw new Error('expected import-rejected');
		expect(await entries()).toEqual([]);
	});

	it('GIVEN a member THEN the import is refused', async () => {
		await setUp();
		expect(
			await importHolidays(h.deps, {
				guildId: GUILD,
				actor: member([]),
				rows: [{ line: 2, cells: { date: '2022-01-06', name: 'Nghỉ' } }],
			}),
		).toEqual({ ok: false, error: { code: 'not-coordinator' } });
		expect(await entries()).toEqual([]);
	});
});
