import { PermissionFlagsBits as P } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runDoctor } from '../../src/ops/doctor.ts';
import { botPermissionsIn } from '../../src/domain/permissions.ts';
import { snapshotFromCache } from '../../src/discord/guild-snapshot.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import { botMessages, deployCommands, expectCleanDiscord, file } from '../fixtures/e2e/discord.ts';

/**
 * The permission preflight end to end (issue 13): three units set up wrong in three ways are named by /unit list,
 * by `npm run doctor` and by /round publish before anything is posted; the others are published; after the fix,
 * publishing again reaches the rest, once.
 */

let e: E2E;
beforeEach(async () => {
	e = await startE2E();
	await setUpSeedServer(e);
	await deployCommands(e);
});
afterEach(async () => {
	try {
		await expectCleanDiscord(e);
	} finally {
		await e.stop();
	}
});

/** Waits until the bot's gateway cache shows what Discord enforces in these channels (CHANNEL_UPDATE handled). */
async function inSync(...channelIds: string[]): Promise<void> {
	await vi.waitFor(() => {
		const snapshot = snapshotFromCache(e.bot.client, e.guildId);
		for (const id of channelIds) expect(snapshot && botPermissionsIn(snapshot, id)).toBe(e.fake.botPermissionsIn(id));
	});
}

const unit = (code: string) => e.units.find((u) => u.code === code)!;
const postsTo = (channelId: string) =>
	e.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`).length;

async function doctorFailures(): Promise<string[]> {
	const lines: string[] = [];
	const code = await runDoctor(
		{ DISCORD_TOKEN: e.fake.token, DISCORD_API_URL: e.fake.apiUrl, DATABASE_URL: e.dbUrl },
		{ write: (l) => lines.push(l) },
	);
	const failed = lines.filter((l) => l.startsWith('❌'));
	expect(code).toBe(failed.length > 0 ? 1 : 0);
	return failed;
}

describe('permission preflight', () => {
	it('GIVEN Send Messages denied, Attach Files denied with a file draft, and a silent role ping WHEN listed, doctored and published THEN each is named before posting; after the fix a second publish reaches the rest once', async () => {
		const [noSend, noFiles, silent] = [unit('HTTKQG'), unit('TKCNXD'), unit('TKNLTS')];
		await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Kế hoạch công tác năm 2022',
			deadline: '2099-01-01 08:00',
			draft: file('du-thao.pdf', '%PDF-1.4 dự thảo', 'application/pdf'),
		});
		// The server drifts after the units were registered: an admin edits three channels.
		e.fake.setBotOverwrite(noSend.channelId, { deny: P.SendMessages });
		e.fake.setBotOverwrite(noFiles.channelId, { deny: P.AttachFiles });
		e.fake.setBotOverwrite(silent.channelId, { deny: P.MentionEveryone });
		await inSync(noSend.channelId, noFiles.channelId, silent.channelId);

		// /unit list marks each unit ready or not, with the reason.
		const list = (await e.run(e.coordinatorId, 'unit', 'list', {})).content.split('\n');
		const lineOf = (code: string) => list.find((l) => l.startsWith(`**${code}**`)) ?? '';
		expect(lineOf(noSend.code)).toContain('⚠️ chưa sẵn sàng: bot thiếu quyền **Gửi tin nhắn** trong kênh');
		expect(lineOf(noFiles.code)).toContain('⚠️ chưa sẵn sàng: bot thiếu quyền **Đính kèm tệp** trong kênh');
		expect(lineOf(silent.code)).toContain(`⚠️ chưa sẵn sàng: đề cập <@&${silent.roleId}> sẽ không báo cho ai`);
		expect(list.filter((l) => l.endsWith('✅ sẵn sàng'))).toHaveLength(6);

		// npm run doctor names the same three.
		const failed = await doctorFailures();
		expect(failed).toHaveLength(3);
		expect(failed.find((l) => l.includes(`unit ${noSend.code}:`))).toContain('Send Messages');
		expect(failed.find((l) => l.includes(`unit ${noFiles.code}:`))).toContain('Attach Files');
		expect(failed.find((l) => l.includes(`unit ${silent.code}:`))).toContain('notifies nobody');

		// /round publish: the two it cannot post in are skipped before any request; the silent ping is named.
		const first = await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect(first.content.split('\n')).toEqual([
			'Đợt **R1**: đã gửi dự thảo tới 7 đơn vị; không gửi được tới 2 đơn vị (tổng 9 đơn vị).',
			`• **${noSend.code}** (<#${noSend.channelId}>): chưa gửi, bot thiếu quyền **Gửi tin nhắn** trong kênh`,
			`• **${noFiles.code}** (<#${noFiles.channelId}>): chưa gửi, bot thiếu quyền **Đính kèm tệp** trong kênh`,
			`⚠️ **${silent.code}**: đã gửi, nhưng đề cập <@&${silent.roleId}> sẽ không báo cho ai (vai trò không cho phép đề cập và bot thiếu quyền **Đề cập @everyone, @here và tất cả vai trò**)`,
			'Sửa kênh, quyền của bot hoặc vai trò như trên rồi chạy lại lệnh gửi: chỉ các đơn vị còn thiếu sẽ được gửi.',
		]);
		expect(postsTo(noSend.channelId)).toBe(0);
		expect(postsTo(noFiles.channelId)).toBe(0);
		expect(e.fake.invalidRequestCount).toBe(0);
		expect(e.fake.silentRolePings()).toEqual([
			{ messageId: botMessages(e, silent.channelId)[0]!.id, channelId: silent.channelId, roleId: silent.roleId },
		]);
		for (const u of e.units) {
			const expected = u === noSend || u === noFiles ? 0 : 1;
			expect(botMessages(e, u.channelId), u.code).toHaveLength(expected);
		}

		// The admin fixes the channels and makes the role mentionable.
		e.fake.setBotOverwrite(noSend.channelId, {});
		e.fake.setBotOverwrite(noFiles.channelId, {});
		e.fake.updateRole(silent.roleId, { mentionable: true });
		await inSync(noSend.channelId, noFiles.channelId);
		await vi.waitFor(() =>
			expect(e.bot.client.guilds.cache.get(e.guildId)?.roles.cache.get(silent.roleId)?.mentionable).toBe(true),
		);
		expect(await doctorFailures()).toEqual([]);

		const second = await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect(second.content).toBe('Đợt **R1**: đã gửi dự thảo tới 2 đơn vị; 7 đơn vị đã nhận từ trước (tổng 9 đơn vị).');
		for (const u of e.units) expect(botMessages(e, u.channelId), u.code).toHaveLength(1);
		expect(botMessages(e, noFiles.channelId)[0]!.attachments.map((a) => a.filename)).toEqual(['du-thao.pdf']);
		const list2 = (await e.run(e.coordinatorId, 'unit', 'list', {})).content.split('\n');
		expect(list2.filter((l) => l.endsWith('✅ sẵn sàng'))).toHaveLength(9);
	});

	it('GIVEN the bot loses Send Messages after the preflight saw the channel WHEN Discord answers 403 THEN the unit is reported like a preflight finding', async () => {
		const target = unit('TKG');
		await e.run(e.coordinatorId, 'round', 'create', { title: 'T', deadline: '2099-01-01 08:00', text: 'Dự thảo' });
		// The bot misses the CHANNEL_UPDATE: its cache (the preflight's view) still shows the old permissions.
		e.fake.setBotOverwrite(target.channelId, { deny: P.SendMessages }, { announce: false });
		const reply = await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect(reply.content).toContain(
			`• **${target.code}** (<#${target.channelId}>): chưa gửi, Discord từ chối bài đăng (403): bot thiếu quyền trong kênh`,
		);
	});

	it('GIVEN a unit skipped by publish WHEN sweeps run THEN none posts there while the channel refuses posts, and the first after the fix delivers its draft once', async () => {
		const target = unit('TKG');
		await e.run(e.coordinatorId, 'round', 'create', { title: 'T', deadline: '2099-01-01 08:00', text: 'Dự thảo' });
		e.fake.setBotOverwrite(target.channelId, { deny: P.SendMessages });
		await inSync(target.channelId);
		await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		await e.bot.tick();
		await e.bot.tick();
		expect(postsTo(target.channelId)).toBe(0);
		expect(e.fake.invalidRequestCount).toBe(0);

		e.fake.setBotOverwrite(target.channelId, {});
		await inSync(target.channelId);
		const report = await e.bot.tick();
		expect(report.delivered).toEqual([{ round: 'R1', unit: target.code }]);
		await e.bot.tick();
		expect(botMessages(e, target.channelId)).toHaveLength(1);
	});

	it('GIVEN a unit added in a channel without Attach Files and /setup with a report channel without Read Message History THEN both replies warn, naming the channel and the permission', async () => {
		const channel = e.fake.createChannel(e.guildId, {
			name: 'don-vi-moi',
			overwrites: [{ id: e.fake.botUserId, type: 1, allow: 0n, deny: P.AttachFiles }],
		}).id;
		const role = e.fake.createRole(e.guildId, { name: 'Đơn vị mới', mentionable: true }).id;
		const added = await e.run(e.coordinatorId, 'unit', 'add', {
			code: 'MOI',
			name: 'Đơn vị mới',
			channel: { type: 'channel', id: channel },
			role: { type: 'role', id: role },
		});
		expect(added.content.split('\n')[1]).toBe(
			`⚠️ Đơn vị **MOI** (<#${channel}>): bot thiếu quyền **Đính kèm tệp** trong kênh.`,
		);

		e.fake.setBotOverwrite(e.reportChannelId, { deny: P.ReadMessageHistory });
		await inSync(e.reportChannelId);
		const setup = await e.run(e.adminId, 'setup', undefined, {
			coordinator_role: { type: 'role', id: e.coordRoleId },
			report_channel: { type: 'channel', id: e.reportChannelId },
		});
		expect(setup.content.split('\n').at(-1)).toBe(
			// The admin speaks English.
			`⚠️ Report channel <#${e.reportChannelId}>: the bot lacks **Read Message History** in the channel.`,
		);
	});
});
