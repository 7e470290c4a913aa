import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, listRounds, publishRound, roundStatus, setUnitDraft } from '../../src/app/manage-rounds.ts';
import { closeRound } from '../../src/app/round-deadlines.ts';
import { importItems } from '../../src/app/plan-items.ts';
import type { Unit } from '../../src/domain/model.ts';
import { Perm, type GuildSnapshot } from '../../src/domain/permissions.ts';
import {
	agreeAsMember,
	type AppHarness,
	coordinator,
	createAppHarness,
	GUILD,
	member,
	REPORT_CHANNEL,
	seedServer,
	unitRole,
} from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];

const BOT = '2';
const TEXT = Perm.ViewChannel | Perm.SendMessages | Perm.EmbedLinks | Perm.AttachFiles | Perm.ReadMessageHistory;

type Role = { name: string; permissions: bigint; mentionable: boolean };
type Channel = { name: string; overwrites: Array<{ id: string; type: 0 | 1; allow: bigint; deny: bigint }> };
let roles: Map<string, Role>;
let channels: Map<string, Channel>;

/** The server as the bot sees it: every unit role mentionable, no channel overwrite, unless a test changes it. */
function server(): GuildSnapshot {
	roles = new Map([
		[GUILD, { name: '@everyone', permissions: TEXT, mentionable: false }],
		...units.map((_, i): [string, Role] => [unitRole(i), { name: `U${i}`, permissions: 0n, mentionable: true }]),
	]);
	channels = new Map(units.map((u) => [u.channelId, { name: u.code, overwrites: [] }]));
	return { guildId: GUILD, ownerId: '1', botUserId: BOT, botRoleIds: [], roles, channels };
}

let snapshot: GuildSnapshot;
function denyBot(unit: Unit, deny: bigint): void {
	channels.set(unit.channelId, { name: unit.code, overwrites: [{ id: BOT, type: 1, allow: 0n, deny }] });
}
function silentRole(i: number): void {
	roles.set(unitRole(i), { name: `U${i}`, permissions: 0n, mentionable: false });
}

beforeEach(async () => {
	h = await createAppHarness(); // 17/09/2021 09:00 in Hà Nội
	units = await seedServer(h.deps, { count: 5 });
	snapshot = server();
	h.deps.access = { snapshot: (id) => Promise.resolve(id === GUILD ? snapshot : null) };
	await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '04/10/2021 17:00' });
});
afterEach(async () => {
	await h.close();
});

const publish = () => publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
const codes = (list: Unit[]) => list.map((u) => u.code);
/** The unit's own draft is a file, so its post needs Attach Files. */
async function fileDraft(unit: Unit): Promise<void> {
	const file = { name: 'rieng.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') };
	await setUnitDraft(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1', unit: unit.code, file });
}
const posted = () => h.notifier.drafts.map((d) => d.view.unit.code);

describe('/round publish: the permission preflight', () => {
	it('GIVEN a channel the bot cannot send in, a role nobody can ping and a channel without history WHEN published THEN the first is left out with its reason, the others are posted with a warning', async () => {
		denyBot(units[1]!, Perm.SendMessages);
		silentRole(1);
		silentRole(2);
		denyBot(units[3]!, Perm.ReadMessageHistory);
		const r = await publish();
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(codes(r.value.sent).sort()).toEqual(codes([units[0]!, units[2]!, units[3]!, units[4]!]).sort());
		// Only what stops the post is given as the reason, not the silent ping of the same unit.
		expect(r.value.blocked.map((b) => [b.unit.code, b.problems])).toEqual([
			[units[1]!.code, [{ kind: 'permission', permission: 'SendMessages', blocking: true }]],
		]);
		expect(r.value.warnings.map((w) => [w.unit.code, w.problems])).toEqual([
			[units[2]!.code, [{ kind: 'ping-silent', blocking: false }]],
			[units[3]!.code, [{ kind: 'permission', permission: 'ReadMessageHistory', blocking: false }]],
		]);
		expect([r.value.already, r.value.failed, r.value.inProgress]).toEqual([[], [], []]);
		expect(posted().sort()).toEqual(codes(r.value.sent).sort());
		// Nothing is queued for the unit left out: no sweep posts it behind the coordinator's back.
		expect((await h.deps.outbox.deliveries(r.value.round.id)).map((d) => d.unitId).sort()).toEqual(
			r.value.sent.map((u) => u.id).sort(),
		);
	});

	it('GIVEN a channel without Attach Files WHEN only one unit’s draft carries a file THEN only that unit is left out', async () => {
		denyBot(units[0]!, Perm.AttachFiles);
		denyBot(units[1]!, Perm.AttachFiles);
		await fileDraft(units[1]!);
		const r = await publish();
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.blocked.map((b) => [b.unit.code, b.problems])).toEqual([
			[units[1]!.code, [{ kind: 'permission', permission: 'AttachFiles', blocking: true }]],
		]);
		expect(codes(r.value.sent)).toContain(units[0]!.code);
		expect(r.value.warnings).toEqual([]);
	});

	it('GIVEN a channel without Attach Files WHEN the unit has plan items (sent as a workbook) THEN that unit is left out, and why is logged', async () => {
		const warned: Array<[string | undefined, Record<string, unknown>]> = [];
		h.deps.log = { info: () => {}, error: () => {}, warn: (obj, msg) => warned.push([msg, obj as never]) };
		denyBot(units[0]!, Perm.AttachFiles);
		denyBot(units[1]!, Perm.AttachFiles);
		const imported = await importItems(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			set: 'plan',
			fileName: 'ke-hoach.xlsx',
			rows: [
				{
					line: 2,
					cells: {
						unit: units[0]!.code,
						code: 'A',
						title: 'Báo cáo A',
						frequency: 'hằng tháng',
						due: '15/01/2022',
						points: '10',
					},
				},
			],
		});
		expect(imported.ok).toBe(true);
		const r = await publish();
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		const problem = { kind: 'permission', permission: 'AttachFiles', blocking: true };
		expect(r.value.blocked.map((b) => [b.unit.code, b.problems])).toEqual([[units[0]!.code, [problem]]]);
		expect(codes(r.value.sent)).toContain(units[1]!.code);
		expect(warned).toEqual([
			[
				'delivery skipped: the bot cannot post in the unit channel',
				{ round: 'R1', unit: units[0]!.code, problems: [problem] },
			],
		]);
	});

	it('GIVEN a unit delivered before its channel was closed to the bot WHEN published again THEN it counts as already delivered, not blocked', async () => {
		await publish();
		denyBot(units[4]!, Perm.ViewChannel);
		const again = await publish();
		if (!again.ok) throw new Error(JSON.stringify(again.error));
		expect(codes(again.value.already).sort()).toEqual(codes(units).sort());
		expect([again.value.sent, again.value.blocked]).toEqual([[], []]);
		expect(h.notifier.drafts).toHaveLength(units.length);
	});

	it('GIVEN the bot loses Send Messages in a channel while publishing WHEN Discord refuses the post THEN the unit is blocked with the permission named', async () => {
		const postDraft = h.notifier.postDraft.bind(h.notifier);
		h.notifier.postDraft = async (view, nonce) => {
			if (view.unit.id !== units[2]!.id) return postDraft(view, nonce);
			denyBot(units[2]!, Perm.SendMessages);
			return { ok: false, reason: 'missing-permission', detail: '50013' };
		};
		const r = await publish();
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.blocked.map((b) => [b.unit.code, b.problems])).toEqual([
			[units[2]!.code, [{ kind: 'permission', permission: 'SendMessages', blocking: true }]],
		]);
		expect(r.value.failed).toEqual([]);
		expect(r.value.sent).toHaveLength(4);
	});

	it('GIVEN a channel refusing the draft’s file that also hides its history WHEN published THEN the unit is left out for the file alone', async () => {
		denyBot(units[1]!, Perm.AttachFiles | Perm.ReadMessageHistory);
		await fileDraft(units[1]!);
		const r = await publish();
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		// The missing history would only be a warning: the reason given is what stops the post.
		expect(r.value.blocked.map((b) => [b.unit.code, b.problems])).toEqual([
			[units[1]!.code, [{ kind: 'permission', permission: 'AttachFiles', blocking: true }]],
		]);
	});

	it('GIVEN the bot loses Attach Files and Read Message History in a channel while publishing a draft with a file WHEN Discord refuses the post THEN only what stops the post is named', async () => {
		await fileDraft(units[2]!);
		const postDraft = h.notifier.postDraft.bind(h.notifier);
		h.notifier.postDraft = async (view, nonce) => {
			if (view.unit.id !== units[2]!.id) return postDraft(view, nonce);
			denyBot(units[2]!, Perm.AttachFiles | Perm.ReadMessageHistory);
			return { ok: false, reason: 'missing-permission', detail: '50013' };
		};
		const r = await publish();
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.blocked.map((b) => [b.unit.code, b.problems])).toEqual([
			[units[2]!.code, [{ kind: 'permission', permission: 'AttachFiles', blocking: true }]],
		]);
	});

	it('GIVEN the bot cannot see the server’s permissions WHEN published THEN every unit is posted without warnings, and a refusal is reported as such', async () => {
		h.deps.access = { snapshot: () => Promise.resolve(null) };
		h.notifier.failing.set(units[3]!.channelId, { ok: false, reason: 'missing-permission', detail: '50013' });
		const r = await publish();
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(codes(r.value.sent).sort()).toEqual(codes([units[0]!, units[1]!, units[2]!, units[4]!]).sort());
		expect(r.value.warnings).toEqual([]);
		expect(r.value.blocked.map((b) => [b.unit.code, b.problems])).toEqual([
			[units[3]!.code, [{ kind: 'refused', blocking: true }]],
		]);
	});

	it('GIVEN a post that fails on a server error WHEN published THEN the unit is listed as failed with the reason', async () => {
		h.notifier.failing.set(units[0]!.channelId, { ok: false, reason: 'other', detail: '503' });
		const r = await publish();
		expect(r.ok && r.value.failed.map((f) => [f.unit.code, f.reason])).toEqual([[units[0]!.code, 'other']]);
		expect(r.ok && r.value.blocked).toEqual([]);
	});
});

describe('/round publish: the round itself', () => {
	it('GIVEN a draft round WHEN published THEN it opens now, with its audit event, and progress is told for every unit', async () => {
		h.clock.advance(60_000);
		const progress: Array<[number, number]> = [];
		const r = await publishRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			onProgress: (done, total) => progress.push([done, total]),
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect([r.value.round.state, r.value.round.publishedAt?.toISOString()]).toEqual([
			'open',
			'2021-09-17T02:01:00.000Z',
		]);
		expect(progress.sort((a, b) => a[0] - b[0])).toEqual([
			[1, 5],
			[2, 5],
			[3, 5],
			[4, 5],
			[5, 5],
		]);
		const events = await h.db.prisma.auditEvent.findMany({ where: { action: 'round.publish' } });
		expect(events.map((e) => [e.guildId, e.actorId, e.actorName, e.subject, e.roundId])).toEqual([
			[GUILD, coordinator().userId, coordinator().userName, 'R1', r.value.round.id],
		]);
		// Published again: progress counts the units already delivered too, and the round is not opened twice.
		const again: number[] = [];
		await publishRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			round: 'R1',
			onProgress: (done) => again.push(done),
		});
		expect(again.sort()).toEqual([1, 2, 3, 4, 5]);
		expect(await h.db.prisma.auditEvent.count({ where: { action: 'round.publish' } })).toBe(1);
	});

	it('GIVEN another publish opens the round a moment before this one writes WHEN published THEN the round is reported as the other opened it, and opened once', async () => {
		const markOpen = h.deps.rounds.markOpen.bind(h.deps.rounds);
		h.deps.rounds.markOpen = async (id, at, audit) => {
			await markOpen(id, new Date(at.getTime() - 1000), { ...audit, actorId: 'other' });
			return markOpen(id, at, audit);
		};
		const r = await publish();
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect([r.value.round.state, r.value.round.publishedAt?.toISOString()]).toEqual([
			'open',
			'2021-09-17T01:59:59.000Z',
		]);
		const events = await h.db.prisma.auditEvent.findMany({ where: { action: 'round.publish' } });
		expect(events.map((e) => e.actorId)).toEqual(['other']);
		expect(codes(r.value.sent)).toHaveLength(units.length);
	});

	it('GIVEN a draft round whose deadline is exactly now WHEN published THEN refused: it would open overdue', async () => {
		h.clock.set('2021-10-04T10:00:00Z');
		expect(await publish()).toEqual({
			ok: false,
			error: { code: 'deadline-past', at: new Date('2021-10-04T10:00:00Z'), zone: 'Asia/Ho_Chi_Minh' },
		});
		expect(h.notifier.drafts).toEqual([]);
	});

	it('GIVEN an open round past its deadline WHEN published again THEN it still sends what is missing', async () => {
		h.notifier.failing.set(units[0]!.channelId, { ok: false, reason: 'other', detail: '503' });
		await publish();
		h.notifier.failing.clear();
		h.clock.set('2021-10-05T10:00:00Z');
		const r = await publish();
		expect(r.ok && codes(r.value.sent)).toEqual([units[0]!.code]);
	});

	it('GIVEN a closed round WHEN published THEN refused and nothing is posted', async () => {
		await publish();
		await closeRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const before = h.notifier.drafts.length;
		expect(await publish()).toEqual({ ok: false, error: { code: 'round-closed', round: 'R1' } });
		expect(h.notifier.drafts).toHaveLength(before);
	});

	it('GIVEN the server settings are gone by the time the posts are prepared WHEN published THEN it says to run setup and posts nothing', async () => {
		const get = h.deps.settings.get.bind(h.deps.settings);
		let reads = 0;
		h.deps.settings.get = (id) => (++reads === 1 ? get(id) : Promise.resolve(null));
		expect(await publish()).toEqual({ ok: false, error: { code: 'not-set-up' } });
		expect(h.notifier.drafts).toEqual([]);
	});

	it('GIVEN an unknown round or a member WHEN published THEN refused', async () => {
		expect(await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: '  R9  ' })).toEqual({
			ok: false,
			error: { code: 'round-unknown', round: 'R9' },
		});
		// What the coordinator typed is quoted back, cut at 40 characters.
		expect(await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'x'.repeat(50) })).toEqual({
			ok: false,
			error: { code: 'round-unknown', round: 'x'.repeat(40) },
		});
		const r = await publishRound(h.deps, { guildId: GUILD, actor: member([unitRole(0)]), round: 'R1' });
		expect(r.ok ? 'ok' : r.error.code).toBe('not-coordinator');
		expect(h.notifier.drafts).toEqual([]);
	});
});

describe('/round status and /round list', () => {
	it('GIVEN a published round with one answer WHEN its status is asked THEN it has every unit, the counts, the report channel and the language', async () => {
		await publish();
		await agreeAsMember(h.deps, units[0]!);
		const r = await roundStatus(h.deps, { guildId: GUILD, actor: coordinator(), round: ' r1 ' });
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect([r.value.round.code, r.value.rows.length, r.value.tally.agreed, r.value.tally.pending]).toEqual([
			'R1',
			5,
			1,
			4,
		]);
		expect([r.value.reportChannelId, r.value.language]).toEqual([REPORT_CHANNEL, 'vi']);
		const refused = await roundStatus(h.deps, { guildId: GUILD, actor: member([unitRole(0)]), round: 'R1' });
		expect(refused.ok ? 'ok' : refused.error.code).toBe('not-coordinator');
		const unknown = await roundStatus(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R2' });
		expect(unknown.ok ? 'ok' : unknown.error).toEqual({ code: 'round-unknown', round: 'R2' });
	});

	it('GIVEN 16 rounds WHEN listed THEN the 15 latest come, each with its own counts', async () => {
		await publish();
		await agreeAsMember(h.deps, units[0]!);
		for (let i = 2; i <= 16; i++) {
			await createRound(h.deps, {
				guildId: GUILD,
				actor: coordinator(),
				title: `T${i}`,
				deadline: '04/10/2021 17:00',
				units: units[0]!.code,
			});
		}
		const r = await listRounds(h.deps, { guildId: GUILD, actor: coordinator() });
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value).toHaveLength(15);
		const byCode = new Map(r.value.map((x) => [x.round.code, x.tally]));
		expect(byCode.get('R16')).toMatchObject({ total: 1, agreed: 0 });
		expect(byCode.has('R1')).toBe(false);
		const refused = await listRounds(h.deps, { guildId: GUILD, actor: member([unitRole(0)]) });
		expect(refused.ok ? 'ok' : refused.error.code).toBe('not-coordinator');
	});
});
