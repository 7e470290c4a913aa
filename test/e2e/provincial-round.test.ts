import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deployCommands, file } from '../fixtures/e2e/discord.ts';
import { ManualClock } from '../support/clock.ts';
import { startE2E, type E2E } from '../support/e2e-harness.ts';
import { buildZip, deflatedPart } from '../support/zip-builder.ts';

/** A round at the size of a real office: 63 provincial offices, drafts in one ZIP, a slow publish, the status card. */

let e: E2E;
const clock = new ManualClock('2021-09-17T02:00:00Z');
const units: Array<{ code: string; channelId: string }> = [];

beforeAll(async () => {
	e = await startE2E({ clock });
	await deployCommands(e);
	await e.run(e.adminId, 'setup', undefined, {
		coordinator_role: { type: 'role', id: e.coordRoleId },
		report_channel: { type: 'channel', id: e.reportChannelId },
	});
	for (let i = 1; i <= 63; i++) {
		const code = `P${String(i).padStart(2, '0')}`;
		const roleId = e.fake.createRole(e.guildId, { name: code }).id;
		const channelId = e.fake.createChannel(e.guildId, { name: code.toLowerCase() }).id;
		const reply = await e.run(e.coordinatorId, 'unit', 'add', {
			code,
			name: `Cục Thống kê tỉnh số ${String(i)}`,
			channel: { type: 'channel', id: channelId },
			role: { type: 'role', id: roleId },
			kind: 'provincial',
		});
		expect(reply.content).toContain(code);
		units.push({ code, channelId });
	}
	const created = await e.run(e.coordinatorId, 'round', 'create', {
		title: 'Kế hoạch thống kê năm 2022',
		deadline: '04/10/2021 17:00',
		units: units.map((u) => u.code).join(','),
	});
	expect(created.content).toContain('gồm 63 đơn vị');
}, 240_000);
afterAll(async () => {
	await e.stop();
});

describe('a 63-unit round', () => {
	it('GIVEN a ZIP with a draft per unit code WHEN /round drafts runs THEN 63 units get their draft in one command', async () => {
		const zip = buildZip(units.map((u) => deflatedPart(`${u.code}.pdf`, Buffer.from(`%PDF-1.7 ${u.code}`))));
		const reply = await e.run(e.coordinatorId, 'round', 'drafts', { round: 'R1', file: file('du-thao.zip', zip) });
		expect(reply.content).toBe(
			['Đã lưu dự thảo riêng cho 63 đơn vị của đợt **R1**.', 'Mọi đơn vị của đợt đều đã có dự thảo riêng.'].join('\n'),
		);
	});

	it('GIVEN the ZIP downloading slowly WHEN /round drafts runs THEN the reply shows the download, then the outcome replaces it', async () => {
		// A 63-entry ZIP on a poor line: the download alone outlasts the 2 s before the first progress edit.
		e.fake.faults.slow(/^\/attachments\//, 3000, 1);
		const zip = buildZip(units.map((u) => deflatedPart(`${u.code}.pdf`, Buffer.from(`%PDF-1.7 ${u.code}`))));
		const handle = e.fake.slashCommand({
			guildId: e.guildId,
			channelId: units[0]?.channelId ?? '',
			userId: e.coordinatorId,
			name: 'round',
			subcommand: 'drafts',
			options: { round: 'R1', file: file('du-thao-tinh.zip', zip) },
		});
		const first = await handle.reply({ timeoutMs: 20_000 });
		expect(first.content).toMatch(/^Đang tải tệp “du-thao-tinh\.zip” \(\d+ KB\)…$/);
		await vi.waitFor(
			() => {
				expect(handle.state().original?.content).toBe(
					['Đã lưu dự thảo riêng cho 63 đơn vị của đợt **R1**.', 'Mọi đơn vị của đợt đều đã có dự thảo riêng.'].join(
						'\n',
					),
				);
			},
			{ timeout: 20_000, interval: 100 },
		);
		e.fake.faults.clear();
		expect(handle.followUps).toEqual([]);
	}, 60_000);

	it('GIVEN a ZIP with a nested archive and an unknown code WHEN /round drafts runs THEN every problem is listed and nothing changes', async () => {
		const zip = buildZip([
			deflatedPart('P01.pdf', Buffer.from('%PDF-1.7 mới')),
			deflatedPart('P02.zip', buildZip([deflatedPart('x.pdf', Buffer.from('%PDF'))])),
			deflatedPart('XYZ.pdf', Buffer.from('%PDF')),
		]);
		const reply = await e.run(e.coordinatorId, 'round', 'drafts', { round: 'R1', file: file('sai.zip', zip) });
		expect(reply.content).toBe(
			[
				'Tệp bị từ chối, không có dự thảo nào được lưu. 2 lỗi cần sửa:',
				'• Mục “P02.zip” (P02): là tệp nén nằm trong tệp nén; vui lòng giải nén trước',
				'• Đơn vị XYZ: mã đơn vị không có trên máy chủ',
			].join('\n'),
		);
	});

	it('GIVEN Discord answering each post slowly WHEN 63 units are published THEN the reply shows progress, then the summary', async () => {
		// Posts go out 8 at a time: each must be slow for the publish to outlast the 2 s before the first progress edit.
		e.fake.faults.slow(/^\/channels\/\d+\/messages$/, 500);
		const handle = e.fake.slashCommand({
			guildId: e.guildId,
			channelId: units[0]?.channelId ?? '',
			userId: e.coordinatorId,
			name: 'round',
			subcommand: 'publish',
			options: { round: 'R1' },
		});
		const first = await handle.reply({ timeoutMs: 60_000 });
		expect(first.content).toMatch(/^Đang gửi: \d{1,2}\/63 đơn vị…$/);
		// The progress line is replaced by the summary once every unit is handled.
		await vi.waitFor(
			() => {
				expect(handle.state().original?.content).toBe('Đợt **R1**: đã gửi dự thảo tới 63 đơn vị.');
			},
			{ timeout: 60_000, interval: 100 },
		);
		e.fake.faults.clear();
		expect(handle.followUps).toEqual([]);
		const edits = e.fake.requests.filter((r) => r.method === 'PATCH' && r.path.includes(handle.token));
		expect(edits.length).toBeGreaterThanOrEqual(2);
		for (const u of units) {
			const post = e.fake.messages(u.channelId).at(-1);
			expect(post?.attachments.map((a) => a.filename)).toEqual([`${u.code}.pdf`]);
		}
	}, 120_000);

	it('GIVEN the published round WHEN status is asked THEN the card lists the 63 pending codes and carries the picture', async () => {
		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1' });
		expect(status.embeds[0]?.fields).toEqual([
			{ name: 'Chưa gửi ý kiến (63)', value: units.map((u) => u.code).join(', ') },
		]);
		const png = status.attachments.find((a) => a.filename === 'tinh-hinh-R1.png');
		expect(png?.data.subarray(1, 4).toString()).toBe('PNG');
		expect(status.content.length).toBeLessThanOrEqual(2000);
	});
});
