import { GatewayDispatchEvents } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BURST_DEFER_AFTER_MS, QUICK_ANSWER_MAX_IN_FLIGHT } from '../../src/discord/router.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';

let e: E2E;
beforeEach(async () => {
	e = await startE2E();
});
afterEach(async () => {
	await e.stop();
});

const EDIT_ORIGINAL = /^PATCH \/webhooks\/[^/]+\/[^/]+\/messages\/@original$/;

describe('issue 11 defect 9: an answer for every interaction, and one handling per interaction', () => {
	it('GIVEN every edit of a deferred reply failing with 500 WHEN a person runs a command THEN a follow-up tells them something went wrong', async () => {
		e.fake.faults.serverError(EDIT_ORIGINAL, 20, 500);
		const handle = e.fake.slashCommand({
			guildId: e.guildId,
			channelId: e.generalChannelId,
			userId: e.outsiderId,
			name: 'ping',
		});
		// The first follow-up after a defer takes the place of "thinking…": what the person sees is the apology.
		const apology = await handle.reply({ timeoutMs: 10_000 });
		await e.bot.router.idle();
		expect(apology.ephemeral).toBe(true);
		expect(apology.content).toMatch(/mã sự cố `[0-9A-F]{8}`/);
		const webhook = e.fake.requests.filter((r) => r.path.startsWith(`/webhooks/`) && r.path.includes(handle.token));
		const edits = webhook.filter((r) => r.method === 'PATCH');
		expect(edits.length).toBeGreaterThan(0);
		expect(edits.every((r) => r.status === 500)).toBe(true);
		// One follow-up, accepted (204: sent without `wait`, Discord returns no message).
		expect(webhook.filter((r) => r.method === 'POST' && r.status >= 200 && r.status < 300)).toHaveLength(1);
	});

	it('GIVEN answers by button at once, whose deferred confirmations cannot be written WHEN the edits fail THEN those people are told by a follow-up, and every answer is kept once', async () => {
		await setUpSeedServer(e);
		const unit = e.units[0]!;
		const created = await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Kế hoạch 2026',
			deadline: '2099-12-31 17:00',
			units: unit.code,
			text: 'Dự thảo',
		});
		expect(created.content).toContain('R1');
		await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		const post = e.fake.messages(unit.channelId).at(-1)!;
		const agree = post.components[0].components[0].custom_id as string;
		e.fake.faults.serverError(EDIT_ORIGINAL, 100, 500);
		// A slow database: the clicks' work outlasts the time they may take to answer in the initial callback, so they
		// are deferred and answered by edits, which Discord refuses.
		const append = e.bot.deps.answers.append.bind(e.bot.deps.answers);
		vi.spyOn(e.bot.deps.answers, 'append').mockImplementation(async (...args) => {
			await new Promise((resolve) => setTimeout(resolve, BURST_DEFER_AFTER_MS + 250));
			return append(...args);
		});
		// Several members of the unit at once.
		const clicks = 2 * QUICK_ANSWER_MAX_IN_FLIGHT + 2;
		const members = Array.from({ length: clicks }, (_, i) => {
			const id = i === 0 ? unit.memberId : e.fake.createUser({ username: `member-${i}`, locale: 'vi' }).id;
			if (i > 0) e.fake.addMember(e.guildId, id, [unit.roleId]);
			return id;
		});
		const handles = members.map((userId) =>
			e.fake.clickButton({
				guildId: e.guildId,
				channelId: unit.channelId,
				userId,
				messageId: post.id,
				customId: agree,
			}),
		);
		const replies = await Promise.all(handles.map((h) => h.reply({ timeoutMs: 10_000 })));
		await e.bot.router.idle();
		const deferred = handles.flatMap((h, i) => (h.state().callbackType === 5 ? [replies[i]!] : []));
		const direct = handles.flatMap((h, i) => (h.state().callbackType === 4 ? [replies[i]!] : []));
		expect(deferred.length).toBeGreaterThan(0);
		expect(deferred.length + direct.length).toBe(clicks);
		for (const apology of deferred) expect(apology.content).toMatch(/mã sự cố `[0-9A-F]{8}`/);
		for (const confirmation of direct) expect(confirmation.content).toContain('Đã ghi nhận');
		e.fake.faults.clear();
		const shown = await e.run(unit.memberId, 'feedback', 'show', { round: 'R1' });
		expect(shown.content.match(/^\d+\. /gm) ?? []).toHaveLength(clicks);
	});

	it('GIVEN resumable INVALID_SESSIONs as an interaction arrives WHEN the gateway delivers it again on RESUME THEN it is handled once: one callback, none rejected', async () => {
		let deliveries = 0;
		e.bot.client.ws.on(GatewayDispatchEvents.InteractionCreate, () => deliveries++);
		const resumed = e.fake.waitForGatewayEvent('RESUMED');
		const handle = e.fake.slashCommand({
			guildId: e.guildId,
			channelId: e.generalChannelId,
			userId: e.outsiderId,
			name: 'ping',
		});
		e.fake.faults.invalidSession(true);
		e.fake.faults.invalidSession(true);
		const reply = await handle.reply();
		await resumed;
		await new Promise((r) => setTimeout(r, 1000));
		await e.bot.router.idle();
		// Discord's part: the same interaction reached the bot more than once.
		expect(deliveries).toBeGreaterThan(1);
		// The bot's part: it answered once, and Discord rejected nothing.
		expect(reply.content).toMatch(/^Bot đang hoạt động\./);
		expect(handle.state().callbacks).toBe(1);
		expect(handle.errors).toEqual([]);
		expect(handle.followUps).toEqual([]);
	});
});
