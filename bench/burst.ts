import type { FakeDiscord } from '../test/support/fake-discord/index.ts';

/** The 99th percentile of a list of figures. */
export function p99(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * `clicks` people click a button at once: the p99 of their acknowledgements and of the moments they see their
 * reply, in ms from the burst's start. Shared by bench/run.ts and bench/replicas.ts.
 */
export async function burst(
	fake: FakeDiscord,
	clicks: Array<Parameters<FakeDiscord['clickButton']>[0]>,
): Promise<{ ackP99: number; seenP99: number }> {
	const start = Date.now();
	const handles = clicks.map((c) => fake.clickButton(c));
	const acks = await Promise.all(
		handles.map((h) =>
			Promise.race([
				h.acked,
				sleep(30_000).then(() => Promise.reject(new Error('bench: a click was not acknowledged within 30 s'))),
			]),
		),
	);
	const seen = await Promise.all(handles.map((h) => h.reply({ timeoutMs: 30_000 }).then(() => Date.now())));
	if (process.env['BENCH_DEBUG']) {
		const sorted = acks.map((a) => a.at - start).sort((a, b) => a - b);
		const opened = fake.connections.filter((t) => t >= start).length;
		process.stderr.write(
			`burst acks (ms): ${sorted.filter((_, i) => i % 10 === 0 || i >= 95).join(' ')}; ${opened} new connections\n`,
		);
	}
	return { ackP99: p99(acks.map((a) => a.at - start)), seenP99: p99(seen.map((s) => s - start)) };
}
