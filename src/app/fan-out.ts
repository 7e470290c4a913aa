/**
 * Runs `fn` over `items` with at most `limit` calls in flight, and returns the results in the items' order (so
 * reports built from them read the same whatever order the calls finished in). Used for the bot's fan-out: the
 * notifier's pacer keeps the request rate under Discord's limits, this keeps round trips overlapping.
 */
export async function mapBounded<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	// Stryker disable next-line ArrayDeclaration: every index below items.length is assigned before it is returned, so an empty array ends the same
	const results = new Array<R>(items.length);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i]!, i);
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
	await Promise.all(workers);
	return results;
}

/**
 * Items being sent at once during a fan-out. Discord allows 50 requests in any sliding second: with 50 under way, a
 * publish's first 50 posts can all go in its first second, and the claims and outcomes of that many posts are
 * written together (`Batcher`). The pacer (discord/client.ts), not this, bounds the rate; this bounds how long a
 * request of the bot's other work waits behind a fan-out at the pacer (at most about a second).
 */
export const FAN_OUT_CONCURRENCY = 50;

/**
 * Gathers concurrent calls into batches: the first call starts a flush on the next turn of the event loop's
 * microtasks, calls made while a flush runs wait for the next one. So the posts of a fan-out, which claim and record
 * their items at about the same moments, share one database write per batch instead of one each, while a lone call
 * is written at once. `flush` returns one result per request, in order; when it throws, every caller of that batch
 * gets the error.
 */
export class Batcher<Req, Res> {
	private pending: Array<{ req: Req; resolve: (res: Res) => void; reject: (error: unknown) => void }> = [];
	private flushing = false;

	constructor(
		private readonly flush: (requests: Req[]) => Promise<Res[]>,
		private readonly maxBatch = 100,
	) {}

	/**
	 * Adds `req` to the next batch. `lingerMs`: the caller is one of many whose calls arrive spread over a moment (the
	 * outcomes of a fan-out's posts, answered one by one): a batch that starts with such a call waits that long for
	 * the others before it is written, instead of writing each alone as it comes.
	 */
	run(req: Req, lingerMs = 0): Promise<Res> {
		return new Promise<Res>((resolve, reject) => {
			this.pending.push({ req, resolve, reject });
			if (!this.flushing) void this.drain(lingerMs);
		});
	}

	private async drain(lingerMs: number): Promise<void> {
		this.flushing = true;
		try {
			// Calls made in the same turn as the first one (or, when it lingers, within its wait) join its batch.
			if (lingerMs > 0) await new Promise((resolve) => setTimeout(resolve, lingerMs));
			else await Promise.resolve();
			while (this.pending.length > 0) {
				const batch = this.pending.splice(0, this.maxBatch);
				try {
					const results = await this.flush(batch.map((b) => b.req));
					batch.forEach((b, i) => b.resolve(results[i]!));
				} catch (error) {
					for (const b of batch) b.reject(error);
				}
			}
		} finally {
			this.flushing = false;
		}
	}
}
