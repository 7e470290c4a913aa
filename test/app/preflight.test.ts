import { describe, expect, it } from 'vitest';
import { checkReportChannel, checkUnits } from '../../src/app/preflight.ts';
import type { Unit } from '../../src/domain/model.ts';
import { Perm, type GuildSnapshot } from '../../src/domain/permissions.ts';

const G = '1000';
const TEXT = Perm.ViewChannel | Perm.SendMessages | Perm.EmbedLinks | Perm.AttachFiles | Perm.ReadMessageHistory;

const server: GuildSnapshot = {
	guildId: G,
	ownerId: '1',
	botUserId: '2',
	botRoleIds: ['3'],
	roles: new Map([
		[G, { name: '@everyone', permissions: TEXT, mentionable: false }],
		['3', { name: 'gopy', permissions: 0n, mentionable: false }],
		['10', { name: 'A', permissions: 0n, mentionable: true }],
		['11', { name: 'B', permissions: 0n, mentionable: true }],
		['12', { name: 'C', permissions: 0n, mentionable: false }],
	]),
	channels: new Map([
		['20', { name: 'a', overwrites: [] }],
		['21', { name: 'b', overwrites: [{ id: '2', type: 1, allow: 0n, deny: Perm.AttachFiles }] }],
		['22', { name: 'c', overwrites: [] }],
		['23', { name: 'd', overwrites: [{ id: '2', type: 1, allow: 0n, deny: Perm.EmbedLinks | Perm.AttachFiles }] }],
	]),
};

const unit = (id: number, channelId: string, roleId: string): Unit => ({
	id,
	guildId: G,
	code: `U${id}`,
	name: `Unit ${id}`,
	kind: 'department',
	channelId,
	roleId,
	archived: false,
});

const probe = { snapshot: (id: string) => Promise.resolve(id === G ? server : null) };

describe('permission preflight of units', () => {
	it('GIVEN units with a good channel, a channel without Attach Files, a role not mentionable THEN each is judged', async () => {
		const units = [unit(1, '20', '10'), unit(2, '21', '11'), unit(3, '22', '12')];
		const got = await checkUnits({ access: probe }, G, units);
		expect(got?.map((a) => [a.unit.code, a.ready, a.blocked, a.problems.map((p) => p.kind)])).toEqual([
			['U1', true, false, []],
			['U2', false, true, ['permission']],
			['U3', false, false, ['ping-silent']],
		]);
	});

	it('GIVEN the draft carries no files THEN a channel without Attach Files is ready for it', async () => {
		const got = await checkUnits({ access: probe }, G, [unit(2, '21', '11')], () => false);
		expect(got?.[0]?.ready).toBe(true);
	});

	it('GIVEN no probe or a server the bot does not know THEN the answer is unknown (null), never a false alarm', async () => {
		expect(await checkUnits({}, G, [unit(1, '20', '10')])).toBeNull();
		expect(await checkUnits({ access: probe }, '999', [unit(1, '20', '10')])).toBeNull();
		expect(await checkReportChannel({}, G, '20', '10')).toBeNull();
	});

	it('GIVEN the report channel is gone THEN it is named', async () => {
		expect(await checkReportChannel({ access: probe }, G, '99', '10')).toEqual([
			{ kind: 'channel-missing', blocking: true },
		]);
	});

	it('GIVEN a unit channel without Embed Links THEN its draft post (an embed) is blocked even without files', async () => {
		const got = await checkUnits({ access: probe }, G, [unit(4, '23', '10')], () => false);
		expect(got?.map((a) => [a.blocked, a.problems.map((p) => p.kind === 'permission' && p.permission)])).toEqual([
			[true, ['EmbedLinks']],
		]);
	});

	it('GIVEN a report channel without Embed Links nor Attach Files THEN it takes its plain-text posts: no problem', async () => {
		expect(await checkReportChannel({ access: probe }, G, '23', '10')).toEqual([]);
	});

	it('GIVEN a coordinator role nobody may ping THEN the report channel is named as silent', async () => {
		expect((await checkReportChannel({ access: probe }, G, '20', '12'))?.map((p) => p.kind)).toEqual(['ping-silent']);
	});
});
