import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound } from '../../src/app/answer-round.ts';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { noticeItem, noticeKeys, postCompleteSummaryIfDone } from '../../src/app/round-notices.ts';
import type { Round, ServerSettings, Unit } from '../../src/domain/model.ts';
import {
	type AppHarness,
	coordinator,
	createAppHarness,
	GUILD,
	member,
	REPORT_CHANNEL,
	seedServer,
} from '../support/app-harness.ts';

const settings = { guildId: GUILD, reportChannelId: REPORT_CHANNEL } as ServerSettings;
const round = { id: 7, guildId: GUILD, deadline: new Date('2021-10-01T10:00:00Z') } as Round;
const unit = { id: 3 } as Unit;

describe('once-only round notices', () => {
	it('GIVEN a round THEN each notice has its own key; the deadline summary belongs to one deadline', () => {
		expect(noticeKeys.complete(round)).toBe('complete:7');
		expect(noticeKeys.final(round)).toBe('final:7');
		expect(noticeKeys.escalation(round, '+1wd')).toBe('escalation:7:+1wd');
		expect(noticeKeys.failure(round, unit)).toBe('failure:7:3');
		expect(noticeKeys.deadline(round)).toBe(`deadline:7:${round.deadline.getTime()}`);
		expect(noticeKeys.deadline({ ...round, deadline: new Date('2021-10-02T10:00:00Z') })).not.toBe(
			noticeKeys.deadline(round),
		);
	});

	it('GIVEN a plain notice THEN an outbox item for the report channel, due now, of no unit, with no reason or step', () => {
		const now = new Date('2021-09-20T01:00:00Z');
		expect(noticeItem(settings, round, 'final:7', 'final', now)).toEqual({
			key: 'notice:final:7',
			kind: 'notice',
			guildId: GUILD,
			roundId: 7,
			unitId: null,
			channelId: REPORT_CHANNEL,
			payload: { notice: 'final' },
			dueAt: now,
		});
	});

	it("GIVEN a unit's failure or an escalation step THEN the unit, the reason and the step are carried", () => {
		const now = new Date('2021-09-20T01:00:00Z');
		const item = noticeItem(settings, round, 'k', 'failure', now, { unit, reason: 'missing-permission', step: '-1wd' });
		expect([item.unitId, item.payload]).toEqual([3, { notice: 'failure', reason: 'missing-permission', step: '-1wd' }]);
	});
});

describe('the "complete" summary', () => {
	let h: AppHarness;
	let units: Unit[];
	beforeEach(async () => {
		h = await createAppHarness();
		units = await seedServer(h.deps, { count: 2 });
	});
	afterEach(async () => {
		await h.close();
	});

	async function open(): Promise<Round> {
		const created = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'R',
			deadline: '01/10/2021 17:00',
		});
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: created.value.round.code });
		return (await h.deps.rounds.get(created.value.round.id))!;
	}
	const agree = (u: Unit) =>
		answerRound(h.deps, {
			guildId: GUILD,
			actor: member([u.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'agree',
		});
	const completes = () => h.notifier.notices.filter((n) => n.notice.kind === 'complete');

	it('GIVEN one of two units answered THEN no summary; GIVEN both THEN it goes out once; asked again THEN not again', async () => {
		const r = await open();
		await agree(units[0]!);
		expect(await postCompleteSummaryIfDone(h.deps, r)).toBe(false);
		expect(completes()).toEqual([]);
		await agree(units[1]!); // posts it
		expect(completes().map((n) => n.channelId)).toEqual([REPORT_CHANNEL]);
		expect(await postCompleteSummaryIfDone(h.deps, r)).toBe(false);
		expect(completes()).toHaveLength(1);
	});

	it('GIVEN every unit answered but the summary failed WHEN asked again after the channel works THEN it goes out', async () => {
		const r = await open();
		h.notifier.failing.set(REPORT_CHANNEL, { ok: false, reason: 'missing-permission', detail: '50013' });
		await agree(units[0]!);
		await agree(units[1]!);
		expect(completes()).toEqual([]);
		h.notifier.failing.clear();
		h.clock.advance(10 * 60_000); // past the retry time
		expect(await postCompleteSummaryIfDone(h.deps, r)).toBe(true);
		expect(completes()).toHaveLength(1);
	});

	it('GIVEN every unit answered WHEN the round is no longer open THEN no summary', async () => {
		const r = await open();
		h.notifier.failing.set(REPORT_CHANNEL, { ok: false, reason: 'missing-permission', detail: '50013' });
		await agree(units[0]!);
		await agree(units[1]!);
		h.notifier.failing.clear();
		h.clock.advance(10 * 60_000);
		expect(await postCompleteSummaryIfDone(h.deps, { ...r, state: 'closed' })).toBe(false);
		expect(completes()).toEqual([]);
	});

	it('GIVEN a round that addresses no unit THEN it is never "complete"', async () => {
		const r = await open();
		expect(await postCompleteSummaryIfDone(h.deps, { ...r, id: 9999 })).toBe(false);
		expect(completes()).toEqual([]);
	});
});
