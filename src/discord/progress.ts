import type { Log } from '../app/deps.ts';
import type { AttachmentPayload } from 'discord.js';
import { replyPrivately, type Repliable } from './respond.ts';
import { clip, MESSAGE_LIMIT } from './views/errors.ts';

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
	interaction: Repliable,
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
			const content = clip(render(done, total), MESSAGE_LIMIT);
			chain = chain.then(async () => {
				try {
					if (interaction.deferred || interaction.replied) {
						await interaction.editReply({ content, allowedMentions: { parse: [] } });
					}
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
		/**
		 * The final answer, replacing the progress line. (discord.js counts an edited deferred reply as replied, after
		 * which a plain private reply would become a second message.)
		 */
		async finish(content: string, files: AttachmentPayload[] = []): Promise<void> {
			await chain;
			if (edits === 0) return replyPrivately(interaction, content, files);
			await interaction.editReply({ content: clip(content, MESSAGE_LIMIT), files, allowedMentions: { parse: [] } });
		},
	};
}
