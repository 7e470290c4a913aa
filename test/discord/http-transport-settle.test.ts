import { DiscordAPIError, type REST } from 'discord.js';
import { InteractionType, type APIInteraction } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpTransport, SETTLE_MS } from '../../src/discord/http-transport.ts';

// After an answer given as the HTTP response (http interactions mode), Discord may not have taken it in when the
// edit that follows arrives: Unknown Webhook (10015). The edit is tried again, soon at first: a person waits for it.

const raw = {
	id: '1',
	application_id: '2',
	token: 'tok',
	type: InteractionType.MessageComponent,
	guild_id: '3',
	locale: 'vi',
	member: { user: { id: '4', username: 'u' }, roles: [], permissions: '0' },
} as unknown as APIInteraction;

const unknownWebhook = () =>
	new DiscordAPIError({ code: 10015, message: 'Unknown Webhook' }, 10015, 404, 'PATCH', '/webhooks/2/tok', {});

/** A REST whose PATCHes fail with Unknown Webhook `failures` times, then succeed; the times of every call. */
function flakyRest(failures: number): { rest: REST; calls: number[] } {
	const calls: number[] = [];
	const rest = {
		patch: () => {
			calls.push(Date.now());
			return calls.length <= failures ? Promise.reject(unknownWebhook()) : Promise.resolve({});
		},
	} as unknown as REST;
	return { rest, calls };
}

async function deferredEdit(rest: REST): Promise<{ edit: Promise<void>; start: number }> {
	const t = new HttpTransport(raw, rest);
	// The deliverer (the endpoint) sends the first answer as its HTTP response, then says so.
	void t.initial.then(() => t.delivered());
	await t.defer();
	const start = Date.now();
	return { edit: t.edit('Đã ghi nhận'), start };
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('an edit Discord does not know yet (Unknown Webhook) after an HTTP answer', () => {
	it('GIVEN three refusals WHEN edited THEN the fourth try succeeds 300 ms after the first, not seconds later', async () => {
		const { rest, calls } = flakyRest(3);
		const { edit, start } = await deferredEdit(rest);
		await vi.advanceTimersByTimeAsync(1000);
		await edit;
		expect(calls.map((c) => c - start)).toEqual([0, 50, 150, 300]);
	});

	it('GIVEN refusals that never end WHEN edited THEN it gives up after the ladder (about 7 s) with the error', async () => {
		const { rest, calls } = flakyRest(Number.POSITIVE_INFINITY);
		const { edit } = await deferredEdit(rest);
		const failed = expect(edit).rejects.toThrow('Unknown Webhook');
		await vi.advanceTimersByTimeAsync(10_000);
		await failed;
		expect(calls).toHaveLength(SETTLE_MS.length + 1);
		expect(SETTLE_MS.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(7000);
	});

	it('GIVEN another error WHEN edited THEN it is not tried again', async () => {
		const calls: number[] = [];
		const rest = {
			patch: () => {
				calls.push(Date.now());
				return Promise.reject(
					new DiscordAPIError({ code: 50001, message: 'Missing Access' }, 50001, 403, 'PATCH', '/x', {}),
				);
			},
		} as unknown as REST;
		const { edit } = await deferredEdit(rest);
		await expect(edit).rejects.toThrow('Missing Access');
		expect(calls).toHaveLength(1);
	});
});
