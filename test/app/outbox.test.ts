import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, deliveryItem, publishRound, roundStatus } from '../../src/app/manage-rounds.ts';
import { DEFAULT_LEASE_MS, drainOutbox, sendOnce } from '../../src/app/outbox.ts';
import type { OutboxItem } from '../../src/app/ports.ts';
import { runReminderSweep } from '../../src/app/reminder-sweep.ts';
import type { Round, Unit } from '../../src/domain/model.ts';
import { Perm, type GuildSnapshot } from '../../src/domain/permissions.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, hanoi, seedServer } from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];
let round: Round;

beforeEach(async () => {
	h = await createAppHarness(hanoi('2021-09-13 09:00')); // Monday morning
	units = await seedServer(h.deps, { count: 4 });
	await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '17/09/2021 17:00' });
	round = (await h.deps.rounds.findBySeq(GUILD, 1))!;
});
afterEach(async () => {
	await h.close();
});

const publish = () => publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
const postsTo = (unit: Unit) => h.notifier.drafts.filter((d) => d.view.unit.id === unit.id).length;
const deliveryOf = async (unit: Unit) => (await h.deps.outbox.deliveries(round.id)).find((d) => d.unitId === unit.id);

/** What a sender leaves when it is killed between claiming a unit's delivery and posting it. */
async function senderDiedWhileDelivering(unit: Unit): Promise<OutboxItem> {
	await h.deps.rounds.markOpen(round.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
	round = (await h.deps.rounds.get(round.id))!;
	const [item] = await h.deps.outbox.enqueue([deliveryItem(round, unit, h.clock.now())]);
	const claimed = await h.deps.outbox.claim(item!.id, h.clock.now(), DEFAULT_LEASE_MS);
	expect(claimed?.status).toBe('sending');
	return claimed!;
}

describe('the outbox: deliveries survive a crash of their sender', () => {
	it('GIVEN a delivery claimed by a sender that died WHEN the coordinator publishes THEN that unit is reported as being delivered, not as already received', async () => {
		await senderDiedWhileDelivering(units[0]!);
		const r = await publish();
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.inProgress.map((u) => u.code)).toEqual([units[0]!.code]);
		expect(r.value.already).toEqual([]);
		expect(r.value.sent.map((u) => u.code).sort()).toEqual(
			units
				.slice(1)
				.map((u) => u.code)
				.sort(),
		);
		expect(postsTo(units[0]!)).toBe(0);
	});

	it('GIVEN a delivery claimed by a sender that died WHEN the next sweep runs after the lease THEN the unit gets its draft exactly once', async () => {
		await senderDiedWhileDelivering(units[0]!);
		await publish();
		h.clock.advance(DEFAULT_LEASE_MS / 2);
		expect((await runReminderSweep(h.deps)).delivered).toEqual([]);
		h.clock.advance(DEFAULT_LEASE_MS);
		const report = await runReminderSweep(h.deps);
		expect(report.delivered).toEqual([{ round: 'R1', unit: units[0]!.code }]);
		expect((await runReminderSweep(h.deps)).delivered).toEqual([]);
		for (const unit of units) expect(postsTo(unit), unit.code).toBe(1);
		expect((await deliveryOf(units[0]!))?.status).toBe('sent');
	});

	it('GIVEN a publish that recorded every delivery and died before posting WHEN the sweep runs THEN every unit gets its draft once, with nobody publishing again', async () => {
		await senderDiedWhileDelivering(units[0]!);
		// The rest were recorded as due in the same transaction, then the process died.
		await h.deps.outbox.enqueue(units.slice(1).map((u) => deliveryItem(round, u, h.clock.now())));
		h.clock.advance(60_000);
		expect((await runReminderSweep(h.deps)).delivered.map((d) => d.unit).sort()).toEqual(
			units
				.slice(1)
				.map((u) => u.code)
				.sort(),
		);
		h.clock.advance(DEFAULT_LEASE_MS);
		expect((await runReminderSweep(h.deps)).delivered.map((d) => d.unit)).toEqual([units[0]!.code]);
		for (const unit of units) expect(postsTo(unit), unit.code).toBe(1);
	});

	it('GIVEN a post that landed before its sender died WHEN the sweep takes it over long after the nonce window THEN the post is adopted from the channel, not posted twice', async () => {
		const unit = units[1]!;
		await senderDiedWhileDelivering(unit);
		h.notifier.landed.push({
			channelId: unit.channelId,
			kind: 'draft',
			roundId: round.id,
			unitId: unit.id,
			messageId: 'landed-1',
		});
		h.clock.advance(30 * 60_000);
		const report = await runReminderSweep(h.deps);
		expect(report.delivered).toContainEqual({ round: 'R1', unit: unit.code });
		expect(postsTo(unit)).toBe(0);
		expect(await deliveryOf(unit)).toMatchObject({ status: 'sent', messageId: 'landed-1' });
	});

	it('GIVEN a publish that opened the round and died before recording the deliveries WHEN the sweep runs THEN every unit gets its draft once', async () => {
		await h.deps.rounds.markOpen(round.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
		h.clock.advance(60_000);
		const report = await runReminderSweep(h.deps);
		expect(report.delivered.map((d) => d.unit).sort()).toEqual(units.map((u) => u.code).sort());
		await runReminderSweep(h.deps);
		for (const unit of units) expect(postsTo(unit), unit.code).toBe(1);
	});

	it("GIVEN a publish that opened the round and died before recording the deliveries, and the bot cannot post in one unit's channel WHEN the sweep runs THEN that unit is left out until its channel is fixed, the others get their drafts", async () => {
		const blocked = units[1]!;
		const everyone =
			Perm.ViewChannel | Perm.SendMessages | Perm.EmbedLinks | Perm.AttachFiles | Perm.ReadMessageHistory;
		const server = (denied: bigint): GuildSnapshot => ({
			guildId: GUILD,
			ownerId: '1',
			botUserId: '2',
			botRoleIds: [],
			roles: new Map([
				[GUILD, { name: '@everyone', permissions: everyone, mentionable: false }],
				...units.map((u): [string, { name: string; permissions: bigint; mentionable: boolean }] => [
					u.roleId,
					{ name: u.code, permissions: 0n, mentionable: true },
				]),
			]),
			channels: new Map(
				units.map((u) => [
					u.channelId,
					{
						name: u.code,
						overwrites: u === blocked ? [{ id: '2', type: 1 as const, allow: 0n, deny: denied }] : [],
					},
				]),
			),
		});
		let snapshot = server(Perm.SendMessages);
		h.deps.access = { snapshot: (id) => Promise.resolve(id === GUILD ? snapshot : null) };
		await h.deps.rounds.markOpen(round.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
		h.clock.advance(60_000);
		const report = await runReminderSweep(h.deps);
		expect(report.delivered.map((d) => d.unit).sort()).toEqual(
			units
				.filter((u) => u !== blocked)
				.map((u) => u.code)
				.sort(),
		);
		expect(postsTo(blocked)).toBe(0);
		expect(await deliveryOf(blocked)).toBeUndefined();
		snapshot = server(0n);
		h.clock.advance(60_000);
		expect((await runReminderSweep(h.deps)).delivered).toEqual([{ round: 'R1', unit: blocked.code }]);
		for (const unit of units) expect(postsTo(unit), unit.code).toBe(1);
	});

	it('GIVEN a publish that opened the round and died before recording the deliveries, and the bot cannot see the server WHEN the sweep runs THEN every unit gets its draft (Discord decides)', async () => {
		h.deps.access = { snapshot: () => Promise.resolve(null) };
		await h.deps.rounds.markOpen(round.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
		h.clock.advance(60_000);
		const report = await runReminderSweep(h.deps);
		expect(report.delivered.map((d) => d.unit).sort()).toEqual(units.map((u) => u.code).sort());
	});

	it("GIVEN a publish that recorded the first unit's delivery and died WHEN the sweep runs THEN the other units are queued too and every unit gets its draft once", async () => {
		await h.deps.rounds.markOpen(round.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
		round = (await h.deps.rounds.get(round.id))!;
		const [first] = await h.deps.outbox.enqueue([deliveryItem(round, units[0]!, h.clock.now())]);
		h.clock.advance(60_000);
		const report = await runReminderSweep(h.deps);
		expect(report.delivered.map((d) => d.unit).sort()).toEqual(units.map((u) => u.code).sort());
		await runReminderSweep(h.deps);
		for (const unit of units) expect(postsTo(unit), unit.code).toBe(1);
		expect((await deliveryOf(units[0]!))?.id).toBe(first!.id);
	});

	it('GIVEN two sweeps at the same moment over the same due deliveries WHEN both run THEN each unit gets one post', async () => {
		await h.deps.rounds.markOpen(round.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
		await h.deps.outbox.enqueue(units.map((u) => deliveryItem(round, u, h.clock.now())));
		const [a, b] = await Promise.all([runReminderSweep(h.deps), runReminderSweep(h.deps)]);
		expect(a.delivered.length + b.delivered.length).toBe(units.length);
		for (const unit of units) expect(postsTo(unit), unit.code).toBe(1);
	});

	it('GIVEN a delivery that failed on a server error WHEN sweeps run THEN it is retried with back-off (1 min, then 2 min) and posted once', async () => {
		h.notifier.failing.set(units[2]!.channelId, { ok: false, reason: 'other', detail: '503' });
		const r = await publish();
		expect(r.ok && r.value.failed.map((f) => f.unit.code)).toEqual([units[2]!.code]);
		h.clock.advance(30_000);
		expect((await runReminderSweep(h.deps)).delivered).toEqual([]);
		h.clock.advance(31_000);
		await runReminderSweep(h.deps); // second attempt, still failing
		expect((await deliveryOf(units[2]!))?.attempts).toBe(2);
		h.notifier.failing.clear();
		h.clock.advance(61_000);
		expect((await runReminderSweep(h.deps)).delivered).toEqual([]);
		h.clock.advance(60_000);
		expect((await runReminderSweep(h.deps)).delivered).toEqual([{ round: 'R1', unit: units[2]!.code }]);
		expect(postsTo(units[2]!)).toBe(1);
	});

	it('GIVEN a delivery refused for a missing permission WHEN sweeps run THEN it waits for the coordinator; publishing again after the fix sends it once', async () => {
		h.notifier.failing.set(units[3]!.channelId, { ok: false, reason: 'missing-permission', detail: '50013' });
		await publish();
		h.clock.advance(3 * 60 * 60_000);
		expect((await runReminderSweep(h.deps)).delivered).toEqual([]);
		expect((await deliveryOf(units[3]!))?.status).toBe('failed');
		h.notifier.failing.clear();
		const again = await publish();
		expect(again.ok && again.value.sent.map((u) => u.code)).toEqual([units[3]!.code]);
		expect(again.ok && again.value.already.length).toBe(units.length - 1);
		for (const unit of units) expect(postsTo(unit), unit.code).toBe(1);
	});

	it('GIVEN deliveries in every state WHEN the coordinator asks for the status THEN each unit shows its delivery state', async () => {
		h.notifier.failing.set(units[3]!.channelId, { ok: false, reason: 'missing-permission', detail: '50013' });
		await senderDiedWhileDelivering(units[0]!);
		await publish();
		const status = await roundStatus(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(status.ok).toBe(true);
		if (!status.ok) return;
		const states = new Map(status.value.rows.map((r) => [r.unit.code, r.delivery?.status]));
		expect(states.get(units[0]!.code)).toBe('sending');
		expect(states.get(units[1]!.code)).toBe('sent');
		expect(states.get(units[3]!.code)).toBe('failed');
		expect(status.value.rows.find((r) => r.unit.id === units[3]!.id)?.delivery?.error).toMatch(/missing-permission/);
	});
});

describe('sendOnce and the sweep: one attempt, its outcome and its audit event', () => {
	const WEEK = 7 * 24 * 60 * 60_000;
	const stored = (id: number) => h.db.prisma.outboxItem.findUniqueOrThrow({ where: { id } });
	async function openWithDeliveries(list: Unit[] = units): Promise<OutboxItem[]> {
		await h.deps.rounds.markOpen(round.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
		round = (await h.deps.rounds.get(round.id))!;
		return h.deps.outbox.enqueue(list.map((u) => deliveryItem(round, u, h.clock.now())));
	}

	it('GIVEN a delivery recorded a week ago and never sent WHEN tried now THEN it is still sent; a moment later THEN given up as expired', async () => {
		const [a, b] = await openWithDeliveries(units.slice(0, 2));
		h.clock.set(new Date(a!.createdAt.getTime() + WEEK));
		expect((await sendOnce(h.deps, a!)).state).toBe('sent');
		h.clock.set(new Date(b!.createdAt.getTime() + WEEK + 1));
		const late = await sendOnce(h.deps, b!);
		expect(late.state === 'skipped' && late.reason).toBe('expired');
		expect(await stored(b!.id)).toMatchObject({ status: 'skipped', error: 'expired' });
		expect([postsTo(units[0]!), postsTo(units[1]!)]).toEqual([1, 0]);
	});

	it('GIVEN a delivery already sent WHEN sent again THEN nothing is posted: it is busy', async () => {
		const [item] = await openWithDeliveries(units.slice(0, 1));
		await sendOnce(h.deps, item!);
		expect((await sendOnce(h.deps, item!)).state).toBe('busy');
		expect(postsTo(units[0]!)).toBe(1);
	});

	it('GIVEN a failed delivery whose retry time has not come WHEN sent THEN it waits; WHEN a coordinator asks for it THEN it is sent now', async () => {
		const [item] = await openWithDeliveries(units.slice(0, 1));
		h.notifier.failing.set(units[0]!.channelId, { ok: false, reason: 'other', detail: '503' });
		await sendOnce(h.deps, item!);
		h.notifier.failing.clear();
		expect((await sendOnce(h.deps, item!)).state).toBe('busy');
		expect((await sendOnce(h.deps, item!, { retryFailed: true })).state).toBe('sent');
		expect(postsTo(units[0]!)).toBe(1);
	});

	it('GIVEN a post that throws WHEN sent THEN it is recorded as failed with the error, and retried', async () => {
		const [a, b] = await openWithDeliveries(units.slice(0, 2));
		h.notifier.postDraft = (view) =>
			view.unit.id === units[0]!.id
				? Promise.reject(new Error('socket hang up'))
				: // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what some libraries do
					Promise.reject('refused');
		expect(await sendOnce(h.deps, a!)).toMatchObject({ state: 'failed', reason: 'other', detail: 'socket hang up' });
		expect(await sendOnce(h.deps, b!)).toMatchObject({ state: 'failed', reason: 'other', detail: 'refused' });
		expect(await stored(a!.id)).toMatchObject({
			status: 'failed',
			error: 'other: socket hang up',
			nextAttemptAt: new Date(h.clock.now().getTime() + 60_000),
		});
	});

	it('GIVEN a coordinator who asked WHEN the delivery is sent or fails THEN the audit event names them; a sweep’s names nobody', async () => {
		const [a, b, c] = await openWithDeliveries(units.slice(0, 3));
		h.notifier.failing.set(units[1]!.channelId, { ok: false, reason: 'other', detail: '503' });
		await sendOnce(h.deps, a!, { actor: coordinator() });
		await sendOnce(h.deps, b!, { actor: coordinator() });
		await sendOnce(h.deps, c!);
		const events = await h.db.prisma.auditEvent.findMany({
			where: { action: { in: ['delivery.sent', 'delivery.failed'] } },
			orderBy: { id: 'asc' },
		});
		expect(events.map((e) => [e.action, e.subject, e.actorId, e.actorName, e.roundId, e.guildId])).toEqual([
			['delivery.sent', units[0]!.code, coordinator().userId, coordinator().userName, round.id, GUILD],
			['delivery.failed', units[1]!.code, coordinator().userId, coordinator().userName, round.id, GUILD],
			['delivery.sent', units[2]!.code, null, null, round.id, GUILD],
		]);
	});

	it('GIVEN a first attempt WHEN sent THEN the channel is not read for an earlier post; a later attempt reads it', async () => {
		const reads: number[] = [];
		h.notifier.findOwnPost = (_channel, probe) => {
			reads.push(probe.unitId);
			return Promise.resolve(null);
		};
		const [a, b] = await openWithDeliveries(units.slice(0, 2));
		await sendOnce(h.deps, a!);
		expect(reads).toEqual([]);
		await h.deps.outbox.claim(b!.id, h.clock.now(), DEFAULT_LEASE_MS);
		h.clock.advance(DEFAULT_LEASE_MS + 1);
		await sendOnce(h.deps, b!);
		expect(reads).toEqual([units[1]!.id]);
		expect(postsTo(units[1]!)).toBe(1);
	});

	it('GIVEN a post adopted from the channel WHEN recorded THEN it is sent with its audit event, like a post of this attempt', async () => {
		const unit = units[2]!;
		await senderDiedWhileDelivering(unit);
		h.notifier.landed.push({
			channelId: unit.channelId,
			kind: 'draft',
			roundId: round.id,
			unitId: unit.id,
			messageId: 'm-old',
		});
		h.clock.advance(DEFAULT_LEASE_MS + 1);
		await drainOutbox(h.deps);
		expect(await deliveryOf(unit)).toMatchObject({ status: 'sent', messageId: 'm-old', channelId: unit.channelId });
		const events = await h.db.prisma.auditEvent.findMany({ where: { action: 'delivery.sent' } });
		expect(events.map((e) => e.subject)).toEqual([unit.code]);
	});

	it('GIVEN a lease shorter than the default WHEN a sender dies mid-post THEN the sweep takes the item over once that lease ran out', async () => {
		h.deps.outboxLeaseMs = 10_000;
		const [item] = await openWithDeliveries(units.slice(0, 1));
		const postDraft = h.notifier.postDraft.bind(h.notifier);
		// The sender dies while posting: its post never returns. Restored only once it is stuck there, or the first
		// sender could still post with the real notifier.
		let stuck!: () => void;
		const posting = new Promise<void>((resolve) => (stuck = resolve));
		h.notifier.postDraft = () => {
			stuck();
			return new Promise(() => {});
		};
		void sendOnce(h.deps, item!);
		await posting;
		expect((await deliveryOf(units[0]!))?.status).toBe('sending');
		h.notifier.postDraft = postDraft;
		h.clock.advance(9_000);
		expect(await drainOutbox(h.deps)).toEqual([]);
		h.clock.advance(2_000);
		expect((await drainOutbox(h.deps)).map((o) => o.state)).toEqual(['sent']);
		expect(postsTo(units[0]!)).toBe(1);
	});

	it('GIVEN due items WHEN the sweep drains the outbox with a filter and a limit THEN it sends only those accepted, at most that many', async () => {
		await openWithDeliveries();
		const held = await drainOutbox(h.deps, { accept: (item) => item.unitId !== units[0]!.id, limit: 2 });
		expect(held.map((o) => o.state)).toEqual(['sent']);
		const rest = await drainOutbox(h.deps, { accept: async (item) => item.unitId !== units[0]!.id });
		expect(rest.map((o) => o.state)).toEqual(['sent', 'sent']);
		expect(units.map((u) => postsTo(u))).toEqual([0, 1, 1, 1]);
	});

	it('GIVEN one item whose preparation throws WHEN the sweep drains THEN it is logged, and the others are still sent', async () => {
		const errors: Array<Record<string, unknown>> = [];
		h.deps.log = { info: () => {}, warn: () => {}, error: (obj) => errors.push(obj as never) };
		await openWithDeliveries();
		const other = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'T2',
			deadline: '17/09/2021 17:00',
		});
		if (!other.ok) throw new Error(JSON.stringify(other.error));
		const r2 = other.value.round;
		await h.deps.rounds.markOpen(r2.id, h.clock.now(), { guildId: GUILD, action: 'round.publish' });
		const [broken] = await h.deps.outbox.enqueue([deliveryItem(r2, units[0]!, h.clock.now())]);
		const get = h.deps.rounds.get.bind(h.deps.rounds);
		h.deps.rounds.get = (id) => (id === r2.id ? Promise.reject(new Error('disk')) : get(id));
		const outcomes = await drainOutbox(h.deps);
		expect(outcomes.map((o) => o.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
		expect(errors.map((e) => [e.key, (e.err as Error).message])).toEqual([[broken!.key, 'disk']]);
	});

	it('GIVEN items skipped, adopted, failed and broken WHEN sent THEN each outcome is logged with its key and details', async () => {
		const lines: Array<[string, string | undefined, Record<string, unknown>]> = [];
		h.deps.log = {
			info: (obj, msg) => lines.push(['info', msg, obj as never]),
			warn: (obj, msg) => lines.push(['warn', msg, obj as never]),
			error: (obj, msg) => lines.push(['error', msg, obj as never]),
		};
		const [a, b, c] = await openWithDeliveries(units.slice(0, 3));
		// c: failed; b: adopted on its second attempt; a: skipped (expired).
		h.notifier.failing.set(units[2]!.channelId, { ok: false, reason: 'other', detail: '503' });
		await sendOnce(h.deps, c!);
		const retryAt = new Date(h.clock.now().getTime() + 60_000);
		await h.deps.outbox.claim(b!.id, h.clock.now(), 1);
		h.notifier.landed.push({
			channelId: units[1]!.channelId,
			kind: 'draft',
			roundId: round.id,
			unitId: units[1]!.id,
			messageId: 'm-b',
		});
		h.clock.advance(2);
		await sendOnce(h.deps, b!);
		h.clock.set(new Date(a!.createdAt.getTime() + WEEK + 1));
		await sendOnce(h.deps, a!);
		expect(lines).toEqual([
			['warn', 'outbox item not posted', { key: c!.key, reason: 'other', detail: '503', retryAt }],
			['info', 'outbox item adopted: its post had landed', { key: b!.key, messageId: 'm-b' }],
			['info', 'outbox item skipped', { key: a!.key, reason: 'expired' }],
		]);
		lines.length = 0;
		h.deps.rounds.get = () => Promise.reject(new Error('disk'));
		h.clock.set(retryAt);
		await drainOutbox(h.deps);
		expect(lines.map(([level, msg, obj]) => [level, msg, obj.key])).toEqual([
			['error', 'outbox item failed unexpectedly', c!.key],
		]);
	});
});
