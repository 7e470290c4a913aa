import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, deliveryItem, publishRound } from '../../src/app/manage-rounds.ts';
import { drainOutbox, sendAll, sendOnce } from '../../src/app/outbox.ts';
import type { ClaimRequest, FinishEntry, NewOutboxItem } from '../../src/app/ports.ts';
import type { Round, Unit } from '../../src/domain/model.ts';
import { SETS_PER_INSERT } from '../../src/infra/db/repositories/outbox.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, hanoi, seedServer } from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];
let round: Round;
const claimBatches: number[] = [];
const finishBatches: number[] = [];

beforeEach(async () => {
	h = await createAppHarness(hanoi('2021-09-13 09:00')); // Monday morning
	units = await seedServer(h.deps); // the nine units of the seed
	// A fan-out's outcomes wait 500 ms (not 40) for one another here: the posts below come back over about 24 ms, and a
	// busy machine (CI runs the PostgreSQL and SQLite suites side by side with crash trials) can stall the event loop
	// for longer than 40 ms, which split the batches without anything being wrong with them.
	h.deps.finishLingerMs = 500;
	await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '17/09/2021 17:00' });
	round = (await h.deps.rounds.findBySeq(GUILD, 1))!;
	// Count the outbox's batched writes (each is one statement or one transaction).
	claimBatches.length = 0;
	finishBatches.length = 0;
	const outbox = h.deps.outbox;
	const claimMany = outbox.claimMany.bind(outbox);
	const finishMany = outbox.finishMany.bind(outbox);
	outbox.claimMany = (requests: ReadonlyArray<ClaimRequest>, now: Date, leaseMs: number) => {
		claimBatches.push(requests.length);
		return claimMany(requests, now, leaseMs);
	};
	outbox.finishMany = (entries: ReadonlyArray<FinishEntry>) => {
		finishBatches.push(entries.length);
		return finishMany(entries);
	};
});
afterEach(async () => {
	await h.close();
});

describe('the outbox writes the claims and outcomes of a fan-out in batches', () => {
	it('GIVEN nine units WHEN the round is published THEN every unit gets one post, with its outcome and audit event, in a few writes', async () => {
		const r = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(r.ok && r.value.sent.length).toBe(9);
		for (const unit of units) expect(h.notifier.drafts.filter((d) => d.view.unit.id === unit.id)).toHaveLength(1);
		const deliveries = await h.deps.outbox.deliveries(round.id);
		expect(deliveries.map((d) => d.status)).toEqual(units.map(() => 'sent'));
		expect(new Set(deliveries.map((d) => d.messageId)).size).toBe(9);
		const audit = await h.db.prisma.auditEvent.findMany({ where: { action: 'delivery.sent' } });
		expect(audit.map((a) => a.subject).sort()).toEqual(units.map((u) => u.code).sort());
		// THEN the nine claims, made at the same moment, took one statement, and the nine outcomes a few transactions
		expect(claimBatches).toEqual([9]);
		expect(finishBatches.reduce((a, b) => a + b, 0)).toBe(9);
		expect(finishBatches.length).toBeLessThanOrEqual(3);
	});

	it('GIVEN posts that come back one by one over 24 ms WHEN the round is published THEN their outcomes are still written together', async () => {
		// Discord answers the nine posts 3 ms apart, as a real fan-out's answers arrive.
		const postDraft = h.notifier.postDraft.bind(h.notifier);
		let n = 0;
		h.notifier.postDraft = async (view, nonce) => {
			await new Promise((r) => setTimeout(r, 3 * n++));
			return postDraft(view, nonce);
		};
		const r = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(r.ok && r.value.sent.map((u) => u.code).sort()).toEqual(units.map((u) => u.code).sort());
		expect((await h.deps.outbox.deliveries(round.id)).map((d) => d.status)).toEqual(units.map(() => 'sent'));
		// THEN the nine outcomes took one or two transactions, not one each
		expect(finishBatches.reduce((a, b) => a + b, 0)).toBe(9);
		expect(finishBatches.length).toBeLessThanOrEqual(2);
	});

	/** The round open and one delivery per unit recorded, none sent; Discord answers the posts 3 ms apart. */
	async function recordedDeliveries() {
		await h.deps.rounds.markOpen(round.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
		round = (await h.deps.rounds.get(round.id))!;
		const items = await h.deps.outbox.enqueue(units.map((u) => deliveryItem(round, u, h.clock.now())));
		const postDraft = h.notifier.postDraft.bind(h.notifier);
		let n = 0;
		h.notifier.postDraft = async (view, nonce) => {
			await new Promise((r) => setTimeout(r, 3 * n++));
			return postDraft(view, nonce);
		};
		let targetReads = 0;
		const targets = h.deps.rounds.targets.bind(h.deps.rounds);
		h.deps.rounds.targets = (id) => (targetReads++, targets(id));
		return { items, targetReads: () => targetReads };
	}

	it('GIVEN nine items sent side by side (sendAll), answered one by one WHEN they are sent THEN their outcomes are written together, not one each', async () => {
		const { items } = await recordedDeliveries();
		const outcomes = await sendAll(h.deps, items);
		expect(outcomes.map((o) => o.state)).toEqual(units.map(() => 'sent'));
		expect(finishBatches.reduce((a, b) => a + b, 0)).toBe(9);
		expect(finishBatches.length).toBeLessThanOrEqual(2);
	});

	it('GIVEN nine items due, never sent (a publish cut short) WHEN the outbox is drained THEN one read of the round serves all nine posts, and their outcomes are written together', async () => {
		const { targetReads } = await recordedDeliveries();
		const outcomes = await drainOutbox(h.deps);
		expect(outcomes.map((o) => o.state)).toEqual(units.map(() => 'sent'));
		expect(targetReads()).toBe(1);
		expect(finishBatches.reduce((a, b) => a + b, 0)).toBe(9);
		expect(finishBatches.length).toBeLessThanOrEqual(2);
	});

	it('GIVEN one item sent twice at the same moment in one process WHEN both claims land in one batch THEN one post goes out and the other call is told it is busy', async () => {
		await h.deps.rounds.markOpen(round.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
		round = (await h.deps.rounds.get(round.id))!;
		const [item] = await h.deps.outbox.enqueue([deliveryItem(round, units[0]!, h.clock.now())]);
		const outcomes = await Promise.all([sendOnce(h.deps, item!), sendOnce(h.deps, item!)]);
		expect(outcomes.map((o) => o.state).sort()).toEqual(['busy', 'sent']);
		expect(claimBatches).toEqual([2]);
		expect(h.notifier.drafts).toHaveLength(1);
	});

	it('GIVEN three items claimed in one statement WHEN a post that failed and two that landed are recorded in one transaction THEN each keeps its own outcome and audit event', async () => {
		await h.deps.rounds.markOpen(round.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
		round = (await h.deps.rounds.get(round.id))!;
		const items = await h.deps.outbox.enqueue(units.slice(0, 3).map((u) => deliveryItem(round, u, h.clock.now())));
		const now = h.clock.now();
		const claimed = await h.deps.outbox.claimMany(
			items.map((i) => ({ id: i.id })),
			now,
			60_000,
		);
		expect(claimed.map((c) => [c.status, c.attempts])).toEqual(items.map(() => ['sending', 1]));
		// THEN a second claim of the same items takes none of them
		expect(
			await h.deps.outbox.claimMany(
				items.map((i) => ({ id: i.id })),
				now,
				60_000,
			),
		).toEqual([]);
		const retryAt = new Date(now.getTime() + 60_000);
		const audit = (subject: string, action: string) => ({ guildId: GUILD, roundId: round.id, subject, action });
		await h.deps.outbox.finishMany([
			{ id: items[0]!.id, now, result: { ok: true, messageId: 'm-a' }, audit: audit('A', 'delivery.sent') },
			{
				id: items[1]!.id,
				now,
				result: { ok: false, error: 'other: 502', retryAt },
				audit: audit('B', 'delivery.failed'),
			},
			{ id: items[2]!.id, now, result: { ok: true, messageId: 'm-c', channelId: 'moved' }, audit: null },
		]);
		const stored = await h.deps.outbox.deliveries(round.id);
		expect(stored.map((d) => [d.status, d.messageId, d.channelId === 'moved'])).toEqual([
			['sent', 'm-a', false],
			['failed', null, false],
			['sent', 'm-c', true],
		]);
		expect(stored[1]!.nextAttemptAt).toEqual(retryAt);
		expect(stored[0]!.sentAt).toEqual(now);
		const events = await h.db.prisma.auditEvent.findMany({
			where: { subject: { in: ['A', 'B', 'C'] } },
			orderBy: { id: 'asc' },
		});
		expect(events.map((e) => [e.subject, e.action, JSON.parse(e.after ?? '{}').key])).toEqual([
			['A', 'delivery.sent', items[0]!.key],
			['B', 'delivery.failed', items[1]!.key],
		]);
	});
});

describe('the outbox records many items in one go (the sweep records thousands)', () => {
	/** A test reminder of `unit` for `step`, due at `dueAt`. */
	const reminder = (unit: Unit, step: string, dueAt: Date, extra: Partial<NewOutboxItem> = {}): NewOutboxItem => ({
		kind: 'reminder',
		guildId: GUILD,
		roundId: round.id,
		unitId: unit.id,
		key: `test:${unit.code}:${step}`,
		channelId: unit.channelId,
		payload: { step, reminder: 'before' },
		dueAt,
		...extra,
	});
	const stored = () =>
		h.db.prisma.outboxItem.findMany({ where: { key: { startsWith: 'test:' } }, orderBy: { id: 'asc' } });

	it('GIVEN items sharing nothing (more than one statement takes), a key already there, and neighbours sharing payload and due time but not kind or state WHEN recorded at once THEN each new one is stored once with its own columns, in the order given, and the existing one is left as it was', async () => {
		const start = h.clock.now().getTime();
		const existing = reminder(units[0]!, 'old', new Date(start));
		await h.deps.outbox.add([existing]);
		const [before] = await stored();
		const payload = { step: 'shared', reminder: 'after' as const };
		const at = new Date(start + 1000);
		const spread = Array.from({ length: 2 * SETS_PER_INSERT + 22 }, (_, i) =>
			reminder(units[i % units.length]!, `s${String(i)}`, new Date(start + i * 60_000)),
		);
		// Each of these differs from the one before it in one column only.
		const due = reminder(units[1]!, 'a', at, { payload });
		const skipped: NewOutboxItem = { ...due, key: 'test:b', status: 'skipped' };
		const superseded: NewOutboxItem = { ...skipped, key: 'test:c', error: 'superseded' };
		const notice: NewOutboxItem = { ...superseded, key: 'test:d', kind: 'notice' };
		const roundless: NewOutboxItem = { ...notice, key: 'test:e', roundId: null };
		const elsewhere: NewOutboxItem = { ...roundless, key: 'test:f', guildId: '100000000000000002' };
		const fresh: NewOutboxItem[] = [
			...spread.slice(0, SETS_PER_INSERT),
			due,
			skipped,
			superseded,
			notice,
			roundless,
			elsewhere,
			...spread.slice(SETS_PER_INSERT),
		];
		await h.deps.outbox.add([...fresh.slice(0, 5), { ...existing, payload: { step: 'new' } }, ...fresh.slice(5)]);

		const rows = await stored();
		expect(rows[0]).toEqual(before);
		expect(
			rows
				.slice(1)
				.map((r) => [r.key, r.kind, r.guildId, r.roundId, r.unitId, r.channelId, r.payload, r.status, r.error]),
		).toEqual(
			fresh.map((i) => [
				i.key,
				i.kind,
				i.guildId,
				i.roundId,
				i.unitId,
				i.channelId,
				JSON.stringify(i.payload),
				i.status ?? 'due',
				i.error ?? null,
			]),
		);
		expect(rows.slice(1).map((r) => [r.dueAt, r.nextAttemptAt])).toEqual(
			fresh.map((i) => [i.dueAt, (i.status ?? 'due') === 'due' ? i.dueAt : null]),
		);
		expect(rows.slice(1).map((r) => [r.attempts, r.leaseUntil, r.messageId, r.sentAt])).toEqual(
			fresh.map(() => [0, null, null, null]),
		);
		// THEN every item has a nonce of its own that Discord accepts
		expect(new Set(rows.map((r) => r.nonce)).size).toBe(rows.length);
		for (const r of rows) expect(r.nonce).toMatch(/^o[0-9a-f]{24}$/);
	});

	it('GIVEN more items than one statement takes, the last naming a round that does not exist WHEN recorded THEN none of them is (all or none)', async () => {
		const start = h.clock.now().getTime();
		const items = Array.from({ length: SETS_PER_INSERT + 1 }, (_, i) =>
			reminder(units[0]!, `s${String(i)}`, new Date(start + i * 60_000)),
		);
		items.push(reminder(units[1]!, 'lost', new Date(start), { roundId: round.id + 1000 }));
		await expect(h.deps.outbox.add(items)).rejects.toThrow();
		expect(await stored()).toEqual([]);
	});
});
