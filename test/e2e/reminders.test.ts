import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { hanoi } from '../support/app-harness.ts';
import { ManualClock } from '../support/clock.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';

let e: E2E | undefined;
afterEach(async () => {
	await e?.stop();
	e = undefined;
});

const hn = hanoi;

function botPosts(env: E2E, channelId: string) {
	return env.fake.messages(channelId).filter((m) => m.author.id === env.fake.botUserId);
}

describe('deadlines that chase themselves, through the fake Discord', () => {
	it('GIVEN a round with minute-level steps WHEN the clock passes them THEN pending units are reminded, coordinators get escalation and summaries once, and a restart between ticks neither loses nor repeats', async () => {
		const clock = new ManualClock(hn('2021-09-20 09:00')); // a Monday morning
		e = await startE2E({ clock });
		const env = e;
		await setUpSeedServer(env);
		const created = await env.run(env.coordinatorId, 'round', 'create', {
			title: 'Rà soát lần 2',
			deadline: '20/09/2021 09:10',
			text: 'Dự thảo',
			reminders: '-5m,+2m',
		});
		expect(created.content).toContain('`-5m,+2m`');
		await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		for (const u of env.units.slice(0, 7)) await env.run(u.memberId, 'feedback', 'agree', { round: 'R1' });
		const pending = env.units.slice(7);

		clock.set(hn('2021-09-20 09:04'));
		expect((await env.bot.tick()).sent).toEqual([]);
		clock.set(hn('2021-09-20 09:05'));
		expect((await env.bot.tick()).sent.map((s) => s.unit).sort()).toEqual(pending.map((u) => u.code).sort());
		for (const u of pending) {
			const [draft, reminder] = botPosts(env, u.channelId);
			expect(draft).toBeDefined();
			expect(reminder?.content).toContain(`Kính gửi: **${u.code} – `);
			expect(reminder?.content).toContain('Đề nghị đơn vị gửi ý kiến trước 09 giờ 10 ngày 20/09/2021');
			expect(reminder?.content.endsWith(`\n<@&${u.roleId}>`)).toBe(true);
			expect(reminder?.pings).toEqual({ everyone: false, users: [], roles: [u.roleId] });
			expect(reminder?.components).toHaveLength(1);
		}
		for (const u of env.units.slice(0, 7)) expect(botPosts(env, u.channelId)).toHaveLength(1);

		// A restart (deploy, crash) between two ticks: the database, not memory, says what was sent.
		await env.restart();
		clock.set(hn('2021-09-20 09:06'));
		expect((await env.bot.tick()).sent).toEqual([]);
		for (const u of pending) expect(botPosts(env, u.channelId)).toHaveLength(2);

		clock.set(hn('2021-09-20 09:10'));
		await env.bot.tick();
		const deadlinePost = botPosts(env, env.reportChannelId).at(-1);
		expect(deadlinePost?.content).toContain('⏰ Đợt **R1** – Rà soát lần 2 đã hết thời hạn gửi ý kiến.');
		expect(deadlinePost?.content).toContain(
			'7/9 đơn vị đã gửi ý kiến: cả 7 đơn vị đều nhất trí; còn 2 đơn vị chưa gửi ý kiến',
		);
		expect(deadlinePost?.content).toContain(`Chưa gửi ý kiến: ${pending.map((u) => u.code).join(', ')}.`);
		expect(deadlinePost?.pings.roles).toEqual([]);

		clock.set(hn('2021-09-20 09:12'));
		const after = await env.bot.tick();
		expect(after.sent.map((s) => `${s.unit}:${s.step}`).sort()).toEqual(pending.map((u) => `${u.code}:+2m`).sort());
		const escalation = botPosts(env, env.reportChannelId).at(-1);
		expect(escalation?.content).toContain('⚠️ Đợt **R1**');
		expect(escalation?.content).toContain('còn 2/9 đơn vị chưa gửi ý kiến');
		expect(escalation?.pings).toEqual({ everyone: false, users: [], roles: [env.coordRoleId] });
		await env.bot.tick();
		expect(botPosts(env, env.reportChannelId)).toHaveLength(2);

		// The late units answer from the reminder's own buttons; the round is then complete.
		for (const u of pending) {
			const reminder = botPosts(env, u.channelId).at(-1)!;
			const agree = (reminder.components[0] as { components: Array<{ custom_id: string }> }).components[0]!.custom_id;
			const reply = await env.fake
				.clickButton({
					guildId: env.guildId,
					channelId: u.channelId,
					userId: u.memberId,
					messageId: reminder.id,
					customId: agree,
				})
				.reply();
			expect(reply.content).toContain('(quá hạn, được đánh dấu quá hạn)');
		}
		await env.bot.router.idle();
		const complete = botPosts(env, env.reportChannelId).at(-1);
		expect(complete?.content).toContain('✅ Đợt **R1** – Rà soát lần 2: tất cả đơn vị đã gửi ý kiến.');
		expect(complete?.content).toContain('Tính đến ngày 20/09/2021 có 9/9 đơn vị đã gửi ý kiến');

		const closed = await env.run(env.coordinatorId, 'round', 'close', { round: 'R1' });
		expect(closed.content).toBe('Đã kết thúc đợt **R1**.');
		expect(botPosts(env, env.reportChannelId).at(-1)?.content).toContain('🏁 Đợt **R1**');
		expect(botPosts(env, env.reportChannelId)).toHaveLength(4);
		// Closed: the draft posts no longer carry buttons.
		expect(botPosts(env, env.units[0]!.channelId)[0]?.components).toEqual([]);
		expect(env.fake.requests.filter((r) => r.status === 429)).toEqual([]);
	});

	it('GIVEN /round extend and /round remind WHEN run THEN pending units are told the new deadline and reminded once an hour at most', async () => {
		const clock = new ManualClock(hn('2021-09-20 09:00'));
		e = await startE2E({ clock });
		const env = e;
		await setUpSeedServer(env);
		await env.run(env.coordinatorId, 'round', 'create', {
			title: 'T',
			deadline: '24/09/2021 17:00',
			text: 'D',
			units: 'TKG,PPCD',
		});
		await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		const extended = await env.run(env.coordinatorId, 'round', 'extend', { round: 'R1', deadline: '2021-09-28 17:00' });
		expect(extended.content).toBe(
			'Đã gia hạn đợt **R1** đến 28/09/2021 17:00; đã báo thời hạn mới cho 2 đơn vị chưa gửi ý kiến.',
		);
		const tkg = env.units.find((u) => u.code === 'TKG')!;
		expect(botPosts(env, tkg.channelId).at(-1)?.content).toContain('được gia hạn');
		const earlier = await env.run(env.coordinatorId, 'round', 'extend', { round: 'R1', deadline: '2021-09-25 17:00' });
		expect(earlier.content).toBe('Thời hạn mới (25/09/2021 17:00) phải sau thời hạn hiện tại.');
		const remind = await env.run(env.coordinatorId, 'round', 'remind', { round: 'R1' });
		expect(remind.content).toBe('Đã nhắc các đơn vị chưa gửi ý kiến của đợt **R1**: PPCD, TKG.');
		const again = await env.run(env.coordinatorId, 'round', 'remind', { round: 'R1' }, 'en-US');
		expect(again.content).toBe('Not reminded again (reminded within the last hour): PPCD, TKG.');
		expect(botPosts(env, tkg.channelId)).toHaveLength(3);
		const refused = await env.run(tkg.memberId, 'round', 'remind', { round: 'R1' });
		expect(refused.content).toContain('Tài khoản này không có quyền điều phối');
	});

	it('GIVEN silence means consent WHEN the coordinator closes the round THEN the final summary keeps agreed and agreed by silence apart', async () => {
		e = await startE2E({ clock: new ManualClock(hn('2021-09-20 09:00')) });
		const env = e;
		await setUpSeedServer(env);
		const created = await env.run(env.coordinatorId, 'round', 'create', {
			title: 'Rà soát lần 2',
			deadline: '24/09/2021 17:00',
			text: 'D',
			silence: 'consent',
			late: 'refuse',
		});
		expect(created.content).toContain(
			'đơn vị không gửi ý kiến đến hết thời hạn được coi là nhất trí; không nhận ý kiến quá hạn',
		);
		await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		for (const u of env.units.slice(0, 5)) await env.run(u.memberId, 'feedback', 'agree', { round: 'R1' });
		await env.run(env.units[5]!.memberId, 'feedback', 'comment', { round: 'R1', text: 'Ý kiến' });
		const closed = await env.run(env.coordinatorId, 'round', 'close', { round: 'R1' });
		expect(closed.content).toBe('Đã kết thúc đợt **R1**. 3 đơn vị không gửi ý kiến được ghi nhận là nhất trí.');
		const final = botPosts(env, env.reportChannelId).at(-1)?.content ?? '';
		expect(final).toContain('🏁 Đợt **R1**');
		expect(final).toContain('6/9 đơn vị đã gửi ý kiến: 5 đơn vị nhất trí, 1 đơn vị có ý kiến');
		expect(final).toContain('Ngoài ra, 3 đơn vị không gửi ý kiến đến hết thời hạn được coi là nhất trí.');
		const late = await env.run(env.units[8]!.memberId, 'feedback', 'agree', { round: 'R1' });
		expect(late.content).toBe('Đợt **R1** đã kết thúc, không nhận thêm ý kiến.');
		const again = await env.run(env.coordinatorId, 'round', 'close', { round: 'R1' });
		expect(again.content).toBe('Đợt **R1** đã kết thúc, không nhận thêm ý kiến.');
	});

	it('GIVEN the calendar commands WHEN a coordinator adds, lists, imports and removes holidays THEN the list shows them and bad dates are refused', async () => {
		e = await startE2E({ clock: new ManualClock(hn('2026-11-25 09:00')) });
		const env = e;
		await setUpSeedServer(env);
		expect(
			(await env.run(env.coordinatorId, 'calendar', 'holiday-add', { date: '02/09/2026', name: 'Quốc khánh' })).content,
		).toBe('Đã thêm ngày nghỉ 02/09/2026: Quốc khánh.');
		expect(
			(await env.run(env.coordinatorId, 'calendar', 'holiday-add', { date: '31/02/2026', name: 'x' })).content,
		).toContain('Ngày “31/02/2026” không hợp lệ');
		const csv = 'date,name\n2026-04-30,Ngày Giải phóng miền Nam\n01/05/2026,Quốc tế Lao động\n';
		const imported = await env.run(env.coordinatorId, 'calendar', 'import', {
			file: { attachment: { filename: 'ngay-nghi.csv', contentType: 'text/csv', data: Buffer.from(csv) } },
		});
		expect(imported.content).toBe('Đã nhập 2 ngày nghỉ.');
		const bad = await env.run(env.coordinatorId, 'calendar', 'import', {
			file: { attachment: { filename: 'bad.csv', data: Buffer.from('date,name\n2026-13-01,X\n2026-01-01,\n') } },
		});
		expect(bad.content).toContain('Dòng 2');
		expect(bad.content).toContain('Dòng 3');
		const list = await env.run(env.coordinatorId, 'calendar', 'list', { year: 2026 });
		// The Labour Code's 11 days of 2026 are built in; the imported and added ones fall on them.
		expect(list.content).toContain('Lịch nghỉ năm 2026 (11 ngày)');
		expect(list.content).toContain(
			'• 30/04/2026 (Thứ Năm): Ngày Giải phóng miền Nam — ngày lễ, Tết theo Bộ luật Lao động',
		);
		expect(list.content).toContain('• 17/02/2026 (Thứ Ba): Tết Nguyên đán (mùng 1) — ngày lễ, Tết');
		expect((await env.run(env.coordinatorId, 'calendar', 'holiday-remove', { date: '2026-09-02' })).content).toBe(
			'Đã bỏ ngày 02/09/2026 khỏi lịch nghỉ.',
		);
		expect((await env.run(env.coordinatorId, 'calendar', 'list', { year: 2026 })).content).not.toContain('02/09/2026');
		expect((await env.run(env.coordinatorId, 'calendar', 'holiday-remove', { date: '2026-09-02' })).content).toBe(
			'Ngày 2026-09-02 không có trong lịch nghỉ.',
		);
		const badSetup = await env.run(env.adminId, 'setup', undefined, {
			coordinator_role: { type: 'role', id: env.coordRoleId },
			report_channel: { type: 'channel', id: env.reportChannelId },
			reminders: '-2wd,+1x',
		});
		expect(badSetup.content).toContain('Invalid reminder ladder (step “+1x”)');
		expect(badSetup.content).toContain('`-2wd,-0wd,+1wd`');
	});

	it('GIVEN TICK_CRON with a seconds field WHEN the bot runs with its scheduler THEN due work is done without anyone calling the sweep', async () => {
		e = await startE2E({ ticks: true, env: { TICK_CRON: '* * * * * *' } });
		const env = e;
		await setUpSeedServer(env);
		const deadline = DateTime.now().setZone('Asia/Ho_Chi_Minh').plus({ days: 7 }).toFormat('yyyy-MM-dd HH:mm');
		await env.run(env.coordinatorId, 'round', 'create', { title: 'T', deadline, text: 'D', units: 'TKG' });
		await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		// The "all answered" summary cannot be posted when the last unit answers...
		env.fake.setBotCanWrite(env.reportChannelId, false);
		const tkg = env.units.find((u) => u.code === 'TKG')!;
		await env.run(tkg.memberId, 'feedback', 'agree', { round: 'R1' });
		expect(botPosts(env, env.reportChannelId)).toEqual([]);
		// ...and once the channel works again, a scheduled tick posts it.
		env.fake.setBotCanWrite(env.reportChannelId, true);
		const summary = await env.fake.waitForMessage(
			(m) => m.channel_id === env.reportChannelId && m.content.includes('tất cả đơn vị đã gửi ý kiến'),
			5000,
		);
		expect(summary.content).toContain('1/1 đơn vị đã gửi ý kiến');
	});
});
