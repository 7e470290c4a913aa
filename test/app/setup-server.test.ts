import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SENDER, setupServer, type SetupInput } from '../../src/app/setup-server.ts';
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

beforeEach(async () => {
	h = await createAppHarness();
});
afterEach(async () => {
	await h.close();
});

const input = (over: Partial<SetupInput> = {}): SetupInput => ({
	guildId: GUILD,
	actor: admin(),
	coordinatorRoleId: COORD_ROLE,
	reportChannel: { id: REPORT_CHANNEL, writable: true, text: true },
	language: 'vi',
	timezone: 'Asia/Ho_Chi_Minh',
	...over,
});

async function setUp(over: Partial<SetupInput> = {}) {
	const r = await setupServer(h.deps, input(over));
	if (!r.ok) throw new Error(JSON.stringify(r.error));
	return r.value;
}

describe('/setup', () => {
	it('GIVEN a new server WHEN an admin sets it up with defaults THEN the defaults are saved, audited under the admin', async () => {
		const saved = await setUp({ timezone: ' Asia/Ho_Chi_Minh ' });
		const expected = {
			guildId: GUILD,
			coordinatorRoleId: COORD_ROLE,
			reportChannelId: REPORT_CHANNEL,
			language: 'vi',
			timezone: 'Asia/Ho_Chi_Minh',
			officeHours: '08:00-17:00',
			workingDays: 'mon-fri',
			reminderLadder: '-2wd,-0wd,+1wd',
			sender: '',
		};
		expect(saved).toEqual(expected);
		expect(await h.deps.settings.get(GUILD)).toEqual(expected);
		const events = await h.deps.reports.auditEvents(GUILD, null);
		expect(events.map((e) => [e.action, e.actorId, e.actorName])).toEqual([
			['settings.save', admin().userId, admin().userName],
		]);
	});

	it('GIVEN own hours, days, ladder and sender THEN each is saved in its canonical form', async () => {
		const saved = await setUp({
			officeHours: ' 7:30 - 16:30 ',
			workingDays: 't2-t7',
			reminders: '-1wd, +2wd',
			sender: '  Vụ   Tổ chức  cán bộ ',
			language: 'en',
		});
		expect(saved).toMatchObject({
			officeHours: '07:30-16:30',
			workingDays: 'mon-sat',
			reminderLadder: '-1wd,+2wd',
			sender: 'Vụ Tổ chức cán bộ',
			language: 'en',
		});
	});

	it('GIVEN a set-up server WHEN a coordinator runs /setup again leaving options out THEN the current hours, days, ladder and sender are kept', async () => {
		await setUp({ officeHours: '07:00-16:00', workingDays: 'mon-sat', reminders: '-3wd', sender: 'Vụ TCCB' });
		const again = await setUp({
			actor: coordinator(),
			officeHours: '  ',
			workingDays: '',
			reminders: ' ',
			language: 'en',
		});
		expect(again).toMatchObject({
			officeHours: '07:00-16:00',
			workingDays: 'mon-sat',
			reminderLadder: '-3wd',
			sender: 'Vụ TCCB',
			language: 'en',
		});
	});

	it('GIVEN a set sender WHEN /setup gives an empty one THEN the sender is cleared', async () => {
		await setUp({ sender: 'Vụ TCCB' });
		expect((await setUp({ sender: '' })).sender).toBe('');
	});

	it('GIVEN a sender of exactly the maximum length THEN accepted; one character more THEN refused', async () => {
		expect((await setUp({ sender: 'ấ'.repeat(MAX_SENDER) })).sender).toBe('ấ'.repeat(MAX_SENDER));
		expect(await setupServer(h.deps, input({ sender: 'ấ'.repeat(MAX_SENDER + 1) }))).toEqual({
			ok: false,
			error: { code: 'too-long', field: 'sender', max: MAX_SENDER },
		});
	});

	it.each([
		['a member without Manage Server on a new server', { actor: member([COORD_ROLE]) }, { code: 'not-coordinator' }],
		[
			'a coordinator role nobody can be given',
			{ coordinatorRoleAssignable: false },
			{ code: 'coordinator-role-not-assignable', roleId: COORD_ROLE },
		],
		['an unknown time zone', { timezone: ' Mars/Olympus ' }, { code: 'bad-timezone', value: 'Mars/Olympus' }],
		[
			'a voice channel for reports',
			{ reportChannel: { id: REPORT_CHANNEL, writable: true, text: false } },
			{ code: 'channel-not-text', channelId: REPORT_CHANNEL },
		],
		[
			'a report channel the bot cannot write to',
			{ reportChannel: { id: REPORT_CHANNEL, writable: false, text: true } },
			{ code: 'report-channel-not-writable', channelId: REPORT_CHANNEL },
		],
		[
			'office hours that end before they start',
			{ officeHours: ' 17:00-08:00 ' },
			{ code: 'bad-office-hours', value: '17:00-08:00' },
		],
		['working days that are not days', { workingDays: ' someday ' }, { code: 'bad-working-days', value: 'someday' }],
	])('GIVEN %s THEN /setup is refused and nothing is saved', async (_name, over, error) => {
		expect(await setupServer(h.deps, input(over as Partial<SetupInput>))).toEqual({ ok: false, error });
		expect(await h.deps.settings.get(GUILD)).toBeNull();
	});

	it('GIVEN a ladder that does not parse THEN refused with the ladder problem', async () => {
		const r = await setupServer(h.deps, input({ reminders: '-2xx' }));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error.code).toBe('bad-ladder');
		expect(await h.deps.settings.get(GUILD)).toBeNull();
	});

	it('GIVEN a coordinator role that may be assigned THEN /setup goes ahead', async () => {
		expect((await setupServer(h.deps, input({ coordinatorRoleAssignable: true }))).ok).toBe(true);
	});
});
