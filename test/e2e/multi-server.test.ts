import { ButtonStyle, ComponentType, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as viCatalog } from '../../src/i18n/vi.ts';
import { ManualClock } from '../support/clock.ts';
import { dbSnapshot } from '../support/db-snapshot.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import type { SlashOptionValue } from '../support/fake-discord/index.ts';
import { botMessages, buttonIds, expectCleanDiscord } from '../fixtures/e2e/discord.ts';

/**
 * Issue 11: two servers on one bot and one fake Discord. Nothing of server A is reachable from server B: not by
 * typing A's round or unit codes or comment ids, not by autocomplete, not by a custom id copied from A's buttons.
 */

const clock = new ManualClock('2026-03-02T02:00:00Z');
let e: E2E;
const B = {
	guildId: '',
	coordRoleId: '',
	reportChannelId: '',
	channelId: '',
	roleId: '',
	coordinatorId: '',
	memberId: '',
};
const SECRET_TITLE = 'Kế hoạch mật của máy chủ A';
let aRoundId = 0;
let aUnitId = 0;
let aCommentRef = '';

function runInB(
	userId: string,
	name: string,
	subcommand: string | undefined,
	options: Record<string, SlashOptionValue> = {},
) {
	return e.fake
		.slashCommand({
			guildId: B.guildId,
			channelId: B.channelId,
			userId,
			name,
			...(subcommand ? { subcommand } : {}),
			options,
		})
		.reply({ timeoutMs: 10_000 })
		.then(async (reply) => {
			await e.bot.router.idle();
			return reply;
		});
}

beforeAll(async () => {
	e = await startE2E({ clock });
	await setUpSeedServer(e);
	const tkg = e.units.find((u) => u.code === 'TKG')!;
	expect(
		(
			await e.run(e.coordinatorId, 'round', 'create', {
				title: SECRET_TITLE,
				deadline: '30/03/2026 17:00',
				text: 'D',
				units: 'TKG',
			})
		).content,
	).toContain('R1');
	expect((await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' })).content).toContain('R1');
	expect((await e.run(tkg.memberId, 'feedback', 'comment', { round: 'R1', text: 'Góp ý mật' })).content).toContain(
		'R1',
	);
	const round = (await e.bot.deps.rounds.list(e.guildId))[0]!;
	aRoundId = round.id;
	aUnitId = (await e.bot.deps.units.findByCode(e.guildId, 'TKG'))!.id;
	aCommentRef = `C${(await e.bot.deps.answers.current(round.id)).get(aUnitId)!.id}`;

	// Server B: its own coordinator role, report channel, and one unit with the same code as one of A's.
	B.guildId = e.fake.createGuild({ name: 'Máy chủ B', locale: 'vi' }).id;
	B.coordRoleId = e.fake.createRole(B.guildId, { name: 'Điều phối B' }).id;
	B.reportChannelId = e.fake.createChannel(B.guildId, { name: 'bao-cao-b' }).id;
	B.channelId = e.fake.createChannel(B.guildId, { name: 'tkg-b' }).id;
	B.roleId = e.fake.createRole(B.guildId, { name: 'TKG B' }).id;
	B.coordinatorId = e.fake.createUser({ username: 'dieuphoi-b', locale: 'vi' }).id;
	e.fake.addMember(B.guildId, B.coordinatorId, [B.coordRoleId]);
	B.memberId = e.fake.createUser({ username: 'canbo-b', locale: 'vi' }).id;
	e.fake.addMember(B.guildId, B.memberId, [B.roleId]);
	// A's coordinator is also a plain member of B.
	e.fake.addMember(B.guildId, e.coordinatorId, []);
	const ownerB = e.fake.createUser({ username: 'quantri-b', locale: 'vi' }).id;
	e.fake.addMember(B.guildId, ownerB, [], { permissions: 0x20n });
	await new Promise((r) => setTimeout(r, 100)); // GUILD_CREATE and member events reach the bot
	const setup = await runInB(ownerB, 'setup', undefined, {
		coordinator_role: { type: 'role', id: B.coordRoleId },
		report_channel: { type: 'channel', id: B.reportChannelId },
	});
	expect(setup.content).toContain(B.reportChannelId);
	const added = await runInB(B.coordinatorId, 'unit', 'add', {
		code: 'TKG',
		name: 'Đơn vị TKG của B',
		channel: { type: 'channel', id: B.channelId },
		role: { type: 'role', id: B.roleId },
	});
	expect(added.content).toContain('TKG');
}, 60_000);

afterAll(async () => {
	try {
		await expectCleanDiscord(e);
	} finally {
		await e.stop();
	}
});

/** Runs in B and checks the answer was private, left the database alone, and shows nothing of A. */
async function fromB(
	userId: string,
	name: string,
	sub: string | undefined,
	options: Record<string, SlashOptionValue> = {},
) {
	const before = dbSnapshot(e.dbUrl);
	const reply = await runInB(userId, name, sub, options);
	expect(reply.ephemeral).toBe(true);
	expect(dbSnapshot(e.dbUrl), `${name} ${sub ?? ''} in B changed the database`).toBe(before);
	const seen = reply.content + reply.attachments.map((a) => a.data.toString('utf8')).join('\n');
	expect(seen).not.toContain(SECRET_TITLE);
	expect(seen).not.toContain('Góp ý mật');
	for (const u of e.units.filter((x) => x.code !== 'TKG')) expect(seen).not.toContain(u.code);
	return reply.content;
}

describe('two servers on one bot (issue 11)', () => {
	it("GIVEN A's round code WHEN B's coordinator names it THEN B has no such round", async () => {
		for (const [sub, options] of [
			['status', { round: 'R1' }],
			['report', { round: 'R1' }],
			['extend', { round: 'R1', deadline: '31/03/2026 17:00' }],
			['close', { round: 'R1' }],
			['remind', { round: 'R1' }],
			['publish', { round: 'R1' }],
		] as const) {
			expect(await fromB(B.coordinatorId, 'round', sub, options)).toBe(viCatalog.round.unknown({ id: 'R1' }));
		}
	});

	it("GIVEN A's units, answers and comments WHEN B's people name them THEN nothing of A is found", async () => {
		// The typed code is echoed back; B's unit list has no such unit, and nothing was written.
		const before = dbSnapshot(e.dbUrl);
		const edit = await runInB(B.coordinatorId, 'unit', 'edit', { code: 'HTTKQG', name: 'x' });
		expect(edit.content).toBe(viCatalog.unit.unknown({ code: 'HTTKQG' }));
		expect(dbSnapshot(e.dbUrl)).toBe(before);
		expect(await fromB(B.coordinatorId, 'feedback', 'show', { round: 'R1', unit: 'TKG' })).toBe(
			viCatalog.round.unknown({ id: 'R1' }),
		);
		expect(await fromB(B.memberId, 'feedback', 'agree', { round: 'R1' })).toBe(viCatalog.round.unknown({ id: 'R1' }));
		expect(await fromB(B.coordinatorId, 'comment', 'resolve', { comment: aCommentRef, outcome: 'accepted' })).toBe(
			viCatalog.commentOutcome.unknown({ comment: aCommentRef }),
		);
		const list = await fromB(B.coordinatorId, 'unit', 'list');
		expect(list).toContain('Đơn vị TKG của B');
		await fromB(B.coordinatorId, 'round', 'list');
		await fromB(B.coordinatorId, 'audit', 'export', {});
	});

	it("GIVEN A's coordinator WHEN they act in B where they hold no role THEN they are no coordinator there", async () => {
		expect(await fromB(e.coordinatorId, 'round', 'list')).toBe(viCatalog.errors.notCoordinator);
		expect(await fromB(e.coordinatorId, 'unit', 'list')).toBe(viCatalog.errors.notCoordinator);
	});

	it.each([
		['round', 'status', 'round'],
		['feedback', 'agree', 'round'],
		['feedback', 'record', 'unit'],
		['unit', 'edit', 'code'],
		['comment', 'resolve', 'comment'],
		['audit', 'export', 'round'],
	])(
		"GIVEN B's coordinator and member WHEN they autocomplete /%s %s %s THEN nothing of A is suggested",
		async (name, subcommand, focused) => {
			for (const userId of [B.coordinatorId, B.memberId]) {
				const choices = await e.fake.autocomplete({
					guildId: B.guildId,
					channelId: B.channelId,
					userId,
					name,
					subcommand,
					options: { [focused]: '' },
					focused,
					value: '',
				});
				const text = JSON.stringify(choices);
				expect(text).not.toContain(SECRET_TITLE);
				expect(text).not.toContain(aCommentRef);
				for (const u of e.units.filter((x) => x.code !== 'TKG')) expect(text).not.toContain(u.code);
			}
		},
	);

	it("GIVEN custom ids copied from A's draft post WHEN used in B (a button on a message in B, the comment modal) THEN the answer is 'no longer available' and nothing is recorded", async () => {
		const tkg = e.units.find((u) => u.code === 'TKG')!;
		const ids = buttonIds(botMessages(e, tkg.channelId)[0]!);
		expect(ids[0]).toContain(`:${aRoundId}:${aUnitId}`);
		// A message in B carrying A's buttons, as someone copying the ids would arrange.
		const forged = (await e.bot.client.rest.post(Routes.channelMessages(B.channelId), {
			body: {
				content: 'copy',
				components: [
					{
						type: ComponentType.ActionRow,
						components: ids.map((custom_id, i) => ({
							type: ComponentType.Button,
							style: ButtonStyle.Primary,
							label: `b${i}`,
							custom_id,
						})),
					},
				],
			},
		})) as { id: string };
		const before = dbSnapshot(e.dbUrl);
		const clicked = await e.fake
			.clickButton({
				guildId: B.guildId,
				channelId: B.channelId,
				userId: B.memberId,
				messageId: forged.id,
				customId: ids[0]!,
			})
			.reply();
		await e.bot.router.idle();
		expect(clicked.content).toBe(viCatalog.errors.unavailable);
		const submitted = await e.fake
			.submitModal({
				guildId: B.guildId,
				channelId: B.channelId,
				userId: B.memberId,
				customId: `g1:comment-modal:${aRoundId}:${aUnitId}`,
				fields: { text: 'Góp ý từ B', items: '' },
			})
			.reply();
		await e.bot.router.idle();
		expect(submitted.ephemeral).toBe(true);
		expect(submitted.content).toBe(viCatalog.errors.unavailable);
		expect(dbSnapshot(e.dbUrl)).toBe(before);
		// The copy is removed again: it is not the bot's own post for any unit.
		await e.bot.client.rest.delete(Routes.channelMessage(B.channelId, forged.id));
	});
});
