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
	let bot: Awaited<ReturnType<typeof startBot>> | undefined;
	let stopSignal: string | undefined;
	const shutdown = (signal: string) => {
		log.info({ signal }, 'shutting down');
		stopSignal = signal;
		// A signal during start-up is acted on as soon as the bot is up (below).
		if (!bot) return;
		bot.stop().then(
			() => process.exit(0),
			(error: unknown) => {
				log.error({ err: error }, 'shutdown failed');
				process.exit(1);
			},
		);
	};
	// Listening before the start: a stop requested while logging in must not kill the process half-way.
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
	if (stopSignal !== undefined) shutdown(stopSignal);
}

await main();
