import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, publishRound, setUnitDraft } from '../../src/app/manage-rounds.ts';
import { sendOnce, type SendOptions } from '../../src/app/outbox.ts';
import { PostContext } from '../../src/app/outbox-posts.ts';
import type { NewOutboxItem, OutboxItem, SendResult } from '../../src/app/ports.ts';
import { closeRound } from '../../src/app/round-deadlines.ts';
import type { Round, Unit } from '../../src/domain/model.ts';
import {
	agreeAsMember,
	type AppHarness,
	COORD_ROLE,
	coordinator,
	createAppHarness,
	GUILD,
	hanoi,
	REPORT_CHANNEL,
	seedServer,
} from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];
let round: Round;
let seq = 0;

beforeEach(async () => {
	h = await createAppHarness(hanoi('2021-09-13 09:00')); // Monday morning
	units = await seedServer(h.deps, { count: 3 });
	// The round addresses the first two units only.
	await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'T',
		deadline: '17/09/2021 17:00',
		units: `${units[0]!.code},${units[1]!.code}`,
		text: 'Dự thảo chung',
	});
	round = (await h.deps.rounds.findBySeq(GUILD, 1))!;
});
afterEach(async () => {
	await h.close();
});

const publish = () => publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });

/** Records one item in the outbox (for the first unit, due now, unless told otherwise). */
async function record(item: Partial<NewOutboxItem> & Pick<NewOutboxItem, 'kind'>): Promise<OutboxItem> {
	const [stored] = await h.deps.outbox.enqueue([
		{
			key: `${item.kind}:test:${++seq}`,
			guildId: GUILD,
			roundId: round.id,
			unitId: units[0]!.id,
			channelId: units[0]!.channelId,
			payload: {},
			dueAt: h.clock.now(),
			...item,
		},
	]);
	return stored!;
}
const send = async (item: Partial<NewOutboxItem> & Pick<NewOutboxItem, 'kind'>, opts?: SendOptions) =>
	sendOnce(h.deps, await record(item), opts);
const stored = (id: number) => h.db.prisma.outboxItem.findUniqueOrThrow({ where: { id } });
const audited = async (action: string) =>
	(await h.db.prisma.auditEvent.findMany({ where: { action } })).map((e) => [e.subject, e.actorId]);
const reminder = (kind: 'before' | 'after' | 'manual' | 'extended' | undefined, unit = units[0]!) => ({
	kind: 'reminder' as const,
	unitId: unit.id,
	channelId: unit.channelId,
	payload: kind ? { reminder: kind } : {},
});
const failing = (unit: Unit, result: SendResult & { ok: false }) => h.notifier.failing.set(unit.channelId, result);
const MINUTE = 60_000;

describe('an outbox item that became pointless is skipped, with the reason, and nothing is posted', () => {
	const after = () => reminder('after');
	const delivery = () => ({ kind: 'delivery' as const });
	it.each([
		['a delivery of a draft round', 'draft', delivery, 'round not open'],
		['a reminder of a draft round', 'draft', after, 'round not open'],
		['a delivery of a closed round', 'closed', delivery, 'round not open'],
		['a reminder of a closed round', 'closed', after, 'round not open'],
		[
			'a delivery to a unit the round does not address',
			'open',
			() => ({ ...delivery(), unitId: units[2]!.id }),
			'unit not targeted',
		],
		['a delivery naming no unit', 'open', () => ({ ...delivery(), unitId: null }), 'unit not targeted'],
		['a reminder to a unit the round does not address', 'open', () => reminder('after', units[2]), 'unit not targeted'],
		['a reminder naming no unit', 'open', () => ({ ...after(), unitId: null }), 'unit not targeted'],
		[
			'an item of no round',
			'open',
			() => ({ kind: 'notice' as const, roundId: null, payload: { notice: 'final' as const } }),
			'round deleted',
		],
		['a notice of no known kind', 'open', () => ({ kind: 'notice' as const }), 'unknown notice'],
	])('GIVEN %s WHEN sent THEN skipped', async (_name, state, item, reason) => {
		if (state !== 'draft') await publish();
		if (state === 'closed') await closeRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const before = [h.notifier.drafts.length, h.notifier.reminders.length, h.notifier.notices.length];
		const outcome = await send(item());
		expect(outcome.state === 'skipped' && outcome.reason).toBe(reason);
		expect(await stored(outcome.item.id)).toMatchObject({ status: 'skipped', error: reason });
		expect([h.notifier.drafts.length, h.notifier.reminders.length, h.notifier.notices.length]).toEqual(before);
	});

	it('GIVEN a "before the deadline" reminder WHEN sent exactly at the deadline THEN skipped; a minute before THEN sent', async () => {
		await publish();
		h.clock.set(hanoi('2021-09-17 16:59'));
		expect((await send(reminder('before'))).state).toBe('sent');
		h.clock.set(hanoi('2021-09-17 17:00'));
		const late = await send(reminder('before', units[1]));
		expect(late.state === 'skipped' && late.reason).toBe('deadline passed');
		expect(h.notifier.reminders.map((r) => r.view.unit.code)).toEqual([units[0]!.code]);
	});

	it('GIVEN an "after" reminder past the deadline WHEN sent THEN it goes out', async () => {
		await publish();
		h.clock.set(hanoi('2021-09-20 09:00'));
		expect((await send(reminder('after'))).state).toBe('sent');
	});

	it('GIVEN a unit that answered WHEN its reminder is sent THEN skipped', async () => {
		await publish();
		await agreeAsMember(h.deps, units[0]!);
		const outcome = await send(reminder('after'));
		expect(outcome.state === 'skipped' && outcome.reason).toBe('answered');
		expect(h.notifier.reminders).toEqual([]);
	});
});

describe('the reads shared by the posts of one run', () => {
	it('GIVEN a server whose settings cannot be read WHEN an item is sent THEN it is skipped', async () => {
		await publish();
		h.deps.settings.get = () => Promise.resolve(null);
		const outcome = await send(reminder('after'));
		expect(outcome.state === 'skipped' && outcome.reason).toBe('server not set up');
	});

	it('GIVEN a publish to every unit WHEN the posts are prepared THEN the round, its targets, answers and settings are read once for all of them', async () => {
		await seedServer(h.deps, { guildId: '100000000000000002', count: 9 });
		const many = await createRound(h.deps, {
			guildId: '100000000000000002',
			actor: coordinator(),
			title: 'T',
			deadline: '17/09/2021 17:00',
		});
		if (!many.ok) throw new Error(JSON.stringify(many.error));
		const reads = { get: 0, targets: 0, answers: 0, settings: 0, files: 0 };
		const { rounds, answers, settings } = h.deps;
		const [files, get, targets, current, settingsOf] = [
			rounds.draftFiles.bind(rounds),
			rounds.get.bind(rounds),
			rounds.targets.bind(rounds),
			answers.current.bind(answers),
			settings.get.bind(settings),
		];
		rounds.get = (id) => (reads.get++, get(id));
		rounds.draftFiles = (id, unitId) => (reads.files++, files(id, unitId));
		rounds.targets = (id) => (reads.targets++, targets(id));
		answers.current = (id) => (reads.answers++, current(id));
		settings.get = (id) => (reads.settings++, settingsOf(id));
		const r = await publishRound(h.deps, { guildId: '100000000000000002', actor: coordinator(), round: 'R1' });
		expect(r.ok && r.value.sent).toHaveLength(9);
		// One read of the round shared by the nine posts (the round this publish opened is not read back); the rest
		// once per publish (the settings once more for the coordinator's access), the common draft's files once for
		// the units without their own.
		expect(reads).toEqual({ get: 1, targets: 1, answers: 1, settings: 2, files: 1 });
	});
});

describe('the reads shared by the posts of one run are never stale', () => {
	it('GIVEN two posts of one run asking at once who has answered WHEN the answers are read THEN they share one read, and a later question reads afresh', async () => {
		await publish();
		let reads = 0;
		const current = h.deps.answers.current.bind(h.deps.answers);
		h.deps.answers.current = (id) => (reads++, current(id));
		const context = new PostContext(h.deps);
		const [a, b] = await Promise.all([context.answeredNow(round.id), context.answeredNow(round.id)]);
		expect([a.size, b.size, reads]).toEqual([0, 0, 1]);
		await agreeAsMember(h.deps, units[0]!);
		reads = 0;
		expect([...(await context.answeredNow(round.id))]).toEqual([units[0]!.id]);
		expect(reads).toBe(1);
	});

	it('GIVEN a run that posted to one unit WHEN the round closes before its next post THEN that post is skipped', async () => {
		await publish();
		const context = new PostContext(h.deps);
		expect((await send(reminder('after'), { context })).state).toBe('sent');
		await closeRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const next = await send(reminder('after', units[1]), { context });
		expect(next.state === 'skipped' && next.reason).toBe('round not open');
	});

	it('GIVEN a run that reminded one unit WHEN the next unit answers before its reminder THEN that reminder is skipped', async () => {
		await publish();
		const context = new PostContext(h.deps);
		expect((await send(reminder('after'), { context })).state).toBe('sent');
		await agreeAsMember(h.deps, units[1]!);
		const next = await send(reminder('after', units[1]), { context });
		expect(next.state === 'skipped' && next.reason).toBe('answered');
	});
});

describe('reminders: what is posted, audited and retried', () => {
	beforeEach(async () => {
		await publish();
	});

	it('GIVEN a reminder of each kind WHEN sent THEN each is posted as that kind; ladder steps and manual ones are audited, the extension notice is not', async () => {
		for (const kind of ['before', 'manual', 'extended', undefined] as const)
			await send(reminder(kind), { actor: coordinator() });
		expect(
			h.notifier.reminders.map((r) => [r.view.kind, r.view.unit.code, r.view.round.code, r.view.language]),
		).toEqual([
			['before', units[0]!.code, 'R1', 'vi'],
			['manual', units[0]!.code, 'R1', 'vi'],
			['extended', units[0]!.code, 'R1', 'vi'],
			['after', units[0]!.code, 'R1', 'vi'],
		]);
		expect(await audited('reminder.sent')).toEqual([
			[units[0]!.code, coordinator().userId],
			[units[0]!.code, coordinator().userId],
		]);
		expect(await audited('reminder.manual')).toEqual([[units[0]!.code, coordinator().userId]]);
		expect(await audited('reminder.failed')).toEqual([]);
	});

	it('GIVEN a ladder step that fails, for any reason WHEN sent THEN it is retried after 1 minute, then 2, and audited as failed', async () => {
		failing(units[0]!, { ok: false, reason: 'missing-permission', detail: '50013' });
		const first = await send(reminder('after'));
		expect(first).toMatchObject({ state: 'failed', reason: 'missing-permission', detail: '50013' });
		const now = h.clock.now().getTime();
		expect(await stored(first.item.id)).toMatchObject({
			status: 'failed',
			error: 'missing-permission: 50013',
			nextAttemptAt: new Date(now + MINUTE),
		});
		h.clock.advance(MINUTE);
		await sendOnce(h.deps, first.item);
		expect((await stored(first.item.id)).nextAttemptAt).toEqual(new Date(now + 3 * MINUTE));
		expect(await audited('reminder.failed')).toEqual([
			[units[0]!.code, null],
			[units[0]!.code, null],
		]);
	});

	it('GIVEN a manual reminder that fails WHEN sent THEN it is not retried by the sweep, and audited as failed', async () => {
		failing(units[0]!, { ok: false, reason: 'other', detail: '503' });
		const outcome = await send(reminder('manual'));
		expect(await stored(outcome.item.id)).toMatchObject({ status: 'failed', nextAttemptAt: null });
		expect(await audited('reminder.failed')).toEqual([[units[0]!.code, null]]);
	});

	it('GIVEN an extension notice to a unit that fails WHEN sent THEN it is not retried and not audited', async () => {
		failing(units[0]!, { ok: false, reason: 'other', detail: '503' });
		const outcome = await send(reminder('extended'));
		expect(await stored(outcome.item.id)).toMatchObject({ status: 'failed', nextAttemptAt: null });
		expect(await h.db.prisma.auditEvent.count({ where: { action: { startsWith: 'reminder.' } } })).toBe(0);
	});

	it('GIVEN a reminder that landed before its sender died WHEN a later attempt runs THEN it is adopted from the channel, not posted again', async () => {
		const item = await record(reminder('after'));
		await h.deps.outbox.claim(item.id, h.clock.now(), 1);
		h.notifier.landed.push({
			channelId: units[0]!.channelId,
			kind: 'reminder',
			roundId: round.id,
			unitId: units[0]!.id,
			messageId: 'landed-r',
		});
		h.clock.advance(MINUTE);
		expect(await sendOnce(h.deps, item)).toMatchObject({ state: 'sent', adopted: true });
		expect(h.notifier.reminders).toEqual([]);
		expect(await stored(item.id)).toMatchObject({ status: 'sent', messageId: 'landed-r' });
		expect(await audited('reminder.sent')).toEqual([[units[0]!.code, null]]);
	});
});

describe('deliveries: what is posted and retried', () => {
	it('GIVEN a unit with its own draft and file, and one on the common draft and file WHEN published THEN each post carries its own text and files, the language, the sender and the answer so far', async () => {
		await setUnitDraft(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			unit: units[1]!.code,
			text: 'Dự thảo riêng',
			file: { name: 'rieng.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') },
		});
		failing(units[0]!, { ok: false, reason: 'other', detail: '503' });
		await publish();
		// The unit answered by command while its post was failing: the retried post shows the answer.
		await agreeAsMember(h.deps, units[0]!);
		h.notifier.failing.clear();
		await publish();
		expect(
			h.notifier.drafts.map((d) => [
				d.view.unit.code,
				d.view.text,
				d.view.files.map((f) => f.name),
				d.view.current?.answer ?? null,
				d.view.language,
				d.view.sender,
				d.view.plan,
				d.view.round.state,
			]),
		).toEqual([
			[units[1]!.code, 'Dự thảo riêng', ['rieng.pdf'], null, 'vi', '', null, 'open'],
			[units[0]!.code, 'Dự thảo chung', [], 'agree', 'vi', '', null, 'open'],
		]);
	});

	it.each([
		['a server error', 'other', MINUTE],
		['a deleted channel', 'unknown-channel', null],
		['a missing permission', 'missing-permission', null],
	] as const)(
		'GIVEN a delivery that fails on %s WHEN sent THEN the sweep retries it after %s ms',
		async (_n, reason, delay) => {
			await publish();
			failing(units[0]!, { ok: false, reason, detail: 'x' });
			const outcome = await send({ kind: 'delivery', key: 'delivery:again' });
			expect(await stored(outcome.item.id)).toMatchObject({
				status: 'failed',
				error: `${reason}: x`,
				nextAttemptAt: delay === null ? null : new Date(h.clock.now().getTime() + delay),
			});
			expect(await audited('delivery.failed')).toEqual([[units[0]!.code, null]]);
		},
	);
});

describe('round notices: what is posted to the report channel, and retried', () => {
	beforeEach(async () => {
		await publish();
		await agreeAsMember(h.deps, units[1]!);
	});

	it('GIVEN a failure notice about a unit WHEN sent THEN it goes to the report channel with the unit, the reason, every row and the coordinator role, and is audited', async () => {
		const outcome = await send({
			kind: 'notice',
			key: 'notice:failure:R1:1',
			channelId: 'an-old-channel',
			payload: { notice: 'failure', reason: 'missing-permission' },
		});
		expect(outcome.state).toBe('sent');
		const [posted] = h.notifier.notices;
		expect(posted?.channelId).toBe(REPORT_CHANNEL);
		expect(posted?.notice).toMatchObject({
			kind: 'failure',
			language: 'vi',
			coordinatorRoleId: COORD_ROLE,
			now: h.clock.now(),
			unit: { code: units[0]!.code },
			reason: 'missing-permission',
		});
		expect(posted?.notice.round.code).toBe('R1');
		expect(posted?.notice.rows.map((r) => [r.unit.code, r.current?.answer ?? null])).toEqual([
			[units[0]!.code, null],
			[units[1]!.code, 'agree'],
		]);
		expect(await audited('notice.failure')).toEqual([['failure:R1:1', null]]);
	});

	it('GIVEN a failure notice about a unit the round does not address WHEN sent THEN it is posted, naming no unit', async () => {
		const outcome = await send({
			kind: 'notice',
			unitId: units[2]!.id,
			payload: { notice: 'failure', reason: 'unknown-channel' },
		});
		expect(outcome.state).toBe('sent');
		expect(h.notifier.notices[0]!.notice).toMatchObject({ kind: 'failure', reason: 'unknown-channel' });
		expect(h.notifier.notices[0]!.notice.unit).toBeUndefined();
	});

	it('GIVEN a notice about the whole round WHEN sent THEN it names no unit and no reason', async () => {
		await send({ kind: 'notice', unitId: null, payload: { notice: 'complete' } });
		const notice = h.notifier.notices[0]!.notice;
		expect(['unit' in notice, 'reason' in notice]).toEqual([false, false]);
	});

	it('GIVEN a notice whose post fails WHEN sent THEN it is tried again at once, then after 1 minute, then 2, and never audited as failed', async () => {
		failing({ ...units[0]!, channelId: REPORT_CHANNEL }, { ok: false, reason: 'other', detail: '503' });
		const item = await record({ kind: 'notice', payload: { notice: 'final' } });
		const retries: Array<number | null> = [];
		for (let i = 0; i < 3; i++) {
			await sendOnce(h.deps, item);
			const at = (await stored(item.id)).nextAttemptAt;
			retries.push(at === null ? null : at.getTime() - h.clock.now().getTime());
			h.clock.set(at ?? h.clock.now());
		}
		expect(retries).toEqual([0, MINUTE, 2 * MINUTE]);
		expect(await h.db.prisma.auditEvent.count({ where: { action: { startsWith: 'notice.' } } })).toBe(0);
	});

	it('GIVEN a notice that failed once WHEN a later attempt runs THEN it is posted again: a notice cannot be found in the channel', async () => {
		failing({ ...units[0]!, channelId: REPORT_CHANNEL }, { ok: false, reason: 'other', detail: '503' });
		const item = await record({ kind: 'notice', payload: { notice: 'final' } });
		await sendOnce(h.deps, item);
		h.notifier.failing.clear();
		let reads = 0;
		h.notifier.findOwnPost = () => {
			reads++;
			return Promise.resolve('landed');
		};
		expect(await sendOnce(h.deps, item)).toMatchObject({ state: 'sent', adopted: false });
		expect([reads, h.notifier.notices.length]).toEqual([0, 1]);
	});
});
