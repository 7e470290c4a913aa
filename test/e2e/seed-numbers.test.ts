import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../src/infra/files/write-table.ts';
import { buttonIds, deployCommands, expectCleanDiscord, file } from '../fixtures/e2e/discord.ts';
import { ManualClock } from '../support/clock.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';

/**
 * The seed's story with its own numbers, on a generated data set: round 1 asked 15 units, 14 answered (2 kept last
 * year's plan, 12 changed it) with 354 items, 25 fewer than the 379 of the 2021 plan; round 2, built from round 1,
 * went to 9 departments, all answered (6 agreed, 3 commented), and has 269 items: 85 fewer than round 1 and 110
 * fewer than 2021.
 */

const EXTRA = [
	['TCCB', 'Vụ Tổ chức cán bộ'],
	['KHTC', 'Vụ Kế hoạch tài chính'],
	['PCTT', 'Vụ Pháp chế và Thanh tra thống kê'],
	['HTQT', 'Vụ Hợp tác quốc tế'],
	['VPTC', 'Văn phòng Tổng cục'],
	['TTTK', 'Trung tâm Tin học thống kê'],
] as const;

type Row = [unit: string, code: string, title: string, frequency: string, due: Date | null, points: number];

const JAN15 = new Date(Date.UTC(2022, 0, 15));
const code = (n: number) => `BC${String(n).padStart(2, '0')}`;
const row = (unit: string, n: number, points = 10, due: Date | null = JAN15): Row => [
	unit,
	code(n),
	`Báo cáo số ${n} của ${unit}: tình hình thực hiện kế hoạch`,
	'hằng tháng',
	due,
	points,
];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Last year's plan: 35 items for each of the 9 departments (97 of them at 10 points, the others 5) and 64 for the others. */
function baselineRows(seed: string[]): Row[] {
	let tens = 97;
	const departments = seed.flatMap((unit) => range(1, 35).map((n) => row(unit, n, tens-- > 0 ? 10 : 5)));
	const others = [
		...range(1, 14).map((n) => row('TCCB', n)),
		...range(1, 14).map((n) => row('KHTC', n)),
		...range(1, 12).map((n) => row('PCTT', n)),
		...range(1, 12).map((n) => row('HTQT', n)),
		...range(1, 12).map((n) => row('VPTC', n)),
	];
	return [...departments, ...others];
}

/** Round 1: 32 items per department; TCCB and HTQT keep last year's plan; KHTC drops one, PCTT moves a date, VPTC adds three. */
function round1Rows(seed: string[]): Row[] {
	return [
		...seed.flatMap((unit) => range(1, 32).map((n) => row(unit, n))),
		...range(1, 14).map((n) => row('TCCB', n)),
		...range(1, 13).map((n) => row('KHTC', n)),
		...range(1, 12).map((n) => row('PCTT', n, 10, n === 1 ? new Date(Date.UTC(2022, 1, 15)) : JAN15)),
		...range(1, 12).map((n) => row('HTQT', n)),
		...range(1, 15).map((n) => row('VPTC', n)),
	];
}

/** Round 2, for the 9 departments: items 29–32 dropped (TTDL also 28), two new ones, and two changed. */
function round2Rows(seed: string[]): Row[] {
	return seed.flatMap((unit) => [
		...range(1, unit === 'TTDL' ? 27 : 28).map((n) => {
			if (unit === 'HTTKQG' && n === 1) return row(unit, n, 20);
			if (unit === 'TKG' && n === 2) return row(unit, n, 20, new Date(Date.UTC(2022, 0, 20)));
			return row(unit, n);
		}),
		[unit, code(33), `Báo cáo mới của ${unit} về điểm thi đua`, 'hằng quý', null, 20] as Row,
		row(unit, 34),
	]);
}

async function itemsFile(name: string, rows: Row[]) {
	const data = await writeXlsx([
		{ name: 'Đầu báo cáo', headers: ['unit', 'code', 'title', 'frequency', 'due', 'points'], rows },
	]);
	return file(name, data);
}

async function readWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(data as unknown as ArrayBuffer);
	return workbook;
}

function values(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
	const rows: unknown[][] = [];
	sheet?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
	return rows;
}

let e: E2E;
const clock = new ManualClock('2021-06-07T02:00:00Z'); // letter 786 of 07/6/2021
const members = new Map<string, string>();
let seed: string[];

beforeAll(async () => {
	e = await startE2E({ clock });
	await setUpSeedServer(e);
	await deployCommands(e);
	seed = e.units.map((u) => u.code);
	for (const u of e.units) members.set(u.code, u.memberId);
	for (const [code, name] of EXTRA) {
		const role = e.fake.createRole(e.guildId, { name: code }).id;
		const channel = e.fake.createChannel(e.guildId, { name: code.toLowerCase() }).id;
		const memberId = e.fake.createUser({
			username: `u-${code.toLowerCase()}`,
			globalName: `Cán bộ ${code}`,
			locale: 'vi',
		}).id;
		e.fake.addMember(e.guildId, memberId, [role]);
		members.set(code, memberId);
		const reply = await e.run(e.coordinatorId, 'unit', 'add', {
			code,
			name,
			channel: { type: 'channel', id: channel },
			role: { type: 'role', id: role },
		});
		expect(reply.content).toContain(code);
	}
});
afterAll(async () => {
	await e.stop();
});

describe("the seed's numbers, end to end", () => {
	it('GIVEN round 1 to 15 units WHEN 14 answer with 354 items against a 2021 plan of 379 THEN the report says so in the seed’s words', async () => {
		const created = await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Đề nghị kế hoạch công tác và điểm thi đua năm 2022',
			deadline: '26/07/2021 17:00',
			campaign: 'Kế hoạch công tác 2022',
			text: 'Đề nghị các đơn vị rà soát kế hoạch công tác năm 2022 (Công văn 786/TCTK-TCCB).',
		});
		expect(created.content).toContain('gồm 15 đơn vị');
		const r1 = await e.run(e.coordinatorId, 'round', 'items', {
			round: 'R1',
			file: await itemsFile('ra-soat-lan-1.xlsx', round1Rows(seed)),
		});
		expect(r1.content).toContain('Đã cập nhật đầu báo cáo của 14 đơn vị trong đợt **R1**: 354 báo cáo, 3.540 điểm.');
		const base = await e.run(e.coordinatorId, 'round', 'baseline', {
			round: 'R1',
			file: await itemsFile('ke-hoach-2021.xlsx', baselineRows(seed)),
		});
		expect(base.content).toContain(
			'Đã lưu kế hoạch năm trước (kế hoạch năm 2021) của đợt **R1**: 379 báo cáo, 2.700 điểm của 14 đơn vị.',
		);
		expect((await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' })).content).toContain(
			'đã gửi dự thảo tới 15 đơn vị',
		);

		clock.set('2021-07-20T02:00:00Z');
		for (const unit of [...seed, ...EXTRA.map(([c]) => c)]) {
			if (unit === 'TTTK') continue; // the one unit that never answered
			const agrees = unit === 'TCCB' || unit === 'HTQT';
			const reply = agrees
				? await e.run(members.get(unit)!, 'feedback', 'agree', { round: 'R1' })
				: await e.run(members.get(unit)!, 'feedback', 'comment', {
						round: 'R1',
						text: `Đề nghị điều chỉnh kế hoạch của ${unit}`,
						items: 'BC01',
					});
			expect(reply.content).toContain(unit);
		}

		clock.set('2021-07-26T03:00:00Z');
		const report = await e.run(e.coordinatorId, 'round', 'report', { round: 'R1' });
		expect(report.content).toContain(
			'Tính đến ngày 26/07/2021 có 14/15 đơn vị đã gửi ý kiến. Trong đó: có 2 đơn vị nhất trí với dự thảo; 12 đơn vị có ý kiến.',
		);
		expect(report.content).toContain('Tổng số đầu báo cáo là 354 báo cáo, giảm 25 báo cáo so với kế hoạch năm 2021.');
		expect(report.content).toContain(
			'Có 2/14 đơn vị không thay đổi so với kế hoạch năm 2021; 12/14 đơn vị có thay đổi.',
		);
		expect(report.content).toContain('Tổng điểm kế hoạch là 3.540 điểm, tăng 840 điểm so với kế hoạch năm 2021.');

		// Tiếp thu, giải trình: every comment of round 1 answered but TTDL's, which carries over into round 2.
		const round = await e.bot.deps.rounds.findBySeq(e.guildId, 1);
		const comments = [...(await e.bot.deps.answers.current(round!.id)).values()].filter((a) => a.answer === 'comment');
		expect(comments).toHaveLength(12);
		for (const c of comments) {
			const unit = await e.bot.deps.units.get(c.unitId);
			if (unit?.code === 'TTDL') continue;
			const reply = await e.run(e.coordinatorId, 'comment', 'resolve', {
				comment: `c${c.id}`,
				outcome: unit?.code === 'PPCD' ? 'explained' : 'accepted',
				note: 'Đã tiếp thu trong dự thảo lần 2',
			});
			expect(reply.content).toContain(unit!.code);
		}
	});

	it('GIVEN round 2 built from round 1 for 9 departments WHEN 6 agree and 3 comment THEN 269 items, 85 fewer than round 1 and 110 fewer than 2021, in the reply and in the workbook', async () => {
		clock.set('2021-09-17T02:00:00Z');
		const created = await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Rà soát lần 2 kế hoạch công tác năm 2022',
			deadline: '04/10/2021 17:00',
			from: 'R1',
			units: seed.join(','),
		});
		expect(created.content).toContain('gồm 9 đơn vị');
		expect(created.content).toContain(
			'Bắt đầu từ đợt **R1**: đã sao chép 288 đầu báo cáo; 1 ý kiến chưa xử lý được chuyển sang.',
		);
		const loaded = await e.run(e.coordinatorId, 'round', 'items', {
			round: 'R2',
			file: await itemsFile('ra-soat-lan-2.xlsx', round2Rows(seed)),
		});
		expect(loaded.content).toContain('Đã cập nhật đầu báo cáo của 9 đơn vị trong đợt **R2**: 269 báo cáo, 2.800 điểm.');
		expect((await e.run(e.coordinatorId, 'round', 'publish', { round: 'R2' })).content).toContain(
			'đã gửi dự thảo tới 9 đơn vị',
		);

		const tkg = e.units.find((u) => u.code === 'TKG')!;
		const post = e.fake
			.messages(tkg.channelId)
			.filter((m) => m.author.id === e.fake.botUserId)
			.at(-1)!;
		const fields = post.embeds[0]?.fields as Array<{ name: string; value: string }>;
		expect(fields.map((f) => f.name)).toEqual(
			expect.arrayContaining(['Đầu báo cáo: 30 báo cáo, 320 điểm', 'So với đợt R1: thêm 2, bỏ 4, sửa 1 đầu báo cáo']),
		);
		expect(fields.find((f) => f.name.startsWith('So với đợt'))?.value).toContain(
			'✏️ **BC02**: hạn 15/01/2022 → 20/01/2022; điểm 10 → 20',
		);

		clock.set('2021-10-01T02:00:00Z');
		for (const u of e.units.slice(0, 6)) {
			const p = e.fake
				.messages(u.channelId)
				.filter((m) => m.author.id === e.fake.botUserId)
				.at(-1)!;
			await e.fake
				.clickButton({
					guildId: e.guildId,
					channelId: u.channelId,
					userId: u.memberId,
					messageId: p.id,
					customId: buttonIds(p)[0]!,
				})
				.reply();
		}
		for (const u of e.units.slice(6)) {
			const reply = await e.run(u.memberId, 'feedback', 'comment', {
				round: 'R2',
				text: `Đề nghị ${u.code} giữ báo cáo quý`,
				items: 'BC33',
			});
			expect(reply.content).toContain('Đầu báo cáo có ý kiến: BC33.');
		}
		// One of them changes its comment: the history keeps both versions.
		clock.advance(3600_000);
		await e.run(e.units[6]!.memberId, 'feedback', 'comment', {
			round: 'R2',
			text: 'Đề nghị giữ báo cáo quý và giãn hạn BC34',
			items: 'BC33, BC34',
		});

		clock.set('2021-10-04T03:00:00Z');
		const report = await e.run(e.coordinatorId, 'round', 'report', { round: 'R2' });
		const lines = report.content.split('\n');
		expect(lines).toEqual([
			'**Báo cáo tổng hợp đợt R2 – Rà soát lần 2 kế hoạch công tác năm 2022**',
			'9/9 đơn vị đã gửi ý kiến: 6 đơn vị nhất trí, 3 đơn vị có ý kiến (thời hạn 17 giờ 00 ngày 04/10/2021).',
			'Tính đến ngày 04/10/2021 có 9/9 đơn vị đã gửi ý kiến. Trong đó: có 6 đơn vị nhất trí với dự thảo; 3 đơn vị có ý kiến.',
			'Tổng số đầu báo cáo là 269 báo cáo, giảm 85 báo cáo so với rà soát lần 1 và giảm 110 báo cáo so với kế hoạch năm 2021.',
			'Tổng điểm kế hoạch là 2.800 điểm, giảm 740 điểm so với rà soát lần 1 và tăng 100 điểm so với kế hoạch năm 2021.',
			'Cả 9 đơn vị đều có thay đổi so với kế hoạch năm 2021.',
			'Cả 4 ý kiến đều chưa xử lý.',
			'Trong đó 1 ý kiến chuyển từ đợt trước.',
		]);

		const book = await readWorkbook(report.attachments.find((a) => a.filename === 'bao-cao-R2.xlsx')!.data);
		expect(book.worksheets.map((s) => s.name)).toEqual([
			'Tổng hợp',
			'Đơn vị',
			'Ý kiến',
			'Đầu báo cáo',
			'Lịch sử gửi ý kiến',
		]);

		const summary = new Map(values(book.getWorksheet('Tổng hợp')).map((r) => [r[0], r[1]]));
		expect(Object.fromEntries([...summary].filter(([k]) => k !== 'Nội dung tổng hợp'))).toMatchObject({
			Đợt: 'R2',
			'Kế hoạch': 'Kế hoạch công tác 2022',
			'Thời hạn gửi ý kiến': '04/10/2021 17:00',
			'Tạo từ đợt': 'R1',
			'Kế hoạch năm trước': 'kế hoạch năm 2021',
			'Số đơn vị được gửi': 9,
			'Số đơn vị đã gửi ý kiến': 9,
			'Nhất trí': 6,
			'Có ý kiến': 3,
			'Chưa gửi ý kiến': 0,
			'Tổng số đầu báo cáo': 269,
			'Tổng điểm': 2800,
			'Chênh lệch số báo cáo so với đợt trước': -85,
			'Chênh lệch điểm so với đợt trước': -740,
			'Chênh lệch số báo cáo so với kế hoạch năm trước': -110,
			'Chênh lệch điểm so với kế hoạch năm trước': 100,
		});
		const texts = values(book.getWorksheet('Tổng hợp'))
			.filter((r) => r[0] === 'Nội dung tổng hợp')
			.map((r) => r[1]);
		expect(texts).toContain(
			'Tổng số đầu báo cáo là 269 báo cáo, giảm 85 báo cáo so với rà soát lần 1 và giảm 110 báo cáo so với kế hoạch năm 2021.',
		);

		const units = values(book.getWorksheet('Đơn vị'));
		expect(units).toHaveLength(10);
		const tkgRow = units.find((r) => r[0] === 'TKG')!;
		expect(tkgRow).toEqual([
			'TKG',
			'Vụ Thống kê Giá',
			'Nhất trí',
			'Cán bộ TKG',
			new Date(Date.UTC(2021, 9, 1, 9, 0)),
			undefined,
			undefined,
			'đã gửi',
			30,
			320,
			-2,
			0,
			-5,
			145,
		]);
		expect(units.slice(1).reduce((n, r) => n + (r[8] as number), 0)).toBe(269);

		const comments = values(book.getWorksheet('Ý kiến'));
		expect(comments.slice(1).map((r) => [r[0], r[1], r[3], r[7]])).toEqual([
			['R2', 'TKXHMT', 'BC33, BC34', 'Chưa xử lý'],
			['R2', 'PPCD', 'BC33', 'Chưa xử lý'],
			['R2', 'TTDL', 'BC33', 'Chưa xử lý'],
			['R1', 'TTDL', 'BC01', 'Chưa xử lý'],
		]);

		const items = values(book.getWorksheet('Đầu báo cáo'));
		// 269 items of round 2, 37 dropped since round 1, and 66 of the units round 2 does not address.
		expect(items).toHaveLength(1 + 269 + 37 + 66);
		expect(items[0]).toEqual([
			'Mã đơn vị',
			'Mã đầu báo cáo',
			'Tên đầu báo cáo',
			'Tần suất',
			'Hạn',
			'Điểm',
			'Tên (R1)',
			'Tần suất (R1)',
			'Hạn (R1)',
			'Điểm (R1)',
			'Thay đổi',
			'Chênh lệch điểm',
		]);
		const bc02 = items.find((r) => r[0] === 'TKG' && r[1] === 'BC02')!;
		expect(bc02.slice(4)).toEqual([
			new Date(Date.UTC(2022, 0, 20)),
			20,
			'Báo cáo số 2 của TKG: tình hình thực hiện kế hoạch',
			'hằng tháng',
			JAN15,
			10,
			'sửa (hạn, điểm)',
			10,
		]);
		expect(items.find((r) => r[0] === 'TKG' && r[1] === 'BC33')?.slice(10)).toEqual(['thêm mới', 20]);
		expect(items.find((r) => r[0] === 'TKG' && r[1] === 'BC32')?.slice(10)).toEqual(['bỏ', -10]);
		expect(items.find((r) => r[0] === 'VPTC' && r[1] === 'BC15')?.slice(10)).toEqual([
			'đơn vị không thuộc đợt này',
			-10,
		]);
		// The item-level changes add up to the round-level delta.
		expect(items.slice(1).reduce((n, r) => n + (r[11] as number), 0)).toBe(-740);

		const history = values(book.getWorksheet('Lịch sử gửi ý kiến'));
		expect(history).toHaveLength(1 + 10);
		expect(history.filter((r) => r[0] === 'TKXHMT').map((r) => [r[1], r[4], r[7]])).toEqual([
			[1, 'BC33', new Date(Date.UTC(2021, 9, 1, 9, 0))],
			[2, 'BC33, BC34', new Date(Date.UTC(2021, 9, 1, 10, 0))],
		]);

		const english = await e.run(e.adminId, 'round', 'report', { round: 'R2' }, 'en-US');
		expect(english.content).toContain(
			'The total is 269 report items, 85 fewer than review round 1 and 110 fewer than the 2021 plan.',
		);
		expect(english.content).toContain(
			'The plan totals 2,800 points, 740 points less than review round 1 and 100 points more than the 2021 plan.',
		);
		expect(english.content).toContain(
			'As of 2021-10-04, 9/9 units have sent their feedback. Of these, 6 units agreed with the draft; 3 units commented.',
		);
		await expectCleanDiscord(e);
	});
});
