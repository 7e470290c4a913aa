import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Log } from '../../src/app/deps.ts';
import { refreshDraftPosts } from '../../src/app/draft-posts.ts';
import { createRound, publishRound, setUnitDraft } from '../../src/app/manage-rounds.ts';
import { setupServer } from '../../src/app/setup-server.ts';
import type { Round, Unit } from '../../src/domain/model.ts';
import { Perm, type GuildSnapshot } from '../../src/domain/permissions.ts';
import {
	admin,
	type AppHarness,
	COORD_ROLE,
	coordinator,
	createAppHarness,
	GUILD,
	REPORT_CHANNEL,
	seedServer,
} from '../support/app-harness.ts';

let h: AppHarness;
let units: Unit[];
let round: Round;
let warnings: Array<{ obj: Record<string, unknown>; msg: string | undefined }>;

beforeEach(async () => {
	h = await createAppHarness();
	units = await seedServer(h.deps, { count: 3 });
	const s = await setupServer(h.deps, {
		guildId: GUILD,
		actor: admin(),
		coordinatorRoleId: COORD_ROLE,
		reportChannel: { id: REPORT_CHANNEL, writable: true, text: true },
		language: 'en',
		timezone: 'Asia/Ho_Chi_Minh',
		sender: 'Vụ TCCB',
	});
	if (!s.ok) throw new Error(JSON.stringify(s.error));
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Rà soát',
		deadline: '01/10/2021 17:00',
		text: 'Dự thảo chung',
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	round = created.value.round;
	const own = await setUnitDraft(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		round: round.code,
		unit: units[1]!.code,
		text: 'Dự thảo riêng',
		file: { name: 'du-thao.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF') },
	});
	if (!own.ok) throw new Error(JSON.stringify(own.error));
	warnings = [];
	const log: Log = { info: () => {}, error: () => {}, warn: (obj, msg) => warnings.push({ obj: obj as never, msg }) };
	h.deps.log = log;
});
afterEach(async () => {
	await h.close();
});

async function publish() {
	const r = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: round.code });
	if (!r.ok) throw new Error(JSON.stringify(r.error));
	h.notifier.refreshes = [];
}

describe('refreshing posted drafts', () => {
	it('GIVEN a published round WHEN refreshed THEN each post shows its draft (own or common), file count, language, sender, and no answer', async () => {
		await publish();
		await refreshDraftPosts(h.deps, round.id);
		expect(
			h.notifier.refreshes.map((r) => [
				r.channelId,
				r.view.unit.code,
				r.view.text,
				r.view.files,
				r.view.fileCount,
				r.view.language,
				r.view.sender,
				r.view.current,
				r.view.plan,
				r.view.round.state,
			]),
		).toEqual([
			[units[0]!.channelId, units[0]!.code, 'Dự thảo chung', [], 0, 'en', 'Vụ TCCB', null, null, 'open'],
			[units[1]!.channelId, units[1]!.code, 'Dự thảo riêng', [], 1, 'en', 'Vụ TCCB', null, null, 'open'],
			[units[2]!.channelId, units[2]!.code, 'Dự thảo chung', [], 0, 'en', 'Vụ TCCB', null, null, 'open'],
		]);
		const delivered = await h.deps.outbox.deliveries(round.id);
		expect(h.notifier.refreshes.map((r) => r.messageId)).toEqual(delivered.map((d) => d.messageId));
		expect(warnings).toEqual([]);
	});

	it('GIVEN only some units named THEN only their posts are refreshed', async () => {
		await publish();
		await refreshDraftPosts(h.deps, round.id, new Set([units[2]!.id]));
		expect(h.notifier.refreshes.map((r) => r.view.unit.code)).toEqual([units[2]!.code]);
	});

	it('GIVEN a unit whose draft post never went out THEN there is nothing of it to refresh', async () => {
		h.notifier.failing.set(units[0]!.channelId, { ok: false, reason: 'unknown-channel', detail: '10003' });
		await publish();
		await refreshDraftPosts(h.deps, round.id);
		expect(h.notifier.refreshes.map((r) => r.view.unit.code)).toEqual([units[1]!.code, units[2]!.code]);
	});

	it('GIVEN a draft round or no round at all THEN nothing is refreshed', async () => {
		await refreshDraftPosts(h.deps, round.id);
		await refreshDraftPosts(h.deps, 9999);
		expect(h.notifier.refreshes).toEqual([]);
	});

	it('GIVEN the bot lost a permission in a channel WHEN a refresh is refused THEN the warning names the unit and the permission missing', async () => {
		await publish();
		const snapshot: GuildSnapshot = {
			guildId: GUILD,
			ownerId: '1',
			botUserId: '2',
			botRoleIds: [],
			roles: new Map([[GUILD, { name: '@everyone', permissions: Perm.ViewChannel, mentionable: false }]]),
			channels: new Map(units.map((u) => [u.channelId, { name: u.code, overwrites: [] }])),
		};
		h.deps.access = { snapshot: (id) => Promise.resolve(id === GUILD ? snapshot : null) };
		h.notifier.refreshDraft = (channelId) =>
			Promise.resolve(
				channelId === units[0]!.channelId
					? { ok: false, reason: 'missing-permission', detail: '50013' }
					: channelId === units[1]!.channelId
						? { ok: false, reason: 'unknown-channel', detail: '10003' }
						: { ok: true, messageId: 'm' },
			);
		await refreshDraftPosts(h.deps, round.id);
		expect(warnings.map((w) => [w.msg, w.obj.round, w.obj.unit, w.obj.reason])).toEqual([
			['draft post not refreshed', round.code, units[0]!.code, 'missing-permission'],
			['draft post not refreshed', round.code, units[1]!.code, 'unknown-channel'],
		]);
		const [lacking, gone] = warnings.map((w) => w.obj.problems as Array<{ kind: string; permission?: string }>);
		expect(lacking?.map((p) => p.permission)).toEqual(['SendMessages']);
		expect(gone).toEqual([]);
	});

	it('GIVEN a refused edit in a channel where the bot may send but not embed WHEN logged THEN only Embed Links is named: an edit carries no new file', async () => {
		await publish();
		const snapshot: GuildSnapshot = {
			guildId: GUILD,
			ownerId: '1',
			botUserId: '2',
			botRoleIds: [],
			roles: new Map([
				[
					GUILD,
					{
						name: '@everyone',
						permissions: Perm.ViewChannel | Perm.SendMessages | Perm.ReadMessageHistory,
						mentionable: false,
					},
				],
			]),
			channels: new Map(units.map((u) => [u.channelId, { name: u.code, overwrites: [] }])),
		};
		h.deps.access = { snapshot: (id) => Promise.resolve(id === GUILD ? snapshot : null) };
		h.notifier.refreshDraft = (channelId) =>
			Promise.resolve(
				channelId === units[1]!.channelId
					? { ok: false, reason: 'missing-permission', detail: '50013' }
					: { ok: true, messageId: 'm' },
			);
		await refreshDraftPosts(h.deps, round.id);
		expect(warnings.map((w) => [w.obj.unit, w.obj.problems])).toEqual([
			[units[1]!.code, [{ kind: 'permission', permission: 'EmbedLinks', blocking: true }]],
		]);
	});

	it('GIVEN a refused edit and no view of the server WHEN logged THEN no permission is named', async () => {
		await publish();
		h.notifier.refreshDraft = () => Promise.resolve({ ok: false, reason: 'missing-permission', detail: '50013' });
		await refreshDraftPosts(h.deps, round.id, new Set([units[0]!.id]));
		expect(warnings.map((w) => [w.obj.unit, w.obj.reason, w.obj.problems])).toEqual([
			[units[0]!.code, 'missing-permission', []],
		]);
	});

	it('GIVEN the server settings cannot be read WHEN refreshed THEN the posts are still rendered, in Vietnamese with no sender', async () => {
		await publish();
		h.deps.settings.get = () => Promise.resolve(null);
		await refreshDraftPosts(h.deps, round.id, new Set([units[0]!.id]));
		expect(h.notifier.refreshes.map((r) => [r.view.unit.code, r.view.language, r.view.sender])).toEqual([
			[units[0]!.code, 'vi', ''],
		]);
	});

	it('GIVEN a refresh that throws for one unit THEN it is logged and the other units are still refreshed', async () => {
		await publish();
		const done: string[] = [];
		h.notifier.refreshDraft = (channelId) => {
			if (channelId === units[0]!.channelId) return Promise.reject(new Error('boom'));
			done.push(channelId);
			return Promise.resolve({ ok: true, messageId: 'm' });
		};
		await refreshDraftPosts(h.deps, round.id);
		expect(done).toEqual([units[1]!.channelId, units[2]!.channelId]);
		expect(warnings.map((w) => [w.msg, w.obj.unit, (w.obj.err as Error).message])).toEqual([
			['draft post not refreshed', units[0]!.code, 'boom'],
		]);
	});
});
