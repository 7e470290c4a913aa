import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound } from '../../src/app/answer-round.ts';
import { createRound, loadRoundStatus, publishRound } from '../../src/app/manage-rounds.ts';
import type { StatusRow } from '../../src/app/report-ports.ts';
import { closeRound } from '../../src/app/round-deadlines.ts';
import { tally } from '../../src/domain/tally.ts';
import type { Round, Unit } from '../../src/domain/model.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, member, seedServer } from '../support/app-harness.ts';

// The status of a round is read in one query (each target's latest answer version and delivery found by the
// database). These tests compare it with the computation it replaced, made here from the store's plain reads:
// every target, every answer version of each unit (the highest counts), every delivery (the last one counts).

let h: AppHarness;
let units: Unit[];

beforeEach(async () => {
	h = await createAppHarness('2021-09-17T02:00:00Z');
	units = await seedServer(h.deps);
});
afterEach(async () => {
	await h.close();
});

async function openRound(title: string, silence: 'none' | 'consent'): Promise<Round> {
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title,
		deadline: '01/10/2021 17:00',
		silence,
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

async function answer(round: Round, unit: Unit, kind: 'agree' | 'comment', text?: string): Promise<void> {
	const r = await answerRound(h.deps, {
		guildId: GUILD,
		actor: member([unit.roleId], '600000000000000001', 'Cán bộ'),
		round: { ref: round.code },
		unit: null,
		answer: kind,
		text: kind === 'comment' ? (text ?? 'Ý kiến') : undefined,
	});
	if (!r.ok) throw new Error(JSON.stringify(r.error));
}

/** The computation the query replaced: all versions read, the highest kept per unit; the last delivery per unit. */
async function statusTheOldWay(roundId: number): Promise<StatusRow[]> {
	const [targets, deliveries] = await Promise.all([h.deps.rounds.targets(roundId), h.deps.outbox.deliveries(roundId)]);
	return Promise.all(
		targets.map(async ({ unit }) => {
			const versions = await h.deps.answers.history(roundId, unit.id);
			return {
				unit,
				current: versions.reduce<StatusRow['current']>((top, a) => (!top || a.version > top.version ? a : top), null),
				delivery: deliveries.filter((d) => d.unitId === unit.id).at(-1) ?? null,
			};
		}),
	);
}

function byCode(rows: readonly StatusRow[]): Array<[string, string | null, number | null, boolean | null]> {
	return rows.map((r) => [r.unit.code, r.current?.answer ?? null, r.current?.version ?? null, r.current?.late ?? null]);
}

describe('status from one query', () => {
	it('GIVEN units that answered several times, late, not at all, and a second round WHEN the status is read THEN it equals the old computation, version by version', async () => {
		const r1 = await openRound('Lần 1', 'none');
		const [a, b, c, d] = units;
		if (!a || !b || !c || !d) throw new Error('seed');
		h.clock.set('2021-09-20T03:00:00Z');
		await answer(r1, a, 'agree');
		await answer(r1, a, 'comment', 'Đổi ý: đề nghị sửa');
		await answer(r1, a, 'agree');
		await answer(r1, b, 'comment', 'Ý kiến thứ nhất');
		await answer(r1, b, 'comment', 'Ý kiến thứ hai');
		// A second round answered by the same units must not leak into the first one's status.
		const r2 = await openRound('Lần 2', 'none');
		await answer(r2, c, 'comment', 'Ý kiến đợt 2');
		await answer(r2, a, 'comment', 'Ý kiến đợt 2');
		h.clock.set('2021-10-02T03:00:00Z');
		await answer(r1, c, 'agree');

		const rows = await h.deps.reports.statusRows(r1.id);
		expect(rows).toEqual(await statusTheOldWay(r1.id));
		expect(byCode(rows)).toEqual([
			['HTTKQG', 'agree', 3, false],
			['PPCD', null, null, null],
			['TKCNXD', 'comment', 2, false],
			['TKDSLD', null, null, null],
			['TKG', null, null, null],
			['TKNLTS', 'agree', 1, true],
			['TKTMDV', null, null, null],
			['TKXHMT', null, null, null],
			['TTDL', null, null, null],
		]);
		expect(rows.every((r) => r.delivery?.status === 'sent')).toBe(true);
		expect(rows.find((r) => r.unit.code === 'TKCNXD')?.current?.text).toBe('Ý kiến thứ hai');

		const status = await loadRoundStatus(h.deps, r1);
		expect(status.rows).toEqual(rows);
		expect(status.tally).toEqual(tally(await statusTheOldWay(r1.id)));
		expect(status.tally).toMatchObject({ total: 9, answered: 3, agreed: 2, commented: 1, pending: 6 });
		expect(status.tally.pendingUnits.map((u) => u.code)).toEqual(['PPCD', 'TKDSLD', 'TKG', 'TKTMDV', 'TKXHMT', 'TTDL']);

		expect(await h.deps.reports.statusRows(r2.id)).toEqual(await statusTheOldWay(r2.id));
		const current = await h.deps.answers.current(r1.id);
		expect([...current.values()].map((x) => [x.unitId, x.version]).sort((p, q) => p[0]! - q[0]!)).toEqual(
			rows
				.filter((r) => r.current)
				.map((r) => [r.unit.id, r.current?.version])
				.sort((p, q) => p[0]! - q[0]!),
		);
	});

	it('GIVEN a round closed with silence as consent WHEN the status is read THEN units agreed by silence are counted apart, as before', async () => {
		const r1 = await openRound('Lần 1', 'consent');
		const [a, b] = units;
		if (!a || !b) throw new Error('seed');
		await answer(r1, a, 'comment', 'Ý kiến');
		await answer(r1, a, 'agree');
		await answer(r1, b, 'comment', 'Ý kiến');
		const closed = await closeRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(closed.ok).toBe(true);

		const status = await loadRoundStatus(h.deps, r1);
		expect(status.rows).toEqual(await statusTheOldWay(r1.id));
		expect(status.tally).toMatchObject({
			total: 9,
			answered: 2,
			agreed: 1,
			commented: 1,
			agreedBySilence: 7,
			pending: 0,
		});
		expect(status.rows.filter((r) => r.current?.answer === 'silence').map((r) => r.current?.version)).toEqual(
			Array(7).fill(1),
		);
	});

	it('GIVEN a round not yet published WHEN the status is read THEN every unit is pending with no delivery', async () => {
		const created = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Nháp',
			deadline: '01/10/2021 17:00',
		});
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		const rows = await h.deps.reports.statusRows(created.value.round.id);
		expect(rows).toEqual(await statusTheOldWay(created.value.round.id));
		expect(rows.map((r) => [r.current, r.delivery])).toEqual(Array(9).fill([null, null]));
	});
});
