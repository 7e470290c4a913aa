import { afterEach, describe, expect, it, vi } from 'vitest';
import { replyProgress, replyStages } from '../../src/discord/progress.ts';

function fakeAnswer() {
	const shown: string[] = [];
	const calls: Array<'reply' | 'edit'> = [];
	const answer = {
		async reply(content: string) {
			calls.push('reply');
			shown.push(content);
			return Promise.resolve();
		},
		async edit(content: string) {
			calls.push('edit');
			shown.push(content);
			return Promise.resolve();
		},
	};
	return { answer, shown, calls };
}

const log = { info: () => {}, warn: () => {}, error: () => {} };

describe('replyProgress', () => {
	it('GIVEN work reporting every 100 ms for 7 s WHEN tracked THEN nothing shows in the first 2 s, then one edit at most every 2 s, and the final answer replaces it', async () => {
		const { answer, shown, calls } = fakeAnswer();
		let now = 0;
		const progress = replyProgress(answer, (d, t) => `${String(d)}/${String(t)}`, log, { now: () => now });
		for (let done = 0; done < 70; done++) {
			now = done * 100;
			progress.update(done, 70);
		}
		progress.update(70, 70);
		await progress.finish('done');
		expect(shown).toEqual(['20/70', '40/70', '60/70', 'done']);
		expect(calls).toEqual(['edit', 'edit', 'edit', 'edit']);
	});

	it('GIVEN work done within 2 s WHEN tracked THEN no progress edit, the answer is a plain private reply', async () => {
		const { answer, shown, calls } = fakeAnswer();
		let now = 0;
		const progress = replyProgress(answer, (d, t) => `${String(d)}/${String(t)}`, log, { now: () => now });
		for (let done = 0; done < 10; done++) {
			now = done * 100;
			progress.update(done, 10);
		}
		await progress.finish('done');
		expect(progress.edits).toBe(0);
		expect(shown).toEqual(['done']);
		expect(calls).toEqual(['reply']);
	});

	it('GIVEN a progress edit that fails WHEN the work goes on THEN the work is not failed and the final answer still lands', async () => {
		let now = 0;
		const shown: string[] = [];
		let first = true;
		const answer = {
			reply: async () => {},
			async edit(content: string) {
				if (first) {
					first = false;
					throw new Error('edit refused');
				}
				shown.push(content);
			},
		};
		const progress = replyProgress(answer, (d, t) => `${String(d)}/${String(t)}`, log, { now: () => now });
		now = 2500;
		progress.update(5, 10);
		await progress.finish('done');
		expect(shown).toEqual(['done']);
	});
});

describe('replyStages', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('GIVEN an import going through three stages over 7 s WHEN tracked THEN nothing shows in the first 2 s, each new stage shows at most every 2 s, and the outcome replaces it', async () => {
		vi.useFakeTimers();
		const { answer, shown, calls } = fakeAnswer();
		const stages = replyStages(answer, log);
		stages.stage('downloading');
		await vi.advanceTimersByTimeAsync(1900);
		expect(shown).toEqual([]);
		await vi.advanceTimersByTimeAsync(200);
		expect(shown).toEqual(['downloading']);
		// A stage that comes and goes between two ticks is never shown; an unchanged stage is not shown again.
		stages.stage('reading');
		stages.stage('saving');
		await vi.advanceTimersByTimeAsync(2000);
		expect(shown).toEqual(['downloading', 'saving']);
		await vi.advanceTimersByTimeAsync(3000);
		expect(shown).toEqual(['downloading', 'saving']);
		await stages.finish('done');
		expect(shown).toEqual(['downloading', 'saving', 'done']);
		expect(calls).toEqual(['edit', 'edit', 'edit']);
		// Nothing more after the outcome.
		stages.stage('late');
		await vi.advanceTimersByTimeAsync(10_000);
		expect(shown.at(-1)).toBe('done');
	});

	it('GIVEN an import done within 2 s WHEN tracked THEN no stage shows, the outcome is a plain reply, and no timer fires later', async () => {
		vi.useFakeTimers();
		const { answer, shown, calls } = fakeAnswer();
		const stages = replyStages(answer, log);
		stages.stage('downloading');
		await vi.advanceTimersByTimeAsync(500);
		await stages.finish('done');
		await vi.advanceTimersByTimeAsync(10_000);
		expect(shown).toEqual(['done']);
		expect(calls).toEqual(['reply']);
	});

	it('GIVEN an import that fails after showing a stage WHEN stopped THEN no further stage shows', async () => {
		vi.useFakeTimers();
		const { answer, shown } = fakeAnswer();
		const stages = replyStages(answer, log);
		stages.stage('downloading');
		await vi.advanceTimersByTimeAsync(2100);
		await stages.stop();
		stages.stage('saving');
		await vi.advanceTimersByTimeAsync(10_000);
		expect(shown).toEqual(['downloading']);
	});
});
