import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound } from '../../src/app/answer-round.ts';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { addUnit } from '../../src/app/manage-units.ts';
import { runReminderSweep } from '../../src/app/reminder-sweep.ts';
import { closeRound, remindNow } from '../../src/app/round-deadlines.ts';
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

beforeEach(async () => {
	h = await createAppHarness(hn('2021-09-10 16:00')); // Friday afternoon
	units = await seedServer(h.deps, { count: 3 });
});
afterEach(async () => {
	await h.close();
});

const agree = (u: Unit) =>
	answerRound(h.deps, { guildId: GUILD, actor: member([u.roleId]), round: { ref: 'R1' }, unit: null, answer: 'agree' });
const kinds = () => h.notifier.notices.map((n) => n.notice.kind);

describe('recovering from Discord failures and races', () => {
	it('GIVEN the report channel fails when the last unit answers WHEN a later sweep runs THEN the complete summary is posted then, once', async () => {
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '15/09/2021 17:00' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		h.notifier.failing.set(REPORT_CHANNEL, { ok: false, reason: 'other', detail: '503' });
		for (const u of units) await agree(u);
		expect(kinds()).toEqual([]);
		h.notifier.failing.clear();
		h.clock.advance(3 * 60_000);
		expect((await runReminderSweep(h.deps)).summaries).toEqual(['R1:complete']);
		await runReminderSweep(h.deps);
		expect(kinds()).toEqual(['complete']);
	});

	it('GIVEN the final summary fails at close WHEN a later sweep runs THEN it is posted then, once', async () => {
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '15/09/2021 17:00' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		h.notifier.failing.set(REPORT_CHANNEL, { ok: false, reason: 'other', detail: '503' });
		expect((await closeRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' })).ok).toBe(true);
		expect(kinds()).toEqual([]);
		h.notifier.failing.clear();
		h.clock.advance(3 * 60_000);
		expect((await runReminderSweep(h.deps)).summaries).toEqual(['R1:final']);
		await runReminderSweep(h.deps);
		expect(kinds()).toEqual(['final']);
	});

	it('GIVEN a round closed after a member loaded it WHEN their answer is written THEN it is refused, not recorded', async () => {
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '15/09/2021 17:00' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const round = (await h.deps.rounds.findBySeq(GUILD, 1))!;
		// The answer's own checks saw an open round; the close commits before its write.
		const rounds = h.deps.rounds;
		const getRound = rounds.get.bind(rounds);
		rounds.get = async (id) => {
			const seen = await getRound(id);
			await rounds.close(round.id, h.clock.now(), [], { guildId: GUILD, action: 'round.close' });
			return seen;
		};
		const r = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: { id: round.id },
			unit: null,
			answer: 'agree',
		});
		expect(r.ok ? 'ok' : r.error.code).toBe('round-closed');
		expect((await h.deps.answers.current(round.id)).size).toBe(0);
	});

	it('GIVEN a draft round whose deadline passed WHEN published THEN it is refused and nothing is posted', async () => {
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '13/09/2021 17:00' });
		h.clock.set(hn('2021-09-14 09:00'));
		const r = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(r.ok ? 'ok' : r.error.code).toBe('deadline-past');
		expect(h.notifier.drafts).toEqual([]);
		expect((await h.deps.rounds.findBySeq(GUILD, 1))?.state).toBe('draft');
	});

	it('GIVEN a round published after its first reminder step WHEN the sweep runs THEN that step is not sent right after the draft', async () => {
		// Deadline Wednesday: -2wd is Monday 08:00, but the drafts only go out on Tuesday.
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '15/09/2021 17:00' });
		h.clock.set(hn('2021-09-14 10:00'));
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		h.clock.set(hn('2021-09-14 10:01'));
		expect((await runReminderSweep(h.deps)).sent).toEqual([]);
		h.clock.set(hn('2021-09-15 08:00'));
		expect((await runReminderSweep(h.deps)).sent.map((s) => s.step)).toEqual(['-0wd', '-0wd', '-0wd']);
	});

	it('GIVEN /round remind fails for a channel WHEN the coordinator fixes it and presses again THEN the unit is reminded at once', async () => {
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '15/09/2021 17:00' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		h.notifier.failing.set(units[0]!.channelId, { ok: false, reason: 'missing-permission', detail: '50013' });
		const first = await remindNow(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(first.ok && first.value.failed.map((f) => [f.unit.code, f.reason])).toEqual([
			['HTTKQG', 'missing-permission'],
		]);
		h.notifier.failing.clear();
		const again = await remindNow(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(again.ok && again.value.reminded.map((u) => u.code)).toEqual(['HTTKQG']);
		expect(again.ok && again.value.tooSoon.map((u) => u.code).sort()).toEqual(['TKCNXD', 'TKNLTS']);
	});

	it('GIVEN @everyone or a bot-managed role WHEN a unit is added with it THEN it is refused', async () => {
		const r = await addUnit(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			code: 'NEW',
			name: 'Mới',
			channel: { id: '399', writable: true, text: true },
			roleId: GUILD,
			roleAssignable: false,
			kind: 'other',
		});
		expect(r.ok ? 'ok' : r.error.code).toBe('role-not-assignable');
	});
});
