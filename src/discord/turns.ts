/**
 * Lets callers go one per turn of the event loop, in order. A fan-out's posts take turns: each is rendered and put on
 * the wire in a turn of its own, and the answers to the posts already sent are read in between. Started together in
 * one task instead, fifty posts are all rendered and sent before the first answer is read; the pacer (pacer.ts) then
 * counts that answer tens of milliseconds late, and the slot it frees one window later comes as late.
 */
export class Turns {
	private readonly waiting: Array<() => void> = [];
	private scheduled = false;

	/** Resolves in a turn of the event loop of the caller's own. */
	take(): Promise<void> {
		return new Promise<void>((resolve) => {
			this.waiting.push(resolve);
			if (!this.scheduled) {
				this.scheduled = true;
				setImmediate(() => this.next());
			}
		});
	}

	private next(): void {
		this.waiting.shift()?.();
		// An immediate set now runs in the next turn, after the event loop has read what arrived meanwhile.
		if (this.waiting.length > 0) setImmediate(() => this.next());
		else this.scheduled = false;
	}
}
