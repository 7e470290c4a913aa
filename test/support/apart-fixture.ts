// Functions run in a child process by test/infra/apart.test.ts.

/** What it was given, with the child's pid and a Buffer (which comes back as a Uint8Array). */
export function echo(value: unknown): { value: unknown; pid: number; bytes: Buffer } {
	return { value, pid: process.pid, bytes: Buffer.from('gopy') };
}

export async function fail(message: string): Promise<never> {
	await Promise.resolve();
	throw new Error(message);
}

export function hang(): Promise<never> {
	return new Promise(() => setInterval(() => {}, 1000));
}

export function exitAbruptly(): never {
	process.exit(3);
}

export async function slow(ms: number): Promise<number> {
	await new Promise((resolve) => setTimeout(resolve, ms));
	return process.pid;
}

/** The child's own scheduling priority (niceness). */
export async function niceness(): Promise<number> {
	const os = await import('node:os');
	// The parent sets it right after the fork: give it a moment to land.
	await new Promise((resolve) => setTimeout(resolve, 50));
	return os.getPriority();
}

/** The V8 flags the child was started with. */
export function flags(): string[] {
	return process.execArgv.filter((a) => a.startsWith('--max-'));
}
