import { Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e-harness.ts';

let e: E2E;
beforeEach(async () => {
	e = await startE2E();
});
afterEach(async () => {
	await e.stop();
});

describe('the bot started as main starts it, against the fake Discord', () => {
	it('GIVEN a running bot WHEN a member runs /ping THEN an ephemeral reply in their language says the bot and database are fine', async () => {
		const vi = await e.run(e.outsiderId, 'ping', undefined);
		expect(vi.ephemeral).toBe(true);
		expect(vi.content).toMatch(/^Bot đang hoạt động\. .*cơ sở dữ liệu: hoạt động tốt/);
		const en = await e.run(e.outsiderId, 'ping', undefined, {}, 'en-US');
		expect(en.content).toMatch(/^The bot is running\. .*database: OK/);
	});

	it('GIVEN a handler that throws WHEN the command runs THEN the person still gets an ephemeral apology with an incident id', async () => {
		e.bot.deps.units.list = () => Promise.reject(new Error('disk on fire'));
		await e.run(e.adminId, 'setup', undefined, {
			coordinator_role: { type: 'role', id: e.coordRoleId },
			report_channel: { type: 'channel', id: e.reportChannelId },
		});
		const reply = await e.run(e.coordinatorId, 'unit', 'list');
		expect(reply.ephemeral).toBe(true);
		expect(reply.content).toMatch(/mã sự cố `[0-9A-F]{8}`/);
		expect(reply.content).not.toContain('disk on fire');
	});

	it('GIVEN a command the bot does not know WHEN it arrives THEN the answer is "no longer available"', async () => {
		const reply = await e.run(e.outsiderId, 'obsolete', undefined);
		expect(reply.ephemeral).toBe(true);
		expect(reply.content).toBe('Thao tác này không còn khả dụng.');
	});

	it('GIVEN a stale button from an older version WHEN clicked THEN the answer is "no longer available"', async () => {
		// A message an older version of the bot posted, with a button id in a format this version no longer reads.
		const posted = (await e.bot.client.rest.post(Routes.channelMessages(e.generalChannelId), {
			body: {
				content: 'old',
				components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Agree', custom_id: 'v0:agree:1:1' }] }],
			},
		})) as { id: string };
		const handle = e.fake.clickButton({
			guildId: e.guildId,
			channelId: e.generalChannelId,
			userId: e.outsiderId,
			messageId: posted.id,
			customId: 'v0:agree:1:1',
		});
		const reply = await handle.reply();
		expect(reply.ephemeral).toBe(true);
		expect(reply.content).toBe('Thao tác này không còn khả dụng.');
	});

	it('GIVEN the bot WHEN it runs THEN it never hits an unknown route of the API', async () => {
		await e.run(e.outsiderId, 'ping', undefined);
		expect(e.fake.unknownRequests()).toEqual([]);
	});
});
