import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { vi as viCatalog } from '../../src/i18n/vi.ts';
import { ManualClock } from '../support/clock.ts';
import { dbSnapshot } from '../support/db-snapshot.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import { bombWorkbook } from '../support/zip-builder.ts';
import { buttonIds, draftPost, expectCleanDiscord, file } from '../fixtures/e2e/discord.ts';

/**
 * Issue 11, defects 1-8, each as the person met it: through the real bot and the fake Discord. Every refusal is
 * private, names the problem, and leaves the database as it was.
 */

let e: E2E;
const clock = new ManualClock('2026-03-02T02:00:00Z'); // Monday 02/03/2026 09:00 in Hà Nội

beforeAll(async () => {
	e = await startE2E({ clock });
	await setUpSeedServer(e);
});
afterAll(async () => {
	try {
		await expectCleanDiscord(e);
	} finally {
		await e.stop();
	}
});

/** Runs a command that must be refused: returns the refusal, and checks it was private and changed nothing. */
async function refused(userId: string, name: string, sub: string | undefined, options: Record<string, unknown>) {
	const before = dbSnapshot(e.dbUrl);
	const reply = await e.run(userId, name, sub, options as never);
	expect(reply.ephemeral).toBe(true);
	expect(dbSnapshot(e.dbUrl), `${name} ${sub ?? ''} changed the database`).toBe(before);
	return reply.content;
}

describe('issue 11 defects, end to end', () => {
	it('1. GIVEN @everyone as the coordinator role WHEN /setup runs THEN it is refused, and a member with no role stays no coordinator', async () => {
		const content = await refused(e.adminId, 'setup', undefined, {
			coordinator_role: { type: 'role', id: e.guildId },
			report_channel: { type: 'channel', id: e.reportChannelId },
		});
		// The admin reads English (their Discord locale).
		expect(content).toBe(en.setup.coordinatorRoleNotAssignable({ role: `<@&${e.guildId}>` }));
		const list = await refused(e.outsiderId, 'round', 'list', {});
		expect(list).toBe(viCatalog.errors.notCoordinator);
	});

	it.each(['ß', 'ﬁ', 'ı', 'STRAßE', 'tkı'])(
		'2. GIVEN the unit code %j WHEN a coordinator adds it THEN it is refused as it was typed, not folded',
		async (code) => {
			const content = await refused(e.coordinatorId, 'unit', 'add', {
				code,
				name: 'Đơn vị thử',
				channel: { type: 'channel', id: e.generalChannelId },
				role: { type: 'role', id: e.units[0]!.roleId },
			});
			expect(content).toBe(viCatalog.unit.badCode({ value: code }));
		},
	);

	it.each(['\u200B', '\u200B\u200C\u200D', '\u2060\uFEFF', ' \u200B '])(
		'3. GIVEN a unit name of invisible characters %j WHEN added THEN it is refused',
		async (name) => {
			const content = await refused(e.coordinatorId, 'unit', 'add', {
				code: 'ZW',
				name,
				channel: { type: 'channel', id: e.generalChannelId },
				role: { type: 'role', id: e.units[0]!.roleId },
			});
			expect(content).toBe(viCatalog.unit.nameTooLong);
		},
	);

	it('3. GIVEN an open round WHEN a member comments only zero-width characters by command or by the modal THEN it is refused and not counted as commented', async () => {
		const created = await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Kế hoạch thử',
			deadline: '30/03/2026 17:00',
			text: 'Dự thảo',
			units: 'TKG',
		});
		expect(created.content).toContain('**R1**');
		expect((await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' })).content).toContain('R1');
		const unit = e.units.find((u) => u.code === 'TKG')!;
		const byCommand = await refused(unit.memberId, 'feedback', 'comment', { round: 'R1', text: '\u200B\u200B' });
		expect(byCommand).toBe(viCatalog.feedback.textRequired);

		const post = draftPost(e, unit.channelId);
		const open = e.fake.clickButton({
			guildId: e.guildId,
			channelId: unit.channelId,
			userId: unit.memberId,
			messageId: post.id,
			customId: buttonIds(post)[1]!,
		});
		const modal = await open.modal();
		const before = dbSnapshot(e.dbUrl);
		const submitted = await e.fake
			.submitModal({
				guildId: e.guildId,
				channelId: unit.channelId,
				userId: unit.memberId,
				customId: modal.custom_id,
				messageId: post.id,
				fields: { text: '\u200D\uFEFF\u2060', items: '' },
			})
			.reply();
		await e.bot.router.idle();
		expect(submitted.ephemeral).toBe(true);
		expect(submitted.content).toBe(viCatalog.feedback.textRequired);
		expect(dbSnapshot(e.dbUrl)).toBe(before);
		const round = (await e.bot.deps.rounds.list(e.guildId))[0]!;
		expect((await e.bot.deps.answers.current(round.id)).size).toBe(0);
	});

	it.each([
		[Array(40).fill('-1m').join(','), '40'],
		[Array(60).fill('-1m').join(','), '60'],
	])(
		'4. GIVEN a ladder of many copies of one step WHEN /setup runs THEN the reply says there are too many steps',
		async (reminders, count) => {
			const content = await refused(e.adminId, 'setup', undefined, {
				coordinator_role: { type: 'role', id: e.coordRoleId },
				report_channel: { type: 'channel', id: e.reportChannelId },
				reminders: reminders.slice(0, 200),
			});
			// The option holds at most 200 characters: 40 steps fit, 60 are cut to what fits, still far too many.
			const given = Math.min(Number(count), reminders.slice(0, 200).split(',').length);
			expect(content).toBe(en.reminders.ladderTooMany({ count: given, limit: 10 }));
			expect(content).not.toContain('“-1m”');
		},
	);

	it('4. GIVEN a ladder repeating a step WHEN /setup runs THEN the reply names the repetition', async () => {
		const content = await refused(e.adminId, 'setup', undefined, {
			coordinator_role: { type: 'role', id: e.coordRoleId },
			report_channel: { type: 'channel', id: e.reportChannelId },
			reminders: '-1m,-2m,-1m',
		});
		expect(content).toBe(en.reminders.ladderDuplicate({ token: '-1m' }));
	});

	it('5. GIVEN a unit file whose header repeats a column WHEN imported THEN it is refused naming the column', async () => {
		const csv = 'code,name,kind,channel,role,code\nNEW,Đơn vị mới,department,chung,TKG,NEW\n';
		const content = await refused(e.coordinatorId, 'unit', 'import', { file: file('units.csv', csv) });
		expect(content).toBe(viCatalog.importFile.duplicateColumns({ columns: 'code' }));
	});

	it('6. GIVEN a zip-bomb XLSX under the upload limit WHEN imported THEN it is refused as unpacking too far', async () => {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('Data').addRow(['code', 'name', 'kind', 'channel', 'role']);
		const bomb = await bombWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), 900);
		expect(bomb.length).toBeLessThan(1024 * 1024);
		const content = await refused(e.coordinatorId, 'unit', 'import', { file: file('units.xlsx', bomb) });
		expect(content).toBe(viCatalog.importFile.inflatedTooLarge({ max: '32 MB' }));
	});

	it('7. GIVEN a server in Europe/Berlin WHEN a deadline falls in the spring-forward gap THEN the reply says the time does not exist and what it would be', async () => {
		const setup = await e.run(e.adminId, 'setup', undefined, {
			coordinator_role: { type: 'role', id: e.coordRoleId },
			report_channel: { type: 'channel', id: e.reportChannelId },
			timezone: 'Europe/Berlin',
		});
		expect(setup.content).toContain('Europe/Berlin');
		const content = await refused(e.coordinatorId, 'round', 'create', {
			title: 'Hạn trong khoảng trống',
			deadline: '2030-03-31 02:30',
			text: 'D',
		});
		expect(content).toBe(
			viCatalog.round.deadlineNonexistent({
				value: '2030-03-31 02:30',
				zone: 'Europe/Berlin',
				shifted: '31/03/2030 03:30',
			}),
		);
		const berlin = await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Đợt Berlin',
			deadline: '2030-03-30 17:00',
			text: 'D',
		});
		expect(berlin.content).toContain('**R2**');
		const extend = await refused(e.coordinatorId, 'round', 'extend', { round: 'R2', deadline: '31/03/2030 02:15' });
		expect(extend).toContain('không tồn tại');
		expect(extend).toContain('03:15');
		await e.run(e.adminId, 'setup', undefined, {
			coordinator_role: { type: 'role', id: e.coordRoleId },
			report_channel: { type: 'channel', id: e.reportChannelId },
			timezone: 'Asia/Ho_Chi_Minh',
		});
	});

	it.each(['g1:comment-modal:0:1', 'g1:comment-modal:abc:1', 'g1:comment-modal:999999:1', 'g1:comment-modal:1:999999'])(
		'8. GIVEN a forged modal custom id %j WHEN submitted THEN the answer is "no longer available" with no internal id',
		async (customId) => {
			const unit = e.units.find((u) => u.code === 'TKG')!;
			const before = dbSnapshot(e.dbUrl);
			const reply = await e.fake
				.submitModal({
					guildId: e.guildId,
					channelId: unit.channelId,
					userId: unit.memberId,
					customId,
					fields: { text: 'Góp ý giả', items: '' },
				})
				.reply();
			await e.bot.router.idle();
			expect(reply.ephemeral).toBe(true);
			expect(reply.content).toBe(viCatalog.errors.unavailable);
			expect(dbSnapshot(e.dbUrl)).toBe(before);
		},
	);
});
