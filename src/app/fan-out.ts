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
 * Posts in flight at once during a fan-out. Discord answers a post in about 75 ms and allows 50 requests/s, so 4
 * would keep up in theory; 8 leaves room for the database work around each post. The pacer, not this, bounds the rate.
 */
export const FAN_OUT_CONCURRENCY = 8;
