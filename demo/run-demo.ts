import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoError, runDemo } from './scenario.ts';

/** Where the final status picture is written: `demo-output/` at the project's root (ignored by git). */
const OUTPUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'demo-output');

/**
 * `npm run demo`: runs the seed's round 2 against the fake Discord and prints the transcript. Exits 0 when the
 * scenario ended with "9/9: 6 agreed, 3 commented", 1 with a one-line reason otherwise. The final status picture is
 * written to demo-output/ and its path printed last.
 */
const TIME_LIMIT_MS = 60_000;

async function main(): Promise<number> {
	const timer = setTimeout(() => {
		process.stderr.write(`Demo failed: it did not finish within ${TIME_LIMIT_MS / 1000} s.\n`);
		process.exit(1);
	}, TIME_LIMIT_MS);
	timer.unref();
	try {
		const result = await runDemo();
		process.stdout.write(result.transcript);
		mkdirSync(OUTPUT_DIR, { recursive: true });
		const file = path.join(OUTPUT_DIR, result.picture.name);
		writeFileSync(file, result.picture.data);
		process.stdout.write(`\nStatus picture of the final /round status: ${file}\n`);
		return 0;
	} catch (error) {
		const reason =
			error instanceof DemoError
				? error.message
				: error instanceof Error
					? (error.stack ?? error.message)
					: String(error);
		process.stderr.write(`Demo failed: ${reason}\n`);
		return 1;
	} finally {
		clearTimeout(timer);
	}
}

process.exitCode = await main();
