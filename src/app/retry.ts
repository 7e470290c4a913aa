/** Back-off between attempts of a post that failed: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
	return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}
