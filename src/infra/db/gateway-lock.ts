import type pg from 'pg';
import { connectPostgres, databaseEngine } from './database.ts';

/**
 * Gateway mode runs one process per bot: two gateway sessions of the same bot would both receive every interaction.
 * On PostgreSQL the running gateway process holds a session-level advisory lock on a connection of its own (never
 * through Prisma's pool, where the unlock could run on another connection and the lock would leak); a second one
 * finds it taken and refuses to start. The lock dies with the process's connection, so a killed process frees it
 * at once. On SQLite nothing is locked: the embedded default is one process on one machine by design.
 */

/** The advisory-lock key of the gateway process ('gopy' + 'gw' in ASCII), distinct from the migrator's. */
export const GATEWAY_LOCK_KEY = 0x676f7079_6777n;

export interface GatewayLock {
	release(): Promise<void>;
}

export class GatewayTaken extends Error {
	constructor() {
		super(
			'another gopy process in gateway mode is already running on this DATABASE_URL: gateway mode is one process per bot ' +
				'(stop the other one, or run replicas with INTERACTIONS=http)',
		);
		this.name = 'GatewayTaken';
	}
}

/** Takes the gateway lock of this database, or throws GatewayTaken; on SQLite a lock that holds nothing. */
export async function acquireGatewayLock(databaseUrl: string, onLost?: (error: Error) => void): Promise<GatewayLock> {
	if (databaseEngine(databaseUrl) !== 'postgresql') return { release: () => Promise.resolve() };
	const client: pg.Client = await connectPostgres(databaseUrl);
	let released = false;
	client.on('error', (error) => {
		if (!released) onLost?.(error);
	});
	const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
		GATEWAY_LOCK_KEY.toString(),
	]);
	if (result.rows[0]?.locked !== true) {
		released = true;
		await client.end().catch(() => undefined);
		throw new GatewayTaken();
	}
	return {
		async release() {
			if (released) return;
			released = true;
			// Closing the session releases its advisory locks.
			await client.end().catch(() => undefined);
		},
	};
}
