import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e-harness.ts';
import { attachmentText, deployCommands, expectCleanDiscord, file, runSetup } from '../fixtures/e2e/discord.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import');

let e: E2E;
beforeEach(async () => {
	e = await startE2E();
});
afterEach(async () => {
	try {
		await expectCleanDiscord(e);
	} finally {
		await e.stop();
	}
});

async function unitCodes(): Promise<string[]> {
	return (await e.bot.deps.units.list(e.guildId, { includeArchived: true })).map((u) => u.code);
}

/** /unit add for seed unit i, with any option overridden. */
function addSeedUnit(
	i: number,
	overrides: Record<string, string | { type: 'channel' | 'role'; id: string }> = {},
	userId?: string,
) {
	const u = e.units[i]!;
	return e.run(userId ?? e.coordinatorId, 'unit', 'add', {
		code: u.code,
		name: u.name,
		channel: { type: 'channel', id: u.channelId },
		role: { type: 'role', id: u.roleId },
		kind: u.kind,
		...overrides,
	});
}

async function xlsx(rows: string[][]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Đơn vị');
	for (const row of rows) sheet.addRow(row);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('/setup', () => {
	it('GIVEN a server admin WHEN they run /setup with English and a time zone THEN the settings are saved and confirmed in their language', async () => {
		const reply = await runSetup(e, { language: 'en', timezone: 'Europe/Berlin' });
		expect(reply.ephemeral).toBe(true);
		expect(reply.content.split('\n')[0]).toBe(
			`Settings saved: coordinator role <@&${e.coordRoleId}>, report channel <#${e.reportChannelId}>, language English, time zone Europe/Berlin.`,
		);
		expect(await e.bot.deps.settings.get(e.guildId)).toMatchObject({
			coordinatorRoleId: e.coordRoleId,
			reportChannelId: e.reportChannelId,
			language: 'en',
			timezone: 'Europe/Berlin',
		});
	});

	it('GIVEN no language or time zone WHEN /setup runs THEN Vietnamese and Asia/Ho_Chi_Minh are the defaults', async () => {
		const reply = await e.run(
			e.adminId,
			'setup',
			undefined,
			{
				coordinator_role: { type: 'role', id: e.coordRoleId },
				report_channel: { type: 'channel', id: e.reportChannelId },
			},
			'vi',
		);
		expect(reply.content).toContain('bài đăng bằng tiếng Việt, múi giờ Asia/Ho_Chi_Minh.');
		expect(await e.bot.deps.settings.get(e.guildId)).toMatchObject({
			language: 'vi',
			timezone: 'Asia/Ho_Chi_Minh',
		});
	});

	it('GIVEN a time zone that does not exist WHEN /setup runs THEN it is refused and nothing is saved', async () => {
		const reply = await runSetup(e, { timezone: 'Mars/Olympus_Mons' });
		expect(reply.content).toBe(
			'“Mars/Olympus_Mons” is not a valid time zone. Use an IANA name such as Asia/Ho_Chi_Minh.',
		);
		const vi = await e.run(
			e.adminId,
			'setup',
			undefined,
			{
				coordinator_role: { type: 'role', id: e.coordRoleId },
				report_channel: { type: 'channel', id: e.reportChannelId },
				timezone: 'UTC+7',
			},
			'vi',
		);
		expect(vi.content).toBe('Múi giờ “UTC+7” không hợp lệ. Vui lòng dùng tên múi giờ IANA, ví dụ Asia/Ho_Chi_Minh.');
		expect(await e.bot.deps.settings.get(e.guildId)).toBeNull();
	});

	it('GIVEN a report channel the bot cannot write to WHEN /setup runs THEN it is refused and nothing is saved', async () => {
		const locked = e.fake.createChannel(e.guildId, { name: 'bao-cao-khoa', botCanWrite: false }).id;
		const reply = await e.run(
			e.adminId,
			'setup',
			undefined,
			{
				coordinator_role: { type: 'role', id: e.coordRoleId },
				report_channel: { type: 'channel', id: locked },
			},
			'vi',
		);
		expect(reply.content).toBe(
			`Bot không gửi được tin nhắn vào <#${locked}>. Vui lòng cấp quyền Xem kênh và Gửi tin nhắn cho bot, hoặc chọn kênh khác.`,
		);
		expect(await e.bot.deps.settings.get(e.guildId)).toBeNull();
	});

	it('GIVEN a member without the coordinator role or Manage Server WHEN they run /setup THEN they are refused and nothing changes', async () => {
		const before = await e.run(e.outsiderId, 'setup', undefined, {
			coordinator_role: { type: 'role', id: e.coordRoleId },
			report_channel: { type: 'channel', id: e.reportChannelId },
		});
		expect(before.content).toBe(
			'Tài khoản này không có quyền điều phối: cần vai trò điều phối hoặc quyền Quản lý máy chủ.',
		);
		expect(await e.bot.deps.settings.get(e.guildId)).toBeNull();

		await runSetup(e);
		const takeover = await e.run(e.outsiderId, 'setup', undefined, {
			coordinator_role: { type: 'role', id: e.units[0]!.roleId },
			report_channel: { type: 'channel', id: e.generalChannelId },
			language: 'en',
		});
		expect(takeover.content).toBe(
			'Tài khoản này không có quyền điều phối: cần vai trò điều phối hoặc quyền Quản lý máy chủ.',
		);
		expect(await e.bot.deps.settings.get(e.guildId)).toMatchObject({
			coordinatorRoleId: e.coordRoleId,
			reportChannelId: e.reportChannelId,
			language: 'vi',
		});
	});

	it('GIVEN a server set up WHEN a coordinator (role only) changes the settings THEN it is allowed', async () => {
		await runSetup(e);
		const reply = await e.run(e.coordinatorId, 'setup', undefined, {
			coordinator_role: { type: 'role', id: e.coordRoleId },
			report_channel: { type: 'channel', id: e.generalChannelId },
		});
		expect(reply.content).toContain(`kênh điều phối <#${e.generalChannelId}>`);
		expect((await e.bot.deps.settings.get(e.guildId))?.reportChannelId).toBe(e.generalChannelId);
	});

	it('GIVEN a server that never ran /setup WHEN the admin runs a coordinator command THEN they are told to run /setup', async () => {
		const reply = await e.run(e.adminId, 'unit', 'list', {}, 'vi');
		expect(reply.content).toBe('Máy chủ chưa được thiết lập. Đề nghị người điều phối chạy lệnh `/thiết-lập` trước.');
		const en = await e.run(e.adminId, 'unit', 'list');
		expect(en.content).toBe('This server is not set up yet. A coordinator must run `/setup` first.');
	});
});

describe('/unit add, edit, remove, list', () => {
	beforeEach(async () => {
		await runSetup(e);
	});

	it('GIVEN a coordinator WHEN they add a unit with a lower-case code THEN it is stored upper-case and listed with its kind, channel and role', async () => {
		const u = e.units[0]!;
		const reply = await addSeedUnit(0, { code: 'httkqg' });
		expect(reply.ephemeral).toBe(true);
		expect(reply.content).toBe(
			`Đã thêm đơn vị **HTTKQG** – ${u.name} (kênh <#${u.channelId}>, vai trò <@&${u.roleId}>).`,
		);
		await addSeedUnit(8);
		const list = await e.run(e.coordinatorId, 'unit', 'list');
		expect(list.content).toBe(
			[
				'Danh sách đơn vị (2):',
				`**HTTKQG** – ${u.name} · Vụ, đơn vị thuộc Tổng cục · <#${u.channelId}> · <@&${u.roleId}> · ✅ sẵn sàng`,
				`**TTDL** – ${e.units[8]!.name} · Đơn vị khác · <#${e.units[8]!.channelId}> · <@&${e.units[8]!.roleId}> · ✅ sẵn sàng`,
			].join('\n'),
		);
		expect(list.attachments).toEqual([]);
	});

	it('GIVEN no units WHEN /unit list runs THEN it says how to register them', async () => {
		const reply = await e.run(e.coordinatorId, 'unit', 'list');
		expect(reply.content).toBe('Chưa có đơn vị nào. Dùng `/đơn-vị thêm` hoặc `/đơn-vị nhập` để đăng ký.');
	});

	it('GIVEN a unit TKG WHEN a unit "tkg" is added THEN the duplicate is refused (codes compare case-insensitively) and nothing is added', async () => {
		await addSeedUnit(4);
		const reply = await addSeedUnit(5, { code: 'tkg' });
		expect(reply.content).toBe('Mã đơn vị **TKG** đã tồn tại.');
		const en = await addSeedUnit(5, { code: 'Tkg' }, e.adminId);
		expect(en.content).toBe('Unit code **TKG** already exists.');
		expect(await unitCodes()).toEqual(['TKG']);
	});

	it('GIVEN a code with a space or a forbidden character, or over 16 characters WHEN added THEN refused with the rule', async () => {
		for (const bad of ['TK G', 'TKG!', 'ABCDEFGHIJKLMNOPQ', 'Vụ']) {
			const reply = await addSeedUnit(0, { code: bad });
			expect(reply.content).toBe(`Mã đơn vị “${bad}” không hợp lệ: cần 1–16 ký tự gồm A–Z, 0–9, - hoặc _.`);
		}
		expect(await unitCodes()).toEqual([]);
	});

	it('GIVEN a name over 100 characters WHEN added or edited THEN refused; with the deployed commands Discord itself refuses it', async () => {
		const long = 'V'.repeat(101);
		expect((await addSeedUnit(0, { name: long })).content).toBe('Tên đơn vị phải có từ 1 đến 100 ký tự.');
		expect((await addSeedUnit(0, { name: 'V'.repeat(100) })).content).toContain('Đã thêm đơn vị **HTTKQG**');
		expect((await e.run(e.coordinatorId, 'unit', 'edit', { code: 'HTTKQG', name: long })).content).toBe(
			'Tên đơn vị phải có từ 1 đến 100 ký tự.',
		);
		expect((await e.bot.deps.units.findByCode(e.guildId, 'HTTKQG'))?.name).toBe('V'.repeat(100));

		await deployCommands(e);
		expect(() =>
			e.fake.slashCommand({
				guildId: e.guildId,
				channelId: e.generalChannelId,
				userId: e.coordinatorId,
				name: 'unit',
				subcommand: 'add',
				options: {
					code: 'X',
					name: long,
					channel: { type: 'channel', id: e.units[1]!.channelId },
					role: { type: 'role', id: e.units[1]!.roleId },
				},
			}),
		).toThrow(/longer than max_length/);
	});

	it('GIVEN a channel the bot cannot write to WHEN a unit is added or moved there THEN refused and nothing changes', async () => {
		const locked = e.fake.createChannel(e.guildId, { name: 'khoa', botCanWrite: false }).id;
		const add = await addSeedUnit(0, { channel: { type: 'channel', id: locked } });
		expect(add.content).toBe(
			`Bot không gửi được tin nhắn vào <#${locked}>. Vui lòng cấp quyền Xem kênh và Gửi tin nhắn cho bot.`,
		);
		expect(await unitCodes()).toEqual([]);

		await addSeedUnit(0);
		const edit = await e.run(
			e.coordinatorId,
			'unit',
			'edit',
			{ code: 'HTTKQG', channel: { type: 'channel', id: locked } },
			'en-US',
		);
		expect(edit.content).toBe(
			`The bot cannot send messages in <#${locked}>. Give it View Channel and Send Messages permissions.`,
		);
		expect((await e.bot.deps.units.findByCode(e.guildId, 'HTTKQG'))?.channelId).toBe(e.units[0]!.channelId);
	});

	it('GIVEN a member who is not a coordinator WHEN they add, edit, remove or list units THEN each is refused and nothing changes', async () => {
		await addSeedUnit(0);
		const member = e.units[0]!.memberId;
		const refusal = 'Tài khoản này không có quyền điều phối: cần vai trò điều phối hoặc quyền Quản lý máy chủ.';
		expect((await addSeedUnit(1, {}, member)).content).toBe(refusal);
		expect((await e.run(member, 'unit', 'edit', { code: 'HTTKQG', name: 'Đổi tên' })).content).toBe(refusal);
		expect((await e.run(member, 'unit', 'remove', { code: 'HTTKQG' })).content).toBe(refusal);
		expect((await e.run(member, 'unit', 'list')).content).toBe(refusal);
		expect(
			(await e.run(member, 'unit', 'import', { file: file('u.csv', 'code,name,channel,role\nX,Y,tkg,TKG\n') })).content,
		).toBe(refusal);
		expect(await unitCodes()).toEqual(['HTTKQG']);
		expect((await e.bot.deps.units.findByCode(e.guildId, 'HTTKQG'))?.name).toBe(e.units[0]!.name);
	});

	it('GIVEN a unit WHEN a coordinator edits its name, channel, role and kind THEN the unit changes; nothing to edit is said so', async () => {
		await addSeedUnit(0);
		const other = e.units[1]!;
		const reply = await e.run(e.coordinatorId, 'unit', 'edit', {
			code: 'httkqg',
			name: 'Vụ Tài khoản quốc gia',
			channel: { type: 'channel', id: other.channelId },
			role: { type: 'role', id: other.roleId },
			kind: 'other',
		});
		expect(reply.content).toBe('Đã cập nhật đơn vị **HTTKQG**.');
		expect(await e.bot.deps.units.findByCode(e.guildId, 'HTTKQG')).toMatchObject({
			name: 'Vụ Tài khoản quốc gia',
			channelId: other.channelId,
			roleId: other.roleId,
			kind: 'other',
		});
		const nothing = await e.run(e.coordinatorId, 'unit', 'edit', { code: 'HTTKQG' });
		expect(nothing.content).toBe('Vui lòng chọn ít nhất một thông tin cần sửa (tên, kênh, vai trò hoặc loại).');
	});

	it('GIVEN no unit with the code WHEN edit or remove names it THEN "not found" and nothing changes', async () => {
		await addSeedUnit(0);
		expect((await e.run(e.coordinatorId, 'unit', 'edit', { code: 'KHONGCO', name: 'x' })).content).toBe(
			'Không tìm thấy đơn vị đang hoạt động có mã **KHONGCO**.',
		);
		expect((await e.run(e.coordinatorId, 'unit', 'remove', { code: 'khongco' }, 'en-US')).content).toBe(
			'No active unit has the code **KHONGCO**.',
		);
		expect(await unitCodes()).toEqual(['HTTKQG']);
	});

	it('GIVEN a unit never used WHEN removed THEN it is deleted and its code is free again', async () => {
		await addSeedUnit(7);
		const reply = await e.run(e.coordinatorId, 'unit', 'remove', { code: 'PPCD' });
		expect(reply.content).toBe('Đã xóa đơn vị **PPCD**.');
		expect(await unitCodes()).toEqual([]);
		expect((await addSeedUnit(7)).content).toContain('Đã thêm đơn vị **PPCD**');
	});

	it('GIVEN a unit that answered in a round WHEN removed THEN it is archived: gone from lists and new rounds, kept in the round status, its code not reusable', async () => {
		await addSeedUnit(4);
		await addSeedUnit(7);
		await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Đợt thử',
			deadline: '2099-01-01 17:00',
			text: 'Dự thảo',
		});
		await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect((await e.run(e.units[4]!.memberId, 'feedback', 'agree', { round: 'R1' })).content).toContain('nhất trí');

		const reply = await e.run(e.coordinatorId, 'unit', 'remove', { code: 'TKG' });
		expect(reply.content).toBe(
			'Đơn vị **TKG** đã gửi ý kiến trong các đợt xin ý kiến nên được lưu trữ (không xóa): lịch sử vẫn có trong báo cáo tổng hợp.',
		);
		expect((await e.run(e.coordinatorId, 'unit', 'list')).content).not.toContain('TKG');
		expect(await unitCodes()).toEqual(['PPCD', 'TKG']);
		expect((await addSeedUnit(4)).content).toBe(
			'Mã đơn vị **TKG** thuộc một đơn vị đã lưu trữ; vui lòng dùng mã khác.',
		);
		expect((await e.run(e.coordinatorId, 'unit', 'edit', { code: 'TKG', name: 'x' })).content).toBe(
			'Không tìm thấy đơn vị đang hoạt động có mã **TKG**.',
		);
		expect((await e.run(e.coordinatorId, 'unit', 'remove', { code: 'TKG' })).content).toBe(
			'Không tìm thấy đơn vị đang hoạt động có mã **TKG**.',
		);
		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1' });
		expect(status.content).toContain(`**TKG** ${e.units[4]!.name}: Nhất trí`);
		const next = await e.run(e.coordinatorId, 'round', 'create', { title: 'Đợt sau', deadline: '2099-02-01 17:00' });
		expect(next.content).toContain('gồm 1 đơn vị');
	});

	it('GIVEN a unit only targeted by a round (no answer yet) WHEN removed THEN it is archived, not deleted', async () => {
		await addSeedUnit(0);
		await e.run(e.coordinatorId, 'round', 'create', { title: 'Đợt', deadline: '2099-01-01 17:00', text: 'x' });
		const reply = await e.run(e.coordinatorId, 'unit', 'remove', { code: 'HTTKQG' });
		expect(reply.content).toContain('được lưu trữ (không xóa)');
		expect(await e.bot.deps.units.findByCode(e.guildId, 'HTTKQG')).toMatchObject({ archived: true });
	});
});

describe('/unit import', () => {
	beforeEach(async () => {
		await runSetup(e);
	});

	const importFile = (f: ReturnType<typeof file>, locale?: string) =>
		e.run(e.coordinatorId, 'unit', 'import', { file: f }, locale);

	it('GIVEN the seed CSV with channels and roles by name WHEN imported THEN all 9 units exist with the right channel, role and kind', async () => {
		const csv = readFileSync(path.join(FIXTURES, 'units-round2.csv'));
		const reply = await importFile(file('units-round2.csv', csv, 'text/csv'));
		expect(reply.content).toBe('Đã nhập 9 đơn vị.');
		const units = await e.bot.deps.units.list(e.guildId);
		expect(units).toHaveLength(9);
		for (const u of e.units) {
			expect(units.find((x) => x.code === u.code)).toMatchObject({
				name: u.name,
				channelId: u.channelId,
				roleId: u.roleId,
				kind: u.kind,
			});
		}
	});

	it('GIVEN a CSV with channels and roles by id and as mentions WHEN imported THEN they resolve to the same channels and roles', async () => {
		const [a, b] = [e.units[0]!, e.units[1]!];
		const csv = [
			'code,name,kind,channel,role',
			`${a.code},${a.name},department,${a.channelId},${a.roleId}`,
			`${b.code},${b.name},,<#${b.channelId}>,<@&${b.roleId}>`,
		].join('\r\n');
		const reply = await importFile(file('units.csv', csv));
		expect(reply.content).toBe('Đã nhập 2 đơn vị.');
		expect(await e.bot.deps.units.findByCode(e.guildId, a.code)).toMatchObject({
			channelId: a.channelId,
			roleId: a.roleId,
		});
		expect(await e.bot.deps.units.findByCode(e.guildId, b.code)).toMatchObject({
			channelId: b.channelId,
			roleId: b.roleId,
			kind: 'department',
		});
	});

	it('GIVEN an XLSX built in Excel with names and ids mixed WHEN imported THEN every row becomes a unit', async () => {
		const rows = [['Code', 'Name', 'Kind', 'Channel', 'Role']];
		e.units.forEach((u, i) =>
			rows.push([u.code, u.name, u.kind, i % 2 ? u.channelId : `#${u.code.toLowerCase()}`, i % 2 ? u.code : u.roleId]),
		);
		const data = await xlsx(rows);
		const reply = await importFile(file('don-vi.xlsx', data), 'en-US');
		expect(reply.content).toBe('9 units imported.');
		const units = await e.bot.deps.units.list(e.guildId);
		for (const u of e.units)
			expect(units.find((x) => x.code === u.code)).toMatchObject({ channelId: u.channelId, roleId: u.roleId });
	});

	it('GIVEN a file with bad rows WHEN imported THEN the whole file is refused, every bad row is listed with its line and reason, and nothing is saved', async () => {
		await e.run(e.coordinatorId, 'unit', 'add', {
			code: 'TKG',
			name: 'Vụ Thống kê Giá',
			channel: { type: 'channel', id: e.units[4]!.channelId },
			role: { type: 'role', id: e.units[4]!.roleId },
		});
		e.fake.createChannel(e.guildId, { name: 'kenh-khoa', botCanWrite: false });
		const csv = [
			'code,name,kind,channel,role',
			'HTTKQG,Vụ Hệ thống tài khoản quốc gia,department,httkqg,HTTKQG',
			'BAD CODE!,Tên,department,tkcnxd,TKCNXD',
			'TKNLTS,,department,tknlts,TKNLTS',
			'TKTMDV,Vụ Thương mại,ministry,tktmdv,TKTMDV',
			'tkg,Trùng mã đã có,department,tkg,TKG',
			'TKDSLD,Vụ Dân số,department,khong-co-kenh,TKDSLD',
			'TKXHMT,Vụ Xã hội,department,tkxhmt,Không có vai trò',
			'httkqg,Trùng trong tệp,department,ppcd,PPCD',
			'TTDL,Cục TTDL,other,kenh-khoa,TTDL',
			`PPCD,${'D'.repeat(101)},department,ppcd,PPCD`,
		].join('\n');
		const reply = await importFile(file('units.csv', csv));
		expect(reply.content.split('\n')).toEqual([
			'Tệp bị từ chối, không có thay đổi nào được lưu. Cần sửa 9 lỗi:',
			'Dòng 3 (code = “BAD CODE!”): mã không hợp lệ (1–16 ký tự A–Z, 0–9, - hoặc _)',
			'Dòng 4 (name): thiếu giá trị bắt buộc',
			'Dòng 5 (kind = “ministry”): loại đơn vị phải là “Vụ”, “Cục Thống kê” hoặc “Khác” (hoặc department, provincial, other)',
			'Dòng 6 (code = “TKG”): mã đã tồn tại',
			'Dòng 7 (channel = “khong-co-kenh”): không tìm thấy kênh',
			'Dòng 8 (role = “Không có vai trò”): không tìm thấy vai trò',
			'Dòng 9 (code = “HTTKQG”): trùng mã với một dòng trước trong tệp',
			'Dòng 10 (channel = “kenh-khoa”): bot không gửi được tin nhắn vào kênh này',
			`Dòng 11 (name = “${'D'.repeat(39)}…”): quá dài`,
		]);
		expect(await unitCodes()).toEqual(['TKG']);

		const en = await importFile(file('units.csv', csv), 'en-US');
		expect(en.content).toContain('The file was rejected and nothing was saved. 9 problems to fix:');
		expect(en.content).toContain('Line 7 (channel = “khong-co-kenh”): channel not found');
	});

	it('GIVEN a file with hundreds of bad rows WHEN imported THEN the reply stays within 2,000 characters and the full list is attached', async () => {
		const csv = [
			'code,name,kind,channel,role',
			...Array.from({ length: 300 }, (_, i) => `BAD CODE ${i},Tên ${i},department,khong-co,khong-co`),
		];
		const reply = await importFile(file('units.csv', csv.join('\n')));
		expect(reply.content.length).toBeLessThanOrEqual(2000);
		expect(reply.content).toMatch(/^Tệp bị từ chối, không có thay đổi nào được lưu\. Cần sửa 900 lỗi:\nDòng 2 /);
		expect(reply.content).toContain('Nội dung đầy đủ trong tệp đính kèm **import-errors.md**.');
		const full = attachmentText(reply, 'import-errors.md');
		for (const line of [2, 150, 301]) {
			expect(full).toContain(`Dòng ${line} (code = “BAD CODE ${line - 2}”)`);
			expect(full).toContain(`Dòng ${line} (channel = “khong-co”): không tìm thấy kênh`);
			expect(full).toContain(`Dòng ${line} (role = “khong-co”): không tìm thấy vai trò`);
		}
		expect(await unitCodes()).toEqual([]);
	});

	it('GIVEN a file that is not CSV or XLSX WHEN imported THEN refused as such', async () => {
		expect((await importFile(file('units.txt', 'code,name\nA,B\n', 'text/plain'))).content).toBe(
			'Tệp phải là CSV hoặc XLSX.',
		);
		expect((await importFile(file('units.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))).content).toBe(
			'Tệp phải là CSV hoặc XLSX.',
		);
		expect((await importFile(file('plan.pdf', '%PDF-1.4', 'application/pdf'), 'en-US')).content).toBe(
			'The file must be CSV or XLSX.',
		);
		// Named .xlsx but not a workbook.
		expect((await importFile(file('units.xlsx', 'code,name\n'))).content).toBe(
			'Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng.',
		);
		expect(await unitCodes()).toEqual([]);
	});

	it('GIVEN a file over 1 MB WHEN imported THEN refused as too large before reading it', async () => {
		const big = `code,name,kind,channel,role\n${'A,B,department,tkg,TKG\n'.repeat(50_000)}`;
		expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
		const reply = await importFile(file('units.csv', big));
		expect(reply.content).toBe('Tệp quá lớn (tối đa 1 MB).');
		expect(await unitCodes()).toEqual([]);
	});

	it('GIVEN a file without the required columns or an empty file WHEN imported THEN refused with what is missing', async () => {
		const shared = readFileSync(path.join(FIXTURES, 'units-round2.csv'), 'utf8')
			.split('\n')
			.map((l) => l.split(',').slice(0, 3).join(','));
		expect((await importFile(file('units.csv', shared.join('\n')))).content).toBe('Tệp thiếu cột: channel, role.');
		expect((await importFile(file('units.csv', ''))).content).toBe('Tệp trống hoặc thiếu dòng tiêu đề.');
		expect(await unitCodes()).toEqual([]);
	});

	it('GIVEN 40 units imported WHEN listed THEN the reply keeps within 2,000 characters and attaches the whole list', async () => {
		const rows = ['code,name,kind,channel,role'];
		for (let i = 1; i <= 40; i++) {
			e.fake.createChannel(e.guildId, { name: `cuc-tk-${i}` });
			e.fake.createRole(e.guildId, { name: `CTK${i}` });
			rows.push(`CTK${i},Cục Thống kê tỉnh số ${i} (tên đầy đủ để dòng dài hơn),provincial,cuc-tk-${i},CTK${i}`);
		}
		expect((await importFile(file('tinh.csv', rows.join('\n')))).content).toBe('Đã nhập 40 đơn vị.');
		const list = await e.run(e.coordinatorId, 'unit', 'list');
		expect(list.content.length).toBeLessThanOrEqual(2000);
		expect(list.content).toMatch(/^Danh sách đơn vị \(40\):\n\*\*CTK1\*\* – /);
		const full = attachmentText(list, 'units.md');
		for (let i = 1; i <= 40; i++) expect(full).toContain(`**CTK${i}** – Cục Thống kê tỉnh số ${i} `);
		expect(full).toContain('· Cục Thống kê tỉnh, thành phố ·');
	});
});
