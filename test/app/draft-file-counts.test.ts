import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import type { Round, Unit } from '../../src/domain/model.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, hanoi, seedServer } from '../support/app-harness.ts';

// What each unit's draft post carries, as the permission preflight and the posts read it: a unit with a draft of its
// own carries its own files only, the others the round's common files. And the round read by its number.

let h: AppHarness;
let units: Unit[];
let round: Round;

beforeEach(async () => {
	h = await createAppHarness(hanoi('2021-09-13 09:00'));
	units = await seedServer(h.deps, { count: 4 });
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'T',
		deadline: '17/09/2021 17:00',
		campaign: 'KH 2022',
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	round = created.value.round;
});
afterEach(async () => {
	await h.close();
});

async function file(unitId: number | null, name: string): Promise<void> {
	await h.db.prisma.draftFile.create({
		data: { roundId: round.id, unitId, name, contentType: 'text/plain', size: 1, data: Buffer.from('x') },
	});
}

describe('draft files per unit', () => {
	it('GIVEN two common files, a unit with one file of its own and a unit with an own draft without files WHEN counted THEN 1, 0, and 2 for the others', async () => {
		const [own, bare, ...others] = units;
		await file(null, 'chung-1.pdf');
		await file(null, 'chung-2.pdf');
		await file(own!.id, 'rieng.pdf');
		await h.db.prisma.roundTarget.updateMany({
			where: { roundId: round.id, unitId: { in: [own!.id, bare!.id] } },
			data: { ownDraft: true },
		});
		const counts = await h.deps.rounds.draftFileCounts(round.id);
		expect([...counts].sort(([a], [b]) => a - b)).toEqual(
			[[own!.id, 1], [bare!.id, 0], ...others.map((u) => [u.id, 2])].sort(([a], [b]) => a! - b!),
		);
		// THEN the posts carry the same files
		const published = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: round.code });
		if (!published.ok) throw new Error(JSON.stringify(published.error));
		const names = (u: Unit) => h.notifier.drafts.find((d) => d.view.unit.id === u.id)?.view.files.map((f) => f.name);
		expect(names(own!)).toEqual(['rieng.pdf']);
		expect(names(bare!)).toEqual([]);
		for (const u of others) expect(names(u)).toEqual(['chung-1.pdf', 'chung-2.pdf']);
	});

	it('GIVEN a round of a campaign WHEN read by its number THEN it comes back whole, with the campaign; another server or number THEN nothing', async () => {
		const found = await h.deps.rounds.findBySeq(GUILD, round.seq);
		expect(found).toEqual(round);
		expect(found?.campaignName).toBe('KH 2022');
		expect(await h.deps.rounds.findBySeq(GUILD, round.seq + 1)).toBeNull();
		expect(await h.deps.rounds.findBySeq('another-server', round.seq)).toBeNull();
	});

	it('GIVEN a draft round WHEN it is opened twice THEN it is published once, at the first time, with one audit event', async () => {
		const at = h.clock.now();
		await h.deps.rounds.markOpen(round.id, at, { guildId: GUILD, action: 'round.publish', subject: round.code });
		await h.deps.rounds.markOpen(round.id, new Date(at.getTime() + 60_000), {
			guildId: GUILD,
			action: 'round.publish',
			subject: round.code,
		});
		const opened = await h.deps.rounds.get(round.id);
		expect([opened?.state, opened?.publishedAt?.toISOString()]).toEqual(['open', at.toISOString()]);
		expect(await h.db.prisma.auditEvent.count({ where: { action: 'round.publish', roundId: round.id } })).toBe(1);
	});
});
