import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound } from '../../src/app/manage-rounds.ts';
import {
	addUnit,
	editUnit,
	findActiveUnit,
	importUnits,
	listUnits,
	removeUnit,
	type ChannelInfo,
} from '../../src/app/manage-units.ts';
import {
	type AppHarness,
	coordinator,
	createAppHarness,
	GUILD,
	member,
	seedServer,
	unitChannel,
	unitRole,
} from '../support/app-harness.ts';

let h: AppHarness;

beforeEach(async () => {
	h = await createAppHarness();
	await seedServer(h.deps, { count: 2 });
});
afterEach(async () => {
	await h.close();
});

const CHANNEL: ChannelInfo = { id: '320000000000000001', writable: true, text: true };
const ROLE = '220000000000000001';

const add = (over: Partial<Parameters<typeof addUnit>[1]> = {}) =>
	addUnit(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		code: ' tkg ',
		name: '  Vụ Thống kê Giá ',
		channel: CHANNEL,
		roleId: ROLE,
		kind: 'department',
		...over,
	});

const actions = async () => (await h.deps.reports.auditEvents(GUILD, null)).map((e) => e.action);

describe('/unit add', () => {
	it('GIVEN a code in lower case and a name with spaces THEN the unit is stored upper-case and trimmed, audited', async () => {
		const r = await add({ kind: 'other' });
		expect(r.ok && r.value).toMatchObject({
			guildId: GUILD,
			code: 'TKG',
			name: 'Vụ Thống kê Giá',
			kind: 'other',
			channelId: CHANNEL.id,
			roleId: ROLE,
			archived: false,
		});
		expect((await actions()).at(-1)).toBe('unit.add');
	});

	it('GIVEN a name of exactly 100 characters THEN accepted; 101 or blank THEN a bad name', async () => {
		expect((await add({ name: 'ấ'.repeat(100) })).ok).toBe(true);
		expect(await add({ code: 'X1', name: 'ấ'.repeat(101) })).toEqual({ ok: false, error: { code: 'unit-bad-name' } });
		expect(await add({ code: 'X1', name: ' \u200b ' })).toEqual({ ok: false, error: { code: 'unit-bad-name' } });
	});

	it.each([
		['a member', { actor: member([]) }, { code: 'not-coordinator' }],
		['a code with a space inside', { code: 'T KG' }, { code: 'unit-bad-code', value: 'T KG' }],
		['a voice channel', { channel: { ...CHANNEL, text: false } }, { code: 'channel-not-text', channelId: CHANNEL.id }],
		[
			'a channel the bot cannot write to',
			{ channel: { ...CHANNEL, writable: false } },
			{ code: 'channel-not-writable', channelId: CHANNEL.id },
		],
		['a role nobody can be given', { roleAssignable: false }, { code: 'role-not-assignable', roleId: ROLE }],
		['the code of an active unit', { code: 'httkqg' }, { code: 'unit-duplicate', unit: 'HTTKQG' }],
	])('GIVEN %s THEN the unit is refused', async (_name, over, error) => {
		expect(await add(over as Partial<Parameters<typeof addUnit>[1]>)).toEqual({ ok: false, error });
		expect((await h.deps.units.list(GUILD)).map((u) => u.code)).toEqual(['HTTKQG', 'TKCNXD']);
	});

	it('GIVEN the code of an archived unit THEN refused as archived: its history stays its own', async () => {
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'R', deadline: '01/10/2021 17:00' });
		expect((await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: 'HTTKQG' })).ok).toBe(true);
		expect(await add({ code: 'HTTKQG' })).toEqual({
			ok: false,
			error: { code: 'unit-duplicate-archived', unit: 'HTTKQG' },
		});
	});

	it('GIVEN a role that may be assigned THEN the unit is added', async () => {
		expect((await add({ roleAssignable: true })).ok).toBe(true);
	});
});

describe('/unit edit', () => {
	const edit = (over: Partial<Parameters<typeof editUnit>[1]>) =>
		editUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: ' httkqg ', ...over });

	it('GIVEN a new name, channel, role and kind THEN all are changed at once, audited', async () => {
		const r = await edit({ name: ' Vụ mới ', channel: CHANNEL, roleId: ROLE, roleAssignable: true, kind: 'other' });
		expect(r.ok && r.value).toMatchObject({
			code: 'HTTKQG',
			name: 'Vụ mới',
			channelId: CHANNEL.id,
			roleId: ROLE,
			kind: 'other',
		});
		expect((await actions()).at(-1)).toBe('unit.edit');
	});

	it('GIVEN only a name THEN only the name changes', async () => {
		const r = await edit({ name: 'Vụ mới' });
		expect(r.ok && r.value).toMatchObject({ name: 'Vụ mới', channelId: unitChannel(0), roleId: unitRole(0) });
	});

	it('GIVEN only a kind THEN only the kind changes', async () => {
		const r = await edit({ kind: 'other' });
		expect(r.ok && r.value).toMatchObject({ kind: 'other', name: 'Vụ Hệ thống tài khoản quốc gia' });
	});

	it.each([
		['nothing to change', {}, { code: 'unit-nothing-to-edit' }],
		['a blank name', { name: '  ' }, { code: 'unit-bad-name' }],
		['a voice channel', { channel: { ...CHANNEL, text: false } }, { code: 'channel-not-text', channelId: CHANNEL.id }],
		[
			'a role nobody can be given',
			{ roleId: ROLE, roleAssignable: false },
			{ code: 'role-not-assignable', roleId: ROLE },
		],
		['an unknown unit', { code: 'nope', name: 'x' }, { code: 'unit-unknown', unit: 'NOPE' }],
		['a member', { actor: member([]), name: 'x' }, { code: 'not-coordinator' }],
	])('GIVEN %s THEN nothing is edited', async (_name, over, error) => {
		expect(await edit(over as Partial<Parameters<typeof editUnit>[1]>)).toEqual({ ok: false, error });
		const [unit] = await h.deps.units.list(GUILD);
		expect(unit).toMatchObject({
			name: 'Vụ Hệ thống tài khoản quốc gia',
			channelId: unitChannel(0),
			kind: 'department',
		});
	});
});

describe('/unit remove and list', () => {
	it('GIVEN a unit no round ever addressed THEN deleted; GIVEN one a round addresses THEN archived and no longer found', async () => {
		const extra = await add();
		expect(extra.ok).toBe(true);
		await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'R',
			deadline: '01/10/2021 17:00',
			units: 'HTTKQG',
		});
		const deleted = await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: 'tkg' });
		expect(deleted.ok && [deleted.value.unit.code, deleted.value.outcome]).toEqual(['TKG', 'deleted']);
		const archived = await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: 'HTTKQG' });
		expect(archived.ok && [archived.value.unit.code, archived.value.outcome]).toEqual(['HTTKQG', 'archived']);
		expect(await findActiveUnit(h.deps, GUILD, 'httkqg')).toEqual({
			ok: false,
			error: { code: 'unit-unknown', unit: 'HTTKQG' },
		});
		expect(await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: 'HTTKQG' })).toEqual({
			ok: false,
			error: { code: 'unit-unknown', unit: 'HTTKQG' },
		});
		const list = await listUnits(h.deps, { guildId: GUILD, actor: coordinator() });
		expect(list.ok && list.value.map((u) => u.code)).toEqual(['TKCNXD']);
		expect((await actions()).slice(-2)).toEqual(['unit.remove', 'unit.archive']);
	});

	it('GIVEN a member THEN neither remove nor list', async () => {
		expect(await removeUnit(h.deps, { guildId: GUILD, actor: member([]), code: 'HTTKQG' })).toEqual({
			ok: false,
			error: { code: 'not-coordinator' },
		});
		expect(await listUnits(h.deps, { guildId: GUILD, actor: member([]) })).toEqual({
			ok: false,
			error: { code: 'not-coordinator' },
		});
		expect(await h.deps.units.list(GUILD)).toHaveLength(2);
	});
});

describe('/unit import', () => {
	const channels = [
		{ id: '320000000000000001', name: 'tkg', writable: true, text: true },
		{ id: '320000000000000002', name: 'tkdsld', writable: true, text: true },
	];
	const roles = [
		{ id: '220000000000000001', name: 'TKG' },
		{ id: '220000000000000002', name: 'TKDSLD' },
	];
	const row = (line: number, code: string, name: string, channel: string, role: string) => ({
		line,
		cells: { code, name, channel, role, kind: '' },
	});

	it('GIVEN good rows THEN every unit is created with its channel and role, audited as an import', async () => {
		const r = await importUnits(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			rows: [row(2, 'tkg', 'Vụ Giá', 'tkg', 'TKG'), row(3, 'TKDSLD', 'Vụ Dân số', 'tkdsld', 'TKDSLD')],
			channels,
			roles,
		});
		expect(r.ok && r.value.map((u) => [u.code, u.name, u.kind, u.channelId, u.roleId])).toEqual([
			['TKG', 'Vụ Giá', 'department', '320000000000000001', '220000000000000001'],
			['TKDSLD', 'Vụ Dân số', 'department', '320000000000000002', '220000000000000002'],
		]);
		expect((await actions()).at(-1)).toBe('unit.import');
	});

	it('GIVEN a row whose code an archived unit keeps THEN nothing is imported', async () => {
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'R', deadline: '01/10/2021 17:00' });
		await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: 'HTTKQG' });
		const r = await importUnits(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			rows: [row(2, 'tkg', 'Vụ Giá', 'tkg', 'TKG'), row(3, 'HTTKQG', 'Vụ cũ', 'tkdsld', 'TKDSLD')],
			channels,
			roles,
		});
		expect(r.ok).toBe(false);
		if (!r.ok && r.error.code === 'import-rejected') expect(r.error.problems.map((p) => p.line)).toEqual([3]);
		else throw new Error('expected import-rejected');
		expect((await h.deps.units.list(GUILD)).map((u) => u.code)).toEqual(['TKCNXD']);
	});

	it('GIVEN a member THEN the import is refused', async () => {
		const r = await importUnits(h.deps, {
			guildId: GUILD,
			actor: member([]),
			rows: [row(2, 'tkg', 'Vụ Giá', 'tkg', 'TKG')],
			channels,
			roles,
		});
		expect(r).toEqual({ ok: false, error: { code: 'not-coordinator' } });
	});
});
