import { describe, expect, it } from 'vitest';
import { isCoordinator, requireCoordinator } from '../../src/app/access.ts';
import type { Deps } from '../../src/app/deps.ts';
import type { FileBlob, ReminderRecord } from '../../src/app/ports.ts';
import { postPublicCopy } from '../../src/app/public-copy.ts';
import { answerFile, databaseReachable, roundChoices, serverLanguage, unitChoices } from '../../src/app/queries.ts';
import { retryDelayMs } from '../../src/app/retry.ts';
import { reminderMarks } from '../../src/app/status-picture.ts';
import { loadWorkCalendar } from '../../src/app/work-calendar.ts';
import type { Actor, Round, ServerSettings, Unit } from '../../src/domain/model.ts';
import type { CalendarEntry } from '../../src/domain/time/public-holidays.ts';
import { RecordingNotifier } from '../support/app-harness.ts';

// Small use-case helpers read through stub ports: what they ask the store for, and what they make of the answer.

const G = '1000';
const COORD = '2000';

const settings = (over: Partial<ServerSettings> = {}): ServerSettings => ({
	guildId: G,
	coordinatorRoleId: COORD,
	reportChannelId: '3000',
	language: 'en',
	timezone: 'Asia/Ho_Chi_Minh',
	officeHours: '08:00-17:00',
	workingDays: 'mon-fri',
	reminderLadder: '-1wd@08:00',
	sender: '',
	...over,
});

const actor = (roleIds: string[], canManageGuild = false): Actor => ({
	userId: '9',
	userName: 'Someone',
	roleIds,
	canManageGuild,
});

const unit = (id: number, roleId: string): Unit => ({
	id,
	guildId: G,
	code: `U${id}`,
	name: `Unit ${id}`,
	kind: 'department',
	channelId: `c${id}`,
	roleId,
	archived: false,
});

/** Deps whose settings store holds `stored` for server G (nothing for others) and records every read. */
function stubDeps(stored: ServerSettings | null, more: Record<string, unknown> = {}) {
	const reads: Array<string | null> = [];
	const deps = {
		settings: {
			get: (guildId: string | null) => {
				reads.push(guildId);
				return Promise.resolve(guildId === G ? stored : null);
			},
		},
		...more,
	} as unknown as Deps;
	return { deps, reads };
}

describe('who may coordinate', () => {
	it('GIVEN a member holding the coordinator role, or Manage Server without it THEN each may coordinate', () => {
		expect(isCoordinator(actor([COORD]), settings())).toBe(true);
		expect(isCoordinator(actor([], true), settings())).toBe(true);
		expect(isCoordinator(actor([], true), null)).toBe(true);
	});

	it('GIVEN a member with other roles, or any member before /setup THEN they may not coordinate', () => {
		expect(isCoordinator(actor(['1']), settings())).toBe(false);
		expect(isCoordinator(actor([COORD]), null)).toBe(false);
	});

	it('GIVEN a server not set up WHEN Manage Server asks THEN "not set up"; WHEN a plain member asks THEN "not coordinator"', async () => {
		const { deps } = stubDeps(null);
		expect(await requireCoordinator(deps, G, actor([], true))).toEqual({ ok: false, error: { code: 'not-set-up' } });
		expect(await requireCoordinator(deps, G, actor([COORD]))).toEqual({
			ok: false,
			error: { code: 'not-coordinator' },
		});
	});

	it('GIVEN a set-up server WHEN its coordinator asks THEN the settings come back; WHEN another member asks THEN refused', async () => {
		const { deps } = stubDeps(settings());
		expect(await requireCoordinator(deps, G, actor([COORD]))).toEqual({ ok: true, value: settings() });
		expect(await requireCoordinator(deps, G, actor(['1']))).toEqual({ ok: false, error: { code: 'not-coordinator' } });
	});
});

describe('retry back-off', () => {
	it('GIVEN 1, 2, 3, 4 failed attempts THEN the next try waits 1, 2, 4, 8 minutes', () => {
		expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
	});

	it('GIVEN no attempt counted yet THEN one minute; GIVEN many attempts THEN never more than an hour', () => {
		expect(retryDelayMs(0)).toBe(60_000);
		expect(retryDelayMs(6)).toBe(32 * 60_000);
		expect(retryDelayMs(7)).toBe(60 * 60_000);
		expect(retryDelayMs(40)).toBe(60 * 60_000);
	});
});

describe('small reads for the Discord layer', () => {
	it('GIVEN no server (a DM) THEN Vietnamese, without reading settings; GIVEN a server not set up THEN Vietnamese; GIVEN English settings THEN English', async () => {
		const { deps, reads } = stubDeps(settings({ language: 'en' }));
		expect(await serverLanguage(deps, null)).toBe('vi');
		expect(reads).toEqual([]);
		expect(await serverLanguage(deps, '777')).toBe('vi');
		expect(await serverLanguage(deps, G)).toBe('en');
	});

	it('GIVEN the store answers a ping and holds a file THEN both are passed on as they are', async () => {
		const blob: FileBlob = { name: 'y-kien.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') };
		const asked: number[] = [];
		const { deps } = stubDeps(null, {
			audit: { ping: () => Promise.resolve(true) },
			answers: {
				file: (id: number) => {
					asked.push(id);
					return Promise.resolve(id === 7 ? blob : null);
				},
			},
		});
		expect(await databaseReachable(deps)).toBe(true);
		expect(await answerFile(deps, 7)).toBe(blob);
		expect(await answerFile(deps, 8)).toBeNull();
		expect(asked).toEqual([7, 8]);
	});

	it('GIVEN a coordinator WHEN rounds are suggested THEN the 25 most recent of the server; GIVEN a plain member THEN none', async () => {
		const listed: unknown[] = [];
		const rounds = [{ id: 1, code: 'R1' }] as unknown as Round[];
		const { deps } = stubDeps(settings(), {
			rounds: {
				list: (guildId: string, opts: unknown) => {
					listed.push([guildId, opts]);
					return Promise.resolve(rounds);
				},
			},
		});
		expect(await roundChoices(deps, G, actor([COORD]), 'coordinator')).toBe(rounds);
		expect(listed).toEqual([[G, { limit: 25 }]]);
		expect(await roundChoices(deps, G, actor(['1']), 'coordinator')).toEqual([]);
		expect(listed).toHaveLength(1);
	});

	it('GIVEN a member WHEN rounds are suggested THEN the open rounds addressing one of their units, whatever their coordinator rights', async () => {
		const listed: unknown[] = [];
		const r1 = { id: 1, code: 'R1' } as Round;
		const r2 = { id: 2, code: 'R2' } as Round;
		const { deps } = stubDeps(settings(), {
			rounds: {
				list: (guildId: string, opts: unknown) => {
					listed.push([guildId, opts]);
					return Promise.resolve([r1, r2]);
				},
				targets: (id: number) => Promise.resolve([{ unit: unit(id, id === 2 ? 'r2' : 'r1') }]),
			},
		});
		expect(await roundChoices(deps, G, actor(['r2']), 'member')).toEqual([r2]);
		expect(await roundChoices(deps, G, actor([COORD, 'r1']), 'member')).toEqual([r1]);
		expect(listed).toEqual([
			[G, { states: ['open'], limit: 25 }],
			[G, { states: ['open'], limit: 25 }],
		]);
	});

	it('GIVEN units of two roles THEN a coordinator is offered all, a member with "own" only theirs, a member as coordinator none', async () => {
		const units = [unit(1, 'r1'), unit(2, 'r2')];
		const { deps } = stubDeps(settings(), { units: { list: () => Promise.resolve(units) } });
		expect(await unitChoices(deps, G, actor([COORD]), 'coordinator')).toEqual(units);
		expect(await unitChoices(deps, G, actor(['r2']), 'own')).toEqual([units[1]]);
		expect(await unitChoices(deps, G, actor(['r2']), 'coordinator')).toEqual([]);
		expect(await unitChoices(deps, G, actor([COORD]), 'own')).toEqual([]);
	});
});

describe('public copy of a reply', () => {
	it('GIVEN a writable channel WHEN a report is copied with its file THEN text and file are posted and it says so', async () => {
		const notifier = new RecordingNotifier();
		const file: FileBlob = { name: 'r.xlsx', contentType: 'application/octet-stream', data: Buffer.from('x') };
		const deps = { notifier } as unknown as Deps;
		expect(await postPublicCopy(deps, 'ch', 'Báo cáo', [file])).toBe(true);
		expect(notifier.texts).toEqual([{ channelId: 'ch', content: 'Báo cáo', files: [file], pingRoles: [] }]);
	});

	it('GIVEN a channel the bot cannot write to THEN it says the copy was not posted', async () => {
		const notifier = new RecordingNotifier();
		notifier.failing.set('ch', { ok: false, reason: 'missing-permission', detail: '403' });
		expect(await postPublicCopy({ notifier } as unknown as Deps, 'ch', 'Báo cáo', [])).toBe(false);
	});
});

describe('reminder marks of the status picture', () => {
	it('GIVEN reminders sent, pending, failed, and sent without a time THEN only the sent ones with their time are marked', async () => {
		const at = new Date('2021-09-13T01:00:00Z');
		const rec = (step: string, status: string, sentAt: Date | null) => ({ step, status, sentAt }) as ReminderRecord;
		const deps = {
			outbox: {
				reminderDispatches: (roundId: number) =>
					Promise.resolve(
						roundId === 5
							? [rec('-2wd', 'sent', at), rec('-1wd', 'pending', null), rec('0', 'failed', at), rec('+1', 'sent', null)]
							: [],
					),
			},
		} as unknown as Deps;
		expect(await reminderMarks(deps, 5)).toEqual([{ step: '-2wd', at }]);
	});
});

describe("a server's working calendar", () => {
	const entries: CalendarEntry[] = [
		{ date: '2021-09-06', name: 'Nghỉ bù', kind: 'off' },
		{ date: '2021-09-11', name: 'Làm bù', kind: 'work' },
		{ date: '2021-09-02', name: '', kind: 'dismissed' },
	];
	const calendarDeps = (list: CalendarEntry[]) => {
		const asked: string[] = [];
		const deps = {
			calendar: {
				holidays: (guildId: string) => {
					asked.push(guildId);
					return Promise.resolve(list);
				},
			},
		} as unknown as Deps;
		return { deps, asked };
	};

	it("GIVEN Vietnam's zone and each kind of change THEN days off, working days and dismissed holidays each land in their own set, with the built-in holidays", async () => {
		const { deps, asked } = calendarDeps(entries);
		const cal = await loadWorkCalendar(deps, settings({ officeHours: '07:30-16:30', workingDays: 'mon-sat' }));
		expect(asked).toEqual([G]);
		expect(cal.zone).toBe('Asia/Ho_Chi_Minh');
		expect(cal.officeStart).toEqual({ h: 7, m: 30 });
		expect(cal.officeEnd).toEqual({ h: 16, m: 30 });
		expect([...cal.workingDays].sort()).toEqual([1, 2, 3, 4, 5, 6]);
		expect([...cal.holidays]).toEqual(['2021-09-06']);
		expect([...(cal.workdays ?? [])]).toEqual(['2021-09-11']);
		expect([...(cal.dismissed ?? [])]).toEqual(['2021-09-02']);
		expect(cal.publicHolidays?.(2021).has('2021-09-02')).toBe(true);
		expect(cal.publicHolidays?.(2022).has('2022-09-02')).toBe(true);
	});

	it('GIVEN a zone without built-in holidays THEN the calendar has none and nothing dismissed', async () => {
		const { deps } = calendarDeps(entries);
		const cal = await loadWorkCalendar(deps, settings({ timezone: 'Europe/Paris' }));
		expect(cal.publicHolidays).toBeUndefined();
		expect(cal.dismissed).toBeUndefined();
		expect([...cal.holidays]).toEqual(['2021-09-06']);
	});

	it('GIVEN settings edited by hand into nonsense THEN loading the calendar throws, naming the server', async () => {
		const { deps } = calendarDeps([]);
		await expect(loadWorkCalendar(deps, settings({ officeHours: 'soon' }))).rejects.toThrow(
			/^invalid calendar settings for 1000: \{"field":"officeHours"/,
		);
	});
});
