import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import type { AuditInput, NewAnswer } from '../../src/app/ports.ts';
import type { Round, Unit } from '../../src/domain/model.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, seedServer } from '../support/app-harness.ts';

// The answer store writes answers that arrive together (a burst of clicks) in one transaction. Whatever the
// grouping, each caller must get exactly what writing its answer alone would have given.

let h: AppHarness;
let units: Unit[];

beforeEach(async () => {
	h = await createAppHarness('2021-09-17T02:00:00Z');
	units = await seedServer(h.deps, { count: 5 });
});
afterEach(async () => {
	await h.close();
});

async function openRound(seq: number): Promise<Round> {
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: `Đợt ${seq}`,
		deadline: '04/10/2021 17:00',
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

function answer(round: Round, unit: Unit, n: number, over: Partial<NewAnswer> = {}): NewAnswer {
	return {
		roundId: round.id,
		unitId: unit.id,
		answer: n % 2 ? 'comment' : 'agree',
		text: n % 2 ? `Góp ý số ${n}` : null,
		fileName: null,
		fileUrl: null,
		userId: `u${n}`,
		userName: `Cán bộ ${n}`,
		source: null,
		late: false,
		interactionId: `i${n}`,
		at: h.clock.now(),
		...over,
	};
}

const audit = (n: number): AuditInput => ({
	guildId: GUILD,
	actorId: `u${n}`,
	action: 'answer.record',
	subject: `${n}`,
});

describe('answers written together', () => {
	it('GIVEN 60 answers of 5 units arriving at once WHEN written THEN each unit has versions 1..12 in arrival order, each caller gets its own, and each has its audit event chained to the one before', async () => {
		const round = await openRound(1);
		const writes = Array.from({ length: 60 }, (_, n) => answer(round, units[n % 5]!, n));
		const transactions = vi.spyOn(h.db.sql, 'transaction');

		const results = await Promise.all(writes.map((w, n) => h.deps.answers.append(w, audit(n))));

		// One transaction for the burst, not one per answer.
		expect(transactions).toHaveBeenCalledTimes(1);
		transactions.mockRestore();
		for (const [n, result] of results.entries()) {
			if (result === 'round-not-open') throw new Error(`answer ${n} refused`);
			expect(result.duplicate).toBe(false);
			expect(result.answer.unitId).toBe(units[n % 5]!.id);
			expect(result.answer.version).toBe(Math.floor(n / 5) + 1);
			expect(result.answer.userId).toBe(`u${n}`);
			expect(result.answer.text).toBe(n % 2 ? `Góp ý số ${n}` : null);
		}
		for (const unit of units) {
			const history = await h.deps.answers.history(round.id, unit.id);
			expect(history.map((a) => a.version)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
		}
		const events = (await h.db.prisma.auditEvent.findMany({ where: { action: 'answer.record' } })).filter(
			(e) => e.subject !== null,
		);
		expect(events).toHaveLength(60);
		const second = events.find((e) => e.subject === '5')!;
		expect(JSON.parse(second.before!)).toEqual({ version: 1, answer: 'agree', text: null });
		expect(JSON.parse(second.after!)).toMatchObject({ version: 2, answer: 'comment', text: 'Góp ý số 5', late: false });
	});

	// SQLite's statements run synchronously: the whole commit happens within the task. A database server answers over
	// the network, later, whatever the batching.
	it('GIVEN answers arriving in one task on SQLite WHEN the event loop would go on to other work (the next read of the socket) THEN they are committed together, already: the first clicks of a burst do not wait for the last to arrive', async (t) => {
		if (h.engine !== 'sqlite') t.skip();
		const round = await openRound(1);
		const transactions = vi.spyOn(h.db.sql, 'transaction');
		const order: string[] = [];
		setImmediate(() => order.push('next turn'));

		await Promise.all(
			[0, 1, 2].map((n) => h.deps.answers.append(answer(round, units[n]!, n), audit(n)).then(() => order.push(`${n}`))),
		);
		await new Promise((resolve) => setImmediate(resolve));

		expect(order).toEqual(['0', '1', '2', 'next turn']);
		expect(transactions).toHaveBeenCalledTimes(1);
		transactions.mockRestore();
	});

	it('GIVEN one interaction delivered twice in one burst, and one recorded earlier WHEN written THEN each is stored once and the repeats are duplicates of it', async () => {
		const round = await openRound(1);
		const first = await h.deps.answers.append(answer(round, units[0]!, 1, { interactionId: 'earlier' }), audit(1));
		if (first === 'round-not-open') throw new Error('refused');

		const [a, b, c] = await Promise.all([
			h.deps.answers.append(answer(round, units[1]!, 2, { interactionId: 'twice' }), audit(2)),
			h.deps.answers.append(answer(round, units[1]!, 2, { interactionId: 'twice' }), audit(2)),
			h.deps.answers.append(answer(round, units[0]!, 3, { interactionId: 'earlier' }), audit(3)),
		]);

		expect(a).toMatchObject({ duplicate: false, answer: { version: 1, unitId: units[1]!.id } });
		expect(b).toMatchObject({ duplicate: true, answer: { version: 1, unitId: units[1]!.id } });
		expect(c).toEqual({ duplicate: true, answer: first.answer });
		expect(await h.db.prisma.response.count()).toBe(2);
	});

	it('GIVEN answers to an open round and to a closed one in the same burst WHEN written THEN the closed round refuses its own, the others are recorded', async () => {
		const open = await openRound(1);
		const closed = await openRound(2);
		await h.db.prisma.round.update({ where: { id: closed.id }, data: { state: 'closed' } });

		const results = await Promise.all([
			h.deps.answers.append(answer(open, units[0]!, 1), audit(1)),
			h.deps.answers.append(answer(closed, units[0]!, 2), audit(2)),
			h.deps.answers.append(answer(open, units[1]!, 3), audit(3)),
		]);

		expect(results[0]).toMatchObject({ duplicate: false, answer: { roundId: open.id, version: 1 } });
		expect(results[1]).toBe('round-not-open');
		expect(results[2]).toMatchObject({ duplicate: false, answer: { roundId: open.id, unitId: units[1]!.id } });
		expect(await h.db.prisma.response.count({ where: { roundId: closed.id } })).toBe(0);
	});

	it('GIVEN one answer the database refuses among others in a burst WHEN written THEN only its caller gets the error and the others are recorded', async () => {
		const round = await openRound(1);
		const ghost = { ...units[0]!, id: 999_999 };

		const results = await Promise.allSettled([
			h.deps.answers.append(answer(round, units[0]!, 1), audit(1)),
			h.deps.answers.append(answer(round, ghost, 2), audit(2)),
			h.deps.answers.append(answer(round, units[1]!, 3), audit(3)),
		]);

		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await h.db.prisma.response.count()).toBe(2);
		expect(await h.db.prisma.auditEvent.count({ where: { action: 'answer.record' } })).toBe(2);
	});
});
