import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound } from '../../src/app/answer-round.ts';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { outboxKeys } from '../../src/app/outbox.ts';
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

// The default ladder -2wd,-0wd,+1wd with a deadline Wednesday 15/09/2021 17:00 in Hà Nội: reminders on Monday 13/09
// 08:00 and Wednesday 15/09 08:00, the after-step (with the escalation) on Thursday 16/09 08:00.
let h: AppHarness;
let units: Unit[];

beforeEach(async () => {
	h = await createAppHarness(hanoi('2021-09-10 16:00'));
	units = await seedServer(h.deps, { count: 3 });
});
afterEach(async () => {
	await h.close();
});

async function openRound(extra: { reminders?: string; title?: string } = {}) {
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: extra.title ?? 'Rà soát lần 2',
		deadline: '15/09/2021 17:00',
		reminders: extra.reminders,
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	const published = await publishRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		round: created.value.round.code,
	});
	if (!published.ok) throw new Error(JSON.stringify(published.error));
	return created.value.round;
}

async function answer(unit: Unit, round = 'R1') {
	const r = await answerRound(h.deps, {
		guildId: GUILD,
		actor: member([unit.roleId]),
		round: { ref: round },
		unit: null,
		answer: 'agree',
	});
	if (!r.ok) throw new Error(JSON.stringify(r.error));
}

function failChannel(unit: Unit) {
	h.notifier.failing.set(unit.channelId, { ok: false, reason: 'missing-permission', detail: '50013' });
}

const notices = () => h.notifier.notices.map((n) => n.notice.kind);

describe('reminder sweep: what it reports', () => {
	it('GIVEN two open rounds, one unit answered in each WHEN the first step comes THEN the report lists exactly what was sent', async () => {
		await openRound();
		await openRound({ title: 'Rà soát khác' });
		await answer(units[0]!, 'R1');
		await answer(units[1]!, 'R2');
		h.clock.set(hanoi('2021-09-13 08:00'));
		const report = await runReminderSweep(h.deps);
		expect(report.rounds).toBe(2);
		expect(report.sent).toEqual([
			{ round: 'R1', unit: 'TKCNXD', step: '-2wd' },
			{ round: 'R1', unit: 'TKNLTS', step: '-2wd' },
			{ round: 'R2', unit: 'HTTKQG', step: '-2wd' },
			{ round: 'R2', unit: 'TKNLTS', step: '-2wd' },
		]);
		expect(report).toMatchObject({ failed: [], skipped: [], escalations: [], summaries: [], delivered: [] });
	});

	it('GIVEN a draft whose post failed at publish WHEN the sweep retries it THEN the report lists it as delivered, not among the reminders', async () => {
		h.notifier.failing.set(units[0]!.channelId, { ok: false, reason: 'other', detail: '503' });
		await openRound();
		h.notifier.failing.clear();
		h.clock.advance(60 * 60_000);
		const report = await runReminderSweep(h.deps);
		expect(report).toMatchObject({ delivered: [{ round: 'R1', unit: 'HTTKQG' }], sent: [], failed: [], summaries: [] });
	});

	it('GIVEN a draft whose post failed at publish WHEN the sweep’s retry fails too THEN it is not reported as delivered', async () => {
		h.notifier.failing.set(units[0]!.channelId, { ok: false, reason: 'other', detail: '503' });
		await openRound();
		h.clock.advance(60 * 60_000);
		const report = await runReminderSweep(h.deps);
		expect(report).toMatchObject({ delivered: [], sent: [], failed: [], summaries: [] });
		expect(h.notifier.drafts.filter((d) => d.view.unit.id === units[0]!.id)).toEqual([]);
	});

	it('GIVEN the deadline summary cannot be posted WHEN swept THEN it is not reported as a summary until it is posted', async () => {
		await openRound();
		h.notifier.failing.set(REPORT_CHANNEL, { ok: false, reason: 'missing-permission', detail: '50013' });
		h.clock.set(hanoi('2021-09-15 17:00'));
		expect((await runReminderSweep(h.deps)).summaries).toEqual([]);
		h.notifier.failing.delete(REPORT_CHANNEL);
		h.clock.advance(60_000);
		expect((await runReminderSweep(h.deps)).summaries).toEqual(['R1:deadline']);
	});

	it('GIVEN one round whose planning breaks WHEN swept THEN the other round is still reminded and the broken one is logged as an error', async () => {
		const broken = await openRound();
		await openRound({ title: 'Rà soát khác' });
		const targets = h.deps.rounds.targets.bind(h.deps.rounds);
		h.deps.rounds.targets = (id) => (id === broken.id ? Promise.reject(new Error('boom')) : targets(id));
		const errors: Array<[string | undefined, Record<string, unknown>]> = [];
		h.deps.log = { info: () => {}, warn: () => {}, error: (obj, msg) => errors.push([msg, obj as never]) };
		h.clock.set(hanoi('2021-09-13 08:00'));
		const report = await runReminderSweep(h.deps);
		expect(report.rounds).toBe(2);
		expect(report.sent.map((s) => `${s.round}:${s.unit}`)).toEqual(['R2:HTTKQG', 'R2:TKCNXD', 'R2:TKNLTS']);
		expect(errors.map(([msg, obj]) => [msg, obj.round, obj.guild, (obj.err as Error).message])).toEqual([
			['sweep failed for a round', 'R1', GUILD, 'boom'],
		]);
	});

	it('GIVEN no open round WHEN swept THEN the report is empty', async () => {
		expect(await runReminderSweep(h.deps)).toEqual({
			rounds: 0,
			sent: [],
			failed: [],
			skipped: [],
			escalations: [],
			summaries: [],
			delivered: [],
		});
	});

	it('GIVEN the deadline passes with a unit pending WHEN swept THEN the report names the deadline summary, then the escalation', async () => {
		await openRound();
		await answer(units[0]!);
		await answer(units[1]!);
		h.clock.set(hanoi('2021-09-15 17:00'));
		const atDeadline = await runReminderSweep(h.deps);
		expect(atDeadline.summaries).toEqual(['R1:deadline']);
		expect(atDeadline.escalations).toEqual([]);
		h.clock.set(hanoi('2021-09-16 08:00'));
		const after = await runReminderSweep(h.deps);
		expect(after.escalations).toEqual(['R1:+1wd']);
		expect(after.sent).toEqual([{ round: 'R1', unit: 'TKNLTS', step: '+1wd' }]);
		expect(after.summaries).toEqual([]);
	});

	it('GIVEN a step skipped while the bot was down WHEN the deadline is extended THEN that step is planned again from the new deadline and sent when it comes', async () => {
		await openRound();
		await answer(units[0]!);
		await answer(units[1]!);
		h.clock.set(hanoi('2021-09-15 09:00'));
		const late = await runReminderSweep(h.deps);
		expect([late.skipped.map((s) => s.step), late.sent.map((s) => s.step)]).toEqual([['-2wd'], ['-0wd']]);
		const extended = await extendRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			deadline: '22/09/2021 17:00',
		});
		expect(extended.ok).toBe(true);
		h.clock.set(hanoi('2021-09-20 08:00')); // -2wd of the new deadline
		expect((await runReminderSweep(h.deps)).sent).toEqual([{ round: 'R1', unit: 'TKNLTS', step: '-2wd' }]);
	});

	it('GIVEN a round published at the very minute its first step falls due WHEN swept THEN that step is still sent: only steps due before the drafts went out are dropped', async () => {
		h.clock.set(hanoi('2021-09-13 08:00')); // -2wd of Wednesday 17:00
		await openRound();
		expect((await runReminderSweep(h.deps)).sent.map((s) => `${s.unit}:${s.step}`)).toEqual([
			'HTTKQG:-2wd',
			'TKCNXD:-2wd',
			'TKNLTS:-2wd',
		]);
	});

	it('GIVEN a missed step WHEN swept THEN the skipped step is reported per unit', async () => {
		await openRound();
		await answer(units[0]!);
		h.clock.set(hanoi('2021-09-15 09:00'));
		const report = await runReminderSweep(h.deps);
		expect(report.skipped).toEqual([
			{ round: 'R1', unit: 'TKCNXD', step: '-2wd' },
			{ round: 'R1', unit: 'TKNLTS', step: '-2wd' },
		]);
		expect(report.sent.map((s) => s.step)).toEqual(['-0wd', '-0wd']);
	});
});

describe('reminder sweep: what it logs', () => {
	it('GIVEN a missed step and a due one WHEN swept THEN each skipped step is logged, then how many reminders were planned and in how long; a quiet sweep logs neither', async () => {
		const lines: Array<[string | undefined, object]> = [];
		h.deps.log = { info: (obj, msg) => lines.push([msg, obj]), warn: () => {}, error: () => {} };
		await openRound();
		await answer(units[0]!);
		h.clock.set(hanoi('2021-09-15 09:00'));
		await runReminderSweep(h.deps);
		const ours = () => lines.filter(([msg]) => msg === 'reminder step skipped' || msg === 'sweep planned');
		expect(ours()).toEqual([
			['reminder step skipped', { round: 'R1', unit: 'TKCNXD', step: '-2wd' }],
			['reminder step skipped', { round: 'R1', unit: 'TKNLTS', step: '-2wd' }],
			// The manual clock stands still: no time passed.
			['sweep planned', { reminders: 2, ms: 0 }],
		]);
		lines.length = 0;
		await runReminderSweep(h.deps);
		expect(ours()).toEqual([]);
	});
});

describe('reminder sweep: deadline and escalation', () => {
	it('GIVEN every unit answered before the after-step WHEN it comes THEN no escalation and no deadline summary, only the complete one', async () => {
		await openRound();
		for (const u of units) await answer(u);
		expect(notices()).toEqual(['complete']);
		h.clock.set(hanoi('2021-09-15 17:00'));
		await runReminderSweep(h.deps);
		h.clock.set(hanoi('2021-09-16 08:00'));
		const report = await runReminderSweep(h.deps);
		expect(report.escalations).toEqual([]);
		expect(report.sent).toEqual([]);
		expect(notices()).toEqual(['complete']);
	});

	it('GIVEN a deadline in the evening WHEN the sweep runs then THEN coordinators get the deadline summary outside office hours but units get no reminder', async () => {
		const created = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Buổi tối',
			deadline: '15/09/2021 20:00',
			reminders: '+10m',
		});
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		h.clock.set(hanoi('2021-09-15 20:00'));
		const report = await runReminderSweep(h.deps);
		expect(report.summaries).toEqual(['R1:deadline']);
		expect(report.sent).toEqual([]);
		h.clock.set(hanoi('2021-09-15 20:10'));
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
		h.clock.set(hanoi('2021-09-16 08:00'));
		const morning = await runReminderSweep(h.deps);
		expect(morning.sent).toHaveLength(3);
		expect(morning.escalations).toEqual(['R1:+10m']);
		expect(h.notifier.notices.map((n) => [n.notice.kind, n.channelId])).toEqual([
			['deadline', REPORT_CHANNEL],
			['escalation', REPORT_CHANNEL],
		]);
	});

	it('GIVEN the bot first runs at night after missing a step WHEN it sweeps at night THEN nothing is recorded; in the morning the missed step is reported skipped and the latest one sent', async () => {
		await openRound();
		h.clock.set(hanoi('2021-09-15 05:00')); // -2wd (Monday 08:00) is due, but the office is closed
		const night = await runReminderSweep(h.deps);
		expect(night).toMatchObject({ sent: [], skipped: [], failed: [] });
		h.clock.set(hanoi('2021-09-15 08:00')); // -0wd
		const morning = await runReminderSweep(h.deps);
		expect(morning.skipped.map((s) => `${s.unit}:${s.step}`)).toEqual(['HTTKQG:-2wd', 'TKCNXD:-2wd', 'TKNLTS:-2wd']);
		expect(morning.sent.map((s) => `${s.unit}:${s.step}`)).toEqual(['HTTKQG:-0wd', 'TKCNXD:-0wd', 'TKNLTS:-0wd']);
		// The missed step is kept in the outbox as skipped, saying why.
		const missed = await h.db.prisma.outboxItem.findMany({ where: { key: { endsWith: ':-2wd' } } });
		expect(missed.map((m) => [m.status, m.error])).toEqual(units.map(() => ['skipped', 'superseded']));
	});

	it('GIVEN a minute before the deadline WHEN swept THEN no deadline summary yet', async () => {
		await openRound();
		h.clock.set(hanoi('2021-09-15 16:59'));
		expect((await runReminderSweep(h.deps)).summaries).toEqual([]);
		expect(notices()).toEqual([]);
	});
});

describe('reminder sweep: the complete summary as a safety net', () => {
	it('GIVEN every unit answered but the bot died before recording the complete summary WHEN swept THEN the sweep posts it', async () => {
		await openRound();
		for (const u of units) await answer(u);
		// As if the process had died between recording the last answer and recording its summary.
		await h.db.prisma.outboxItem.deleteMany({ where: { kind: 'notice' } });
		h.notifier.notices.length = 0;
		const report = await runReminderSweep(h.deps);
		expect(report.summaries).toEqual(['R1:complete']);
		expect(notices()).toEqual(['complete']);
		// Once posted, never again.
		expect((await runReminderSweep(h.deps)).summaries).toEqual([]);
		expect(notices()).toEqual(['complete']);
	});
});

describe('reminder sweep: failures and retries', () => {
	it('GIVEN a channel that keeps failing WHEN swept THEN retries wait 1, 2, 4, 8 … minutes, never more than an hour', async () => {
		await openRound();
		await answer(units[1]!);
		await answer(units[2]!);
		failChannel(units[0]!);
		h.clock.set(hanoi('2021-09-13 08:00'));
		expect((await runReminderSweep(h.deps)).failed).toHaveLength(1);
		for (const expected of [1, 2, 4, 8, 16, 32, 60, 60]) {
			// One second before the back-off ends nothing is retried; at its end exactly one attempt is made.
			h.clock.advance(expected * 60_000 - 1000);
			expect((await runReminderSweep(h.deps)).failed).toEqual([]);
			h.clock.advance(1000);
			const retry = await runReminderSweep(h.deps);
			expect(retry.failed).toEqual([{ round: 'R1', unit: 'HTTKQG', step: '-2wd' }]);
		}
		// Coordinators heard about it once, not at every retry.
		expect(notices()).toEqual(['failure']);
		const row = (await h.deps.outbox.reminderDispatches(1)).find((d) => d.unitId === units[0]!.id);
		expect(row?.attempts).toBe(9);
		expect(row?.status).toBe('failed');
	});

	it("GIVEN the coordinators' news of a failed reminder could not be posted either WHEN the report channel works again THEN the sweep posts it, not counted as a summary or an escalation", async () => {
		await openRound();
		await answer(units[1]!);
		await answer(units[2]!);
		failChannel(units[0]!);
		h.notifier.failing.set(REPORT_CHANNEL, { ok: false, reason: 'missing-permission', detail: '50013' });
		h.clock.set(hanoi('2021-09-13 08:00'));
		expect((await runReminderSweep(h.deps)).failed).toHaveLength(1);
		expect(notices()).toEqual([]);
		h.notifier.failing.delete(REPORT_CHANNEL);
		h.clock.advance(60_000);
		const report = await runReminderSweep(h.deps);
		expect(h.notifier.notices.map((n) => [n.notice.kind, n.notice.unit?.code])).toEqual([['failure', 'HTTKQG']]);
		expect(report).toMatchObject({ summaries: [], escalations: [] });
	});

	it('GIVEN a reminder waiting for its retry WHEN the unit answers before the retry THEN the retry is dropped, reported neither sent nor failed', async () => {
		await openRound();
		await answer(units[1]!);
		await answer(units[2]!);
		failChannel(units[0]!);
		h.clock.set(hanoi('2021-09-13 08:00'));
		expect((await runReminderSweep(h.deps)).failed).toEqual([{ round: 'R1', unit: 'HTTKQG', step: '-2wd' }]);
		await answer(units[0]!);
		h.notifier.failing.clear();
		h.clock.advance(60_000);
		const retry = await runReminderSweep(h.deps);
		expect(retry).toMatchObject({ sent: [], failed: [], skipped: [] });
		expect(h.notifier.reminders).toEqual([]);
		const [row] = await h.deps.outbox.reminderDispatches(1);
		expect(await h.db.prisma.outboxItem.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({
			status: 'skipped',
			error: 'answered',
		});
	});

	it('GIVEN two pending units, one whose channel fails WHEN swept and retried THEN only that one is retried and the other is not reminded twice', async () => {
		await openRound();
		await answer(units[2]!);
		failChannel(units[1]!);
		h.clock.set(hanoi('2021-09-13 08:00'));
		const first = await runReminderSweep(h.deps);
		expect(first.sent).toEqual([{ round: 'R1', unit: 'HTTKQG', step: '-2wd' }]);
		expect(first.failed).toEqual([{ round: 'R1', unit: 'TKCNXD', step: '-2wd' }]);
		h.notifier.failing.clear();
		h.clock.advance(60_000);
		const retry = await runReminderSweep(h.deps);
		expect(retry.sent).toEqual([{ round: 'R1', unit: 'TKCNXD', step: '-2wd' }]);
		expect(retry.failed).toEqual([]);
		expect(h.notifier.reminders.map((r) => r.view.unit.code)).toEqual(['HTTKQG', 'TKCNXD']);
		expect(h.notifier.notices.map((n) => [n.notice.kind, n.notice.unit?.code])).toEqual([['failure', 'TKCNXD']]);
	});

	it('GIVEN a failed reminder WHEN a newer step becomes due THEN the newer one is sent and the old one is never retried', async () => {
		await openRound();
		await answer(units[1]!);
		await answer(units[2]!);
		failChannel(units[0]!);
		h.clock.set(hanoi('2021-09-13 08:00'));
		await runReminderSweep(h.deps);
		h.notifier.failing.clear();
		h.clock.set(hanoi('2021-09-15 08:00'));
		const report = await runReminderSweep(h.deps);
		expect(report.sent).toEqual([{ round: 'R1', unit: 'HTTKQG', step: '-0wd' }]);
		h.clock.advance(2 * 60 * 60_000);
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
		expect(h.notifier.reminders.map((r) => [r.view.unit.code, r.view.kind])).toEqual([['HTTKQG', 'before']]);
	});

	it("GIVEN a coordinator's reminder that failed and then a ladder step that failed too WHEN the channel is fixed and the coordinator presses again within the hour THEN the unit is reminded at once: a ladder step does not replace a coordinator's reminder", async () => {
		await openRound();
		await answer(units[1]!);
		await answer(units[2]!);
		failChannel(units[0]!);
		h.clock.set(hanoi('2021-09-13 08:00'));
		const remind = () => remindNow(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const first = await remind();
		expect(first.ok && first.value.failed.map((f) => f.unit.code)).toEqual(['HTTKQG']);
		h.clock.set(hanoi('2021-09-13 08:01'));
		expect((await runReminderSweep(h.deps)).failed).toEqual([{ round: 'R1', unit: 'HTTKQG', step: '-2wd' }]);
		h.notifier.failing.clear();
		h.clock.set(hanoi('2021-09-13 08:30'));
		const again = await remind();
		expect(again.ok && [again.value.reminded.map((u) => u.code), again.value.tooSoon]).toEqual([['HTTKQG'], []]);
		expect(h.notifier.reminders.map((r) => [r.view.unit.code, r.view.kind])).toEqual([['HTTKQG', 'manual']]);
	});

	it('GIVEN a sweep that recorded a step and died before sending it WHEN the next step is due THEN only the newer reminder goes out', async () => {
		const round = await openRound();
		await answer(units[1]!);
		await answer(units[2]!);
		const unit = units[0]!;
		h.clock.set(hanoi('2021-09-13 08:00'));
		await h.deps.outbox.add([
			{
				kind: 'reminder',
				guildId: GUILD,
				roundId: round.id,
				unitId: unit.id,
				key: outboxKeys.reminder(round.id, unit.id, '-2wd'),
				channelId: unit.channelId,
				payload: { step: '-2wd', reminder: 'before' },
				dueAt: h.clock.now(),
			},
		]);
		h.clock.set(hanoi('2021-09-15 08:00'));
		const report = await runReminderSweep(h.deps);
		expect(report.sent).toEqual([{ round: 'R1', unit: 'HTTKQG', step: '-0wd' }]);
		expect(h.notifier.reminders.map((r) => r.view.unit.code)).toEqual(['HTTKQG']);
	});

	it('GIVEN a failed before-deadline reminder WHEN its retry comes after the deadline THEN it is dropped, not sent late', async () => {
		await openRound({ reminders: '-1h' });
		await answer(units[1]!);
		await answer(units[2]!);
		failChannel(units[0]!);
		h.clock.set(hanoi('2021-09-15 16:00'));
		expect((await runReminderSweep(h.deps)).failed).toHaveLength(1);
		h.notifier.failing.clear();
		h.clock.set(hanoi('2021-09-15 17:00'));
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
		h.clock.set(hanoi('2021-09-16 09:00'));
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
		expect(h.notifier.reminders).toEqual([]);
	});

	it('GIVEN a failed after-deadline reminder WHEN its retry comes THEN it is sent as an after-deadline reminder', async () => {
		await openRound({ reminders: '+1h' });
		await answer(units[1]!);
		await answer(units[2]!);
		failChannel(units[0]!);
		h.clock.set(hanoi('2021-09-15 17:00'));
		await runReminderSweep(h.deps);
		h.clock.set(hanoi('2021-09-16 08:00'));
		expect((await runReminderSweep(h.deps)).failed).toHaveLength(1);
		h.notifier.failing.clear();
		h.clock.advance(60_000);
		expect((await runReminderSweep(h.deps)).sent).toEqual([{ round: 'R1', unit: 'HTTKQG', step: '+1h' }]);
		expect(h.notifier.reminders.map((r) => r.view.kind)).toEqual(['after']);
	});
});

describe('reminder sweep: retries and office hours', () => {
	it.each([
		// An after-step at 16:59 (deadline 16:00 + 59 minutes), a before-step at 16:59 (deadline 09:00 the next day).
		['after-deadline', 'after', '15/09/2021 16:00', '+59m'],
		['before-deadline', 'before', '16/09/2021 09:00', '-961m'],
	] as const)(
		'GIVEN a failed %s reminder WHEN its retry falls after office hours THEN it waits for the next morning',
		async (_name, kind, deadline, step) => {
			const created = await createRound(h.deps, {
				guildId: GUILD,
				actor: coordinator(),
				title: 'Chiều',
				deadline,
				reminders: step,
			});
			if (!created.ok) throw new Error(JSON.stringify(created.error));
			await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
			await answer(units[1]!);
			await answer(units[2]!);
			failChannel(units[0]!);
			h.clock.set(hanoi('2021-09-15 16:59'));
			expect((await runReminderSweep(h.deps)).failed).toEqual([{ round: 'R1', unit: 'HTTKQG', step }]);
			h.notifier.failing.clear();
			h.clock.set(hanoi('2021-09-15 17:05')); // its retry time has come, the office has closed
			expect((await runReminderSweep(h.deps)).sent).toEqual([]);
			expect(h.notifier.reminders).toEqual([]);
			h.clock.set(hanoi('2021-09-16 08:00'));
			expect((await runReminderSweep(h.deps)).sent).toEqual([{ round: 'R1', unit: 'HTTKQG', step }]);
			expect(h.notifier.reminders.map((r) => r.view.kind)).toEqual([kind]);
		},
	);

	it('GIVEN a unit reminded at one step and still failing at the next WHEN a newer step comes THEN the one waiting for a retry is set aside as superseded, the one sent stays sent, and only the newest goes out', async () => {
		await openRound();
		await answer(units[2]!);
		h.clock.set(hanoi('2021-09-13 08:00')); // -2wd: both pending units reminded
		expect((await runReminderSweep(h.deps)).sent).toHaveLength(2);
		failChannel(units[1]!);
		h.clock.set(hanoi('2021-09-15 08:00')); // -0wd: the second unit's channel fails
		expect((await runReminderSweep(h.deps)).failed).toEqual([{ round: 'R1', unit: 'TKCNXD', step: '-0wd' }]);
		h.notifier.failing.clear();
		h.clock.set(hanoi('2021-09-16 08:00')); // +1wd comes before the failed -0wd is retried
		const report = await runReminderSweep(h.deps);
		expect(report.sent.map((s) => `${s.unit}:${s.step}`)).toEqual(['HTTKQG:+1wd', 'TKCNXD:+1wd']);
		const rows = (await h.deps.outbox.reminderDispatches(1)).filter((d) => d.unitId === units[1]!.id);
		const stored = await h.db.prisma.outboxItem.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
		expect(stored.map((r) => [r.key.split(':').at(-1), r.status, r.error]).sort()).toEqual([
			['+1wd', 'sent', null],
			['-0wd', 'skipped', 'superseded'],
			['-2wd', 'sent', null],
		]);
	});

	it('GIVEN an older step being posted by another process at that moment WHEN a newer step comes THEN the older one is left to its sender, not set aside', async () => {
		await openRound();
		await answer(units[1]!);
		await answer(units[2]!);
		failChannel(units[0]!);
		h.clock.set(hanoi('2021-09-15 08:00')); // -0wd fails
		expect((await runReminderSweep(h.deps)).failed).toHaveLength(1);
		h.notifier.failing.clear();
		const older = (await h.deps.outbox.reminderDispatches(1)).find((d) => d.status === 'failed');
		// Another process claimed its retry and is posting it (its lease runs for another hour).
		h.clock.set(hanoi('2021-09-16 08:00'));
		await h.db.prisma.outboxItem.update({
			where: { id: older!.id },
			data: { status: 'sending', leaseUntil: new Date(h.clock.now().getTime() + 3_600_000) },
		});
		await runReminderSweep(h.deps); // +1wd
		const row = await h.db.prisma.outboxItem.findUniqueOrThrow({ where: { id: older!.id } });
		expect([row.key.split(':').at(-1), row.status, row.error]).toEqual([
			'-0wd',
			'sending',
			expect.not.stringMatching(/superseded/),
		]);
	});

	it('GIVEN /round remind recorded its reminder and died before posting it WHEN the sweep runs after office hours THEN it goes out then, not listed among the ladder reminders', async () => {
		const round = await openRound();
		await answer(units[1]!);
		await answer(units[2]!);
		h.clock.set(hanoi('2021-09-14 18:00'));
		const unit = units[0]!;
		await h.deps.outbox.enqueue([
			{
				key: outboxKeys.reminder(round.id, unit.id, 'manual:1'),
				kind: 'reminder',
				guildId: GUILD,
				roundId: round.id,
				unitId: unit.id,
				channelId: unit.channelId,
				payload: { step: 'manual:1', reminder: 'manual' },
				dueAt: h.clock.now(),
			},
		]);
		const report = await runReminderSweep(h.deps);
		expect(h.notifier.reminders.map((r) => [r.view.unit.code, r.view.kind])).toEqual([['HTTKQG', 'manual']]);
		expect(report).toMatchObject({ sent: [], failed: [], skipped: [] });
	});
});

describe('reminder sweep: the final summary of a closed round', () => {
	it('GIVEN the final summary failed at close WHEN the report channel works again days later THEN the sweep posts it, once', async () => {
		await openRound();
		h.clock.set(hanoi('2021-09-14 10:00'));
		h.notifier.failing.set(REPORT_CHANNEL, { ok: false, reason: 'missing-permission', detail: '50013' });
		const closed = await closeRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(closed.ok).toBe(true);
		h.notifier.failing.clear();
		h.clock.advance(6 * 24 * 60 * 60_000);
		const report = await runReminderSweep(h.deps);
		expect(report.summaries).toEqual(['R1:final']);
		expect(notices()).toEqual(['final']);
		await runReminderSweep(h.deps);
		expect(notices()).toEqual(['final']);
	});

	/** What a /round close leaves when its process dies right after closing, before recording the final summary. */
	async function closedWithoutSummary() {
		const round = await openRound();
		h.clock.set(hanoi('2021-09-14 10:00'));
		expect(await h.deps.rounds.close(round.id, h.clock.now(), [], { guildId: GUILD, action: 'round.close' })).toBe(
			true,
		);
	}

	it('GIVEN a round closed exactly a week ago whose final summary was never recorded WHEN swept THEN the sweep posts it', async () => {
		await closedWithoutSummary();
		h.clock.advance(7 * 24 * 60 * 60_000);
		expect((await runReminderSweep(h.deps)).summaries).toEqual(['R1:final']);
		expect(h.notifier.notices.map((n) => [n.notice.kind, n.channelId])).toEqual([['final', REPORT_CHANNEL]]);
	});

	it('GIVEN a round closed more than a week ago whose final summary was never recorded WHEN swept THEN it is stale: nothing is posted', async () => {
		await closedWithoutSummary();
		h.clock.advance(7 * 24 * 60 * 60_000 + 60_000);
		expect((await runReminderSweep(h.deps)).summaries).toEqual([]);
		expect(notices()).toEqual([]);
	});

	it('GIVEN a final summary the sweep recorded late and could not post WHEN the report channel works again more than a week after the close THEN it is posted and reported', async () => {
		await closedWithoutSummary();
		h.notifier.failing.set(REPORT_CHANNEL, { ok: false, reason: 'missing-permission', detail: '50013' });
		h.clock.advance(6 * 24 * 60 * 60_000);
		expect((await runReminderSweep(h.deps)).summaries).toEqual([]);
		h.notifier.failing.clear();
		h.clock.advance(2 * 24 * 60 * 60_000);
		expect((await runReminderSweep(h.deps)).summaries).toEqual(['R1:final']);
		expect(notices()).toEqual(['final']);
	});
});
