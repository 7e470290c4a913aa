/**
 * Keeps the bot's own fan-out (drafts, reminders, notices) under a number of requests in any sliding 1-second
 * window. discord.js limits itself with fixed windows, which can burst to about twice its limit across a window
 * edge; Discord counts in sliding windows and answers such bursts with 429s. Pacing here avoids provoking them.
 */
export class Pacer {
	private readonly sent: number[] = [];
	private chain: Promise<void> = Promise.resolve();

	constructor(
		private readonly perWindow: number,
		private readonly windowMs = 1000,
		private readonly now: () => number = () => performance.now(),
	) {}

	/** Resolves when one more request fits in the window; callers are served in order. */
	take(): Promise<void> {
		const turn = this.chain.then(() => this.wait());
		this.chain = turn;
		return turn;
	}

	private async wait(): Promise<void> {
		for (;;) {
			const now = this.now();
			while (this.sent.length > 0 && now - (this.sent[0] ?? 0) >= this.windowMs) this.sent.shift();
			if (this.sent.length < this.perWindow) {
				this.sent.push(now);
				return;
			}
			const delay = this.windowMs - (now - (this.sent[0] ?? now)) + 1;
			await new Promise((resolve) => setTimeout(resolve, delay));
		}
	}
}
