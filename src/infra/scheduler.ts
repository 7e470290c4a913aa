import cron, { type ScheduledTask } from 'node-cron';

export interface Ticker {
	/** Stops future ticks and waits for a running one to finish. */
	stop(): Promise<void>;
}

/**
 * node-cron only ticks: the work is a database sweep that decides by itself what is due, so a tick missed during
 * downtime is caught up by the next one and nothing is kept in memory between ticks. `noOverlap` keeps a slow sweep
 * from running twice at once in this process; the database keeps other processes from repeating its work.
 */
export function startTicker(
	expression: string,
	timezone: string,
	sweep: () => Promise<unknown>,
	log: { error(obj: object, msg?: string): void },
): Ticker {
	let running: Promise<unknown> | null = null;
	const task: ScheduledTask = cron.schedule(
		expression,
		async () => {
			running = sweep().catch((error: unknown) => log.error({ err: error }, 'reminder sweep failed'));
			await running;
			running = null;
		},
		{ timezone, noOverlap: true, name: 'gopy-reminder-sweep' },
	);
	return {
		async stop() {
			await task.stop();
			await task.destroy();
			if (running) await running;
		},
	};
}
