import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound } from '../../src/app/answer-round.ts';
import type { Deps } from '../../src/app/deps.ts';
import { addHoliday } from '../../src/app/manage-calendar.ts';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { runReminderSweep } from '../../src/app/reminder-sweep.ts';
import { closeRound, extendRound, remindNow } from '../../src/app/round-deadlines.ts';
import type { Unit } from '../../src/domain/model.ts';
import {
	type AppHarness,
	coordinator,
	createAppHarness,
	GUILD,
	hanoi,
	member,
	REPORT_CHANNEL,
	seedServer,
} from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];

const hn = hanoi;

async function setUp(opts: { reminders?: string } = {}) {
	units = await seedServer(h.deps, opts);
}

async function openRound(
	deadline: string,
	extra: { reminders?: string; silence?: 'none' | 'consent'; late?: 'accept' | 'refuse' } = {},
) {
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Rà soát lần 2',
		deadline,
		...extra,
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: created.value.round.code });
	return created.value.round;
}

async function answer(deps: Deps, unit: Unit, kind: 'agree' | 'comment' = 'agree') {
	const r = await answerRound(deps, {
		guildId: GUILD,
		actor: member([unit.roleId]),
		round: { ref: 'R1' },
		unit: null,
		answer: kind,
		text: kind === 'comment' ? 'Ý kiến' : undefined,
	});
	if (!r.ok) throw new Error(JSON.stringify(r.error));
}

const reminded = () => h.notifier.reminders.map((r) => `${r.view.unit.code}:${r.view.kind}`).sort();
const notices = () => h.notifier.notices.map((n) => n.notice.kind);

beforeEach(async () => {
	// Friday 10/09/2021, 16:00 in Hà Nội: rounds are published before their first reminder step.
	h = await createAppHarness(hn('2021-09-10 16:00'));
});
afterEach(async () => {
	await h.close();
});

describe('reminder sweep with a manual clock', () => {
	it('GIVEN 9 units, 6 answered, deadline in 2 working days WHEN the clock reaches the first step THEN exactly the 3 pending units are reminded; WHEN the sweep runs again THEN nothing is sent', async () => {
		await setUp();
		// Deadline Wednesday 15/09 17:00: the default ladder's -2wd step is Monday 13/09 08:00.
		await openRound('15/09/2021 17:00');
		for (const u of units.slice(0, 6)) await answer(h.deps, u);
		h.clock.set(hn('2021-09-13 07:59'));
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
		h.clock.set(hn('2021-09-13 08:00'));
		const first = await runReminderSweep(h.deps);
		expect(first.sent.map((s) => `${s.unit}:${s.step}`).sort()).toEqual(['PPCD:-2wd', 'TKXHMT:-2wd', 'TTDL:-2wd']);
		expect(reminded()).toEqual(['PPCD:before', 'TKXHMT:before', 'TTDL:before']);
		const again = await runReminderSweep(h.deps);
		expect(again.sent).toEqual([]);
		expect(h.notifier.reminders).toHaveLength(3);
	});

	it('GIVEN a unit that answers after the first reminder WHEN the next steps come THEN it is never reminded again', async () => {
		await setUp();
		await openRound('15/09/2021 17:00');
		for (const u of units.slice(0, 6)) await answer(h.deps, u);
		h.clock.set(hn('2021-09-13 08:00'));
		await runReminderSweep(h.deps);
		await answer(h.deps, units[6]!);
		h.clock.set(hn('2021-09-15 08:00')); // -0wd: the morning of the deadline day
		const second = await runReminderSweep(h.deps);
		expect(second.sent.map((s) => `${s.unit}:${s.step}`).sort()).toEqual(['PPCD:-0wd', 'TTDL:-0wd']);
	});

	it('GIVEN the deadline passes with units missing WHEN the after-step comes THEN the units are reminded, coordinators get one escalation and one deadline summary', async () => {
		await setUp();
		await openRound('15/09/2021 17:00');
		for (const u of units.slice(0, 7)) await answer(h.deps, u);
		h.clock.set(hn('2021-09-15 17:00'));
		await runReminderSweep(h.deps);
		expect(notices()).toEqual(['deadline']);
		h.clock.set(hn('2021-09-16 08:00')); // +1wd
		const after = await runReminderSweep(h.deps);
		expect(after.sent.map((s) => `${s.unit}:${s.step}`).sort()).toEqual(['PPCD:+1wd', 'TTDL:+1wd']);
		expect(reminded().filter((r) => r.endsWith(':after'))).toEqual(['PPCD:after', 'TTDL:after']);
		expect(notices()).toEqual(['deadline', 'escalation']);
		await runReminderSweep(h.deps);
		h.clock.set(hn('2021-09-16 10:00'));
		await runReminderSweep(h.deps);
		expect(notices()).toEqual(['deadline', 'escalation']);
		expect(h.notifier.notices.every((n) => n.channelId === REPORT_CHANNEL)).toBe(true);
	});

	it('GIVEN the bot was down over two steps WHEN it comes back THEN only the latest step is sent and the missed one is skipped', async () => {
		await setUp();
		await openRound('15/09/2021 17:00');
		h.clock.set(hn('2021-09-15 09:00')); // both -2wd (13/09) and -0wd (15/09 08:00) are due
		const report = await runReminderSweep(h.deps);
		expect(new Set(report.sent.map((s) => s.step))).toEqual(new Set(['-0wd']));
		expect(report.sent).toHaveLength(9);
		expect(new Set(report.skipped.map((s) => s.step))).toEqual(new Set(['-2wd']));
		const again = await runReminderSweep(h.deps);
		expect(again.sent).toEqual([]);
		expect(again.skipped).toEqual([]);
	});

	it('GIVEN a holiday inside the ladder WHEN working days are counted THEN it is skipped and the step moves to the working day before', async () => {
		await setUp();
		await addHoliday(h.deps, { guildId: GUILD, actor: coordinator(), date: '2021-09-14', name: 'Nghỉ bù' });
		// Deadline Thursday 16/09: two working days before is Monday 13/09, because Tuesday is a holiday.
		await openRound('16/09/2021 17:00');
		h.clock.set(hn('2021-09-13 07:59'));
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
		h.clock.set(hn('2021-09-13 08:00'));
		expect(new Set((await runReminderSweep(h.deps)).sent.map((s) => s.step))).toEqual(new Set(['-2wd']));
		h.clock.set(hn('2021-09-14 09:00'));
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
	});

	it('GIVEN a step due in the night WHEN the sweep runs at night THEN units are reminded at the next start of office hours', async () => {
		await setUp();
		await openRound('15/09/2021 17:00', { reminders: '-20h' }); // Tuesday 21:00
		h.clock.set(hn('2021-09-14 21:00'));
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
		h.clock.set(hn('2021-09-15 07:59'));
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
		h.clock.set(hn('2021-09-15 08:00'));
		expect((await runReminderSweep(h.deps)).sent).toHaveLength(9);
	});

	it('GIVEN a reminder that cannot be posted WHEN swept THEN the failure is recorded, reported once, retried with back-off, and sent when the channel works again', async () => {
		await setUp();
		await openRound('15/09/2021 17:00');
		for (const u of units.slice(1)) await answer(h.deps, u);
		h.notifier.failing.set(units[0]!.channelId, { ok: false, reason: 'missing-permission', detail: '50013' });
		h.clock.set(hn('2021-09-13 08:00'));
		const first = await runReminderSweep(h.deps);
		expect(first.failed.map((f) => f.unit)).toEqual(['HTTKQG']);
		expect(notices()).toEqual(['failure']);
		h.clock.advance(30_000); // back-off not over yet
		expect((await runReminderSweep(h.deps)).failed).toEqual([]);
		h.clock.advance(60_000);
		expect((await runReminderSweep(h.deps)).failed.map((f) => f.unit)).toEqual(['HTTKQG']);
		expect(notices()).toEqual(['failure']);
		h.notifier.failing.clear();
		h.clock.advance(10 * 60_000);
		const fixed = await runReminderSweep(h.deps);
		expect(fixed.sent.map((s) => `${s.unit}:${s.step}`)).toEqual(['HTTKQG:-2wd']);
		expect(h.notifier.reminders).toHaveLength(1);
		const row = (await h.deps.outbox.reminderDispatches(1)).find((d) => d.unitId === units[0]!.id);
		expect(row?.status).toBe('sent');
		expect(row?.attempts).toBe(3);
	});

	it('GIVEN the last unit answers WHEN recorded THEN the complete summary is posted once', async () => {
		await setUp();
		await openRound('15/09/2021 17:00');
		for (const u of units) await answer(h.deps, u);
		expect(notices()).toEqual(['complete']);
		await answer(h.deps, units[0]!, 'comment');
		h.clock.set(hn('2021-09-15 17:30'));
		await runReminderSweep(h.deps);
		expect(notices()).toEqual(['complete']);
	});

	it('GIVEN an extended deadline WHEN the sweep runs THEN remaining steps follow the new deadline and sent ones are not repeated', async () => {
		await setUp();
		await openRound('15/09/2021 17:00');
		h.clock.set(hn('2021-09-13 08:00'));
		await runReminderSweep(h.deps); // -2wd sent to all 9
		const extended = await extendRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			deadline: '22/09/2021 17:00',
		});
		expect(extended.ok && extended.value.told).toHaveLength(9);
		expect(reminded().filter((r) => r.endsWith(':extended'))).toHaveLength(9);
		h.clock.set(hn('2021-09-20 08:00')); // -2wd of the new deadline: already sent, not repeated
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
		h.clock.set(hn('2021-09-22 08:00')); // -0wd of the new deadline
		expect((await runReminderSweep(h.deps)).sent).toHaveLength(9);
		h.clock.set(hn('2021-09-15 17:00'));
		const bad = await extendRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			deadline: '21/09/2021 17:00',
		});
		expect(bad.ok ? 'ok' : bad.error.code).toBe('deadline-not-later');
	});

	it('GIVEN silence means consent WHEN the round is closed THEN silent units count as agreed by silence, apart from those who agreed', async () => {
		await setUp();
		await openRound('15/09/2021 17:00', { silence: 'consent' });
		for (const u of units.slice(0, 5)) await answer(h.deps, u);
		await answer(h.deps, units[5]!, 'comment');
		const closed = await closeRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(closed.ok && closed.value.silent.map((u) => u.code)).toEqual(['PPCD', 'TKXHMT', 'TTDL']);
		const final = h.notifier.notices.find((n) => n.notice.kind === 'final');
		const counts = final?.notice.rows.map((r) => r.current?.answer ?? 'none');
		expect(counts?.filter((a) => a === 'agree')).toHaveLength(5);
		expect(counts?.filter((a) => a === 'silence')).toHaveLength(3);
		const late = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([units[8]!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'agree',
		});
		expect(late.ok ? 'ok' : late.error.code).toBe('round-closed');
		expect((await runReminderSweep(h.deps)).rounds).toBe(0);
	});

	it('GIVEN late answers are refused WHEN a unit answers after the deadline THEN it is told so and nothing is saved', async () => {
		await setUp();
		await openRound('15/09/2021 17:00', { late: 'refuse' });
		h.clock.set(hn('2021-09-15 17:01'));
		const r = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'agree',
		});
		expect(r.ok ? 'ok' : r.error.code).toBe('late-refused');
		expect((await h.deps.answers.current(1)).size).toBe(0);
	});

	it('GIVEN /round remind twice within the hour WHEN run THEN pending units are reminded once and the second reply says who was skipped', async () => {
		await setUp();
		await openRound('15/09/2021 17:00');
		for (const u of units.slice(0, 7)) await answer(h.deps, u);
		h.clock.set(hn('2021-09-14 10:00'));
		const first = await remindNow(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(first.ok && first.value.reminded.map((u) => u.code)).toEqual(['PPCD', 'TTDL']);
		h.clock.advance(30 * 60_000);
		const second = await remindNow(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(second.ok && second.value.reminded).toEqual([]);
		expect(second.ok && second.value.tooSoon.map((u) => u.code)).toEqual(['PPCD', 'TTDL']);
		h.clock.advance(31 * 60_000);
		const third = await remindNow(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(third.ok && third.value.reminded).toHaveLength(2);
	});

	it('GIVEN an invalid ladder WHEN a round is created THEN it is refused naming the bad step', async () => {
		await setUp();
		const r = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'T',
			deadline: '15/09/2021 17:00',
			reminders: '-2wd, soon',
		});
		expect(r.ok ? 'ok' : r.error).toEqual({ code: 'bad-ladder', token: 'soon' });
	});

	it('GIVEN two bot processes sharing one database WHEN both sweep at the same moment THEN each reminder is sent exactly once', async () => {
		await setUp();
		await openRound('15/09/2021 17:00');
		const out = path.join(mkdtempSync(path.join(tmpdir(), 'gopy-sweep-')), 'posts.jsonl');
		writeFileSync(out, '');
		const script = path.resolve(import.meta.dirname, '../support/sweep-process.ts');
		const run = async () =>
			(
				await promisify(execFile)(
					process.execPath,
					['--import', import.meta.resolve('tsx'), script, h.url, hn('2021-09-13 08:00'), out],
					{ timeout: 60_000 },
				)
			).stdout;
		const reports = (await Promise.all([run(), run()])).map((s) => JSON.parse(s) as { sent: unknown[] });
		const posts = readFileSync(out, 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as { kind: string; unit: string });
		const reminders = posts.filter((p) => p.kind === 'reminder').map((p) => p.unit);
		expect(reminders.sort()).toEqual(units.map((u) => u.code).sort());
		expect((reports[0]?.sent.length ?? 0) + (reports[1]?.sent.length ?? 0)).toBe(9);
		expect((await h.deps.outbox.reminderDispatches(1)).filter((d) => d.status === 'sent')).toHaveLength(9);
	});
});
