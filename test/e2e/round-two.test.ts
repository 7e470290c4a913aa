import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';

let e: E2E;
let clock: ManualClock;

beforeEach(async () => {
	clock = new ManualClock('2021-09-17T02:00:00Z'); // 17/09/2021 09:00 in Hà Nội
	e = await startE2E({ clock });
	await setUpSeedServer(e);
});
afterEach(async () => {
	await e.stop();
});

function draftPost(channelId: string) {
	const posts = e.fake.messages(channelId).filter((m) => m.author.id === e.fake.botUserId);
	expect(posts).toHaveLength(1);
	return posts[0]!;
}

function buttonIds(message: { components: unknown[] }): string[] {
	return (message.components as Array<{ components: Array<{ custom_id: string }> }>).flatMap((row) =>
		row.components.map((c) => c.custom_id),
	);
}

describe("the seed's round 2, end to end through Discord", () => {
	it('GIVEN a sender set by /setup WHEN round 2 is created for "tất cả" and published THEN each post reads as an official request: Kính gửi, the sender, the deadline in words, Nhất trí / Có ý kiến, the role last', async () => {
		const setup = await e.run(
			e.adminId,
			'setup',
			undefined,
			{
				coordinator_role: { type: 'role', id: e.coordRoleId },
				report_channel: { type: 'channel', id: e.reportChannelId },
				sender: 'Vụ Tổ chức cán bộ',
			},
			'vi',
		);
		expect(setup.content).toContain('ngày làm việc Thứ Hai – Thứ Sáu');
		expect(setup.content).toContain('`-2nlv,-0nlv,+1nlv`');
		expect(setup.content).not.toContain('mon-fri');
		expect(setup.content).toContain('**Vụ Tổ chức cán bộ**');
		const created = await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Rà soát kế hoạch công tác năm 2022 (lần 2)',
			deadline: '04/10/2021 16:00',
			units: 'tất cả',
			text: 'Dự thảo kế hoạch công tác năm 2022',
		});
		expect(created.content).toContain('gồm 9 đơn vị');
		await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		for (const u of e.units) {
			const post = draftPost(u.channelId);
			expect(post.content.split('\n')).toEqual([
				`Kính gửi: **${u.code} – ${u.name}**`,
				'Vụ Tổ chức cán bộ xin ý kiến đơn vị về dự thảo dưới đây. Đề nghị đơn vị gửi ý kiến trước 16 giờ 00 ngày 04/10/2021.',
				'Bấm **Nhất trí** nếu nhất trí với dự thảo, hoặc **Có ý kiến** để gửi ý kiến của đơn vị.',
				`<@&${u.roleId}>`,
			]);
			expect(post.embeds[0]?.['title']).toBe('Xin ý kiến dự thảo: Rà soát kế hoạch công tác năm 2022 (lần 2)');
			const labels = (post.components as Array<{ components: Array<{ label: string }> }>).flatMap((r) =>
				r.components.map((c) => c.label),
			);
			expect(labels).toEqual(['Nhất trí', 'Có ý kiến']);
		}
		// A complete round's status has no "0 …" clause.
		for (const u of e.units) await e.run(u.memberId, 'feedback', 'agree', { round: 'R1' });
		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1' });
		expect(status.content).toContain(
			'9/9 đơn vị đã gửi ý kiến: cả 9 đơn vị đều nhất trí (thời hạn 16 giờ 00 ngày 04/10/2021).',
		);
		expect(status.content).toContain('Trong đó: cả 9 đơn vị đều nhất trí với dự thảo.');
		expect(status.content).not.toMatch(/(^|[^\d/])0 /);
	});

	it('GIVEN 9 departments WHEN round 2 is published and 6 agree by button, 3 comment by command THEN status reads 9/9: 6 agreed, 3 commented', async () => {
		const created = await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Rà soát kế hoạch công tác năm 2022 (lần 2)',
			deadline: '04/10/2021 17:00',
			campaign: 'KH 2022',
			draft: {
				attachment: {
					filename: 'du-thao-chung.pdf',
					contentType: 'application/pdf',
					data: Buffer.from('%PDF-1.4 chung'),
				},
			},
		});
		expect(created.content).toContain('**R1**');
		expect(created.content).toContain('04/10/2021 17:00');
		expect(created.content).toContain('9 đơn vị');

		for (const u of e.units) {
			const reply = await e.run(e.coordinatorId, 'round', 'draft', {
				round: 'R1',
				unit: u.code,
				text: `Dự thảo kế hoạch 2022 của ${u.name} @everyone`,
				file: { attachment: { filename: `${u.code}.xlsx`, data: Buffer.from(`items of ${u.code}`) } },
			});
			expect(reply.content).toContain(u.code);
		}

		const published = await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect(published.content).toContain('đã gửi dự thảo tới 9 đơn vị');

		for (const u of e.units) {
			const post = draftPost(u.channelId);
			// Only the unit's role is pinged, even though the draft text says @everyone.
			expect(post.pings).toEqual({ everyone: false, users: [], roles: [u.roleId] });
			expect(post.content).toContain(`<@&${u.roleId}>`);
			expect(post.embeds[0]?.['description']).toBe(`Dự thảo kế hoạch 2022 của ${u.name} @everyone`);
			expect(post.attachments.map((a) => [a.filename, a.data.toString()])).toEqual([
				[`${u.code}.xlsx`, `items of ${u.code}`],
			]);
			expect(buttonIds(post)).toHaveLength(2);
		}

		clock.set('2021-10-01T02:00:00Z');
		for (const u of e.units.slice(0, 6)) {
			const post = draftPost(u.channelId);
			const agree = buttonIds(post)[0]!;
			const reply = await e.fake
				.clickButton({
					guildId: e.guildId,
					channelId: u.channelId,
					userId: u.memberId,
					messageId: post.id,
					customId: agree,
				})
				.reply();
			expect(reply.ephemeral).toBe(true);
			expect(reply.content).toBe(`Đã ghi nhận: đơn vị **${u.code}** nhất trí với dự thảo của đợt **R1**.`);
			// The draft post shows the unit's new state.
			await e.bot.router.idle(); // the post is edited after the person's confirmation
			const field = (draftPost(u.channelId).embeds[0]?.['fields'] as Array<{ value: string }>)[1]!;
			expect(field.value).toBe(`✅ Nhất trí — <@${u.memberId}>, 01/10/2021 09:00`);
		}
		for (const u of e.units.slice(6)) {
			const reply = await e.run(u.memberId, 'feedback', 'comment', {
				round: 'R1',
				text: `Đề nghị ${u.code} giảm báo cáo quý <@&${e.coordRoleId}>`,
			});
			expect(reply.content).toBe(`Đã ghi nhận ý kiến của đơn vị **${u.code}** về dự thảo của đợt **R1**.`);
		}

		clock.set('2021-10-04T03:00:00Z');
		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1', post: true });
		expect(status.content).toContain(
			'9/9 đơn vị đã gửi ý kiến: 6 đơn vị nhất trí, 3 đơn vị có ý kiến (thời hạn 17 giờ 00 ngày 04/10/2021).',
		);
		expect(status.content).toContain(
			'Tính đến ngày 04/10/2021 có 9/9 đơn vị đã gửi ý kiến. Trong đó: có 6 đơn vị nhất trí với dự thảo; 3 đơn vị có ý kiến.',
		);
		expect(status.content.length).toBeLessThanOrEqual(2000);
		const report = e.fake.messages(e.reportChannelId).at(-1);
		expect(report?.content).toContain('9/9 đơn vị đã gửi ý kiến');
		expect(report?.pings).toEqual({ everyone: false, users: [], roles: [] });

		const english = await e.run(e.adminId, 'round', 'status', { round: 'R1' }, 'en-US');
		expect(english.content).toContain('9/9 units answered: 6 agreed, 3 commented (deadline 17:00 on 2021-10-04).');
		expect(english.content).toContain(
			'As of 2021-10-04, 9/9 units have sent their feedback. Of these, 6 units agreed with the draft; 3 units commented.',
		);
		expect(e.fake.requests.filter((r) => r.status === 429)).toEqual([]);
	});

	it('GIVEN a comment through the Comment button WHEN the modal is submitted THEN it is recorded like the command', async () => {
		await e.run(e.coordinatorId, 'round', 'create', { title: 'T', deadline: '04/10/2021 17:00', text: 'Dự thảo' });
		await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		const u = e.units[0]!;
		const post = draftPost(u.channelId);
		const commentId = buttonIds(post)[1]!;
		const click = e.fake.clickButton({
			guildId: e.guildId,
			channelId: u.channelId,
			userId: u.memberId,
			messageId: post.id,
			customId: commentId,
		});
		const modal = await click.modal();
		expect(modal.title).toBe('Ý kiến về dự thảo');
		const submit = e.fake.submitModal({
			guildId: e.guildId,
			channelId: u.channelId,
			userId: u.memberId,
			customId: modal.custom_id,
			fields: { text: 'Đề nghị bỏ báo cáo tháng' },
			messageId: post.id,
		});
		const reply = await submit.reply();
		expect(reply.content).toBe(`Đã ghi nhận ý kiến của đơn vị **${u.code}** về dự thảo của đợt **R1**.`);
		const shown = await e.run(u.memberId, 'feedback', 'show', { round: 'R1' });
		expect(shown.content).toContain('1. Có ý kiến — Cán bộ HTTKQG, 17/09/2021 09:00');
		expect(shown.content).toContain('Đề nghị bỏ báo cáo tháng');
	});
});
