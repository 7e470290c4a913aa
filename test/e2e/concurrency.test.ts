import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import { buttonIds, draftPost, expectCleanDiscord, stateField } from '../fixtures/e2e/discord.ts';

const MEMBERS = 100;
const ACK_DEADLINE_MS = 3000;

let e: E2E;

beforeEach(async () => {
	e = await startE2E({ clock: new ManualClock('2021-09-17T02:00:00Z') });
	await setUpSeedServer(e);
});
afterEach(async () => {
	try {
		await expectCleanDiscord(e);
	} finally {
		await e.stop();
	}
});

describe('many members at once', () => {
	it(`GIVEN ${MEMBERS} unit members WHEN they all click Agree at the same moment THEN each click is acknowledged within Discord's 3 seconds, answered, and recorded exactly once`, async () => {
		await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Rà soát kế hoạch 2022',
			deadline: '04/10/2021 17:00',
			text: 'Dự thảo',
		});
		expect((await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' })).content).toContain(
			'đã gửi dự thảo tới 9 đơn vị',
		);

		// 100 representatives spread over the nine units (11 or 12 each).
		const clickers = Array.from({ length: MEMBERS }, (_, i) => {
			const unit = e.units[i % e.units.length]!;
			const userId = e.fake.createUser({ username: `member-${i}`, globalName: `Cán bộ ${i}`, locale: 'vi' }).id;
			e.fake.addMember(e.guildId, userId, [unit.roleId]);
			return { unit, userId };
		});
		const posts = new Map(e.units.map((u) => [u.code, draftPost(e, u.channelId)]));

		const firedAt = Date.now();
		const handles = clickers.map(({ unit, userId }) => {
			const post = posts.get(unit.code)!;
			return {
				unit,
				handle: e.fake.clickButton({
					guildId: e.guildId,
					channelId: unit.channelId,
					userId,
					messageId: post.id,
					customId: buttonIds(post)[0]!,
				}),
			};
		});
		const replies = await Promise.all(handles.map(({ handle }) => handle.reply({ timeoutMs: 60_000 })));

		for (const [i, { unit, handle }] of handles.entries()) {
			const state = handle.state();
			expect(handle.errors, `click ${i}`).toEqual([]);
			expect(state.callbacks, `click ${i}`).toBe(1);
			// Answered in the callback (type 4) when its work was quick, else acknowledged first (type 5) and edited.
			expect([4, 5], `click ${i}'s callback type`).toContain(state.callbackType);
			// The fake refuses a callback after 3 s (10062); measured from the moment all clicks were fired, too.
			expect((await handle.acked).at - firedAt, `click ${i} acknowledged after`).toBeLessThan(ACK_DEADLINE_MS);
			expect(replies[i]?.ephemeral).toBe(true);
			expect(replies[i]?.content).toBe(`Đã ghi nhận: đơn vị **${unit.code}** nhất trí với dự thảo của đợt **R1**.`);
		}

		// Draft posts are edited after the confirmations: wait until the bot has finished every interaction.
		await e.bot.router.idle();
		// Every click is one answer version; each unit's versions run 1..n without gaps or repeats.
		const round = (await e.bot.deps.rounds.list(e.guildId))[0]!;
		let total = 0;
		for (const unit of e.units) {
			const stored = (await e.bot.deps.units.findByCode(e.guildId, unit.code))!;
			const history = await e.bot.deps.answers.history(round.id, stored.id);
			const expected = clickers.filter((c) => c.unit.code === unit.code);
			expect(history.map((a) => a.version)).toEqual(expected.map((_, i) => i + 1));
			expect(new Set(history.map((a) => a.userId))).toEqual(new Set(expected.map((c) => c.userId)));
			total += history.length;
			// The draft post ends showing the unit's latest answer, whatever order the refreshes ran in.
			expect(stateField(draftPost(e, unit.channelId))).toBe(
				`✅ Nhất trí — <@${history.at(-1)?.userId}>, 17/09/2021 09:00`,
			);
		}
		expect(total).toBe(MEMBERS);
		// Clicks on one post are folded into a few edits of it, not one edit each (Discord allows 5 per 5 s).
		const edits = e.fake.requests.filter((r) => r.route === 'PATCH /channels/:channel/messages/:message');
		expect(edits.length).toBeGreaterThanOrEqual(e.units.length);
		expect(edits.length).toBeLessThan(MEMBERS);

		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1' });
		expect(status.content).toContain('9/9 đơn vị đã gửi ý kiến: cả 9 đơn vị đều nhất trí');
	});
});
