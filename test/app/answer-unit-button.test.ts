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

describe('a button pressed: the round and its target read side by side', () => {
	/** `h.deps` whose rounds repository logs when its reads of a round and of a target start and end. */
	function logged(events: string[], failTarget = false) {
		const rounds = h.deps.rounds;
		const spy = new Proxy(rounds, {
			get(target, prop, receiver) {
				if (prop === 'get' || prop === 'target') {
					return async (...args: [number, number]) => {
						events.push(`${prop} start`);
						try {
							if (prop === 'target' && failTarget) throw new Error('database gone');
							return prop === 'get' ? await rounds.get(args[0]) : await rounds.target(args[0], args[1]);
						} finally {
							events.push(`${prop} end`);
						}
					};
				}
				const value: unknown = Reflect.get(target, prop, receiver);
				return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
			},
		});
		return { ...h.deps, rounds: spy };
	}

	it("GIVEN a member of the unit WHEN they press Agree (the round's and the unit's ids) THEN the target's read starts before the round's has answered, and the answer is recorded", async () => {
		const events: string[] = [];
		const r = await answerRound(logged(events), {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: { id: roundId },
			unit: { id: units[0]!.id },
			answer: 'agree',
		});
		expect(r.ok).toBe(true);
		expect(events.slice(0, 2).sort()).toEqual(['get start', 'target start']);
		expect(events.filter((e) => e.startsWith('target'))).toEqual(['target start', 'target end']);
		expect((await h.deps.answers.current(roundId)).get(units[0]!.id)?.answer).toBe('agree');
	});

	it('GIVEN a button naming a round that does not exist WHEN the read of its target fails meanwhile THEN "no longer available", nothing recorded, and the failed read is not left unhandled', async () => {
		const events: string[] = [];
		const r = await answerRound(logged(events, true), {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: { id: roundId + 1000 },
			unit: { id: units[0]!.id },
			answer: 'agree',
		});
		expect(r).toEqual({ ok: false, error: { code: 'component-stale' } });
		expect(events).toContain('target end');
		expect((await h.deps.answers.current(roundId)).size).toBe(0);
	});

	it('GIVEN a /feedback answer naming the unit by code WHEN recorded THEN no target is read by id', async () => {
		const events: string[] = [];
		const r = await answerRound(logged(events), {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: { ref: 'R1' },
			unit: { code: units[0]!.code },
			answer: 'agree',
		});
		expect(r.ok).toBe(true);
		expect(events.filter((e) => e.startsWith('target'))).toEqual([]);
	});
});
