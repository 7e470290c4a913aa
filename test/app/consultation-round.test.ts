import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerRound, showAnswer } from '../../src/app/answer-round.ts';
import { createRound, loadRoundStatus, publishRound, setUnitDraft } from '../../src/app/manage-rounds.ts';
import { addUnit, editUnit, removeUnit } from '../../src/app/manage-units.ts';
import { setupServer } from '../../src/app/setup-server.ts';
import type { Unit } from '../../src/domain/model.ts';
import {
	admin,
	type AppHarness,
	COORD_ROLE,
	coordinator,
	createAppHarness,
	GUILD,
	member,
	REPORT_CHANNEL,
	seedServer,
	unitChannel,
	unitRole,
} from '../support/app-harness.ts';

let h: AppHarness;

async function setUp(): Promise<Unit[]> {
	return seedServer(h.deps);
}

beforeEach(async () => {
	// 17/09/2021 09:00 in Hà Nội, the day the seed's revised drafts went out.
	h = await createAppHarness('2021-09-17T02:00:00Z');
});
afterEach(async () => {
	await h.close();
});

describe('consultation round (use cases over a real SQLite database)', () => {
	it("GIVEN the seed's 9 units WHEN round 2 is published and 6 agree, 3 comment THEN the status reads 9/9: 6 agreed, 3 commented", async () => {
		const units = await setUp();
		const created = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Rà soát kế hoạch công tác 2022 (lần 2)',
			deadline: '04/10/2021 17:00',
			campaign: 'KH 2022',
			text: 'Dự thảo chung',
		});
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		expect(created.value.round.code).toBe('R1');
		expect(created.value.round.deadline.toISOString()).toBe('2021-10-04T10:00:00.000Z');
		for (const unit of units) {
			const d = await setUnitDraft(h.deps, {
				guildId: GUILD,
				actor: coordinator(),
				round: 'R1',
				unit: unit.code,
				text: `Dự thảo riêng của ${unit.name}`,
			});
			expect(d.ok).toBe(true);
		}
		const published = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		if (!published.ok) throw new Error(JSON.stringify(published.error));
		expect(published.value.sent).toHaveLength(9);
		expect(h.notifier.drafts.map((d) => d.view.unit.channelId).sort()).toEqual(units.map((u) => u.channelId).sort());
		for (const d of h.notifier.drafts) expect(d.view.text).toBe(`Dự thảo riêng của ${d.view.unit.name}`);

		h.clock.set('2021-10-01T03:00:00Z');
		for (const [i, unit] of units.entries()) {
			const r = await answerRound(h.deps, {
				guildId: GUILD,
				actor: member([unit.roleId], `60000000000000000${i}`),
				round: { ref: 'R1' },
				unit: null,
				answer: i < 6 ? 'agree' : 'comment',
				text: i < 6 ? undefined : `Đề nghị bỏ báo cáo quý ${i}`,
			});
			expect(r.ok).toBe(true);
		}
		const round = await h.deps.rounds.findBySeq(GUILD, 1);
		const status = await loadRoundStatus(h.deps, round!);
		expect(status.tally).toMatchObject({
			total: 9,
			answered: 9,
			agreed: 6,
			commented: 3,
			pending: 0,
			agreedBySilence: 0,
		});
		// Each answer refreshed the unit's own draft post.
		expect(h.notifier.refreshes).toHaveLength(9);
	});

	it('GIVEN a published round WHEN publish runs again THEN nothing is posted twice', async () => {
		await setUp();
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '2021-10-04 17:00' });
		const first = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const second = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'r1' });
		expect(first.ok && first.value.sent.length).toBe(9);
		expect(second.ok && second.value.sent.length).toBe(0);
		expect(second.ok && second.value.already.length).toBe(9);
		expect(h.notifier.drafts).toHaveLength(9);
	});

	it('GIVEN a channel the bot cannot write to WHEN publishing THEN that unit is reported failed, the others go on, and a retry sends only it', async () => {
		await setUp();
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '2021-10-04 17:00' });
		h.notifier.failing.set(unitChannel(2), { ok: false, reason: 'missing-permission', detail: '50013' });
		const first = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		if (!first.ok) throw new Error('publish failed');
		expect(first.value.sent).toHaveLength(8);
		// Discord's 403 is reported like a preflight finding (the use-case harness has no probe to name the permission).
		expect(first.value.failed).toEqual([]);
		expect(first.value.blocked.map((b) => [b.unit.code, b.problems])).toEqual([
			['TKNLTS', [{ kind: 'refused', blocking: true }]],
		]);
		h.notifier.failing.clear();
		const retry = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(retry.ok && retry.value.sent.map((u) => u.code)).toEqual(['TKNLTS']);
		expect(h.notifier.drafts).toHaveLength(9);
	});

	it('GIVEN a unit that changes its answer WHEN shown THEN the latest counts and the history keeps both with who and when', async () => {
		const units = await setUp();
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '2021-10-04 17:00' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const u = units[0]!;
		await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([u.roleId], '7001', 'An'),
			round: { ref: 'R1' },
			unit: null,
			answer: 'comment',
			text: 'Góp ý 1',
		});
		h.clock.advance(60_000);
		await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([u.roleId], '7002', 'Bình'),
			round: { ref: 'R1' },
			unit: null,
			answer: 'agree',
		});
		const shown = await showAnswer(h.deps, {
			guildId: GUILD,
			actor: member([u.roleId], '7003'),
			round: 'R1',
			unit: undefined,
		});
		if (!shown.ok) throw new Error('show failed');
		expect(shown.value.history.map((a) => [a.version, a.answer, a.userName])).toEqual([
			[1, 'comment', 'An'],
			[2, 'agree', 'Bình'],
		]);
		const status = await loadRoundStatus(h.deps, shown.value.round);
		expect(status.tally.agreed).toBe(1);
		expect(status.tally.commented).toBe(0);
	});

	it('GIVEN the same interaction delivered twice WHEN recorded THEN the answer is stored once', async () => {
		const units = await setUp();
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '2021-10-04 17:00' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		const input = {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'agree' as const,
			interactionId: '999',
		};
		const [a, b] = await Promise.all([answerRound(h.deps, input), answerRound(h.deps, input)]);
		expect(a.ok && b.ok).toBe(true);
		expect((await h.deps.answers.history(1, units[0]!.id)).length).toBe(1);
	});

	it('GIVEN an answer after the deadline WHEN the round accepts late answers THEN it is recorded and marked late', async () => {
		const units = await setUp();
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '2021-10-04 17:00' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		h.clock.set('2021-10-04T10:00:01Z');
		const r = await answerRound(h.deps, {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: { ref: 'R1' },
			unit: null,
			answer: 'agree',
		});
		expect(r.ok && r.value.answer.late).toBe(true);
	});

	it('GIVEN a manual clock WHEN state changes THEN every audit event carries the clock time, who and what', async () => {
		await setUp();
		h.clock.set('2021-09-18T03:04:05Z');
		await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '04/10/2021 17:00' });
		const events = await h.db.prisma.auditEvent.findMany({ where: { action: 'round.create' } });
		expect(events.map((ev) => [ev.createdAt.toISOString(), ev.actorId, ev.subject])).toEqual([
			['2021-09-18T03:04:05.000Z', coordinator().userId, 'R1'],
		]);
		const unitEvents = await h.db.prisma.auditEvent.count({
			where: { action: 'unit.add', createdAt: new Date('2021-09-17T02:00:00Z') },
		});
		expect(unitEvents).toBe(9);
	});

	describe('bad input: nothing is saved and a typed reason comes back', () => {
		it.each([
			['a deadline in the past', { deadline: '16/09/2021 17:00' }, 'deadline-past'],
			['an unparsable deadline', { deadline: 'next friday' }, 'deadline-unparsable'],
			['31 February', { deadline: '31/02/2022 08:00' }, 'deadline-unparsable'],
			['an unknown unit code', { units: 'HTTKQG, NOPE' }, 'units-unknown'],
			['a title over 200 characters', { title: 'x'.repeat(201) }, 'too-long'],
			['a draft text over 4000 characters', { text: 'x'.repeat(4001) }, 'too-long'],
		])('GIVEN %s WHEN a round is created THEN it is refused', async (_name, override, code) => {
			await setUp();
			const r = await createRound(h.deps, {
				guildId: GUILD,
				actor: coordinator(),
				title: 'T',
				deadline: '04/10/2021 17:00',
				...override,
			});
			expect(r.ok ? 'ok' : r.error.code).toBe(code);
			expect(await h.deps.rounds.list(GUILD)).toHaveLength(0);
		});

		it('GIVEN a member without the coordinator role WHEN creating a round THEN refused', async () => {
			await setUp();
			const r = await createRound(h.deps, {
				guildId: GUILD,
				actor: member([unitRole(0)]),
				title: 'T',
				deadline: '04/10/2021 17:00',
			});
			expect(r.ok ? 'ok' : r.error.code).toBe('not-coordinator');
		});

		it('GIVEN a server without /setup WHEN a coordinator-only command runs THEN it says to run setup', async () => {
			const r = await createRound(h.deps, { guildId: GUILD, actor: admin(), title: 'T', deadline: '04/10/2021 17:00' });
			expect(r.ok ? 'ok' : r.error.code).toBe('not-set-up');
		});

		it.each([
			['a duplicate code', { code: 'tkg' }, 'unit-duplicate'],
			['a bad code', { code: 'TK G!' }, 'unit-bad-code'],
			['a code over 16 characters', { code: 'A'.repeat(17) }, 'unit-bad-code'],
			['a name over 100 characters', { name: 'x'.repeat(101) }, 'unit-bad-name'],
			[
				'a channel the bot cannot write to',
				{ channel: { id: '390000000000000001', writable: false, text: true } },
				'channel-not-writable',
			],
		])('GIVEN %s WHEN a unit is added THEN refused', async (_name, override, code) => {
			await setUp();
			const r = await addUnit(h.deps, {
				guildId: GUILD,
				actor: coordinator(),
				code: 'NEW',
				name: 'Đơn vị mới',
				channel: { id: '390000000000000002', writable: true, text: true },
				roleId: '290000000000000001',
				kind: 'provincial',
				...override,
			});
			expect(r.ok ? 'ok' : r.error.code).toBe(code);
			expect(await h.deps.units.list(GUILD)).toHaveLength(9);
		});

		it('GIVEN a unit with answers WHEN removed THEN it is archived, not deleted, and its code cannot be reused', async () => {
			const units = await setUp();
			await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '04/10/2021 17:00' });
			await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
			await answerRound(h.deps, {
				guildId: GUILD,
				actor: member([units[4]!.roleId]),
				round: { ref: 'R1' },
				unit: null,
				answer: 'agree',
			});
			const removed = await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: 'TKG' });
			expect(removed.ok && removed.value.outcome).toBe('archived');
			expect((await h.deps.units.list(GUILD)).map((u) => u.code)).not.toContain('TKG');
			const again = await addUnit(h.deps, {
				guildId: GUILD,
				actor: coordinator(),
				code: 'TKG',
				name: 'x',
				channel: { id: '1', writable: true, text: true },
				roleId: '2',
				kind: 'other',
			});
			expect(again.ok ? 'ok' : again.error.code).toBe('unit-duplicate-archived');
			const edit = await editUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: 'TKG', name: 'y' });
			expect(edit.ok ? 'ok' : edit.error.code).toBe('unit-unknown');
			// The archived unit's answer still counts in the round it answered.
			const status = await loadRoundStatus(h.deps, (await h.deps.rounds.findBySeq(GUILD, 1))!);
			expect(status.tally.agreed).toBe(1);
		});

		it('GIVEN a unit never used WHEN removed THEN it is deleted', async () => {
			await setUp();
			const removed = await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: 'PPCD' });
			expect(removed.ok && removed.value.outcome).toBe('deleted');
			const again = await addUnit(h.deps, {
				guildId: GUILD,
				actor: coordinator(),
				code: 'PPCD',
				name: 'x',
				channel: { id: '1', writable: true, text: true },
				roleId: '2',
				kind: 'other',
			});
			expect(again.ok).toBe(true);
		});

		it.each([['a round not yet published', 'draft', 'round-not-open']])(
			'GIVEN %s WHEN a unit answers THEN refused',
			async (_n, _s, code) => {
				const units = await setUp();
				await createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '04/10/2021 17:00' });
				const r = await answerRound(h.deps, {
					guildId: GUILD,
					actor: member([units[0]!.roleId]),
					round: { ref: 'R1' },
					unit: null,
					answer: 'agree',
				});
				expect(r.ok ? 'ok' : r.error.code).toBe(code);
			},
		);

		it('GIVEN answers that break the rules WHEN recorded THEN each is refused with its reason', async () => {
			const units = await setUp();
			await createRound(h.deps, {
				guildId: GUILD,
				actor: coordinator(),
				title: 'T',
				deadline: '04/10/2021 17:00',
				units: 'HTTKQG,TKCNXD',
			});
			await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
			const base = { guildId: GUILD, round: { ref: 'R1' }, answer: 'agree' as const };
			const code = async (p: Parameters<typeof answerRound>[1]) => {
				const r = await answerRound(h.deps, p);
				return r.ok ? 'ok' : r.error.code;
			};
			expect(await code({ ...base, actor: member(['999']), unit: null })).toBe('not-member');
			expect(await code({ ...base, actor: member([units[0]!.roleId]), unit: { code: 'TKCNXD' } })).toBe(
				'not-member-of-unit',
			);
			expect(await code({ ...base, actor: member([units[5]!.roleId]), unit: { code: 'TKDSLD' } })).toBe(
				'round-not-targeted',
			);
			expect(await code({ ...base, actor: member([units[0]!.roleId, units[1]!.roleId]), unit: null })).toBe(
				'choose-unit',
			);
			expect(await code({ ...base, round: { ref: 'R9' }, actor: member([units[0]!.roleId]), unit: null })).toBe(
				'round-unknown',
			);
			expect(await code({ ...base, actor: member([units[0]!.roleId]), unit: null, text: 'x'.repeat(1001) })).toBe(
				'too-long',
			);
			expect(
				await code({ ...base, answer: 'comment', actor: member([units[0]!.roleId]), unit: null, text: '  ' }),
			).toBe('text-required');
			expect(
				await code({
					...base,
					answer: 'comment',
					actor: member([units[0]!.roleId]),
					unit: null,
					text: 'x'.repeat(4001),
				}),
			).toBe('too-long');
			expect((await h.deps.answers.current(1)).size).toBe(0);
		});
	});
});

describe('/round create: what is stored, and where the limits are', () => {
	const create = (extra: Partial<Parameters<typeof createRound>[1]> = {}) =>
		createRound(h.deps, { guildId: GUILD, actor: coordinator(), title: 'T', deadline: '04/10/2021 17:00', ...extra });
	const stored = async (id: number) => h.db.prisma.round.findUniqueOrThrow({ where: { id } });

	it('GIVEN every option WHEN a round is created THEN the trimmed title, the ladder, the policies, the campaign, the text and the file are stored, with its audit event', async () => {
		await setUp();
		const file = { name: 'du-thao.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1') };
		const r = await create({
			title: '  Rà soát lần 2  ',
			campaign: 'KH 2022',
			text: 'Dự thảo chung',
			reminders: '-1wd, +2h',
			silence: 'consent',
			late: 'refuse',
			file,
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		const round = r.value.round;
		expect(r.value.from).toBeNull();
		expect([round.title, round.reminderLadder, round.silencePolicy, round.latePolicy]).toEqual([
			'Rà soát lần 2',
			'-1wd,+2h',
			'consent',
			'refuse',
		]);
		expect([round.campaignName, round.commonText, round.timezone]).toEqual([
			'KH 2022',
			'Dự thảo chung',
			'Asia/Ho_Chi_Minh',
		]);
		const files = await h.deps.rounds.draftFiles(round.id, r.value.units[0]!.id);
		expect(files.map((f) => [f.name, f.contentType, Buffer.from(f.data).toString()])).toEqual([
			['du-thao.pdf', 'application/pdf', '%PDF-1'],
		]);
		expect((await stored(round.id)).createdBy).toBe(coordinator().userId);
		const events = await h.db.prisma.auditEvent.findMany({ where: { action: 'round.create' } });
		expect(events.map((e) => [e.guildId, e.actorId, e.actorName, e.roundId])).toEqual([
			[GUILD, coordinator().userId, coordinator().userName, round.id],
		]);
	});

	it('GIVEN no option WHEN a round is created THEN it takes the server ladder, no policy, no text, no campaign, no file and every active unit', async () => {
		const units = await setUp();
		const r = await create({ reminders: '   ', from: '  ', units: '  ' });
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		const round = r.value.round;
		const settings = await h.deps.settings.get(GUILD);
		expect([round.reminderLadder, round.silencePolicy, round.latePolicy]).toEqual([
			settings!.reminderLadder,
			'none',
			'accept',
		]);
		expect([round.commonText, round.campaignName, (await stored(round.id)).fromRoundId]).toEqual([null, null, null]);
		expect(await h.deps.rounds.draftFiles(round.id, units[0]!.id)).toEqual([]);
		expect(r.value.units.map((u) => u.code).sort()).toEqual(units.map((u) => u.code).sort());
		expect((await h.deps.rounds.targets(round.id)).length).toBe(units.length);
	});

	it('GIVEN exactly the longest title, text and campaign (counted in characters, not UTF-16 units) WHEN a round is created THEN it is accepted', async () => {
		await setUp();
		const r = await create({ title: '😀'.repeat(200), text: '😀'.repeat(4000), campaign: '😀'.repeat(100) });
		expect(r.ok ? 'ok' : r.error).toBe('ok');
	});

	it.each([
		['a title one character too long', { title: 'ấ'.repeat(201) }, { code: 'too-long', field: 'title', max: 200 }],
		['a text one character too long', { text: 'ấ'.repeat(4001) }, { code: 'too-long', field: 'text', max: 4000 }],
		[
			'a campaign one character too long',
			{ campaign: 'ấ'.repeat(101) },
			{ code: 'too-long', field: 'campaign', max: 100 },
		],
		['a blank title', { title: '   ' }, { code: 'required', field: 'title' }],
		['a title of invisible characters only', { title: '\u200b\u200b' }, { code: 'required', field: 'title' }],
		[
			'an unparsable deadline (quoted, cut at 60 characters)',
			{ deadline: `  ${'x'.repeat(70)}` },
			{ code: 'deadline-unparsable', value: `  ${'x'.repeat(58)}` },
		],
		['unknown unit codes', { units: 'httkqg; nope,  x9 nope' }, { code: 'units-unknown', codes: ['NOPE', 'X9'] }],
	])('GIVEN %s WHEN a round is created THEN refused with that reason', async (_name, override, error) => {
		await setUp();
		expect(await create(override)).toEqual({ ok: false, error });
		expect(await h.deps.rounds.list(GUILD)).toHaveLength(0);
	});

	it('GIVEN a deadline exactly now THEN refused as past; one minute later THEN accepted', async () => {
		await setUp();
		h.clock.set('2021-10-04T10:00:00Z');
		const now = await create({ deadline: '04/10/2021 17:00' });
		expect(now.ok ? 'ok' : now.error.code).toBe('deadline-past');
		h.clock.set('2021-10-04T09:59:00Z');
		expect((await create({ deadline: '04/10/2021 17:00' })).ok).toBe(true);
	});

	it('GIVEN a server in a zone with summer time WHEN the deadline falls in the hour skipped THEN refused with the time it would shift to', async () => {
		await setUp();
		const moved = await setupServer(h.deps, {
			guildId: GUILD,
			actor: admin(),
			coordinatorRoleId: COORD_ROLE,
			reportChannel: { id: REPORT_CHANNEL, writable: true, text: true },
			language: 'vi',
			timezone: 'Europe/Paris',
		});
		expect(moved.ok).toBe(true);
		const r = await create({ deadline: ' 27/03/2022 02:30 ' });
		expect(r).toEqual({
			ok: false,
			error: {
				code: 'deadline-nonexistent',
				value: '27/03/2022 02:30',
				zone: 'Europe/Paris',
				shifted: new Date('2022-03-27T01:30:00Z'),
			},
		});
		// Spaces between the date and the time are allowed; the value quoted back is cut at 60 characters.
		const spaced = await create({ deadline: `27/03/2022${' '.repeat(60)}02:30` });
		expect(spaced.ok ? 'created' : [spaced.error.code, 'value' in spaced.error && spaced.error.value]).toEqual([
			'deadline-nonexistent',
			`27/03/2022${' '.repeat(50)}`,
		]);
	});

	it('GIVEN codes separated by commas, semicolons and spaces, in any case, repeated WHEN a round is created THEN it addresses each unit once, in the order typed', async () => {
		await setUp();
		const r = await create({ units: ' tkg;HTTKQG  tkg,,ppcd ' });
		expect(r.ok && r.value.units.map((u) => u.code)).toEqual(['TKG', 'HTTKQG', 'PPCD']);
	});

	it.each(['all', ' Tất  cả '])(
		'GIVEN units "%s" WHEN a round is created THEN it addresses every active unit',
		async (all) => {
			const units = await setUp();
			await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: units[8]!.code });
			const r = await create({ units: all });
			expect(r.ok && r.value.units.map((u) => u.code).sort()).toEqual(
				units
					.slice(0, 8)
					.map((u) => u.code)
					.sort(),
			);
		},
	);

	it('GIVEN a server with no active unit WHEN a round is created THEN refused: it would address nobody', async () => {
		const units = await setUp();
		for (const u of units) await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: u.code });
		const r = await create();
		expect(r).toEqual({ ok: false, error: { code: 'no-units' } });
	});

	it('GIVEN a published round WHEN a round is created from it THEN it takes its units still active, its text and campaign, unless given', async () => {
		const units = await setUp();
		await create({ units: 'TKG,PPCD,TTDL', text: 'Dự thảo lần 1', campaign: 'KH 2022' });
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		await removeUnit(h.deps, { guildId: GUILD, actor: coordinator(), code: 'PPCD' });
		const r = await create({ from: ' R1 ' });
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		expect(r.value.from?.code).toBe('R1');
		expect(r.value.units.map((u) => u.code)).toEqual(['TKG', 'TTDL']);
		expect([r.value.round.commonText, r.value.round.campaignName]).toEqual(['Dự thảo lần 1', 'KH 2022']);
		expect((await stored(r.value.round.id)).fromRoundId).toBe(r.value.from?.id);
		const own = await create({ from: 'R1', text: 'Dự thảo lần 3', campaign: 'KH 2023', units: 'HTTKQG' });
		if (!own.ok) throw new Error(JSON.stringify(own.error));
		expect([own.value.round.commonText, own.value.round.campaignName]).toEqual(['Dự thảo lần 3', 'KH 2023']);
		expect(own.value.units.map((u) => u.code)).toEqual(['HTTKQG']);
		expect(units).toHaveLength(9);
	});

	it('GIVEN no round R9, and R2 still a draft WHEN a round is created from either THEN refused and no round is made', async () => {
		await setUp();
		await create({ units: 'TKG' });
		await create({ units: 'TKG' });
		expect(await create({ from: 'R9' })).toEqual({ ok: false, error: { code: 'round-unknown', round: 'R9' } });
		expect(await create({ from: 'R2' })).toEqual({ ok: false, error: { code: 'from-draft', round: 'R2' } });
		expect(await h.db.prisma.round.count()).toBe(2);
	});
});

describe('/round draft: a unit’s own draft', () => {
	const draft = (extra: Partial<Parameters<typeof setUnitDraft>[1]> = {}) =>
		setUnitDraft(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1', unit: 'TKG', text: 'Riêng', ...extra });

	beforeEach(async () => {
		await setUp();
		await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'T',
			deadline: '04/10/2021 17:00',
			units: 'TKG,PPCD',
			text: 'Chung',
		});
	});

	it.each([
		['a member without the coordinator role', { actor: member([unitRole(0)]) }, { code: 'not-coordinator' }],
		['an unknown round', { round: 'R7' }, { code: 'round-unknown', round: 'R7' }],
		['an unknown unit', { unit: ' nope ' }, { code: 'unit-unknown', unit: 'NOPE' }],
		[
			'a unit the round does not address',
			{ unit: 'httkqg' },
			{ code: 'round-not-targeted', round: 'R1', unit: 'HTTKQG' },
		],
		['neither text nor file', { text: '  ' }, { code: 'draft-needs-content' }],
		['a text one character too long', { text: 'ấ'.repeat(4001) }, { code: 'too-long', field: 'text', max: 4000 }],
	])('GIVEN %s WHEN a draft is set THEN refused and nothing changes', async (_name, override, error) => {
		expect(await draft(override)).toEqual({ ok: false, error });
		expect((await h.deps.rounds.targets(1)).map((t) => t.ownDraft)).toEqual([false, false]);
	});

	it('GIVEN a published round WHEN a draft is set THEN refused', async () => {
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(await draft()).toEqual({ ok: false, error: { code: 'round-published', round: 'R1' } });
	});

	it('GIVEN the longest text WHEN set THEN stored as that unit’s draft, with its audit event', async () => {
		const r = await draft({ unit: 'tkg', text: '😀'.repeat(4000) });
		expect(r.ok && [r.value.unit.code, r.value.files]).toEqual(['TKG', 0]);
		const targets = await h.deps.rounds.targets(1);
		expect(targets.map((t) => [t.unit.code, t.ownDraft, t.draftText === '😀'.repeat(4000)])).toEqual([
			['PPCD', false, false],
			['TKG', true, true],
		]);
		const events = await h.db.prisma.auditEvent.findMany({ where: { action: 'round.draft' } });
		expect(events.map((e) => [e.actorId, e.actorName, e.subject])).toEqual([
			[coordinator().userId, coordinator().userName, 'TKG'],
		]);
	});

	it('GIVEN only a file WHEN set THEN the unit’s draft is that file, with no text', async () => {
		const file = { name: 'rieng.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-2') };
		const r = await draft({ text: undefined, file });
		expect(r.ok && r.value.files).toBe(1);
		const tkg = (await h.deps.rounds.targets(1)).find((t) => t.unit.code === 'TKG')!;
		expect([tkg.ownDraft, tkg.draftText]).toEqual([true, null]);
		expect((await h.deps.rounds.draftFiles(1, tkg.unit.id)).map((f) => f.name)).toEqual(['rieng.pdf']);
	});
});
