/**
 * The child process of `runApart` (apart.ts): imports the module it is sent, calls the named export with the
 * arguments, sends the result back and exits. It ends with its parent (the IPC channel closing).
 */
interface Job {
	module: string;
	name: string;
	args: unknown[];
}

process.once('disconnect', () => process.exit(1));
process.once('message', (job: Job) => {
	void run(job).then(
		(value) => process.send?.({ ok: true, value }, () => process.exit(0)),
		(error: unknown) =>
			process.send?.(
				{ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
				() => process.exit(1),
			),
	);
});

async function run(job: Job): Promise<unknown> {
	const mod = (await import(job.module)) as Record<string, unknown>;
	const fn = mod[job.name];
	if (typeof fn !== 'function') throw new Error(`${job.module} has no function ${job.name}`);
	return await (fn as (...args: unknown[]) => unknown)(...job.args);
}
