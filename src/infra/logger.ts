import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout (one object a line), the format log collectors expect. Writes are synchronous:
 * a bot logs little, and the last lines before an exit or a crash are the ones that matter.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
	return pino(
		{ level, base: { app: 'gopy' }, timestamp: pino.stdTimeFunctions.isoTime },
		destination ?? pino.destination({ dest: 1, sync: true }),
	);
}
