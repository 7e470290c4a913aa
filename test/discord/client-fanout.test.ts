import { Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordClient } from '../../src/discord/client.ts';
import { FakeDiscord } from '../support/fake-discord/index.ts';

let fake: FakeDiscord | undefined;
afterEach(async () => {
	await fake?.stop();
	fake = undefined;
});

describe("a fan-out through the bot's client", () => {
	it("GIVEN 120 posts at once, discord.js's own fixed-window limit off WHEN sent THEN the pacer alone keeps them under Discord's 50 in any sliding second: all posted, no 429", async () => {
		fake = await FakeDiscord.start();
		const guild = fake.createGuild({ name: 'Cục Thống kê' });
		const channels = Array.from({ length: 120 }, (_, i) => fake!.createChannel(guild.id, { name: `dv-${i}` }).id);
		const client = createDiscordClient({ apiUrl: fake.apiUrl });
		client.rest.setToken(fake.token);
		try {
			expect(client.rest.options.globalRequestsPerSecond).toBe(Number.POSITIVE_INFINITY);

			const posted = await Promise.all(
				channels.map((c) => client.rest.post(Routes.channelMessages(c), { body: { content: 'Dự thảo' } })),
			);

			expect(posted).toHaveLength(120);
			const posts = fake.requests.filter((r) => r.route === 'POST /channels/:channel/messages');
			expect(posts.filter((r) => r.status === 429)).toEqual([]);
			expect(posts.filter((r) => r.status === 200)).toHaveLength(120);
			// What the fake's sliding window saw: never more than 50 within one second.
			const at = posts.map((r) => r.at).sort((a, b) => a - b);
			for (let i = 50; i < at.length; i++) expect(at[i]! - at[i - 50]!).toBeGreaterThanOrEqual(1000);
		} finally {
			await client.destroy();
		}
	});
});
