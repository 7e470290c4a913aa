import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound } from '../../src/app/answer-round.ts';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { answerFile } from '../../src/app/queries.ts';
import type { Unit } from '../../src/domain/model.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, member, seedServer } from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];

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
	const published = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
	if (!published.ok) throw new Error(JSON.stringify(published.error));
});
afterEach(async () => {
	await h.close();
});

describe('the file sent with an answer', () => {
	it('GIVEN a comment sent with a file WHEN it is read back THEN the same bytes, name and type come out', async () => {
		// GIVEN a unit comments with a file attached
		const file = { name: 'gop-y.docx', contentType: 'application/msword', data: Buffer.from('PK\u0003\u0004 gop y') };
		const r = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'comment',
			text: 'Xem tệp',
			file,
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		// WHEN the answer's file is read
		const stored = await answerFile(h.deps, r.value.answer.id);
		// THEN it is the file as sent
		expect(stored?.name).toBe('gop-y.docx');
		expect(stored?.contentType).toBe('application/msword');
		expect(stored?.data.equals(file.data)).toBe(true);
	});

	it('GIVEN an agreement without a file WHEN its file is read THEN there is none', async () => {
		const r = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'agree',
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(await answerFile(h.deps, r.value.answer.id)).toBeNull();
	});
});
