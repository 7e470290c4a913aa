import { describe, expect, it } from 'vitest';
import type { Repliable } from '../../src/discord/respond.ts';
import { replyProgress } from '../../src/discord/progress.ts';

function fakeInteraction() {
	const edits: string[] = [];
	const interaction = {
		deferred: true,
		replied: false,
		async editReply(payload: { content: string }) {
			edits.push(payload.content);
			interaction.replied = true;
			return Promise.resolve();
		},
	};
	return { interaction: interaction as unknown as Repliable, edits };
}

const log = { info: () => {}, warn: () => {}, error: () => {} };

describe('replyProgress', () => {
	it('GIVEN work reporting every 100 ms for 7 s WHEN tracked THEN nothing shows in the first 2 s, then one edit at most every 2 s, and the final answer replaces it', async () => {
		const { interaction, edits } = fakeInteraction();
		let now = 0;
		const progress = replyProgress(interaction, (d, t) => `${String(d)}/${String(t)}`, log, { now: () => now });
		for (let done = 0; done < 70; done++) {
			now = done * 100;
			progress.update(done, 70);
		}
		progress.update(70, 70);
		await progress.finish('done');
		expect(edits).toEqual(['20/70', '40/70', '60/70', 'done']);
	});

	it('GIVEN work done within 2 s WHEN tracked THEN no progress edit, the answer is a plain private reply', async () => {
		const { interaction, edits } = fakeInteraction();
		let now = 0;
		const progress = replyProgress(interaction, (d, t) => `${String(d)}/${String(t)}`, log, { now: () => now });
		for (let done = 0; done < 10; done++) {
			now = done * 100;
			progress.update(done, 10);
		}
		await progress.finish('done');
		expect(progress.edits).toBe(0);
		expect(edits).toEqual(['done']);
	});
});
