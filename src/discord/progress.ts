import type { Log } from '../app/deps.ts';
import type { Transport } from './context.ts';
import type { ReplyFile } from './views/text.ts';

/** Nothing is shown for work shorter than this… */
export const PROGRESS_AFTER_MS = 2000;
/** …and the reply is edited at most this often. */
export const PROGRESS_EVERY_MS = 2000;

/**
 * Progress of long work in the person's (deferred) reply: once the work has run for {@link PROGRESS_AFTER_MS}, the
 * reply is edited with `render(done, total)` at most every {@link PROGRESS_EVERY_MS}. Edits go out one at a time and
 * never fail the work; `settle()` waits for the last one, so the final answer always lands after them.
 * Real elapsed time (not the injected clock): this is about how long a person waits.
 */
export function replyProgress(
	answer: Pick<Transport, 'reply' | 'edit'>,
	render: (done: number, total: number) => string,
	log: Log,
	timing: { afterMs?: number; everyMs?: number; now?: () => number } = {},
) {
	const now = timing.now ?? (() => performance.now());
	const afterMs = timing.afterMs ?? PROGRESS_AFTER_MS;
	const everyMs = timing.everyMs ?? PROGRESS_EVERY_MS;
	const started = now();
	let lastEdit = -Infinity;
	let chain: Promise<void> = Promise.resolve();
	let edits = 0;
	return {
		update(done: number, total: number): void {
			const at = now();
			if (done >= total || at - started < afterMs || at - lastEdit < everyMs) return;
			lastEdit = at;
			edits++;
			const content = render(done, total);
			chain = chain.then(async () => {
				try {
					await answer.edit(content);
				} catch (error) {
					log.warn({ err: error }, 'progress edit failed');
				}
			});
		},
		/** How many progress edits were made. */
		get edits(): number {
			return edits;
		},
		settle(): Promise<void> {
			return chain;
		},
		/** The final answer, replacing the progress line (a plain reply when no progress was shown). */
		async finish(content: string, files: readonly ReplyFile[] = []): Promise<void> {
			await chain;
			if (edits === 0) return answer.reply(content, files);
			await answer.edit(content, files);
		},
	};
}

/**
 * Progress of work that goes through stages rather than counting (a long import: download, read, save): once the
 * work has run for {@link PROGRESS_AFTER_MS}, the reply shows the current stage, and a later stage replaces it at
 * most every {@link PROGRESS_EVERY_MS}. A timer does the showing, so a stage that blocks for a while (a large file
 * downloading) still shows. `finish` stops the timer and replaces the line with the final answer.
 */
export function replyStages(
	answer: Pick<Transport, 'reply' | 'edit'>,
	log: Log,
	timing: { afterMs?: number; everyMs?: number } = {},
) {
	const afterMs = timing.afterMs ?? PROGRESS_AFTER_MS;
	const everyMs = timing.everyMs ?? PROGRESS_EVERY_MS;
	let current: string | null = null;
	let shown: string | null = null;
	let edits = 0;
	let chain: Promise<void> = Promise.resolve();
	const show = () => {
		if (current === null || current === shown) return;
		const content = (shown = current);
		edits++;
		chain = chain.then(async () => {
			try {
				await answer.edit(content);
			} catch (error) {
				log.warn({ err: error }, 'progress edit failed');
			}
		});
	};
	let timer: ReturnType<typeof setInterval> | undefined;
	const first = setTimeout(() => {
		show();
		timer = setInterval(show, everyMs);
		timer.unref();
	}, afterMs);
	first.unref();
	const stop = () => {
		clearTimeout(first);
		if (timer) clearInterval(timer);
	};
	return {
		/** The stage the work is in now, shown when its turn comes. */
		stage(content: string): void {
			current = content;
		},
		/** How many progress edits were made. */
		get edits(): number {
			return edits;
		},
		/** The final answer, replacing the progress line (a plain reply when none was shown). */
		async finish(content: string, files: readonly ReplyFile[] = []): Promise<void> {
			stop();
			await chain;
			if (edits === 0) return answer.reply(content, files);
			await answer.edit(content, files);
		},
		/** Stops showing stages without answering (the work failed and answers otherwise). */
		async stop(): Promise<void> {
			stop();
			await chain;
		},
	};
}
