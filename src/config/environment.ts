import { existsSync } from 'node:fs';

/**
 * The process's environment: the only place that reads `process.env` (a lint rule says so). With `dotenv`, a local
 * `.env` file is loaded under it first, as a convenience for operators; real environment variables win over it.
 */
export function readEnvironment(opts: { dotenv?: boolean } = {}): Record<string, string | undefined> {
	if (opts.dotenv && existsSync('.env')) process.loadEnvFile('.env');
	return process.env;
}
