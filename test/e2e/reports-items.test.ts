import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../src/infra/files/write-table.ts';
import { buttonIds, deployCommands, draftPost, expectCleanDiscord, file } from '../fixtures/e2e/discord.ts';
import { ManualClock } from '../support/clock.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import type { SlashOptionValue } from '../support/fake-discord/index.ts';

let e: E2E;
let clock: ManualClock;

beforeEach(async () => {
	clock = new ManualClock('2021-09-17T02:00:00Z'); // 17/09/2021 09:00 in Hà Nội
	e = await startE2E({ clock });
	await setUpSeedServer(e);
	await deployCommands(e);
});
afterEach(async () => {
	await e.stop();
});

const HEADER = 'unit,code,title,frequency,due,points';

function csv(name: string, lines: string[], header = HEADER) {
	return file(name, [header, ...lines].join('\r\n'), 'text/csv');
}

async function coordinator(sub: string, options: Parameters<E2E['run']>[3] = {}, locale?: string) {
	return e.run(e.coordinatorId, 'round', sub, options, locale);
}

async function storedItems(roundSeq: number, set: 'plan' | 'baseline' = 'plan') {
	const round = await e.bot.deps.rounds.findBySeq(e.guildId, roundSeq);
	return round ? e.bot.deps.reports.items(round.id, set) : [];
}

async function createR1(extra: Record<string, string> = {}) {
	const reply = await coordinator('create', {
		title: 'Rà soát kế hoạch công tác 2022',
		deadline: '04/10/2021 17:00',
		campaign: 'KH 2022',
		text: 'Dự thảo chung',
		...extra,
	});
	expect(reply.content).toContain('**R');
	return reply;
}

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

describe('/round items: a unit’s plan items, all rows or none', () => {
	it('GIVEN a draft round WHEN a coordinator loads an XLSX items file THEN the units get them, and each post shows its count, points, list and a workbook', async () => {
		await createR1();
		const xlsx = await writeXlsx([
			{
				name: 'Items',
				headers: ['unit', 'code', 'title', 'frequency', 'due', 'points'],
				rows: [
					['TKG', 'BC01', 'Chỉ số giá tiêu dùng', 'hằng tháng', new Date(Date.UTC(2022, 0, 15)), 10],
					['TKG', 'BC02', 'Chỉ số giá sản xuất', 'hằng quý', '20/04/2022', 5],
					['PPCD', 'PP01', 'Báo cáo chất lượng thống kê', 'hằng năm', null, 10],
				],
			},
		]);
		const reply = await coordinator('items', { round: 'R1', file: file('dau-bao-cao.xlsx', xlsx) });
		expect(reply.ephemeral).toBe(true);
		expect(reply.content).toContain('Đã cập nhật đầu báo cáo của 2 đơn vị trong đợt **R1**: 3 báo cáo, 25 điểm.');
		expect(reply.content).toContain('• **TKG**: 2 báo cáo, 15 điểm');
		expect((await storedItems(1)).map((i) => [i.code, i.due, i.points])).toEqual([
			['PP01', null, 10],
			['BC01', '2022-01-15', 10],
			['BC02', '2022-04-20', 5],
		]);

		await coordinator('publish', { round: 'R1' });
		const tkg = e.units.find((u) => u.code === 'TKG')!;
		const post = draftPost(e, tkg.channelId);
		const fields = post.embeds[0]?.fields as Array<{ name: string; value: string }>;
		const items = fields.find((f) => f.name.startsWith('Đầu báo cáo'));
		expect(items?.name).toBe('Đầu báo cáo: 2 báo cáo, 15 điểm');
		expect(items?.value).toBe(
			'• **BC01** Chỉ số giá tiêu dùng — hằng tháng, hạn 15/01/2022, 10 điểm\n• **BC02** Chỉ số giá sản xuất — hằng quý, hạn 20/04/2022, 5 điểm',
		);
		const attached = post.attachments.find((a) => a.filename === 'dau-bao-cao-R1-TKG.xlsx');
		expect(attached).toBeDefined();
		const book = await readWorkbook(attached!.data);
		expect(values(book.getWorksheet('Đầu báo cáo'))).toEqual([
			['Mã', 'Tên đầu báo cáo', 'Tần suất', 'Hạn', 'Điểm'],
			['BC01', 'Chỉ số giá tiêu dùng', 'hằng tháng', new Date(Date.UTC(2022, 0, 15)), 10],
			['BC02', 'Chỉ số giá sản xuất', 'hằng quý', new Date(Date.UTC(2022, 3, 20)), 5],
		]);
		// A unit without items gets neither the field nor the workbook.
		const other = draftPost(e, e.units.find((u) => u.code === 'HTTKQG')!.channelId);
		expect((other.embeds[0]?.fields as Array<{ name: string }>).some((f) => f.name.startsWith('Đầu báo cáo'))).toBe(
			false,
		);
		expect(other.attachments).toEqual([]);
		await expectCleanDiscord(e);
	});

	it('GIVEN a unit with more items than a message holds WHEN published THEN the post gives the totals and points to the attached workbook, within Discord’s limits', async () => {
		await createR1({ text: 'x'.repeat(3900) });
		const lines = Array.from(
			{ length: 120 },
			(_, i) =>
				`TKG,BC${i + 1},"Báo cáo số ${i + 1} về giá tiêu dùng, giá sản xuất và giá xuất nhập khẩu",hằng tháng,15/01/2022,2.5`,
		);
		await coordinator('items', { round: 'R1', file: csv('items.csv', lines) });
		await coordinator('publish', { round: 'R1' });
		const post = draftPost(e, e.units.find((u) => u.code === 'TKG')!.channelId);
		const embed = post.embeds[0] as {
			title: string;
			description: string;
			fields: Array<{ name: string; value: string }>;
			footer: { text: string };
		};
		const field = embed.fields.find((f) => f.name.startsWith('Đầu báo cáo'));
		expect(field).toEqual({
			name: 'Đầu báo cáo: 120 báo cáo, 300 điểm',
			value: 'Danh sách đầy đủ trong tệp đính kèm **dau-bao-cao-R1-TKG.xlsx**.',
		});
		const total =
			embed.title.length +
			embed.description.length +
			embed.footer.text.length +
			embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
		expect(total).toBeLessThanOrEqual(6000);
		const book = await readWorkbook(post.attachments.find((a) => a.filename.endsWith('.xlsx'))!.data);
		expect(book.getWorksheet('Đầu báo cáo')?.rowCount).toBe(121);
	});

	const GOOD = ['TKG,BC01,Chỉ số giá,hằng tháng,15/01/2022,10'];
	it.each([
		[
			'an unknown unit code',
			csv('x.csv', ['NOPE,BC01,Báo cáo,,,1']),
			['Dòng 2 (unit = “NOPE”): mã đơn vị không thuộc đợt xin ý kiến'],
		],
		[
			'a duplicate item code within a unit',
			csv('x.csv', ['TKG,BC01,A,,,1', 'tkg,bc01,B,,,1']),
			['Dòng 3 (code = “bc01”): trùng mã đầu báo cáo trong cùng đơn vị'],
		],
		['negative points', csv('x.csv', ['TKG,BC01,A,,,-5']), ['Dòng 2 (points = “-5”): điểm phải là số không âm']],
		['non-numeric points', csv('x.csv', ['TKG,BC01,A,,,mười']), ['Dòng 2 (points = “mười”): điểm phải là số không âm']],
		[
			'an unparsable date',
			csv('x.csv', ['TKG,BC01,A,,31/02/2022,1', 'TKG,BC02,B,,next week,1']),
			['Dòng 2 (due = “31/02/2022”): ngày không hợp lệ', 'Dòng 3 (due = “next week”): ngày không hợp lệ'],
		],
		['missing columns', csv('x.csv', ['TKG,1'], 'unit,points'), ['Tệp thiếu cột: code, title.']],
		[
			'more than 5,000 rows',
			csv(
				'x.csv',
				Array.from({ length: 5001 }, (_, i) => `TKG,C${i},T,,,1`),
			),
			['Tệp có quá nhiều dòng (tối đa 5000).'],
		],
		['more than 2 MB', csv('x.csv', [`TKG,BC01,${'x'.repeat(2 * 1024 * 1024)},,,1`]), ['Tệp quá lớn (tối đa 2 MB).']],
		['a file that is not a table', file('x.pdf', '%PDF-1.4'), ['Tệp phải là CSV hoặc XLSX.']],
	])(
		'GIVEN an items file with %s WHEN loaded THEN the whole file is refused with each problem and nothing changes',
		async (_name, bad, expected) => {
			await createR1();
			await coordinator('items', { round: 'R1', file: csv('good.csv', GOOD) });
			const reply = await coordinator('items', { round: 'R1', file: bad });
			expect(reply.ephemeral).toBe(true);
			for (const text of expected) expect(reply.content).toContain(text);
			expect((await storedItems(1)).map((i) => [i.code, i.title, i.points])).toEqual([['BC01', 'Chỉ số giá', 10]]);
		},
	);

	it('GIVEN a file with many bad rows WHEN loaded THEN the reply stays under 2,000 characters and attaches the whole list', async () => {
		await createR1();
		const reply = await coordinator('items', {
			round: 'R1',
			file: csv(
				'x.csv',
				Array.from({ length: 80 }, (_, i) => `NOPE${i},BC${i},T,,,-1`),
			),
		});
		expect(reply.content.length).toBeLessThanOrEqual(2000);
		expect(reply.content).toContain('Tệp bị từ chối, không có thay đổi nào được lưu. Cần sửa 160 lỗi:');
		const list = reply.attachments.find((a) => a.filename === 'import-errors.md')?.data.toString('utf8') ?? '';
		expect(list).toContain('Dòng 81 (unit = “NOPE79”): mã đơn vị không thuộc đợt xin ý kiến');
		expect(list).toContain('Dòng 81 (points = “-1”): điểm phải là số không âm');
		expect(await storedItems(1)).toEqual([]);
	});

	it('GIVEN a round already sent out WHEN items are loaded THEN refused; GIVEN it closed THEN accepted as its consolidated result', async () => {
		await createR1();
		await coordinator('publish', { round: 'R1' });
		const open = await coordinator('items', { round: 'R1', file: csv('x.csv', GOOD) });
		expect(open.content).toBe(
			'Đợt **R1** đã được gửi; không thể thay dự thảo. Vui lòng tạo đợt mới cho dự thảo sửa đổi.',
		);
		expect(await storedItems(1)).toEqual([]);
		await coordinator('close', { round: 'R1' });
		const closed = await coordinator('items', { round: 'R1', file: csv('x.csv', GOOD) });
		expect(closed.content).toContain('Đã cập nhật đầu báo cáo của 1 đơn vị trong đợt **R1**');
		expect(closed.content).toContain(
			'Đợt đã kết thúc: đây là kết quả tổng hợp của đợt; các bài đã đăng không thay đổi.',
		);
		expect(await storedItems(1)).toHaveLength(1);
	});

	it('GIVEN a unit representative WHEN they load items THEN refused as not a coordinator', async () => {
		await createR1();
		const reply = await e.run(e.units[0]!.memberId, 'round', 'items', { round: 'R1', file: csv('x.csv', GOOD) });
		expect(reply.content).toContain('Tài khoản này không có quyền điều phối');
		expect(await storedItems(1)).toEqual([]);
	});
});

describe('/round baseline: last year’s plan, for comparison only', () => {
	it('GIVEN a file named for its year WHEN loaded as baseline THEN it is saved apart from the round’s items and named “kế hoạch năm 2021”', async () => {
		await createR1();
		const reply = await coordinator('baseline', {
			round: 'R1',
			file: csv('ke-hoach-2021.csv', ['TKG,BC01,A,,,10', 'TKG,BC02,B,,,10', 'PPCD,PP01,C,,,5']),
		});
		expect(reply.content).toContain(
			'Đã lưu kế hoạch năm trước (kế hoạch năm 2021) của đợt **R1**: 3 báo cáo, 25 điểm của 2 đơn vị.',
		);
		expect(await storedItems(1, 'baseline')).toHaveLength(3);
		expect(await storedItems(1, 'plan')).toEqual([]);
		const english = await coordinator('baseline', { round: 'R1', file: csv('plan.csv', ['TKG,BC01,A,,,10']) }, 'en-US');
		expect(english.content).toContain(
			"Baseline (last year's plan) saved for round **R1**: 1 items, 10 points over 1 units.",
		);
		// Units absent from the second file keep their baseline.
		expect((await storedItems(1, 'baseline')).map((i) => i.code)).toEqual(['PP01', 'BC01']);
	});

	it('GIVEN a baseline file with bad rows WHEN loaded THEN refused and nothing changes', async () => {
		await createR1();
		const reply = await coordinator('baseline', { round: 'R1', file: csv('kh.csv', ['TKG,BC01,A,,,x']) });
		expect(reply.content).toContain('Dòng 2 (points = “x”): điểm phải là số không âm');
		expect(await storedItems(1, 'baseline')).toEqual([]);
	});
});

describe('/round create from: round 2 grows out of round 1', () => {
	it('GIVEN R1 sent out with drafts, items and an open comment WHEN R2 is created from it THEN R2 starts from them and each unit’s post shows what changed', async () => {
		await createR1({ units: 'TKG,PPCD,TTDL' });
		await coordinator('draft', { round: 'R1', unit: 'TKG', text: 'Dự thảo riêng của Vụ Thống kê Giá' });
		await coordinator('items', {
			round: 'R1',
			file: csv('r1.csv', [
				'TKG,BC01,Giá tiêu dùng,hằng tháng,15/01/2022,10',
				'TKG,BC02,Giá sản xuất,hằng quý,20/04/2022,5',
				'TKG,BC03,Giá vàng,hằng tháng,,3',
				'PPCD,PP01,Chất lượng,hằng năm,,10',
			]),
		});
		await coordinator('publish', { round: 'R1' });
		const tkg = e.units.find((u) => u.code === 'TKG')!;
		await e.run(tkg.memberId, 'feedback', 'comment', {
			round: 'R1',
			text: 'Đề nghị bỏ báo cáo giá vàng',
			items: 'bc03',
		});

		const created = await coordinator('create', {
			title: 'Rà soát lần 2',
			deadline: '04/10/2021 17:00',
			from: 'R1',
			units: 'TKG,PPCD',
		});
		expect(created.content).toContain(
			'Đã tạo đợt xin ý kiến **R2** – Rà soát lần 2, thời hạn 04/10/2021 17:00, gồm 2 đơn vị.',
		);
		expect(created.content).toContain(
			'Bắt đầu từ đợt **R1**: đã sao chép 1 dự thảo riêng và 4 đầu báo cáo; 1 ý kiến chưa xử lý được chuyển sang.',
		);
		await coordinator('items', {
			round: 'R2',
			file: csv('r2.csv', [
				'TKG,BC01,Giá tiêu dùng,hằng tháng,20/01/2022,12',
				'TKG,BC02,Giá sản xuất,hằng quý,20/04/2022,5',
				'TKG,BC04,Giá bất động sản,hằng quý,,4',
			]),
		});
		await coordinator('publish', { round: 'R2' });

		const posts = e.fake.messages(tkg.channelId).filter((m) => m.author.id === e.fake.botUserId);
		expect(posts).toHaveLength(2);
		const r2 = posts[1]!;
		expect(r2.embeds[0]?.description).toBe('Dự thảo riêng của Vụ Thống kê Giá');
		const fields = r2.embeds[0]?.fields as Array<{ name: string; value: string }>;
		expect(fields.find((f) => f.name.startsWith('So với đợt'))).toEqual({
			name: 'So với đợt R1: thêm 1, bỏ 1, sửa 1 đầu báo cáo',
			value:
				'➕ **BC04** Giá bất động sản\n➖ **BC03** Giá vàng\n✏️ **BC01**: hạn 15/01/2022 → 20/01/2022; điểm 10 → 12',
		});
		const book = await readWorkbook(r2.attachments.find((a) => a.filename === 'dau-bao-cao-R2-TKG.xlsx')!.data);
		expect(values(book.getWorksheet('Thay đổi so với R1')).slice(1)).toEqual([
			['Thêm', 'BC04', 'Giá bất động sản'],
			['Bỏ', 'BC03', 'Giá vàng'],
			['Sửa', 'BC01', 'Giá tiêu dùng', 'hạn', '15/01/2022', '20/01/2022'],
			['Sửa', 'BC01', 'Giá tiêu dùng', 'điểm', 10, 12],
		]);
		const ppcd = e.fake.messages(e.units.find((u) => u.code === 'PPCD')!.channelId).at(-1)!;
		expect(
			(ppcd.embeds[0]?.fields as Array<{ name: string; value: string }>).find((f) => f.name.startsWith('So với đợt'))
				?.value,
		).toBe('Không thay đổi so với đợt R1.');
		// Answering keeps the item fields on the post.
		clock.set('2021-09-20T02:00:00Z');
		await e.fake
			.clickButton({
				guildId: e.guildId,
				channelId: tkg.channelId,
				userId: tkg.memberId,
				messageId: r2.id,
				customId: buttonIds(r2)[0]!,
			})
			.reply();
		const after = e.fake.message(r2.id)!;
		expect((after.embeds[0]?.fields as Array<{ name: string }>).map((f) => f.name)).toEqual(fields.map((f) => f.name));
		await expectCleanDiscord(e);
	});

	it('GIVEN a round still in draft WHEN named as `from` THEN the new round is refused', async () => {
		await createR1();
		const reply = await coordinator('create', { title: 'Lần 2', deadline: '04/10/2021 17:00', from: 'R1' });
		expect(reply.content).toBe('Đợt **R1** chưa được gửi đi, không thể dùng làm điểm xuất phát cho đợt mới.');
		expect(await e.bot.deps.rounds.list(e.guildId)).toHaveLength(1);
	});

	it('GIVEN a round of another server WHEN named as `from` THEN it is not found and nothing is created', async () => {
		const other = e.fake.createGuild({ name: 'Cục Thống kê tỉnh', locale: 'vi' });
		const role = e.fake.createRole(other.id, { name: 'Điều phối' }).id;
		const report = e.fake.createChannel(other.id, { name: 'bao-cao' }).id;
		const unitChannel = e.fake.createChannel(other.id, { name: 'phong-a' }).id;
		const unitRole = e.fake.createRole(other.id, { name: 'PA' }).id;
		e.fake.addMember(other.id, e.coordinatorId, [role]);
		const run = (sub: string | undefined, name: string, options: Record<string, SlashOptionValue>) =>
			e.fake
				.slashCommand({
					guildId: other.id,
					channelId: report,
					userId: e.coordinatorId,
					name,
					...(sub ? { subcommand: sub } : {}),
					options,
				})
				.reply();
		e.fake.addMember(other.id, e.adminId, [], { permissions: 32n });
		await e.fake
			.slashCommand({
				guildId: other.id,
				channelId: report,
				userId: e.adminId,
				name: 'setup',
				options: { coordinator_role: { type: 'role', id: role }, report_channel: { type: 'channel', id: report } },
			})
			.reply();
		await run('add', 'unit', {
			code: 'PA',
			name: 'Phòng A',
			channel: { type: 'channel', id: unitChannel },
			role: { type: 'role', id: unitRole },
		});
		await run('create', 'round', { title: 'Một', deadline: '04/10/2021 17:00' });
		await run('create', 'round', { title: 'Hai', deadline: '04/10/2021 17:00' });
		expect((await run('publish', 'round', { round: 'R2' })).content).toContain('R2');

		await createR1();
		const reply = await coordinator('create', { title: 'Lần 2', deadline: '04/10/2021 17:00', from: 'R2' });
		expect(reply.content).toBe('Không tìm thấy đợt xin ý kiến **R2**.');
		expect(await e.bot.deps.rounds.list(e.guildId)).toHaveLength(1);
	});
});
