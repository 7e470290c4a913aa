import { pino, type Logger } from 'pino';

export type { Logger };

/** How deep an error's properties are searched for bytes (a Discord API error: requestBody → files → [i] → data). */
const MAX_DEPTH = 6;

/**
 * A copy of a serialised value with every byte buffer replaced by its size. A failed upload's error carries the
 * request body, attachments included: logged as JSON, a 20 MB file became an array of 20 million numbers (hundreds
 * of megabytes of memory, and a log line nobody can read).
 */
function withoutBytes(value: unknown, depth = 0): unknown {
	if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${String(value.byteLength)} bytes]`;
	if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
	if (Array.isArray(value)) return value.map((item) => withoutBytes(item, depth + 1));
	return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutBytes(item, depth + 1)]));
}

const errorSerializer = (error: unknown): unknown =>
	withoutBytes(error instanceof Error ? pino.stdSerializers.err(error) : error);

/**
 * Structured JSON logs on stdout (one object a line), the format log collectors expect. Writes are synchronous:
 * a bot logs little, and the last lines before an exit or a crash are the ones that matter. Errors are logged with
 * their properties, but bytes (an attachment in a failed request) only as their size.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
	return pino(
		{
			level,
			base: { app: 'gopy' },
			timestamp: pino.stdTimeFunctions.isoTime,
			serializers: { err: errorSerializer, error: errorSerializer },
		},
		destination ?? pino.destination({ dest: 1, sync: true }),
	);
}
