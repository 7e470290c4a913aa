import { describe, expect, it } from 'vitest';
import { countsAgainstGlobalLimit, isInteractionWebhook } from '../../src/discord/client.ts';

describe("interaction webhooks are kept out of discord.js's global limit", () => {
	it('GIVEN the edit of an interaction reply or a follow-up (no bot token) WHEN routed THEN it bypasses the global limit', () => {
		expect(isInteractionWebhook({ fullRoute: '/webhooks/123/tok/messages/@original', auth: false })).toBe(true);
		expect(isInteractionWebhook({ fullRoute: '/webhooks/123/tok', auth: false })).toBe(true);
	});

	it("GIVEN the bot's own requests (posts, edits of draft posts, webhooks with the token) WHEN routed THEN they stay under the global limit", () => {
		expect(isInteractionWebhook({ fullRoute: '/channels/1/messages', auth: true })).toBe(false);
		expect(isInteractionWebhook({ fullRoute: '/channels/1/messages/2' })).toBe(false);
		expect(isInteractionWebhook({ fullRoute: '/webhooks/123', auth: true })).toBe(false);
	});
});

describe("the bot's requests and Discord's global limit", () => {
	it('GIVEN interaction callbacks and webhooks (no bot token) WHEN routed THEN they are not paced; the bot-token requests are', () => {
		expect(countsAgainstGlobalLimit({ headers: { 'User-Agent': 'DiscordBot' } })).toBe(false);
		expect(countsAgainstGlobalLimit({})).toBe(false);
		expect(countsAgainstGlobalLimit({ headers: { Authorization: 'Bot abc', 'User-Agent': 'DiscordBot' } })).toBe(true);
		expect(countsAgainstGlobalLimit({ headers: new Headers({ authorization: 'Bot abc' }) })).toBe(true);
	});
});
