/**
 * Reads by key asked for in the same task go to the database as one query (a burst of clicks reads the same server's
 * settings, round and targets a hundred times over). Nothing is cached: each caller gets what one read made after its
 * call saw, so a read never returns what was there before a write its caller awaited.
 *
 * "The same task" is one callback from the event loop and everything its promises do: the interactions of one read of
 * the gateway's socket. The read goes once they all wait for it (`process.nextTick` runs when the promise jobs are
 * done), not at the next turn of the event loop: while the socket has more data, a turn handles every read that is
 * ready first, and the first clicks of a burst would wait for the last ones to arrive. While a read is under way (a
 * database server answers later; interactions over http come one request at a time), the keys asked for meanwhile
 * wait for it and go together in the next one.
 */
export class Coalescer<K, V> {
	private pending: Map<K, Array<{ resolve(value: V | null): void; reject(error: unknown): void }>> | null = null;
	private reading = false;

	/** `read` gets distinct keys and returns what it found; a key it leaves out reads as null. */
	constructor(private readonly read: (keys: K[]) => Promise<Map<K, V>>) {}

	load(key: K): Promise<V | null> {
		return new Promise((resolve, reject) => {
			if (!this.pending) {
				this.pending = new Map();
				if (!this.reading) process.nextTick(() => void this.flush());
			}
			const waiting = this.pending.get(key);
			if (waiting) waiting.push({ resolve, reject });
			else this.pending.set(key, [{ resolve, reject }]);
		});
	}

	private async flush(): Promise<void> {
		this.reading = true;
		try {
			while (this.pending) {
				const batch = this.pending;
				this.pending = null;
				try {
					const found = await this.read([...batch.keys()]);
					for (const [key, waiting] of batch) for (const w of waiting) w.resolve(found.get(key) ?? null);
				} catch (error) {
					for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
				}
			}
		} finally {
			this.reading = false;
		}
	}
}
