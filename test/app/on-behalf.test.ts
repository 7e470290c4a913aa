import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound } from '../../src/app/manage-rounds.ts';
import { checkSource, MAX_SOURCE, resolveRecordedUnit } from '../../src/app/on-behalf.ts';
import { recordOnBehalf } from '../../src/app/record-on-behalf.ts';
import type { Round, Unit } from '../../src/domain/model.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, member, seedServer } from '../support/app-harness.ts';

// Which unit a coordinator records an answer for, and the source they must give (recordOnBehalf's checks).

let h: AppHarness;
let units: Unit[];
let round: Round;

beforeEach(async () => {
	h = await createAppHarness();
	units = await seedServer(h.deps, { count: 4 });
	// The round addresses the first three units only.
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Rà soát',
		deadline: '01/10/2021 17:00',
		units: units
			.slice(0, 3)
			.map((u) => u.code)
			.join(','),
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	round = created.value.round;
});
afterEach(async () => {
	await h.close();
});

const resolve = (ref: Parameters<typeof resolveRecordedUnit>[4], actor = coordinator()) =>
	resolveRecordedUnit(h.deps, GUILD, actor, round, ref);

describe('the unit an answer is recorded for', () => {
	it('GIVEN a code in any case with spaces, or the id of a button THEN the addressed unit', async () => {
		expect(await resolve({ code: ` ${units[1]!.code.toLowerCase()} ` })).toEqual({ ok: true, value: units[1] });
		expect(await resolve({ id: units[2]!.id })).toEqual({ ok: true, value: units[2] });
	});

	it('GIVEN a unit of the server the round does not address THEN "not targeted", naming both', async () => {
		expect(await resolve({ code: units[3]!.code })).toEqual({
			ok: false,
			error: { code: 'round-not-targeted', round: round.code, unit: units[3]!.code },
		});
	});

	it('GIVEN a button naming a unit the round does not address THEN the button is stale', async () => {
		expect(await resolve({ id: units[3]!.id })).toEqual({ ok: false, error: { code: 'component-stale' } });
	});

	it('GIVEN an unknown code THEN "unknown unit", its name cut to 40 characters; GIVEN no unit at all THEN "?"', async () => {
		expect(await resolve({ code: 'X'.repeat(50) })).toEqual({
			ok: false,
			error: { code: 'unit-unknown', unit: 'X'.repeat(40) },
		});
		expect(await resolve(null)).toEqual({ ok: false, error: { code: 'unit-unknown', unit: '?' } });
	});

	it('GIVEN the code of a unit only another server has THEN unknown here', async () => {
		const other = await seedServer(h.deps, { guildId: '100000000000000002', count: 5, offset: 5 });
		expect(await resolve({ code: other[4]!.code })).toEqual({
			ok: false,
			error: { code: 'unit-unknown', unit: other[4]!.code },
		});
	});

	it('GIVEN a member of the unit THEN only a coordinator may record on its behalf', async () => {
		expect(await resolve({ code: units[0]!.code }, member([units[0]!.roleId]))).toEqual({
			ok: false,
			error: { code: 'not-coordinator' },
		});
	});
});

describe('who may record an answer on behalf', () => {
	it('GIVEN a member WHEN they record an answer for a round that does not exist THEN "not a coordinator": they learn nothing of the rounds', async () => {
		const r = await recordOnBehalf(h.deps, {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: 'R99',
			unit: units[0]!.code,
			answer: 'agree',
			source: 'điện thoại',
		});
		expect(r).toEqual({ ok: false, error: { code: 'not-coordinator' } });
	});
});

describe('where an answer recorded on behalf came from', () => {
	it('GIVEN a source with runs of spaces and line breaks THEN trimmed to single spaces', () => {
		expect(checkSource('  công văn\n 123/CTK   ngày 04/10 ')).toEqual({
			ok: true,
			value: 'công văn 123/CTK ngày 04/10',
		});
	});

	it('GIVEN nothing visible THEN a source is required', () => {
		expect(checkSource('   ')).toEqual({ ok: false, error: { code: 'source-required' } });
		expect(checkSource('\u200b')).toEqual({ ok: false, error: { code: 'source-required' } });
	});

	it('GIVEN exactly the maximum of characters (not bytes) THEN accepted; one more THEN too long', () => {
		expect(checkSource('ấ'.repeat(MAX_SOURCE))).toEqual({ ok: true, value: 'ấ'.repeat(MAX_SOURCE) });
		expect(checkSource('ấ'.repeat(MAX_SOURCE + 1))).toEqual({
			ok: false,
			error: { code: 'too-long', field: 'source', max: MAX_SOURCE },
		});
	});
});
