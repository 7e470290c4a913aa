import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { closeRound, extendRound, remindNow } from '../../src/app/round-deadlines.ts';
import type { Unit } from '../../src/domain/model.ts';
import { setupServer } from '../../src/app/setup-server.ts';
import {
	admin,
	agreeAsMember,
	type AppHarness,
	COORD_ROLE,
	coordinator,
	createAppHarness,
	GUILD,
	hanoi,
	member,
	REPORT_CHANNEL,
	seedServer,
} from '../support/app-harness.ts';

// Refusals and edges of /round extend, /round close and /round remind; their main paths are in reminders.test.ts.

let h: AppHarness;
let units: Unit[];

beforeEach(async () => {
	h = await createAppHarness(hanoi('2021-09-10 16:00'));
	units = await seedServer(h.deps, { count: 3 });
});
afterEach(async () => {
	await h.close();
});

async function draftRound(extra: { silence?: 'none' | 'consent' } = {}) {
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Rà soát',
		deadline: '15/09/2021 17:00',
		...extra,
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	return created.value.round;
}

async function openRound(extra: { silence?: 'none' | 'consent' } = {}) {
	const round = await draftRound(extra);
	const published = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: round.code });
	if (!published.ok) throw new Error(JSON.stringify(published.error));
	return round;
}

const agree = (unit: Unit) => agreeAsMember(h.deps, unit);

const extend = (deadline: string, actor = coordinator(), round = 'R1') =>
	extendRound(h.deps, { guildId: GUILD, actor, round, deadline });
const close = (actor = coordinator(), round = 'R1') => closeRound(h.deps, { guildId: GUILD, actor, round });
const remind = (actor = coordinator(), round = 'R1') => remindNow(h.deps, { guildId: GUILD, actor, round });
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('/round extend', () => {
	it('GIVEN an open round with one unit answered WHEN extended THEN only the two pending units are told the new deadline, once', async () => {
		await openRound();
		await agree(units[0]!);
		h.notifier.refreshes = [];
		const r = await extend('17/09/2021 17:00');
		expect(r.ok && r.value.told.map((u) => u.code)).toEqual([units[1]!.code, units[2]!.code]);
		expect(r.ok && r.value.round.deadline.toISOString()).toBe(hanoi('2021-09-17 17:00'));
		const told = h.notifier.reminders.map((x) => [x.view.unit.code, x.view.kind]);
		expect(told).toEqual([
			[units[1]!.code, 'extended'],
			[units[2]!.code, 'extended'],
		]);
		// The posted drafts show the new deadline.
		expect(h.notifier.refreshes.map((x) => x.view.round.deadline.toISOString())).toEqual(
			units.map(() => hanoi('2021-09-17 17:00')),
		);
		const events = (await h.deps.reports.auditEvents(GUILD, null)).filter((e) => e.action === 'round.extend');
		expect(events.map((e) => [e.subject, e.actorName])).toEqual([['R1', coordinator().userName]]);
	});

	it('GIVEN a unit whose channel fails WHEN extended THEN it is not counted as told', async () => {
		await openRound();
		h.notifier.failing.set(units[1]!.channelId, { ok: false, reason: 'missing-permission', detail: '50013' });
		const r = await extend('17/09/2021 17:00');
		expect(r.ok && r.value.told.map((u) => u.code)).toEqual([units[0]!.code, units[2]!.code]);
	});

	it('GIVEN a draft round WHEN extended THEN the deadline moves and nobody is told', async () => {
		await draftRound();
		const r = await extend('20/09/2021 17:00');
		expect(r.ok && [r.value.round.state, r.value.round.deadline.toISOString(), r.value.told]).toEqual([
			'draft',
			hanoi('2021-09-20 17:00'),
			[],
		]);
		expect(h.notifier.reminders).toEqual([]);
		expect(h.notifier.refreshes).toEqual([]);
	});

	it('GIVEN a deadline one minute after the current one THEN accepted; the same minute THEN not later', async () => {
		await openRound();
		expect(await extend('15/09/2021 17:00')).toMatchObject({ ok: false, error: { code: 'deadline-not-later' } });
		expect(code(await extend('15/09/2021 17:01'))).toBe('ok');
	});

	it('GIVEN a deadline now or in the past THEN refused as past, with the instant and zone', async () => {
		await openRound();
		h.clock.set(hanoi('2021-09-16 09:00'));
		expect(await extend('16/09/2021 09:00')).toEqual({
			ok: false,
			error: { code: 'deadline-past', at: new Date(hanoi('2021-09-16 09:00')), zone: 'Asia/Ho_Chi_Minh' },
		});
		expect(code(await extend('16/09/2021 09:01'))).toBe('ok');
	});

	it('GIVEN text that is no date THEN unparsable, quoting at most 60 characters', async () => {
		await openRound();
		expect(await extend('x'.repeat(80))).toEqual({
			ok: false,
			error: { code: 'deadline-unparsable', value: 'x'.repeat(60) },
		});
	});

	it('GIVEN a round extended twice WHEN each new deadline is set THEN the pending units are told each time', async () => {
		await openRound();
		await agree(units[0]!);
		expect(code(await extend('17/09/2021 17:00'))).toBe('ok');
		const again = await extend('20/09/2021 17:00');
		expect(again.ok && again.value.told.map((u) => u.code)).toEqual([units[1]!.code, units[2]!.code]);
		expect(h.notifier.reminders.map((x) => [x.view.unit.code, x.view.round.deadline.toISOString()])).toEqual([
			[units[1]!.code, hanoi('2021-09-17 17:00')],
			[units[2]!.code, hanoi('2021-09-17 17:00')],
			[units[1]!.code, hanoi('2021-09-20 17:00')],
			[units[2]!.code, hanoi('2021-09-20 17:00')],
		]);
	});

	it('GIVEN a round of a server in Paris WHEN extended to a time the clocks skip THEN refused, quoting the text, the zone and the time it would shift to', async () => {
		const paris = await setupServer(h.deps, {
			guildId: GUILD,
			actor: admin(),
			coordinatorRoleId: COORD_ROLE,
			reportChannel: { id: REPORT_CHANNEL, writable: true, text: true },
			language: 'vi',
			timezone: 'Europe/Paris',
		});
		if (!paris.ok) throw new Error(JSON.stringify(paris.error));
		await openRound();
		// 27/03/2022: clocks go from 02:00 straight to 03:00.
		expect(await extend('  27/03/2022 02:30  ')).toEqual({
			ok: false,
			error: {
				code: 'deadline-nonexistent',
				value: '27/03/2022 02:30',
				zone: 'Europe/Paris',
				shifted: new Date('2022-03-27T01:30:00Z'),
			},
		});
		const spaced = `27/03/2022${' '.repeat(60)}02:30`;
		expect(await extend(spaced)).toMatchObject({ error: { value: spaced.slice(0, 60) } });
		expect(code(await extend('27/03/2022 03:30'))).toBe('ok');
	});

	it('GIVEN a closed round, an unknown round or a member THEN refused and the deadline stays', async () => {
		await openRound();
		expect(code(await extend('20/09/2021 17:00', member([units[0]!.roleId])))).toBe('not-coordinator');
		expect(code(await extend('20/09/2021 17:00', coordinator(), 'R9'))).toBe('round-unknown');
		await close();
		expect(await extend('20/09/2021 17:00')).toEqual({ ok: false, error: { code: 'round-closed', round: 'R1' } });
		expect((await h.deps.rounds.findBySeq(GUILD, 1))?.deadline.toISOString()).toBe(hanoi('2021-09-15 17:00'));
	});
});

describe('/round close', () => {
	it('GIVEN silence is not consent WHEN closed THEN nobody is counted silent, the final summary goes out once and drafts are refreshed', async () => {
		await openRound();
		await agree(units[0]!);
		h.notifier.refreshes = [];
		const r = await close();
		expect(r.ok && [r.value.round.state, r.value.silent]).toEqual(['closed', []]);
		expect(h.notifier.notices.map((n) => n.notice.kind)).toEqual(['final']);
		expect(h.notifier.refreshes.map((x) => x.view.round.state)).toEqual(['closed', 'closed', 'closed']);
		const events = (await h.deps.reports.auditEvents(GUILD, null)).filter((e) => e.action === 'round.close');
		expect(events.map((e) => e.subject)).toEqual(['R1']);
	});

	it('GIVEN silence is consent WHEN closed THEN the units that did not answer are the silent ones', async () => {
		await openRound({ silence: 'consent' });
		await agree(units[1]!);
		const r = await close();
		expect(r.ok && r.value.silent.map((u) => u.code)).toEqual([units[0]!.code, units[2]!.code]);
	});

	it('GIVEN two coordinators closing at the same moment THEN one closes it, the other is told it is closed, and the final summary goes out once', async () => {
		await openRound();
		const both = await Promise.all([close(), close(coordinator('400000000000000002'))]);
		expect(both.map(code).sort()).toEqual(['ok', 'round-closed']);
		expect(h.notifier.notices.map((n) => n.notice.kind)).toEqual(['final']);
	});

	it('GIVEN a draft, a closed round, an unknown round or a member THEN refused', async () => {
		await draftRound();
		expect(await close()).toEqual({ ok: false, error: { code: 'round-not-open', round: 'R1' } });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(code(await close(member([units[0]!.roleId])))).toBe('not-coordinator');
		expect(code(await close(coordinator(), 'R7'))).toBe('round-unknown');
		expect(code(await close())).toBe('ok');
		expect(await close()).toEqual({ ok: false, error: { code: 'round-closed', round: 'R1' } });
		expect(h.notifier.notices.filter((n) => n.notice.kind === 'final')).toHaveLength(1);
	});
});

describe('/round remind', () => {
	it('GIVEN the news of a new deadline just went out WHEN a coordinator reminds THEN it does not count: units are reminded', async () => {
		await openRound();
		await extend('17/09/2021 17:00');
		const r = await remind();
		expect(r.ok && r.value.reminded.map((u) => u.code)).toEqual(units.map((u) => u.code));
		expect(r.ok && r.value.tooSoon).toEqual([]);
	});

	it('GIVEN a reminder exactly one hour ago THEN reminded again; 59 minutes ago THEN too soon', async () => {
		await openRound();
		await agree(units[0]!);
		await agree(units[1]!);
		expect(code(await remind())).toBe('ok');
		h.clock.advance(59 * 60_000);
		const early = await remind();
		expect(early.ok && [early.value.reminded, early.value.tooSoon.map((u) => u.code)]).toEqual([[], [units[2]!.code]]);
		h.clock.advance(60_000);
		const r = await remind();
		expect(r.ok && r.value.reminded.map((u) => u.code)).toEqual([units[2]!.code]);
	});

	it('GIVEN a unit reminded 40 minutes ago, in the previous clock hour, and one whose reminder failed THEN the first is too soon, the second reminded', async () => {
		await openRound();
		await agree(units[0]!);
		h.clock.set(hanoi('2021-09-14 16:30'));
		h.notifier.failing.set(units[1]!.channelId, { ok: false, reason: 'missing-permission', detail: '50013' });
		const first = await remind();
		expect(first.ok && [first.value.reminded, first.value.failed.map((f) => f.unit)]).toEqual([[units[2]], [units[1]]]);
		h.notifier.failing.clear();
		h.clock.set(hanoi('2021-09-14 17:10'));
		const r = await remind();
		expect(r.ok && [r.value.reminded, r.value.tooSoon]).toEqual([[units[1]], [units[2]]]);
	});

	it('GIVEN a reminder that failed ten minutes ago, in the same clock hour WHEN the coordinator presses again after fixing the channel THEN that reminder is tried again, not a second one made', async () => {
		await openRound();
		await agree(units[0]!);
		h.clock.set(hanoi('2021-09-14 16:10'));
		h.notifier.failing.set(units[1]!.channelId, { ok: false, reason: 'missing-permission', detail: '50013' });
		await remind();
		h.notifier.failing.clear();
		h.clock.set(hanoi('2021-09-14 16:20'));
		const r = await remind();
		expect(r.ok && [r.value.reminded, r.value.tooSoon, r.value.failed]).toEqual([[units[1]], [units[2]], []]);
		const dispatches = await h.deps.outbox.reminderDispatches(1);
		expect(dispatches.filter((d) => d.unitId === units[1]!.id).map((d) => [d.payload.reminder, d.sentAt])).toEqual([
			['manual', new Date(hanoi('2021-09-14 16:20'))],
		]);
		expect(h.notifier.reminders.map((x) => [x.view.kind, x.view.unit.code])).toEqual([
			['manual', units[2]!.code],
			['manual', units[1]!.code],
		]);
	});

	it('GIVEN two coordinators pressing at the same moment THEN each pending unit is reminded once: one reply lists it reminded, the other too soon', async () => {
		await openRound();
		await agree(units[0]!);
		await agree(units[1]!);
		const both = await Promise.all([remind(), remind(coordinator('400000000000000002'))]);
		const lists = both.map((r) => (r.ok ? [r.value.reminded, r.value.tooSoon, r.value.failed] : r.error));
		expect(lists).toContainEqual([[units[2]], [], []]);
		expect(lists).toContainEqual([[], [units[2]], []]);
		expect(h.notifier.reminders.map((x) => x.view.unit.code)).toEqual([units[2]!.code]);
	});

	it('GIVEN a draft, a closed round or a member THEN refused and nobody reminded', async () => {
		await draftRound();
		expect(await remind()).toEqual({ ok: false, error: { code: 'round-not-open', round: 'R1' } });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(code(await remind(member([units[0]!.roleId])))).toBe('not-coordinator');
		expect(code(await remind(coordinator(), 'R5'))).toBe('round-unknown');
		await close();
		expect(await remind()).toEqual({ ok: false, error: { code: 'round-closed', round: 'R1' } });
		expect(h.notifier.reminders).toEqual([]);
	});
});
