import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import {
	attachmentText,
	botMessages,
	buttonIds,
	deployCommands,
	draftPost,
	expectCleanDiscord,
	file,
	runSetup,
} from '../fixtures/e2e/discord.ts';

const TITLE = 'Rà soát kế hoạch công tác năm 2022 (lần 2)';
const NOT_COORDINATOR = 'Tài khoản này không có quyền điều phối: cần vai trò điều phối hoặc quyền Quản lý máy chủ.';

let e: E2E;
let clock: ManualClock;

beforeEach(async () => {
	clock = new ManualClock('2021-09-17T02:00:00Z'); // 17/09/2021 09:00 in Hà Nội
	e = await startE2E({ clock });
	await setUpSeedServer(e);
});
afterEach(async () => {
	try {
		await expectCleanDiscord(e);
	} finally {
		await e.stop();
	}
});

const coord = (sub: string, options: Parameters<E2E['run']>[3] = {}, locale?: string) =>
	e.run(e.coordinatorId, 'round', sub, options, locale);

async function rounds() {
	return e.bot.deps.rounds.list(e.guildId);
}

function botMessageCounts(): Record<string, number> {
	return Object.fromEntries(e.units.map((u) => [u.code, botMessages(e, u.channelId).length]));
}

describe('/round create', () => {
	it('GIVEN a deadline as DD/MM/YYYY HH:mm or YYYY-MM-DD HH:mm WHEN a round is created THEN both mean the same local time and the reply gives its short id', async () => {
		const a = await coord('create', { title: TITLE, deadline: '04/10/2021 17:00', campaign: 'KH 2022' });
		expect(a.ephemeral).toBe(true);
		expect(a.content.split('\n')[0]).toBe(
			`Đã tạo đợt xin ý kiến **R1** – ${TITLE}, thời hạn 04/10/2021 17:00, gồm 9 đơn vị. Dùng \`/đợt gửi\` để gửi dự thảo.`,
		);
		const b = await coord('create', { title: 'Đợt B', deadline: '2021-10-04 17:00' }, 'en-US');
		expect(b.content.split('\n')[0]).toBe(
			'Round **R2** – Đợt B created, deadline 2021-10-04 17:00, for 9 units. Use `/round publish` to send the drafts.',
		);
		const stored = await rounds();
		expect(stored.map((r) => [r.code, r.deadline.toISOString(), r.state])).toEqual([
			['R2', '2021-10-04T10:00:00.000Z', 'draft'],
			['R1', '2021-10-04T10:00:00.000Z', 'draft'],
		]);
		expect(stored[1]?.campaignName).toBe('KH 2022');
	});

	it("GIVEN a server in another time zone WHEN a deadline is typed THEN it is read in the server's time zone", async () => {
		await runSetup(e, { timezone: 'Europe/Berlin' });
		await coord('create', { title: 'T', deadline: '2021-10-04 17:00' });
		expect((await rounds())[0]?.deadline.toISOString()).toBe('2021-10-04T15:00:00.000Z');
	});

	it('GIVEN a deadline in the past or right now WHEN a round is created THEN refused and no round exists', async () => {
		expect((await coord('create', { title: 'T', deadline: '16/09/2021 17:00' })).content).toBe(
			'Thời hạn 16/09/2021 17:00 đã qua; vui lòng chọn một thời điểm trong tương lai.',
		);
		expect((await coord('create', { title: 'T', deadline: '2021-09-17 09:00' })).content).toContain('đã qua');
		// The date in this reply is written the server's way, so only the wording is pinned for the English reader.
		expect((await coord('create', { title: 'T', deadline: '2021-09-17 08:59' }, 'en-US')).content).toMatch(
			/^The deadline \S+ 08:59 has already passed; choose a time in the future\.$/,
		);
		expect(await rounds()).toEqual([]);
	});

	it('GIVEN a deadline that cannot be read WHEN a round is created THEN refused with the accepted formats', async () => {
		for (const bad of ['thứ sáu tuần sau', '04/10/2021', '31/02/2022 17:00', '2022-10-04 25:00', '10/04/2022 5pm']) {
			const reply = await coord('create', { title: 'T', deadline: bad });
			expect(reply.content).toBe(
				`Thời hạn “${bad}” không đúng định dạng. Vui lòng nhập theo dạng \`DD/MM/YYYY HH:mm\` hoặc \`YYYY-MM-DD HH:mm\`.`,
			);
		}
		expect(await rounds()).toEqual([]);
	});

	it('GIVEN a list of codes in any case WHEN a round is created THEN only those units are targeted and only they get a post', async () => {
		const reply = await coord('create', {
			title: 'T',
			deadline: '04/10/2021 17:00',
			units: 'tkg, PPCD;ttdl',
			text: 'Dự thảo',
		});
		expect(reply.content).toContain('gồm 3 đơn vị');
		const round = (await rounds())[0]!;
		expect((await e.bot.deps.rounds.targets(round.id)).map((t) => t.unit.code)).toEqual(['PPCD', 'TKG', 'TTDL']);
		await coord('publish', { round: 'R1' });
		expect(botMessageCounts()).toEqual({
			HTTKQG: 0,
			TKCNXD: 0,
			TKNLTS: 0,
			TKTMDV: 0,
			TKG: 1,
			TKDSLD: 0,
			TKXHMT: 0,
			PPCD: 1,
			TTDL: 1,
		});
	});

	it('GIVEN unknown or archived unit codes WHEN a round is created THEN refused naming them, and no round exists', async () => {
		await coord('create', { title: 'Đợt 1', deadline: '04/10/2021 17:00' });
		await e.run(e.coordinatorId, 'unit', 'remove', { code: 'TKG' }); // targeted by R1: archived
		const reply = await coord('create', { title: 'Đợt 2', deadline: '04/10/2021 17:00', units: 'PPCD,tkg,khongco' });
		expect(reply.content).toBe('Không có đơn vị đang hoạt động với mã: TKG, KHONGCO.');
		expect((await rounds()).map((r) => r.code)).toEqual(['R1']);
		const all = await coord('create', { title: 'Đợt 2', deadline: '04/10/2021 17:00' });
		expect(all.content).toContain('gồm 8 đơn vị');
	});

	it('GIVEN a title over 200 or a text over 4,000 characters WHEN a round is created THEN refused; the deployed commands make Discord refuse them first', async () => {
		expect((await coord('create', { title: 'T'.repeat(201), deadline: '04/10/2021 17:00' })).content).toBe(
			'Phần “tiêu đề” dài quá 200 ký tự.',
		);
		expect((await coord('create', { title: 'T', deadline: '04/10/2021 17:00', text: 'x'.repeat(4001) })).content).toBe(
			'Phần “nội dung” dài quá 4000 ký tự.',
		);
		expect(await rounds()).toEqual([]);
		expect(
			(await coord('create', { title: 'T'.repeat(200), deadline: '04/10/2021 17:00', text: 'x'.repeat(4000) })).content,
		).toContain('**R1**');

		await deployCommands(e);
		const send =
			(options: Record<string, string>, subcommand = 'create') =>
			() =>
				e.fake.slashCommand({
					guildId: e.guildId,
					channelId: e.generalChannelId,
					userId: e.coordinatorId,
					name: 'round',
					subcommand,
					options,
				});
		expect(send({ title: 'T'.repeat(201), deadline: '04/10/2021 17:00' })).toThrow(/"title" longer than max_length/);
		expect(send({ title: 'T', deadline: '04/10/2021 17:00', text: 'x'.repeat(4001) })).toThrow(
			/"text" longer than max_length/,
		);
		expect(send({ round: 'R1', unit: 'TKG', text: 'x'.repeat(4001) }, 'draft')).toThrow(
			/"text" longer than max_length/,
		);
	});

	it('GIVEN a draft file over the 8 MB limit WHEN attached to create or draft THEN refused and nothing is saved', async () => {
		const big = file('du-thao.pdf', Buffer.alloc(8 * 1024 * 1024 + 1, 0x20), 'application/pdf');
		expect((await coord('create', { title: 'T', deadline: '04/10/2021 17:00', draft: big })).content).toBe(
			'Tệp đính kèm quá lớn (tối đa 8 MB).',
		);
		expect(await rounds()).toEqual([]);
		await coord('create', { title: 'T', deadline: '04/10/2021 17:00', text: 'chung' });
		expect((await coord('draft', { round: 'R1', unit: 'TKG', file: big }, 'en-US')).content).toBe(
			'The attachment is too large (at most 8 MB).',
		);
		const round = (await rounds())[0]!;
		const tkg = (await e.bot.deps.rounds.targets(round.id)).find((t) => t.unit.code === 'TKG');
		expect(tkg?.ownDraft).toBe(false);
	});

	it('GIVEN a member who is not a coordinator WHEN they create, draft, publish, list or ask status THEN each is refused and nothing happens', async () => {
		await coord('create', { title: 'T', deadline: '04/10/2021 17:00', text: 'x' });
		const member = e.units[0]!.memberId;
		const run = (sub: string, options: Parameters<E2E['run']>[3] = {}) => e.run(member, 'round', sub, options);
		expect((await run('create', { title: 'X', deadline: '04/10/2021 17:00' })).content).toBe(NOT_COORDINATOR);
		expect((await run('draft', { round: 'R1', unit: 'HTTKQG', text: 'y' })).content).toBe(NOT_COORDINATOR);
		expect((await run('publish', { round: 'R1' })).content).toBe(NOT_COORDINATOR);
		expect((await run('status', { round: 'R1' })).content).toBe(NOT_COORDINATOR);
		expect((await run('list')).content).toBe(NOT_COORDINATOR);
		expect((await rounds()).map((r) => [r.code, r.state])).toEqual([['R1', 'draft']]);
		expect(Object.values(botMessageCounts())).toEqual(Array(9).fill(0));
	});
});

describe('/round draft', () => {
	beforeEach(async () => {
		await coord('create', {
			title: TITLE,
			deadline: '04/10/2021 17:00',
			units: 'TKG,PPCD',
			text: 'Dự thảo chung',
			draft: file('chung.pdf', '%PDF chung', 'application/pdf'),
		});
	});

	it('GIVEN a common draft WHEN one unit gets its own text THEN its post carries only its own draft and the other keeps the common one', async () => {
		const reply = await coord('draft', { round: 'R1', unit: 'tkg', text: 'Dự thảo riêng của Vụ Giá' });
		expect(reply.content).toBe('Đã lưu dự thảo riêng cho đơn vị **TKG** trong đợt **R1**.');
		await coord('publish', { round: 'R1' });
		const tkg = draftPost(e, e.units[4]!.channelId);
		expect(tkg.embeds[0]?.description).toBe('Dự thảo riêng của Vụ Giá');
		expect(tkg.attachments).toEqual([]);
		const ppcd = draftPost(e, e.units[7]!.channelId);
		expect(ppcd.embeds[0]?.description).toBe('Dự thảo chung');
		expect(ppcd.attachments.map((a) => [a.filename, a.data.toString()])).toEqual([['chung.pdf', '%PDF chung']]);
	});

	it('GIVEN a published round WHEN a draft is changed THEN refused: published drafts never change', async () => {
		await coord('publish', { round: 'R1' });
		const reply = await coord('draft', { round: 'R1', unit: 'TKG', text: 'Sửa sau khi gửi' });
		expect(reply.content).toBe(
			'Đợt **R1** đã được gửi; không thể thay dự thảo. Vui lòng tạo đợt mới cho dự thảo sửa đổi.',
		);
		const round = (await rounds())[0]!;
		expect((await e.bot.deps.rounds.targets(round.id)).find((t) => t.unit.code === 'TKG')?.ownDraft).toBe(false);
	});

	it('GIVEN a unit the round does not target, an unknown unit or round, or no content WHEN /round draft runs THEN each is refused', async () => {
		expect((await coord('draft', { round: 'R1', unit: 'HTTKQG', text: 'x' })).content).toBe(
			'Đợt **R1** không xin ý kiến đơn vị **HTTKQG**.',
		);
		expect((await coord('draft', { round: 'R1', unit: 'KHONGCO', text: 'x' })).content).toBe(
			'Không tìm thấy đơn vị đang hoạt động có mã **KHONGCO**.',
		);
		expect((await coord('draft', { round: 'R9', unit: 'TKG', text: 'x' })).content).toBe(
			'Không tìm thấy đợt xin ý kiến **R9**.',
		);
		expect((await coord('draft', { round: 'R1', unit: 'TKG' })).content).toBe(
			'Vui lòng đính kèm tệp hoặc nhập nội dung dự thảo.',
		);
		const round = (await rounds())[0]!;
		expect((await e.bot.deps.rounds.targets(round.id)).some((t) => t.ownDraft)).toBe(false);
	});
});

describe('/round publish', () => {
	it('GIVEN one unit channel deleted and one the bot cannot write to WHEN published THEN both are reported and skipped, the others are posted; after the fix a new publish posts only the missing ones', async () => {
		await coord('create', { title: TITLE, deadline: '04/10/2021 17:00', text: 'Dự thảo' });
		const [gone, locked] = [e.units[0]!, e.units[1]!];
		e.fake.deleteChannel(gone.channelId);
		e.fake.setBotCanWrite(locked.channelId, false);

		const first = await coord('publish', { round: 'R1' });
		expect(first.content).toBe(
			[
				'Đợt **R1**: đã gửi dự thảo tới 7 đơn vị; không gửi được tới 2 đơn vị (tổng 9 đơn vị).',
				`• **HTTKQG** (<#${gone.channelId}>): chưa gửi, kênh không còn tồn tại`,
				`• **TKCNXD** (<#${locked.channelId}>): chưa gửi, bot thiếu quyền **Gửi tin nhắn** trong kênh`,
				'Sửa kênh, quyền của bot hoặc vai trò như trên rồi chạy lại lệnh gửi: chỉ các đơn vị còn thiếu sẽ được gửi.',
			].join('\n'),
		);
		expect(botMessageCounts()).toEqual({
			HTTKQG: 0,
			TKCNXD: 0,
			TKNLTS: 1,
			TKTMDV: 1,
			TKG: 1,
			TKDSLD: 1,
			TKXHMT: 1,
			PPCD: 1,
			TTDL: 1,
		});
		expect((await rounds())[0]?.state).toBe('open');

		// The coordinator fixes both: a new channel for HTTKQG, the permission for TKCNXD.
		const fresh = e.fake.createChannel(e.guildId, { name: 'httkqg-moi' }).id;
		expect(
			(await e.run(e.coordinatorId, 'unit', 'edit', { code: 'HTTKQG', channel: { type: 'channel', id: fresh } }))
				.content,
		).toBe('Đã cập nhật đơn vị **HTTKQG**.');
		e.fake.setBotCanWrite(locked.channelId, true);

		const second = await coord('publish', { round: 'R1' }, 'en-US');
		expect(second.content).toBe('Round **R1**: draft sent to 2 units; 7 units already had it (9 units in all).');
		expect(botMessageCounts()).toEqual({
			HTTKQG: 0,
			TKCNXD: 1,
			TKNLTS: 1,
			TKTMDV: 1,
			TKG: 1,
			TKDSLD: 1,
			TKXHMT: 1,
			PPCD: 1,
			TTDL: 1,
		});
		expect(botMessages(e, fresh)).toHaveLength(1);

		const third = await coord('publish', { round: 'R1' });
		expect(third.content).toBe('Đợt **R1**: 9 đơn vị đã nhận từ trước (tổng 9 đơn vị).');
		expect(botMessageCounts()).toEqual({
			HTTKQG: 0,
			TKCNXD: 1,
			TKNLTS: 1,
			TKTMDV: 1,
			TKG: 1,
			TKDSLD: 1,
			TKXHMT: 1,
			PPCD: 1,
			TTDL: 1,
		});
		expect(botMessages(e, fresh)).toHaveLength(1);
		const deliveries = await e.bot.deps.outbox.deliveries((await rounds())[0]!.id);
		expect(deliveries.map((d) => d.status)).toEqual(Array(9).fill('sent'));
	});

	it('GIVEN a server whose public language is English WHEN published THEN draft posts and the posted status are in English, whoever asked', async () => {
		await runSetup(e, { language: 'en' });
		await coord('create', { title: TITLE, deadline: '04/10/2021 17:00', units: 'TKG', text: 'Dự thảo' });
		const reply = await coord('publish', { round: 'R1' });
		expect(reply.content).toContain('Đợt **R1**: đã gửi dự thảo tới 1 đơn vị'); // the coordinator reads Vietnamese
		const u = e.units[4]!;
		const post = draftPost(e, u.channelId);
		expect(post.content).toBe(
			`To: **TKG – ${u.name}**\nWe ask for your unit's feedback on the draft below. Please answer by 17:00 on 2021-10-04.\nPress **Agree** if you agree with the draft, or **Comment** to send your comments.\n<@&${u.roleId}>`,
		);
		expect(post.embeds[0]?.title).toBe(`Request for feedback on the draft: ${TITLE}`);
		expect((post.embeds[0]?.fields as Array<{ name: string; value: string }>).map((f) => f.name)).toEqual([
			'Deadline for feedback: by 17:00 on 2021-10-04',
			'Round R1',
		]);
		expect(post.embeds[0]?.fields[0].value).toBe('<t:1633341600:F> (<t:1633341600:R>)');
		expect((post.components[0].components as Array<{ label: string }>).map((b) => b.label)).toEqual([
			'Agree',
			'Comment',
		]);
		expect(post.pings).toEqual({ everyone: false, users: [], roles: [u.roleId] });

		const status = await coord('status', { round: 'R1', post: true });
		expect(status.content).toContain('Chưa có đơn vị nào gửi ý kiến (1 đơn vị');
		expect(status.content).toContain(`Đã đăng tình hình gửi ý kiến vào <#${e.reportChannelId}>.`);
		expect(botMessages(e, e.reportChannelId).at(-1)?.content).toContain('No unit has answered yet (1 unit');
	});

	it('GIVEN an unknown round WHEN published THEN "not found" and nothing is posted', async () => {
		expect((await coord('publish', { round: 'R3' })).content).toBe('Không tìm thấy đợt xin ý kiến **R3**.');
		expect((await coord('publish', { round: 'abc' })).content).toBe('Không tìm thấy đợt xin ý kiến **abc**.');
		expect(Object.values(botMessageCounts())).toEqual(Array(9).fill(0));
	});
});

describe('/round status and /round list', () => {
	it('GIVEN every unit commenting at length WHEN status is asked THEN the reply stays within 2,000 characters and a Markdown file holds every comment in full', async () => {
		await coord('create', { title: TITLE, deadline: '04/10/2021 17:00', text: 'Dự thảo' });
		await coord('publish', { round: 'R1' });
		const comment = (code: string) =>
			`Ý kiến của ${code}: ${'đề nghị điều chỉnh thời hạn báo cáo quý. '.repeat(20)}HẾT-${code}`;
		for (const u of e.units) {
			const r = await e.run(u.memberId, 'feedback', 'comment', { round: 'R1', text: comment(u.code) });
			expect(r.content).toContain(`**${u.code}**`);
		}
		const status = await coord('status', { round: 'R1', post: true });
		expect(status.content.length).toBeLessThanOrEqual(2000);
		expect(status.content).toContain(
			'9/9 đơn vị đã gửi ý kiến: cả 9 đơn vị đều có ý kiến (thời hạn 17 giờ 00 ngày 04/10/2021).',
		);
		expect(status.content).toContain('Nội dung đầy đủ trong tệp đính kèm **tinh-hinh-R1.md**.');
		const md = attachmentText(status, '.md');
		for (const u of e.units) {
			expect(md).toContain(`### ${u.code} – ${u.name}\n\n${comment(u.code)}`);
			expect(md).toContain(`| ${u.code} | ${u.name} | Có ý kiến | Cán bộ ${u.code} | 17/09/2021 09:00 |  |`);
		}
		const posted = botMessages(e, e.reportChannelId).at(-1)!;
		expect(posted.content.length).toBeLessThanOrEqual(2000);
		expect(posted.attachments.map((a) => a.filename)).toEqual(['tinh-hinh-R1.md', 'tinh-hinh-R1.png']);
		expect(status.attachments.map((a) => a.filename)).toEqual(['tinh-hinh-R1.md', 'tinh-hinh-R1.png']);
		expect(posted.attachments[0]?.data.toString()).toContain('HẾT-TTDL');
	});

	it('GIVEN a round where 2 units answered WHEN status is asked THEN it gives the headline, the pending list, the per-unit table and the comments', async () => {
		await coord('create', { title: TITLE, deadline: '04/10/2021 17:00', units: 'TKG,PPCD,TTDL', text: 'Dự thảo' });
		await coord('publish', { round: 'R1' });
		clock.set('2021-10-01T02:00:00Z');
		await e.run(e.units[4]!.memberId, 'feedback', 'agree', { round: 'R1' });
		await e.run(e.units[7]!.memberId, 'feedback', 'comment', { round: 'R1', text: 'Đề nghị\nbỏ báo cáo tháng' });
		const status = await coord('status', { round: 'R1' });
		expect(status.content).toBe(
			[
				`**Đợt R1 – ${TITLE} (đang xin ý kiến)**`,
				'2/3 đơn vị đã gửi ý kiến: 1 đơn vị nhất trí, 1 đơn vị có ý kiến; còn 1 đơn vị chưa gửi ý kiến (thời hạn 17 giờ 00 ngày 04/10/2021).',
				'Tính đến ngày 01/10/2021 có 2/3 đơn vị đã gửi ý kiến. Trong đó: có 1 đơn vị nhất trí với dự thảo; 1 đơn vị có ý kiến.',
				'Chưa gửi ý kiến: TTDL',
				'',
				'**Từng đơn vị:**',
				`• **PPCD** ${e.units[7]!.name}: Có ý kiến — Cán bộ PPCD, 01/10/2021 09:00`,
				`• **TKG** ${e.units[4]!.name}: Nhất trí — Cán bộ TKG, 01/10/2021 09:00`,
				`• **TTDL** ${e.units[8]!.name}: chưa gửi ý kiến`,
				'',
				'**Ý kiến:**',
				'• **PPCD**: Đề nghị bỏ báo cáo tháng',
			].join('\n'),
		);
		// The card: progress bar, counts, deadline as a Discord timestamp, pending codes, and the picture.
		expect(status.attachments.map((a) => a.filename)).toEqual(['tinh-hinh-R1.png']);
		expect(status.attachments[0]?.data.subarray(1, 4).toString()).toBe('PNG');
		const deadline = Math.floor(Date.parse('2021-10-04T10:00:00Z') / 1000);
		expect(status.embeds).toEqual([
			expect.objectContaining({
				title: `Đợt R1 – ${TITLE} (đang xin ý kiến)`,
				description: [
					`${'▰'.repeat(13)}${'▱'.repeat(7)} 67%`,
					'2/3 đơn vị đã gửi ý kiến: 1 đơn vị nhất trí, 1 đơn vị có ý kiến; còn 1 đơn vị chưa gửi ý kiến (thời hạn 17 giờ 00 ngày 04/10/2021).',
					`Thời hạn: <t:${String(deadline)}:F> (<t:${String(deadline)}:R>)`,
				].join('\n'),
				fields: [{ name: 'Chưa gửi ý kiến (1)', value: 'TTDL' }],
				image: expect.objectContaining({ url: 'attachment://tinh-hinh-R1.png' }),
			}),
		]);
		const en = await e.run(e.adminId, 'round', 'status', { round: 'R1' });
		expect(en.content).toContain(
			'2/3 units answered: 1 agreed, 1 commented; 1 unit still to answer (deadline 17:00 on 2021-10-04).',
		);
		expect(en.content).toContain('Not answered yet: TTDL');
	});

	it('GIVEN two rounds WHEN /round list runs THEN each shows its state, answered count and deadline, newest first', async () => {
		expect((await coord('list')).content).toBe('Chưa có đợt xin ý kiến nào. Dùng `/đợt tạo` để bắt đầu.');
		await coord('create', { title: TITLE, deadline: '04/10/2021 17:00', text: 'Dự thảo', campaign: 'KH 2022' });
		await coord('publish', { round: 'R1' });
		for (const u of e.units.slice(0, 3)) await e.run(u.memberId, 'feedback', 'agree', { round: 'R1' });
		await coord('create', { title: 'Đợt bổ sung', deadline: '2021-10-20 17:00', units: 'TKG,PPCD' });
		const list = await coord('list');
		expect(list.content).toBe(
			[
				'Các đợt xin ý kiến đang mở và gần đây:',
				'**R2** – Đợt bổ sung · chưa gửi · chưa có đơn vị nào gửi ý kiến (2 đơn vị) · thời hạn 20/10/2021 17:00',
				`**R1** – ${TITLE} · đang xin ý kiến · 3/9 đơn vị đã gửi ý kiến · thời hạn 04/10/2021 17:00`,
			].join('\n'),
		);
		const en = await coord('list', {}, 'en-US');
		expect(en.content).toContain(`**R1** – ${TITLE} · open · 3/9 units answered · deadline 2021-10-04 17:00`);
	});

	it('GIVEN an unknown round WHEN status is asked THEN "not found"', async () => {
		expect((await coord('status', { round: 'R7' }, 'en-US')).content).toBe('Round **R7** was not found.');
	});
});

describe('the draft post', () => {
	it('GIVEN a published round WHEN a unit looks at its channel THEN it sees its role mentioned, the title, the deadline, its draft and Agree/Comment buttons', async () => {
		await coord('create', { title: TITLE, deadline: '04/10/2021 17:00', units: 'TTDL' });
		await coord('draft', {
			round: 'R1',
			unit: 'TTDL',
			text: 'Dự thảo KH 2022 của Cục TTDL',
			file: file('TTDL-2022.xlsx', 'bytes'),
		});
		await coord('publish', { round: 'R1' });
		const u = e.units[8]!;
		const post = draftPost(e, u.channelId);
		// The official letter's order: addressee, request and deadline in the article's words, then the role mention.
		expect(post.content).toBe(
			`Kính gửi: **TTDL – ${u.name}**\nXin ý kiến đơn vị về dự thảo dưới đây. Đề nghị đơn vị gửi ý kiến trước 17 giờ 00 ngày 04/10/2021.\nBấm **Nhất trí** nếu nhất trí với dự thảo, hoặc **Có ý kiến** để gửi ý kiến của đơn vị.\n<@&${u.roleId}>`,
		);
		expect(post.embeds[0]).toMatchObject({
			title: `Xin ý kiến dự thảo: ${TITLE}`,
			description: 'Dự thảo KH 2022 của Cục TTDL',
			fields: [
				{
					name: 'Thời hạn gửi ý kiến: trước 17 giờ 00 ngày 04/10/2021',
					value: '<t:1633341600:F> (<t:1633341600:R>)',
				},
				{ name: 'Đợt R1', value: '⏳ Chưa gửi ý kiến' },
				{ name: '📎', value: 'Tệp dự thảo đính kèm: 1.' },
			],
		});
		expect(post.attachments.map((a) => a.filename)).toEqual(['TTDL-2022.xlsx']);
		expect((post.components[0].components as Array<{ label: string }>).map((b) => b.label)).toEqual([
			'Nhất trí',
			'Có ý kiến',
		]);
		expect(buttonIds(post).every((id) => id.length <= 100)).toBe(true);
		expect(post.pings).toEqual({ everyone: false, users: [], roles: [u.roleId] });
	});
});
