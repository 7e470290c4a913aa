import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { extendRound, remindNow } from '../../src/app/round-deadlines.ts';
import type { ReminderView } from '../../src/app/ports.ts';
import type { Unit } from '../../src/domain/model.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, hanoi, seedServer } from '../support/app-harness.ts';

// /round remind and /round extend tell every pending unit at once: their posts go out side by side behind the
// notifier's pacer, like a publish's, instead of one round trip after another.

let h: AppHarness;
let units: Unit[];
let inFlight = 0;
let mostInFlight = 0;

beforeEach(async () => {
	h = await createAppHarness(hanoi('2021-09-13 09:00')); // Monday morning
	units = await seedServer(h.deps); // the nine units of the seed
	await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '17/09/2021 17:00' });
	const published = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
	if (!published.ok) throw new Error(JSON.stringify(published.error));
	// Each reminder takes 20 ms to come back, as a post to Discord does; count how many are under way at once.
	inFlight = 0;
	mostInFlight = 0;
	const postReminder = h.notifier.postReminder.bind(h.notifier);
	h.notifier.postReminder = async (view: ReminderView, nonce: string) => {
		mostInFlight = Math.max(mostInFlight, ++inFlight);
		await new Promise((r) => setTimeout(r, 20));
		inFlight--;
		return postReminder(view, nonce);
	};
});
afterEach(async () => {
	await h.close();
});

describe('reminders to every pending unit go out side by side', () => {
	it('GIVEN nine pending units and one failing channel WHEN the coordinator reminds them THEN the posts are under way together and the lists keep the units’ order', async () => {
		h.notifier.failing.set(units[4]!.channelId, { ok: false, reason: 'missing-permission', detail: '403' });
		const r = await remindNow(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(mostInFlight).toBeGreaterThan(1);
		const codes = (list: Unit[]) => list.map((u) => u.code);
		const expected = codes(units.filter((_, i) => i !== 4)).sort();
		expect(codes(r.value.reminded).sort()).toEqual(expected);
		// THEN the reminded units are listed in the round's order, the failed one on its own
		const order = (await h.deps.rounds.targets(r.value.round.id)).map((t) => t.unit.code);
		expect(codes(r.value.reminded)).toEqual(order.filter((c) => c !== units[4]!.code));
		expect(r.value.failed.map((f) => [f.unit.code, f.reason])).toEqual([[units[4]!.code, 'missing-permission']]);
		expect(r.value.tooSoon).toEqual([]);
		expect(h.notifier.reminders).toHaveLength(8);
	});

	it('GIVEN nine pending units WHEN the coordinator extends the deadline THEN the nine notices are under way together, each sent once', async () => {
		const r = await extendRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			deadline: '20/09/2021 17:00',
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(mostInFlight).toBeGreaterThan(1);
		expect(h.notifier.reminders.map((x) => x.view.unit.code).sort()).toEqual(units.map((u) => u.code).sort());
		expect(h.notifier.reminders.every((x) => x.view.kind === 'extended')).toBe(true);
	});
});
