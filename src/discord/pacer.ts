/**
 * Keeps the bot's requests under Discord's global limit in any sliding window, as Discord counts them, so that a
 * fan-out never provokes a 429. discord.js limits itself with fixed windows, which can burst to about twice its
 * limit across a window edge.
 *
 * A request holds its slot from the moment it is let through until one window after its answer came back: Discord
 * counted it somewhere in between, so the request let through when that slot frees up is counted more than a window
 * later, whatever the round trips of the two and wherever in them Discord counts. It costs a round trip per slot and
 * window (at 75 ms, 46 requests/s instead of 50); freeing slots earlier, from a guess of when Discord counted, let
 * 429s through as soon as the machine was busy and round trips varied. Requests are let through in order.
 */
export class Pacer {
	/** Answer times of the requests still within the window, oldest first. */
	private readonly answered: number[] = [];
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private timer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		private readonly perWindow: number,
		private readonly windowMs = 1000,
		private readonly now: () => number = () => performance.now(),
	) {}

	/** Runs `request` once it fits in the window. */
	async run<T>(request: () => Promise<T>): Promise<T> {
		await new Promise<void>((resolve) => {
			this.waiting.push(resolve);
			this.pump();
		});
		try {
			return await request();
		} finally {
			this.inFlight--;
			this.answered.push(this.now());
			this.pump();
		}
	}

	private pump(): void {
		const now = this.now();
		while (this.answered.length > 0 && now - this.answered[0]! >= this.windowMs) this.answered.shift();
		while (this.waiting.length > 0 && this.inFlight + this.answered.length < this.perWindow) {
			this.inFlight++;
			this.waiting.shift()!();
		}
		// Full: the next slot frees when the oldest answer leaves the window (or when a request in flight ends).
		if (this.waiting.length > 0 && this.timer === null && this.answered.length > 0) {
			const delay = Math.max(1, Math.ceil(this.windowMs - (now - this.answered[0]!)));
			this.timer = setTimeout(() => {
				this.timer = null;
				this.pump();
			}, delay);
		}
	}
}
