import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announceAnswer, recordAnswer } from '../../src/app/answer-round.ts';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import type { Unit } from '../../src/domain/model.ts';
import {
	type AppHarness,
	coordinator,
	createAppHarness,
	GUILD,
	hanoi,
	member,
	recordAgreeAsMember,
	seedServer,
} from '../support/app-harness.ts';

// The edit of a unit's draft post after its answer yields to the people still waiting for their own answer
// (deps.calm, the router's in the bot): the person's confirmation never waits behind public edits.

let h: AppHarness;
let units: Unit[];

beforeEach(async () => {
	h = await createAppHarness(hanoi('2021-09-13 09:00'));
	units = await seedServer(h.deps, { count: 3 });
	await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '17/09/2021 17:00' });
	const published = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
	if (!published.ok) throw new Error(JSON.stringify(published.error));
});
afterEach(async () => {
	await h.close();
});

/** A member of `unit` agrees to R1 (recorded, not yet announced). */
const agree = (unit: Unit) => recordAgreeAsMember(h.deps, unit);

describe('draft posts are edited once the router is calm', () => {
	it('GIVEN others still waiting for their answer WHEN a unit agrees THEN its answer is recorded at once and its draft post is edited only when calm comes', async () => {
		let calm!: () => void;
		const waiting = new Promise<void>((resolve) => (calm = resolve));
		let asked = 0;
		h.deps.calm = () => {
			asked++;
			return waiting;
		};
		const recorded = await recordAnswer(h.deps, {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'agree',
		});
		if (!recorded.ok) throw new Error(JSON.stringify(recorded.error));
		const announced = announceAnswer(h.deps, recorded.value);
		// THEN the announcement reaches its first edit and waits there: nothing is edited while others wait
		for (let i = 0; i < 500 && asked === 0; i++) await new Promise((r) => setTimeout(r, 10));
		expect(asked).toBeGreaterThan(0);
		await new Promise((r) => setTimeout(r, 20));
		expect(h.notifier.refreshes).toEqual([]);
		// WHEN calm comes THEN the unit's post shows its answer
		calm();
		await announced;
		expect(h.notifier.refreshes.map((r) => [r.view.unit.code, r.view.current?.answer])).toEqual([
			[units[0]!.code, 'agree'],
		]);
	});

	it('GIVEN the last unit answers while others still wait for their answer WHEN it announces THEN the complete summary goes out only when calm comes', async () => {
		for (const unit of units.slice(0, 2)) await announceAnswer(h.deps, await agree(unit));
		// GIVEN the announcement may start (calm at once), then someone is waiting again
		let calm!: () => void;
		const waiting = new Promise<void>((resolve) => (calm = resolve));
		let asked = 0;
		h.deps.calm = () => (++asked === 1 ? Promise.resolve() : waiting);
		const refreshed = h.notifier.refreshes.length;
		const announced = announceAnswer(h.deps, await agree(units[2]!));
		// (the post's edit and the summary each come to wait for calm, side by side)
		for (let i = 0; i < 500 && asked < 3; i++) await new Promise((r) => setTimeout(r, 10));
		await new Promise((r) => setTimeout(r, 20));
		// THEN neither the post's edit nor the summary goes out while someone waits
		expect(asked).toBe(3);
		expect(h.notifier.refreshes.length).toBe(refreshed);
		expect(h.notifier.notices).toEqual([]);
		// WHEN calm comes THEN the post shows the answer and the summary goes out
		calm();
		await announced;
		expect(h.notifier.refreshes.at(-1)?.view.unit.code).toBe(units[2]!.code);
		expect(h.notifier.notices.map((n) => n.notice.kind)).toEqual(['complete']);
	});
});

describe('an announcement reads nothing while people wait for their answer', () => {
	it('GIVEN others still waiting WHEN three units answer one after another THEN nothing is read for their posts until calm comes, then one batch shows all three', async () => {
		let calm!: () => void;
		const waiting = new Promise<void>((resolve) => (calm = resolve));
		h.deps.calm = () => waiting;
		let reads = 0;
		const current = h.deps.answers.current.bind(h.deps.answers);
		h.deps.answers.current = (roundId) => (reads++, current(roundId));
		// WHEN the three answer while others wait
		const announced = [];
		for (const unit of units) announced.push(agree(unit).then((recorded) => announceAnswer(h.deps, recorded)));
		await new Promise((r) => setTimeout(r, 50));
		// THEN every answer is recorded, and nothing is read or edited for the posts yet
		expect((await current((await h.deps.rounds.findBySeq(GUILD, 1))!.id)).size).toBe(3);
		expect(reads).toBe(0);
		expect(h.notifier.refreshes).toEqual([]);
		// WHEN calm comes THEN one batch reads the answers once and shows all three
		calm();
		await Promise.all(announced);
		expect(h.notifier.refreshes.map((r) => r.view.unit.code).sort()).toEqual(units.map((u) => u.code).sort());
		// One read for the batch's posts, two for the completeness check and its summary: not a batch per answer.
		expect(reads).toBe(3);
	});
});
