import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Transport } from '../../src/discord/context.ts';
import { DEFER_AFTER_MS, deferredAtOnce, deferringLate } from '../../src/discord/router.ts';

/** A transport that records what was sent, in order; a deferral takes `deferMs` to be acknowledged. */
function recordingTransport(deferMs = 0) {
	const calls: string[] = [];
	const transport: Transport = {
		id: '1',
		guildId: 'g',
		locale: 'vi',
		actor: { userId: 'u', userName: 'U', roleIds: [], canManageGuild: false },
		reply: async (content) => void calls.push(`reply ${content}`),
		edit: async (content) => void calls.push(`edit ${content}`),
		defer: async () => {
			calls.push('defer sent');
			await new Promise((resolve) => setTimeout(resolve, deferMs));
			calls.push('defer acknowledged');
		},
		followUp: async (content) => void calls.push(`followUp ${content}`),
		showModal: async () => void calls.push('modal'),
		respond: async () => void calls.push('respond'),
		channels: () => [],
		roles: () => [],
		latencyMs: () => 0,
	};
	return { transport, calls };
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('a component answered in the initial callback unless its work is slow', () => {
	it('GIVEN work that answers within the deadline WHEN it replies THEN the reply is the first answer and no deferral is ever sent', async () => {
		const { transport, calls } = recordingTransport();
		const late = deferringLate(transport, DEFER_AFTER_MS);
		await vi.advanceTimersByTimeAsync(DEFER_AFTER_MS - 1);
		await late.transport.reply('ok');
		await vi.advanceTimersByTimeAsync(5 * DEFER_AFTER_MS);
		await late.settle();
		expect(calls).toEqual(['reply ok']);
	});

	it('GIVEN work still running when the deadline comes WHEN it replies later THEN it was deferred first, and the reply waits for the acknowledgement', async () => {
		const { transport, calls } = recordingTransport(200);
		const late = deferringLate(transport, DEFER_AFTER_MS);
		await vi.advanceTimersByTimeAsync(DEFER_AFTER_MS);
		expect(calls).toEqual(['defer sent']);
		// The work ends while the deferral is still on its way: the answer must not overtake it.
		const replied = late.transport.reply('ok');
		await vi.advanceTimersByTimeAsync(200);
		await replied;
		expect(calls).toEqual(['defer sent', 'defer acknowledged', 'reply ok']);
	});

	it('GIVEN work that fails after the deadline WHEN the router settles THEN it waits for the deferral, so the apology sees a deferred interaction', async () => {
		const { transport, calls } = recordingTransport(300);
		const late = deferringLate(transport, DEFER_AFTER_MS);
		await vi.advanceTimersByTimeAsync(DEFER_AFTER_MS);
		let settled = false;
		const settling = late.settle().then(() => (settled = true));
		await vi.advanceTimersByTimeAsync(299);
		expect(settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		await settling;
		expect(calls).toEqual(['defer sent', 'defer acknowledged']);
	});
});

describe('a slash command acknowledged at once, its work not waiting for the acknowledgement', () => {
	it('GIVEN a command WHEN its transport is made THEN the deferral is sent at once, and an answer made before it is acknowledged waits for it', async () => {
		const { transport, calls } = recordingTransport(200);
		const acked = deferredAtOnce(transport);
		expect(calls).toEqual(['defer sent']);
		const replied = acked.transport.edit('done');
		await vi.advanceTimersByTimeAsync(199);
		expect(calls).toEqual(['defer sent']);
		await vi.advanceTimersByTimeAsync(1);
		await replied;
		expect(calls).toEqual(['defer sent', 'defer acknowledged', 'edit done']);
	});

	it('GIVEN each way of answering WHEN used after the acknowledgement THEN it goes through, and a second deferral sends nothing', async () => {
		const { transport, calls } = recordingTransport(10);
		const acked = deferredAtOnce(transport);
		const deferred = acked.transport.defer();
		await vi.advanceTimersByTimeAsync(10);
		await deferred;
		await acked.transport.reply('r');
		await acked.transport.followUp('f');
		await acked.transport.showModal({ custom_id: 'm', title: 't', components: [] });
		await acked.settle();
		expect(calls).toEqual(['defer sent', 'defer acknowledged', 'reply r', 'followUp f', 'modal']);
	});

	it('GIVEN a deferral that fails WHEN the command answers THEN the answer fails the same way and is never sent, and settling does not throw', async () => {
		const { transport, calls } = recordingTransport();
		const refused = new Error('Unknown interaction');
		const acked = deferredAtOnce({ ...transport, defer: async () => Promise.reject(refused) });
		await expect(acked.transport.reply('late')).rejects.toBe(refused);
		await expect(acked.transport.edit('late')).rejects.toBe(refused);
		await expect(acked.settle()).resolves.toBeUndefined();
		expect(calls).toEqual([]);
	});
});
