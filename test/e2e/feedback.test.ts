import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import {
	attachmentText,
	buttonIds,
	clickAgree,
	deployCommands,
	draftPost,
	expectCleanDiscord,
	file,
	stateField,
} from '../fixtures/e2e/discord.ts';

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

/** Round R1 to the given units (default all), deadline 04/10/2021 17:00, published unless told otherwise. */
async function openRound(opts: { units?: string; publish?: boolean; title?: string; text?: string } = {}) {
	const created = await e.run(e.coordinatorId, 'round', 'create', {
		title: opts.title ?? 'Rà soát kế hoạch công tác năm 2022 (lần 2)',
		deadline: '04/10/2021 17:00',
		text: opts.text ?? 'Dự thảo',
		...(opts.units ? { units: opts.units } : {}),
	});
	expect(created.content).toContain('**R');
	if (opts.publish ?? true)
		expect((await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' })).content).toContain('Đợt **R1**');
}

async function history(code: string) {
	const round = (await e.bot.deps.rounds.list(e.guildId))[0]!;
	const unit = (await e.bot.deps.units.findByCode(e.guildId, code))!;
	return e.bot.deps.answers.history(round.id, unit.id);
}

async function allAnswers(): Promise<number> {
	let count = 0;
	for (const u of e.units) count += (await history(u.code)).length;
	return count;
}

const unitByCode = (code: string) => e.units.find((u) => u.code === code)!;

describe('who may answer for which unit', () => {
	it("GIVEN a member without any unit role WHEN they agree by command or by a unit's button THEN refused and nothing is recorded", async () => {
		await openRound();
		const byCommand = await e.run(e.outsiderId, 'feedback', 'agree', { round: 'R1' });
		expect(byCommand.content).toBe('Tài khoản này không thuộc đơn vị nào được xin ý kiến trong đợt này.');
		const en = await e.run(e.outsiderId, 'feedback', 'comment', { round: 'R1', text: 'x' }, 'en-US');
		expect(en.content).toBe('You do not belong to any unit this round was sent to.');
		const byButton = await clickAgree(e, e.units[0]!.channelId, e.outsiderId).reply();
		expect(byButton.ephemeral).toBe(true);
		expect(byButton.content).toBe('Tài khoản này không có vai trò của đơn vị **HTTKQG**.');
		expect(await allAnswers()).toBe(0);
		await e.bot.router.idle(); // the post is edited after the person's confirmation
		expect(stateField(draftPost(e, e.units[0]!.channelId))).toBe('⏳ Chưa gửi ý kiến');
	});

	it('GIVEN a member of two targeted units WHEN they answer without `unit` THEN they are asked to choose; with `unit` it is recorded for that unit only', async () => {
		await openRound();
		const [a, b] = [e.units[0]!, e.units[1]!];
		e.fake.setMemberRoles(e.guildId, a.memberId, [a.roleId, b.roleId]);

		const ask = await e.run(a.memberId, 'feedback', 'agree', { round: 'R1' });
		expect(ask.content).toBe(
			'Tài khoản này thuộc nhiều đơn vị của đợt (HTTKQG, TKCNXD); vui lòng chọn đơn vị ở tùy chọn `đơn-vị`.',
		);
		const askEn = await e.run(a.memberId, 'feedback', 'show', { round: 'R1' }, 'en-US');
		expect(askEn.content).toBe(
			'You belong to several units of this round (HTTKQG, TKCNXD); choose one with the `unit` option.',
		);
		expect(await allAnswers()).toBe(0);

		const ok = await e.run(a.memberId, 'feedback', 'agree', { round: 'R1', unit: 'tkcnxd' });
		expect(ok.content).toBe('Đã ghi nhận: đơn vị **TKCNXD** nhất trí với dự thảo của đợt **R1**.');
		expect((await history('TKCNXD')).map((x) => [x.answer, x.userId])).toEqual([['agree', a.memberId]]);
		expect(await history('HTTKQG')).toEqual([]);

		const notHeld = await e.run(a.memberId, 'feedback', 'agree', { round: 'R1', unit: 'TKG' });
		expect(notHeld.content).toBe('Tài khoản này không có vai trò của đơn vị **TKG**.');
		expect(await allAnswers()).toBe(1);
	});

	it("GIVEN a round that does not target a member's unit WHEN they answer THEN refused: not a unit of this round", async () => {
		await openRound({ units: 'TKG' });
		const member = e.units[0]!.memberId;
		expect((await e.run(member, 'feedback', 'agree', { round: 'R1' })).content).toBe(
			'Tài khoản này không thuộc đơn vị nào được xin ý kiến trong đợt này.',
		);
		expect((await e.run(member, 'feedback', 'agree', { round: 'R1', unit: 'HTTKQG' })).content).toBe(
			'Đợt **R1** không xin ý kiến đơn vị **HTTKQG**.',
		);
		expect((await e.run(member, 'feedback', 'show', { round: 'R1', unit: 'HTTKQG' }, 'en-US')).content).toBe(
			'Round **R1** does not target unit **HTTKQG**.',
		);
		expect(await allAnswers()).toBe(0);
	});

	it('GIVEN a round not yet published, or one that does not exist WHEN a member answers THEN refused and nothing is recorded', async () => {
		await openRound({ publish: false });
		const member = e.units[4]!.memberId;
		expect((await e.run(member, 'feedback', 'agree', { round: 'R1' })).content).toBe(
			'Đợt **R1** chưa được gửi đi, chưa thể gửi ý kiến.',
		);
		expect((await e.run(member, 'feedback', 'comment', { round: 'R1', text: 'x' }, 'en-US')).content).toBe(
			'Round **R1** has not been published yet; it cannot be answered.',
		);
		expect((await e.run(member, 'feedback', 'agree', { round: 'R4' })).content).toBe(
			'Không tìm thấy đợt xin ý kiến **R4**.',
		);
		expect(await allAnswers()).toBe(0);
	});
});

describe('answers, history and lateness', () => {
	it('GIVEN a unit that agrees, then comments, then agrees again WHEN shown THEN the latest counts everywhere and the history keeps all three with who and when', async () => {
		await openRound({ units: 'TKG,PPCD' });
		const u = unitByCode('TKG');
		const colleague = e.fake.createUser({ username: 'tkg-2', globalName: 'Phó Vụ TKG', locale: 'vi' }).id;
		e.fake.addMember(e.guildId, colleague, [u.roleId]);

		clock.set('2021-09-20T02:00:00Z');
		expect((await clickAgree(e, u.channelId, u.memberId).reply()).content).toBe(
			'Đã ghi nhận: đơn vị **TKG** nhất trí với dự thảo của đợt **R1**.',
		);
		clock.set('2021-09-21T03:30:00Z');
		expect(
			(await e.run(colleague, 'feedback', 'comment', { round: 'R1', text: 'Đề nghị giảm báo cáo quý' })).content,
		).toBe('Đã ghi nhận ý kiến của đơn vị **TKG** về dự thảo của đợt **R1**.');
		await e.bot.router.idle(); // the post is edited after the person's confirmation
		expect(stateField(draftPost(e, u.channelId))).toBe(`💬 Có ý kiến — <@${colleague}>, 21/09/2021 10:30`);
		clock.set('2021-09-22T02:00:00Z');
		await e.run(u.memberId, 'feedback', 'agree', { round: 'R1', note: 'Đã thống nhất nội bộ' });

		const shown = await e.run(u.memberId, 'feedback', 'show', { round: 'R1' });
		expect(shown.content).toBe(
			[
				`Ý kiến của **TKG – ${u.name}** trong đợt **R1 – Rà soát kế hoạch công tác năm 2022 (lần 2)**:`,
				'Hiện tại: Nhất trí',
				'Lịch sử gửi ý kiến:',
				'1. Nhất trí — Cán bộ TKG, 20/09/2021 09:00',
				'2. Có ý kiến — Phó Vụ TKG, 21/09/2021 10:30',
				'   > Đề nghị giảm báo cáo quý',
				'3. Nhất trí — Cán bộ TKG, 22/09/2021 09:00',
				'   > Đã thống nhất nội bộ',
			].join('\n'),
		);
		await e.bot.router.idle(); // the post is edited after the person's confirmation
		expect(stateField(draftPost(e, u.channelId))).toBe(`✅ Nhất trí — <@${u.memberId}>, 22/09/2021 09:00`);
		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1' });
		expect(status.content).toContain('1/2 đơn vị đã gửi ý kiến: đơn vị nhất trí; còn 1 đơn vị chưa gửi ý kiến');
		expect((await history('TKG')).map((a) => a.version)).toEqual([1, 2, 3]);
	});

	it('GIVEN a unit that has not answered WHEN a member asks /feedback show THEN it says so', async () => {
		await openRound({ units: 'TKG' });
		const shown = await e.run(unitByCode('TKG').memberId, 'feedback', 'show', { round: 'R1' });
		expect(shown.content).toBe(
			`Ý kiến của **TKG – ${unitByCode('TKG').name}** trong đợt **R1 – Rà soát kế hoạch công tác năm 2022 (lần 2)**:\nĐơn vị chưa gửi ý kiến.`,
		);
	});

	it('GIVEN the deadline has passed WHEN units answer by button and by command THEN the answers are accepted, marked late in the reply, the draft post, /feedback show and the status', async () => {
		await openRound({ units: 'TKG,PPCD' });
		clock.set('2021-10-05T02:00:00Z'); // a day after the deadline
		const tkg = unitByCode('TKG');
		const agreed = await clickAgree(e, tkg.channelId, tkg.memberId).reply();
		expect(agreed.content).toBe(
			'Đã ghi nhận: đơn vị **TKG** nhất trí với dự thảo của đợt **R1** (quá hạn, được đánh dấu quá hạn).',
		);
		await e.bot.router.idle(); // the post is edited after the person's confirmation
		expect(stateField(draftPost(e, tkg.channelId))).toBe(
			`✅ Nhất trí — <@${tkg.memberId}>, 05/10/2021 09:00 (quá hạn)`,
		);
		const ppcd = unitByCode('PPCD');
		const commented = await e.run(ppcd.memberId, 'feedback', 'comment', { round: 'R1', text: 'Gửi muộn' }, 'en-US');
		expect(commented.content).toBe(
			'Recorded: the comments of unit **PPCD** on round **R1** (after the deadline, marked late).',
		);

		const shown = await e.run(tkg.memberId, 'feedback', 'show', { round: 'R1' });
		expect(shown.content).toContain('1. Nhất trí — Cán bộ TKG, 05/10/2021 09:00 (quá hạn)');
		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1' });
		expect(status.content).toContain(`• **TKG** ${tkg.name}: Nhất trí — Cán bộ TKG, 05/10/2021 09:00 (quá hạn)`);
		expect(status.content).toContain(`• **PPCD** ${ppcd.name}: Có ý kiến — Cán bộ PPCD, 05/10/2021 09:00 (quá hạn)`);
		expect((await history('TKG'))[0]?.late).toBe(true);
	});

	it('GIVEN a comment with a file WHEN recorded THEN the file itself is kept with the answer and shown to the unit and the coordinators', async () => {
		await openRound({ units: 'TKG' });
		const u = unitByCode('TKG');
		await e.run(u.memberId, 'feedback', 'comment', {
			round: 'R1',
			text: 'Xem tệp',
			file: file('y-kien-TKG.docx', 'docx bytes'),
		});
		const [answer] = await history('TKG');
		expect(answer?.fileName).toBe('y-kien-TKG.docx');
		// Discord's attachment links expire: the bytes are stored, not the link.
		expect(answer?.fileUrl).toBeNull();
		expect((await e.bot.deps.answers.file(answer!.id))?.data.toString()).toBe('docx bytes');
		const shown = await e.run(u.memberId, 'feedback', 'show', { round: 'R1' });
		expect(shown.content).toContain('📎 y-kien-TKG.docx');
		expect(shown.attachments.map((a) => [a.filename, a.data.toString()])).toEqual([['y-kien-TKG.docx', 'docx bytes']]);
		const byCoordinator = await e.run(e.coordinatorId, 'feedback', 'show', { round: 'R1', unit: 'TKG' });
		expect(byCoordinator.attachments.map((a) => a.filename)).toEqual(['y-kien-TKG.docx']);
		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1' });
		expect(status.content).toContain('• **TKG**: Xem tệp 📎 y-kien-TKG.docx');
	});
});

describe('text limits', () => {
	it('GIVEN the deployed commands WHEN a note over 1,000 or a comment over 4,000 characters is typed THEN Discord refuses it before the bot sees it; at the limit it is recorded whole', async () => {
		await openRound({ units: 'TKG' });
		await deployCommands(e);
		const u = unitByCode('TKG');
		const send = (subcommand: string, options: Record<string, string>) => () =>
			e.fake.slashCommand({
				guildId: e.guildId,
				channelId: e.generalChannelId,
				userId: u.memberId,
				name: 'feedback',
				subcommand,
				options,
			});
		expect(send('agree', { round: 'R1', note: 'n'.repeat(1001) })).toThrow(/"note" longer than max_length/);
		expect(send('comment', { round: 'R1', text: 't'.repeat(4001) })).toThrow(/"text" longer than max_length/);
		expect(await history('TKG')).toEqual([]);

		await e.run(u.memberId, 'feedback', 'agree', { round: 'R1', note: 'n'.repeat(1000) });
		await e.run(u.memberId, 'feedback', 'comment', { round: 'R1', text: 't'.repeat(4000) });
		expect((await history('TKG')).map((a) => a.text?.length)).toEqual([1000, 4000]);
	});

	it('GIVEN the Comment modal WHEN more than 4,000 characters are typed THEN Discord does not let it be submitted; 4,000 are recorded, and show attaches the full text', async () => {
		await openRound({ units: 'TKG' });
		const u = unitByCode('TKG');
		const post = draftPost(e, u.channelId);
		const modal = await e.fake
			.clickButton({
				guildId: e.guildId,
				channelId: u.channelId,
				userId: u.memberId,
				messageId: post.id,
				customId: buttonIds(post)[1]!,
			})
			.modal();
		expect(modal.components[0].components[0]).toMatchObject({ custom_id: 'text', max_length: 4000, required: true });
		const submit = (text: string) =>
			e.fake.submitModal({
				guildId: e.guildId,
				channelId: u.channelId,
				userId: u.memberId,
				customId: modal.custom_id,
				fields: { text },
				messageId: post.id,
			});
		expect(() => submit('x'.repeat(4001))).toThrow(/exceeds max_length 4000/);
		expect(await history('TKG')).toEqual([]);

		const long = `${'Ý kiến rất dài. '.repeat(250).slice(0, 3996)}CUỐI`;
		expect(long.length).toBe(4000);
		expect((await submit(long).reply()).content).toBe(
			'Đã ghi nhận ý kiến của đơn vị **TKG** về dự thảo của đợt **R1**.',
		);
		expect((await history('TKG'))[0]?.text).toBe(long);

		const shown = await e.run(u.memberId, 'feedback', 'show', { round: 'R1' });
		expect(shown.content.length).toBeLessThanOrEqual(2000);
		expect(shown.content).toContain('Nội dung đầy đủ trong tệp đính kèm **R1-TKG.md**.');
		expect(attachmentText(shown, 'R1-TKG.md')).toContain(long);
	});

	it('GIVEN a comment of blanks only, by command or modal WHEN submitted THEN refused as empty', async () => {
		await openRound({ units: 'TKG' });
		const u = unitByCode('TKG');
		expect((await e.run(u.memberId, 'feedback', 'comment', { round: 'R1', text: '   ' })).content).toBe(
			'Vui lòng nhập nội dung ý kiến.',
		);
		const post = draftPost(e, u.channelId);
		const modal = await e.fake
			.clickButton({
				guildId: e.guildId,
				channelId: u.channelId,
				userId: u.memberId,
				messageId: post.id,
				customId: buttonIds(post)[1]!,
				locale: 'en-US',
			})
			.modal();
		expect(modal.title).toBe('Comment on the draft');
		const reply = await e.fake
			.submitModal({
				guildId: e.guildId,
				channelId: u.channelId,
				userId: u.memberId,
				customId: modal.custom_id,
				fields: { text: ' \n ' },
				locale: 'en-US',
			})
			.reply();
		expect(reply.content).toBe('Please enter your comments.');
		expect(await history('TKG')).toEqual([]);
	});
});

describe('mentions in user text never ping', () => {
	it("GIVEN @everyone, role and user mentions in a unit name, a title, a draft, notes and comments WHEN the round runs and the status is posted THEN only each draft's own unit role is pinged", async () => {
		const u = unitByCode('TKG');
		const other = unitByCode('PPCD');
		e.fake.updateRole(e.coordRoleId, { mentionable: true });
		e.fake.updateRole(other.roleId, { mentionable: true });
		const mentions = `@everyone @here <@&${e.coordRoleId}> <@&${other.roleId}> <@${e.coordinatorId}> <@!${other.memberId}>`;
		await e.run(e.coordinatorId, 'unit', 'edit', { code: 'TKG', name: `Vụ Giá ${mentions}`.slice(0, 100) });
		await openRound({ units: 'TKG,PPCD', title: `Đợt ${mentions}`.slice(0, 200), text: `Dự thảo ${mentions}` });

		const tkgPost = draftPost(e, u.channelId);
		expect(tkgPost.content).toContain('@everyone');
		expect(tkgPost.pings).toEqual({ everyone: false, users: [], roles: [u.roleId] });
		expect(draftPost(e, other.channelId).pings).toEqual({ everyone: false, users: [], roles: [other.roleId] });

		await e.run(u.memberId, 'feedback', 'agree', { round: 'R1', note: mentions });
		await e.run(other.memberId, 'feedback', 'comment', { round: 'R1', text: `Ý kiến ${mentions}` });
		await e.run(u.memberId, 'feedback', 'show', { round: 'R1' });
		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1', post: true });
		expect(status.content).toContain(`• **PPCD**: Ý kiến ${mentions}`);

		const posted = e.fake.messages(e.reportChannelId).at(-1)!;
		expect(posted.content).toContain(`<@&${e.coordRoleId}>`);
		expect(posted.pings).toEqual({ everyone: false, users: [], roles: [] });
		const botMessages = e.fake.allMessages().filter((m) => m.author.id === e.fake.botUserId);
		expect(botMessages.length).toBeGreaterThan(8);
		for (const m of botMessages) {
			const ownRole =
				m.channel_id === u.channelId ? [u.roleId] : m.channel_id === other.channelId ? [other.roleId] : [];
			expect(m.pings.everyone).toBe(false);
			expect(m.pings.users).toEqual([]);
			expect(m.pings.roles.filter((r) => !ownRole.includes(r))).toEqual([]);
		}
	});
});

describe('English replies', () => {
	it("GIVEN a member whose Discord is in English WHEN they agree by button and show THEN the replies are in English while the draft post stays in the server's Vietnamese", async () => {
		await openRound({ units: 'TKG' });
		const u = unitByCode('TKG');
		const reply = await clickAgree(e, u.channelId, u.memberId, 'en-US').reply();
		expect(reply.content).toBe('Recorded: unit **TKG** agrees with the draft of round **R1**.');
		const shown = await e.run(u.memberId, 'feedback', 'show', { round: 'R1' }, 'en-US');
		expect(shown.content).toContain('Current: Agreed');
		expect(shown.content).toContain('1. Agreed — Cán bộ TKG, 2021-09-17 09:00');
		await e.bot.router.idle(); // the post is edited after the person's confirmation
		expect(stateField(draftPost(e, u.channelId))).toBe(`✅ Nhất trí — <@${u.memberId}>, 17/09/2021 09:00`);
	});
});
