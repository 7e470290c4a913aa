import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound } from '../../src/app/answer-round.ts';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import type { Unit } from '../../src/domain/model.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, member, seedServer } from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];
let roundId: number;

beforeEach(async () => {
	h = await createAppHarness('2021-09-17T02:00:00Z');
	units = await seedServer(h.deps, { count: 2 });
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Rà soát',
		deadline: '04/10/2021 17:00',
		units: 'HTTKQG,TKCNXD',
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	roundId = created.value.round.id;
	const published = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
	if (!published.ok) throw new Error(JSON.stringify(published.error));
});
afterEach(async () => {
	await h.close();
});

describe("a unit's button pressed by someone else", () => {
	it("GIVEN a member of one targeted unit WHEN they press the Agree button on another targeted unit's post THEN refused, naming that unit, and nothing is recorded for it", async () => {
		// GIVEN a member of HTTKQG only
		const actor = member([units[0]!.roleId]);
		// WHEN the button of TKCNXD's post (its unit id) is pressed
		const r = await answerRound(h.deps, {
			guildId: GUILD,
			actor,
			round: { ref: 'R1' },
			unit: { id: units[1]!.id },
			answer: 'agree',
		});
		// THEN refused, and TKCNXD has no answer
		expect(r).toEqual({ ok: false, error: { code: 'not-member-of-unit', unit: 'TKCNXD' } });
		expect((await h.deps.answers.current(roundId)).has(units[1]!.id)).toBe(false);
	});
});
