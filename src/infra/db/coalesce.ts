/**
 * Reads by key asked for in the same turn of the event loop go to the database as one query (a burst of clicks reads
 * the same server's settings, round and targets a hundred times over). Nothing is cached: each caller gets what one
 * read made after its call saw, so a read never returns what was there before a write its caller awaited.
 */
export class Coalescer<K, V> {
	private pending: Map<K, Array<{ resolve(value: V | null): void; reject(error: unknown): void }>> | null = null;

	/** `read` gets distinct keys and returns what it found; a key it leaves out reads as null. */
	constructor(private readonly read: (keys: K[]) => Promise<Map<K, V>>) {}

	load(key: K): Promise<V | null> {
		return new Promise((resolve, reject) => {
			if (!this.pending) {
				this.pending = new Map();
				setImmediate(() => void this.flush());
			}
			const waiting = this.pending.get(key);
			if (waiting) waiting.push({ resolve, reject });
			else this.pending.set(key, [{ resolve, reject }]);
		});
	}

	private async flush(): Promise<void> {
		const batch = this.pending!;
		this.pending = null;
		try {
			const found = await this.read([...batch.keys()]);
			for (const [key, waiting] of batch) for (const w of waiting) w.resolve(found.get(key) ?? null);
		} catch (error) {
			for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
		}
	}
}
