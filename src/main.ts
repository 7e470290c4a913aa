import { startBot } from './bot.ts';
import { loadConfig } from './config/env.ts';
import { readEnvironment } from './config/environment.ts';
import { createLogger } from './infra/logger.ts';

/** Entry point: `npm start`. Reads the environment once, starts the bot, stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
	const loaded = loadConfig(readEnvironment({ dotenv: true }));
	if (!loaded.ok) {
		process.stderr.write(`${loaded.message}\n`);
		process.exit(1);
	}
	const log = createLogger(loaded.config.LOG_LEVEL);
	// Signals are caught from the start: one arriving while the bot starts (or just after "bot ready") stops it
	// cleanly once it is up, instead of killing the process half-way.
	let bot: Awaited<ReturnType<typeof startBot>> | undefined;
	let requested: string | null = null;
	const shutdown = (signal: string) => {
		requested = signal;
		if (!bot) return;
		log.info({ signal }, 'shutting down');
		bot.stop().then(
			() => process.exit(0),
			(error: unknown) => {
				log.error({ err: error }, 'shutdown failed');
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', () => shutdown('SIGINT'));
	process.once('SIGTERM', () => shutdown('SIGTERM'));
	try {
		bot = await startBot({ config: loaded.config, log });
	} catch (error) {
		// Start-up failures (bad token, database newer than the code…) are one clear line, not a stack trace.
		const message = error instanceof Error ? error.message : String(error);
		log.fatal({ err: error }, 'start-up failed');
		log.flush();
		process.stderr.write(`Start-up failed: ${message.split('\n')[0]}\n`);
		process.exit(1);
	}
	if (requested !== null) shutdown(requested);
}

await main();
