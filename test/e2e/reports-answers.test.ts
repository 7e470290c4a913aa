import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTable } from '../../src/infra/files/read-table.ts';
import { buttonIds, deployCommands, draftPost, expectCleanDiscord, file, stateField } from '../fixtures/e2e/discord.ts';
import { ManualClock } from '../support/clock.ts';
import { setUpSeedServer, startE2E, type E2E, type SeedUnitFixture } from '../support/e2e-harness.ts';

let e: E2E;
let clock: ManualClock;
let tkg: SeedUnitFixture;
let ppcd: SeedUnitFixture;
let ttdl: SeedUnitFixture;

function csv(name: string, lines: string[]) {
	return file(name, ['unit,code,title,frequency,due,points', ...lines].join('\n'), 'text/csv');
}

/** R1 for three units, with items, published; the clock then moves to 01/10/2021 09:00. */
beforeEach(async () => {
	clock = new ManualClock('2021-09-17T02:00:00Z');
	e = await startE2E({ clock });
	await setUpSeedServer(e);
	await deployCommands(e);
	[tkg, ppcd, ttdl] = ['TKG', 'PPCD', 'TTDL'].map((code) => e.units.find((u) => u.code === code)!) as [
		SeedUnitFixture,
		SeedUnitFixture,
		SeedUnitFixture,
	];
	await e.run(e.coordinatorId, 'round', 'create', {
		title: 'Rà soát kế hoạch công tác 2022',
		deadline: '04/10/2021 17:00',
		units: 'TKG,PPCD,TTDL',
		campaign: 'KH 2022',
		text: 'Dự thảo',
	});
	await e.run(e.coordinatorId, 'round', 'items', {
		round: 'R1',
		file: csv('r1.csv', [
			'TKG,BC01,Chỉ số giá tiêu dùng,hằng tháng,15/01/2022,10',
			'TKG,BC02,Chỉ số giá sản xuất,hằng quý,,5',
			'PPCD,PP01,Chất lượng,hằng năm,,10',
		]),
	});
	await e.run(e.coordinatorId, 'round', 'baseline', {
		round: 'R1',
		file: csv('ke-hoach-2021.csv', [
			'TKG,BC01,Chỉ số giá tiêu dùng,hằng tháng,15/01/2022,10',
			'PPCD,PP01,Chất lượng,hằng năm,,10',
			'PPCD,PP02,Kiểm tra,hằng năm,,10',
		]),
	});
	await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
	clock.set('2021-10-01T02:00:00Z');
});
afterEach(async () => {
	await e.stop();
});

async function readWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(data as unknown as ArrayBuffer);
	return workbook;
}

function values(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
	const rows: unknown[][] = [];
	sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
	return rows;
}

async function comments(roundSeq = 1) {
	const round = await e.bot.deps.rounds.findBySeq(e.guildId, roundSeq);
	return (await e.bot.deps.reports.responses(round!.id)).filter((r) => r.answer === 'comment');
}

describe('/feedback comment items and the Comment modal', () => {
	it('GIVEN a unit with items WHEN it comments on some of them by command THEN the codes are kept as the items are written, and unknown codes are refused', async () => {
		const bad = await e.run(tkg.memberId, 'feedback', 'comment', { round: 'R1', text: 'Góp ý', items: 'BC01, BC09' });
		expect(bad.content).toBe(
			'Dự thảo của đơn vị **TKG** không có đầu báo cáo mã: BC09. Vui lòng kiểm tra lại mã (cách nhau bởi dấu phẩy).',
		);
		expect(await comments()).toEqual([]);
		const good = await e.run(tkg.memberId, 'feedback', 'comment', {
			round: 'R1',
			text: 'Đề nghị giãn hạn',
			items: 'bc02;BC01',
		});
		expect(good.content).toBe(
			'Đã ghi nhận ý kiến của đơn vị **TKG** về dự thảo của đợt **R1**. Đầu báo cáo có ý kiến: bc02, BC01.',
		);
		expect((await comments()).map((c) => c.itemCodes)).toEqual([['BC02', 'BC01']]);
	});

	it('GIVEN the Comment button WHEN the modal opens THEN it has an optional items field, and what is typed there is recorded like the command', async () => {
		const post = draftPost(e, tkg.channelId);
		const modal = await e.fake
			.clickButton({
				guildId: e.guildId,
				channelId: tkg.channelId,
				userId: tkg.memberId,
				messageId: post.id,
				customId: buttonIds(post)[1]!,
			})
			.modal();
		const inputs = (
			modal.components as Array<{ components: Array<{ custom_id: string; label: string; required: boolean }> }>
		).map((row) => row.components[0]!);
		expect(inputs.map((i) => [i.custom_id, i.label, i.required])).toEqual([
			['text', 'Nội dung ý kiến', true],
			['items', 'Mã đầu báo cáo (không bắt buộc)', false],
		]);
		const reply = await e.fake
			.submitModal({
				guildId: e.guildId,
				channelId: tkg.channelId,
				userId: tkg.memberId,
				customId: modal.custom_id,
				fields: { text: 'Bỏ báo cáo quý', items: 'BC02' },
				messageId: post.id,
			})
			.reply();
		expect(reply.content).toBe(
			'Đã ghi nhận ý kiến của đơn vị **TKG** về dự thảo của đợt **R1**. Đầu báo cáo có ý kiến: BC02.',
		);
		expect((await comments()).map((c) => [c.text, c.itemCodes])).toEqual([['Bỏ báo cáo quý', ['BC02']]]);
		const empty = await e.fake
			.submitModal({
				guildId: e.guildId,
				channelId: tkg.channelId,
				userId: tkg.memberId,
				customId: modal.custom_id,
				fields: { text: 'Góp ý chung', items: '' },
				messageId: post.id,
			})
			.reply();
		expect(empty.content).toBe('Đã ghi nhận ý kiến của đơn vị **TKG** về dự thảo của đợt **R1**.');
	});
});

describe('/feedback record: answers received outside Discord', () => {
	it('GIVEN a letter from a unit WHEN a coordinator records it THEN it counts, and the post, the status and the report all say it was recorded on behalf', async () => {
		const reply = await e.run(e.coordinatorId, 'feedback', 'record', {
			round: 'R1',
			unit: 'PPCD',
			answer: 'comment',
			text: 'Đề nghị giữ báo cáo PP01',
			source: 'công văn 123/CTK',
		});
		expect(reply.content).toBe(
			'Đã ghi nhận thay đơn vị **PPCD** trong đợt **R1**: Có ý kiến (nguồn: công văn 123/CTK). Ý kiến này luôn được hiển thị là ghi nhận thay.',
		);
		expect(stateField(draftPost(e, ppcd.channelId))).toBe(
			'💬 Có ý kiến — ghi nhận thay (công văn 123/CTK), 01/10/2021 09:00',
		);
		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1' });
		expect(status.content).toContain(
			'**PPCD** Vụ Phương pháp chế độ và Quản lý chất lượng thống kê: Có ý kiến — ghi nhận thay (công văn 123/CTK)',
		);
		const report = await e.run(e.coordinatorId, 'round', 'report', { round: 'R1' });
		const book = await readWorkbook(report.attachments[0]!.data);
		const units = values(book.getWorksheet('Đơn vị'));
		expect(units.find((r) => r[0] === 'PPCD')?.slice(2, 8)).toEqual([
			'Có ý kiến',
			'Vụ TCCB — ghi nhận thay (công văn 123/CTK)',
			new Date(Date.UTC(2021, 9, 1, 9, 0)),
			undefined,
			'công văn 123/CTK',
			'đã gửi',
		]);
		await expectCleanDiscord(e);
	});

	it.each([
		[
			'a unit representative',
			() => tkg.memberId,
			{ unit: 'TKG', answer: 'agree', source: 'điện thoại' },
			'Tài khoản này không có quyền điều phối',
		],
		[
			'a unit the round does not address',
			() => e.coordinatorId,
			{ unit: 'TKG', answer: 'agree', source: 'điện thoại', round: 'R9' },
			'Không tìm thấy đợt xin ý kiến **R9**.',
		],
		[
			'a comment without text',
			() => e.coordinatorId,
			{ unit: 'TKG', answer: 'comment', source: 'điện thoại' },
			'Vui lòng nhập nội dung ý kiến.',
		],
		[
			'a blank source',
			() => e.coordinatorId,
			{ unit: 'TKG', answer: 'agree', source: '   ' },
			'Vui lòng ghi nguồn của ý kiến',
		],
		[
			'a unit outside the round',
			() => e.coordinatorId,
			{ unit: 'TKDSLD', answer: 'agree', source: 'điện thoại' },
			'Đợt **R1** không xin ý kiến đơn vị **TKDSLD**.',
		],
	])(
		'GIVEN %s WHEN an answer is recorded on behalf THEN it is refused and nothing is recorded',
		async (_name, who, options, message) => {
			const reply = await e.run(who(), 'feedback', 'record', { round: 'R1', ...options });
			expect(reply.content).toContain(message);
			const round = await e.bot.deps.rounds.findBySeq(e.guildId, 1);
			expect((await e.bot.deps.answers.current(round!.id)).size).toBe(0);
		},
	);

	it('GIVEN /feedback record WHEN a coordinator types the unit THEN every unit of the server is suggested, not only their own', async () => {
		const choices = await e.fake.autocomplete({
			guildId: e.guildId,
			channelId: e.generalChannelId,
			userId: e.coordinatorId,
			name: 'feedback',
			subcommand: 'record',
			focused: 'unit',
			value: 'tk',
			options: { round: 'R1' },
		});
		expect(choices.map((c) => c.value)).toEqual(expect.arrayContaining(['TKG', 'TKDSLD', 'TKCNXD']));
	});
});

describe('/comment resolve: tiếp thu, giải trình', () => {
	it('GIVEN comments WHEN the coordinator picks one by autocomplete and resolves it twice THEN the latest outcome counts, both stay in the audit, and the report shows it', async () => {
		await e.run(tkg.memberId, 'feedback', 'comment', {
			round: 'R1',
			text: 'Đề nghị bỏ báo cáo quý BC02',
			items: 'BC02',
		});
		await e.run(ttdl.memberId, 'feedback', 'comment', {
			round: 'R1',
			text: 'Thêm báo cáo thu thập <@&' + e.coordRoleId + '>',
		});
		const choices = await e.fake.autocomplete({
			guildId: e.guildId,
			channelId: e.generalChannelId,
			userId: e.coordinatorId,
			name: 'comment',
			subcommand: 'resolve',
			focused: 'comment',
			value: 'tkg',
		});
		expect(choices).toHaveLength(1);
		expect(choices[0]?.name).toBe('R1 · TKG · Chưa xử lý · Đề nghị bỏ báo cáo quý BC02');
		const ref = String(choices[0]?.value);
		const outsider = await e.fake.autocomplete({
			guildId: e.guildId,
			channelId: e.generalChannelId,
			userId: tkg.memberId,
			name: 'comment',
			subcommand: 'resolve',
			focused: 'comment',
			value: '',
		});
		expect(outsider).toEqual([]);

		const first = await e.run(e.coordinatorId, 'comment', 'resolve', {
			comment: ref,
			outcome: 'accepted',
			note: 'Đã bỏ BC02 khỏi dự thảo lần 2',
		});
		expect(first.content).toBe('Đã ghi nhận kết quả xử lý ý kiến của **TKG** (đợt **R1**): Tiếp thu.');
		clock.advance(3600_000);
		const second = await e.run(
			e.coordinatorId,
			'comment',
			'resolve',
			{ comment: ref, outcome: 'explained', note: 'Giữ BC02 theo Thông tư 01' },
			'en-US',
		);
		expect(second.content).toBe(
			'Outcome of the comment of **TKG** (round **R1**) changed: Accepted → Explained. Both are kept in the audit log.',
		);

		const report = await e.run(e.coordinatorId, 'round', 'report', { round: 'R1' });
		expect(report.content).toContain('Trong 2 ý kiến: 1 ý kiến đã giải trình; còn 1 ý kiến chưa xử lý.');
		const rows = values((await readWorkbook(report.attachments[0]!.data)).getWorksheet('Ý kiến'));
		expect(rows[0]).toEqual([
			'Đợt',
			'Mã đơn vị',
			'Tên đơn vị',
			'Đầu báo cáo',
			'Nội dung',
			'Người gửi',
			'Thời điểm',
			'Kết quả xử lý',
			'Nội dung tiếp thu, giải trình',
			'Người xử lý',
			'Thời điểm xử lý',
		]);
		expect(rows.find((r) => r[1] === 'TKG')).toEqual([
			'R1',
			'TKG',
			'Vụ Thống kê Giá',
			'BC02',
			'Đề nghị bỏ báo cáo quý BC02',
			'Cán bộ TKG',
			new Date(Date.UTC(2021, 9, 1, 9, 0)),
			'Giải trình',
			'Giữ BC02 theo Thông tư 01',
			'Vụ TCCB',
			new Date(Date.UTC(2021, 9, 1, 10, 0)),
		]);

		const audit = await e.run(e.coordinatorId, 'audit', 'export', { round: 'R1', format: 'csv' });
		expect(audit.content).toContain('Nhật ký của đợt **R1**');
		const table = await readTable({ name: 'a.csv', data: audit.attachments[0]!.data }, { maxBytes: 1e7, maxRows: 1e5 });
		if (!table.ok) throw new Error('audit csv unreadable');
		const outcomes = table.value.rows.filter((r) => r.cells['thao tác'] === 'comment.outcome');
		expect(
			outcomes.map((r) => [
				r.cells['đối tượng'],
				JSON.parse(r.cells['sau'] ?? '{}').outcome,
				r.cells['người thực hiện'],
			]),
		).toEqual([
			['TKG', 'accepted', 'Vụ TCCB'],
			['TKG', 'explained', 'Vụ TCCB'],
		]);
		expect(JSON.parse(outcomes[1]!.cells['trước'] ?? '{}')).toEqual({
			outcome: 'accepted',
			note: 'Đã bỏ BC02 khỏi dự thảo lần 2',
			by: 'Vụ TCCB',
		});
		await expectCleanDiscord(e);
	});

	it.each([
		[
			'a comment that does not exist',
			{ comment: 'c999', outcome: 'accepted' },
			() => e.coordinatorId,
			'Không tìm thấy ý kiến “c999”.',
		],
		[
			'a unit representative',
			{ comment: 'c1', outcome: 'accepted' },
			() => tkg.memberId,
			'Tài khoản này không có quyền điều phối',
		],
	])('GIVEN %s WHEN resolving THEN refused', async (_name, options, who, message) => {
		await e.run(tkg.memberId, 'feedback', 'comment', { round: 'R1', text: 'Góp ý' });
		const reply = await e.run(who(), 'comment', 'resolve', options);
		expect(reply.content).toContain(message);
		expect((await comments()).map((c) => c.outcome)).toEqual([null]);
	});

	it('GIVEN a comment its unit has since replaced by an agreement WHEN resolved THEN refused as no longer the unit’s position', async () => {
		await e.run(tkg.memberId, 'feedback', 'comment', { round: 'R1', text: 'Góp ý' });
		const [comment] = await comments();
		await e.run(tkg.memberId, 'feedback', 'agree', { round: 'R1' });
		const reply = await e.run(e.coordinatorId, 'comment', 'resolve', {
			comment: `c${comment!.id}`,
			outcome: 'accepted',
		});
		expect(reply.content).toBe(
			'Đơn vị **TKG** đã thay ý kiến này bằng ý kiến mới trong đợt **R1**; vui lòng xử lý ý kiến hiện tại.',
		);
	});
});

describe('/round report and /audit export', () => {
	async function answerAll() {
		await e.run(tkg.memberId, 'feedback', 'comment', {
			round: 'R1',
			text: 'Đề nghị giãn hạn “BC01” — ý kiến của Vụ',
			items: 'BC01',
		});
		clock.advance(60_000);
		await e.run(tkg.memberId, 'feedback', 'comment', {
			round: 'R1',
			text: 'Đề nghị giãn hạn BC01 đến 20/01',
			items: 'BC01',
		});
		await e.run(ppcd.memberId, 'feedback', 'agree', { round: 'R1' });
		clock.set('2021-10-04T11:00:00Z'); // after the deadline: late
		await e.run(e.coordinatorId, 'feedback', 'record', {
			round: 'R1',
			unit: 'TTDL',
			answer: 'agree',
			source: 'điện thoại 04/10',
		});
	}

	it('GIVEN a round with answers, items and a baseline WHEN reported THEN the reply speaks the seed’s words and the workbook has every sheet, readable back', async () => {
		await answerAll();
		const reply = await e.run(e.coordinatorId, 'round', 'report', { round: 'R1' });
		expect(reply.ephemeral).toBe(true);
		expect(reply.content.split('\n')).toEqual([
			'**Báo cáo tổng hợp đợt R1 – Rà soát kế hoạch công tác 2022**',
			'3/3 đơn vị đã gửi ý kiến: 2 đơn vị nhất trí, 1 đơn vị có ý kiến (thời hạn 17 giờ 00 ngày 04/10/2021).',
			'Tính đến ngày 04/10/2021 có 3/3 đơn vị đã gửi ý kiến. Trong đó: có 2 đơn vị nhất trí với dự thảo; 1 đơn vị có ý kiến.',
			'Tổng số đầu báo cáo là 3 báo cáo, không đổi so với kế hoạch năm 2021.',
			'Tổng điểm kế hoạch là 25 điểm, giảm 5 điểm so với kế hoạch năm 2021.',
			'Cả 2 đơn vị đều có thay đổi so với kế hoạch năm 2021.',
			'Cả 1 ý kiến đều chưa xử lý.',
		]);
		const attachment = reply.attachments[0]!;
		expect(attachment.filename).toBe('bao-cao-R1.xlsx');
		const book = await readWorkbook(attachment.data);
		expect(book.worksheets.map((s) => s.name)).toEqual([
			'Tổng hợp',
			'Đơn vị',
			'Ý kiến',
			'Đầu báo cáo',
			'Lịch sử gửi ý kiến',
		]);
		const summary = new Map(values(book.getWorksheet('Tổng hợp')).map((r) => [r[0], r[1]]));
		expect(summary.get('Số đơn vị được gửi')).toBe(3);
		expect(summary.get('Nhất trí')).toBe(2);
		expect(summary.get('Trong đó ghi nhận thay')).toBe(1);
		expect(summary.get('Trong đó quá hạn')).toBe(1);
		expect(summary.get('Chênh lệch điểm so với kế hoạch năm trước')).toBe(-5);
		const units = values(book.getWorksheet('Đơn vị'));
		expect(units.map((r) => r[0])).toEqual(['Mã đơn vị', 'PPCD', 'TKG', 'TTDL']);
		expect(units[3]?.slice(2, 7)).toEqual([
			'Nhất trí',
			'Vụ TCCB — ghi nhận thay (điện thoại 04/10)',
			new Date(Date.UTC(2021, 9, 4, 18, 0)),
			'Có',
			'điện thoại 04/10',
		]);
		const items = values(book.getWorksheet('Đầu báo cáo'));
		expect(items[0]?.slice(6, 12)).toEqual([
			'Tên (kế hoạch năm 2021)',
			'Tần suất (kế hoạch năm 2021)',
			'Hạn (kế hoạch năm 2021)',
			'Điểm (kế hoạch năm 2021)',
			'Thay đổi',
			'Chênh lệch điểm',
		]);
		expect(items.slice(1).map((r) => [r[0], r[1], r[10], r[11]])).toEqual([
			['PPCD', 'PP01', 'không đổi', 0],
			['PPCD', 'PP02', 'bỏ', -10],
			['TKG', 'BC01', 'không đổi', 0],
			['TKG', 'BC02', 'thêm mới', 5],
		]);
		const history = values(book.getWorksheet('Lịch sử gửi ý kiến'));
		expect(history.filter((r) => r[0] === 'TKG').map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
			[1, 'Có ý kiến', 'Đề nghị giãn hạn “BC01” — ý kiến của Vụ', 'BC01'],
			[2, 'Có ý kiến', 'Đề nghị giãn hạn BC01 đến 20/01', 'BC01'],
		]);
		await expectCleanDiscord(e);
	});

	it('GIVEN a coordinator in English WHEN the report is posted THEN their copy is English and the report channel gets the server’s Vietnamese, pinging nobody', async () => {
		await answerAll();
		const reply = await e.run(e.adminId, 'round', 'report', { round: 'R1', post: true }, 'en-US');
		expect(reply.content).toContain('The total is 3 report items, the same as the 2021 plan.');
		expect(reply.content).toContain('The plan totals 25 points, 5 points less than the 2021 plan.');
		expect(reply.content).toContain(`The report was posted in <#${e.reportChannelId}>.`);
		const mine = await readWorkbook(reply.attachments[0]!.data);
		expect(mine.worksheets.map((s) => s.name)).toEqual(['Summary', 'Units', 'Comments', 'Items', 'Answer history']);
		expect(reply.attachments[0]?.filename).toBe('report-R1.xlsx');
		const posted = e.fake.messages(e.reportChannelId).at(-1)!;
		expect(posted.content).toContain('Tổng điểm kế hoạch là 25 điểm, giảm 5 điểm so với kế hoạch năm 2021.');
		expect(posted.pings).toEqual({ everyone: false, users: [], roles: [] });
		expect(posted.attachments.map((a) => a.filename)).toEqual(['bao-cao-R1.xlsx']);
		await expectCleanDiscord(e);
	});

	it('GIVEN format csv WHEN reported THEN the Units sheet comes as CSV whose Vietnamese text and dates read back unchanged', async () => {
		await answerAll();
		const reply = await e.run(e.coordinatorId, 'round', 'report', { round: 'R1', format: 'csv' });
		expect(reply.content).toContain('Tệp CSV là bảng Đơn vị; bản XLSX có đủ các bảng.');
		expect(reply.attachments[0]?.filename).toBe('bao-cao-R1.csv');
		const table = await readTable({ name: 'r.csv', data: reply.attachments[0]!.data }, { maxBytes: 1e6, maxRows: 100 });
		if (!table.ok) throw new Error('csv unreadable');
		expect(table.value.headers.slice(0, 8)).toEqual([
			'mã đơn vị',
			'tên đơn vị',
			'ý kiến',
			'người gửi',
			'thời điểm',
			'quá hạn',
			'ghi nhận thay (nguồn)',
			'trạng thái gửi dự thảo',
		]);
		const ttdlRow = table.value.rows.find((r) => r.cells['mã đơn vị'] === 'TTDL');
		expect(ttdlRow?.cells).toMatchObject({
			'tên đơn vị': 'Cục Thu thập dữ liệu và Ứng dụng công nghệ thông tin thống kê',
			'ý kiến': 'Nhất trí',
			'thời điểm': '04/10/2021 18:00',
			'quá hạn': 'Có',
			'ghi nhận thay (nguồn)': 'điện thoại 04/10',
		});
	});

	it('GIVEN a unit representative WHEN they ask for a report or the audit THEN refused', async () => {
		expect((await e.run(tkg.memberId, 'round', 'report', { round: 'R1' })).content).toContain(
			'Tài khoản này không có quyền điều phối',
		);
		expect((await e.run(tkg.memberId, 'audit', 'export', {})).content).toContain(
			'Tài khoản này không có quyền điều phối',
		);
	});

	it('GIVEN a server’s history WHEN the audit is exported as XLSX THEN every state change is a row, oldest first, and the bot never changed one', async () => {
		await answerAll();
		const before = await e.bot.deps.reports.auditEvents(e.guildId, null);
		const reply = await e.run(e.coordinatorId, 'audit', 'export', {});
		expect(reply.content).toBe(
			`Nhật ký của máy chủ: ${before.length} sự kiện, trong tệp đính kèm. Nhật ký chỉ được ghi thêm, bot không bao giờ sửa hay xóa.`,
		);
		expect(reply.attachments[0]?.filename).toBe('nhat-ky-server.xlsx');
		const rows = values((await readWorkbook(reply.attachments[0]!.data)).getWorksheet('Nhật ký'));
		expect(rows[0]).toEqual([
			'STT',
			'Thời điểm',
			'Người thực hiện',
			'ID người thực hiện',
			'Thao tác',
			'Mô tả',
			'Đợt',
			'Đối tượng',
			'Trước',
			'Sau',
		]);
		const actions = rows.slice(1).map((r) => r[4]);
		for (const action of [
			'settings.save',
			'unit.add',
			'round.create',
			'items.replace',
			'items.baseline',
			'round.publish',
			'delivery.sent',
			'answer.record',
			'answer.on-behalf',
		]) {
			expect(actions).toContain(action);
		}
		expect(rows.slice(1).map((r) => r[0])).toEqual(before.map((b) => b.id));
		const onBehalf = rows.find((r) => r[4] === 'answer.on-behalf')!;
		expect(onBehalf.slice(2, 8)).toEqual([
			'Vụ TCCB',
			e.coordinatorId,
			'answer.on-behalf',
			'Ghi nhận thay',
			'R1',
			'TTDL',
		]);
		const after = await e.bot.deps.reports.auditEvents(e.guildId, null);
		expect(after).toEqual(before);
	});

	it('GIVEN an unknown round WHEN its report or audit is asked for THEN the round is not found', async () => {
		expect((await e.run(e.coordinatorId, 'round', 'report', { round: 'R7' })).content).toBe(
			'Không tìm thấy đợt xin ý kiến **R7**.',
		);
		expect((await e.run(e.coordinatorId, 'audit', 'export', { round: 'R7', format: 'xlsx' })).content).toBe(
			'Không tìm thấy đợt xin ý kiến **R7**.',
		);
	});
});
