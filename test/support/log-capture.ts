import { Writable } from 'node:stream';
import { createLogger } from '../../src/infra/logger.ts';

/** The bot's real logger (pino, debug level) writing into `lines`, one parsed JSON object per line. */
export function captureLog() {
	const lines: Array<Record<string, unknown>> = [];
	const stream = new Writable({
		write(chunk: Buffer, _enc, done) {
			for (const line of chunk.toString().split('\n').filter(Boolean))
				lines.push(JSON.parse(line) as Record<string, unknown>);
			done();
		},
	});
	return { log: createLogger('debug', stream), lines };
}
