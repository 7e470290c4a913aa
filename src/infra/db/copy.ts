import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { connectPostgres, databaseEngine, openDatabase, resolveSqlitePath, type DbLogger } from './database.ts';

// `npm run db:copy -- <from-url> <to-url>`: moves every row between engines (SQLite ⇄ PostgreSQL, or the same
// engine twice) through the two Prisma clients, so each value is read and written with its schema type.

/**
 * Every table in an order that respects foreign keys (a round's `fromRoundId` always names an earlier round, so
 * rows in id order satisfy it). A test checks this list against the schema's models.
 */
export const COPY_ORDER = [
	'GuildSettings',
	'Holiday',
	'Unit',
	'Campaign',
	'Round',
	'RoundTarget',
	'DraftFile',
	'OutboxItem',
	'Response',
	'AnswerFile',
	'PlanItem',
	'AuditEvent',
] as const satisfies readonly Prisma.ModelName[];

type Table = (typeof COPY_ORDER)[number];
type Row = Record<string, unknown>;

/** The part of a Prisma model delegate the copy uses (both clients' delegates have it). */
interface Delegate {
	findMany(args: { orderBy: Row; take: number; skip?: number; cursor?: Row }): Promise<Row[]>;
	createMany(args: { data: Row[] }): Promise<{ count: number }>;
	count(): Promise<number>;
}

const BATCH = 500;

function keyOf(table: Table): string {
	return table === 'GuildSettings' ? 'guildId' : 'id';
}

function delegate(client: PrismaClient | Prisma.TransactionClient, table: Table): Delegate {
	const name = table.charAt(0).toLowerCase() + table.slice(1);
	return (client as unknown as Record<string, Delegate>)[name]!;
}

/** Reads a whole table in key order, `BATCH` rows at a time. */
async function* rowsOf(client: PrismaClient | Prisma.TransactionClient, table: Table): AsyncGenerator<Row[]> {
	const key = keyOf(table);
	let cursor: unknown;
	for (;;) {
		const page = await delegate(client, table).findMany({
			orderBy: { [key]: 'asc' },
			take: BATCH,
			...(cursor === undefined ? {} : { skip: 1, cursor: { [key]: cursor } }),
		});
		if (page.length === 0) return;
		yield page;
		if (page.length < BATCH) return;
		cursor = page.at(-1)?.[key];
	}
}

/** A value as the same text on either engine: times as ISO instants, bytes as base64. */
function canonical(value: unknown): unknown {
	if (value instanceof Date) return value.toISOString();
	if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
	return value;
}

/** Row count and sha256 over every row (key order, columns by name) of one table. */
export async function tableChecksum(
	client: PrismaClient | Prisma.TransactionClient,
	table: Table,
): Promise<{ rows: number; sha256: string }> {
	const hash = createHash('sha256');
	let rows = 0;
	for await (const page of rowsOf(client, table)) {
		for (const row of page) {
			const columns = Object.keys(row).sort();
			hash.update(JSON.stringify(columns.map((c) => [c, canonical(row[c])])));
			hash.update('\n');
			rows++;
		}
	}
	return { rows, sha256: hash.digest('hex') };
}

/** Tables of the target that already hold rows (before it is migrated: a raw look that changes nothing). */
export async function nonEmptyTables(url: string): Promise<Array<{ table: string; rows: number }>> {
	const found: Array<{ table: string; rows: number }> = [];
	if (databaseEngine(url) === 'postgresql') {
		const client = await connectPostgres(url);
		try {
			const tables = await client.query<{ tablename: string }>(
				`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
			);
			for (const { tablename } of tables.rows) {
				const n = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${tablename.replace(/"/g, '""')}"`);
				if (Number(n.rows[0]?.n) > 0) found.push({ table: tablename, rows: Number(n.rows[0]?.n) });
			}
		} finally {
			await client.end();
		}
		return found;
	}
	let db: BetterSqlite3.Database;
	try {
		db = new BetterSqlite3(resolveSqlitePath(url), { fileMustExist: true, readonly: true });
	} catch {
		return found; // no file yet: empty
	}
	try {
		const tables = db
			.prepare<[], { name: string }>(
				`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
			)
			.all();
		for (const { name } of tables) {
			const n = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get()?.n ?? 0;
			if (n > 0) found.push({ table: name, rows: n });
		}
	} finally {
		db.close();
	}
	return found;
}

export class CopyRefusedError extends Error {
	override name = 'CopyRefusedError';
}

export interface CopyReport {
	tables: Array<{ table: Table; rows: number; sha256: string; matches: boolean }>;
	ok: boolean;
}

/**
 * Copies every row of `fromUrl` into the empty database `toUrl` (both migrated to this version first), keeping
 * ids, then sets PostgreSQL's id sequences past the copied ids, then compares each table's row count and checksum
 * on both sides. The rows are written in one transaction: a failure leaves the target empty. The source must not
 * be written to meanwhile (stop the bot first).
 */
export async function copyDatabase(fromUrl: string, toUrl: string, log?: DbLogger): Promise<CopyReport> {
	if (fromUrl.trim() === toUrl.trim())
		throw new CopyRefusedError('db:copy: <from-url> and <to-url> are the same database');
	const busy = await nonEmptyTables(toUrl);
	if (busy.length > 0) {
		throw new CopyRefusedError(
			`db:copy: the target database is not empty (${busy.map((b) => `${b.table}: ${b.rows}`).join(', ')}); ` +
				'nothing was written. Copy into a new, empty database.',
		);
	}
	const from = await openDatabase(fromUrl, log ? { log } : {});
	try {
		const to = await openDatabase(toUrl, log ? { log } : {});
		try {
			await to.prisma.$transaction(
				async (tx) => {
					for (const table of COPY_ORDER) {
						// Checked again inside the transaction: nothing may have arrived since the first look.
						if ((await delegate(tx, table).count()) > 0) {
							throw new CopyRefusedError(`db:copy: the target's ${table} table is not empty; nothing was written.`);
						}
					}
					for (const table of COPY_ORDER) {
						let copied = 0;
						for await (const page of rowsOf(from.prisma, table)) {
							copied += (await delegate(tx, table).createMany({ data: page })).count;
						}
						log?.info({ table, rows: copied }, 'table copied');
					}
					if (to.engine === 'postgresql') {
						for (const table of COPY_ORDER) {
							if (keyOf(table) !== 'id') continue;
							// setval returns a bigint; executeRaw ignores the result row.
							await tx.$executeRawUnsafe(
								`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE(MAX("id"), 1), MAX("id") IS NOT NULL) FROM "${table}"`,
							);
						}
					}
				},
				{ maxWait: 30_000, timeout: 60 * 60_000 },
			);
			const tables: CopyReport['tables'] = [];
			for (const table of COPY_ORDER) {
				const [a, b] = await Promise.all([tableChecksum(from.prisma, table), tableChecksum(to.prisma, table)]);
				tables.push({ table, rows: b.rows, sha256: b.sha256, matches: a.rows === b.rows && a.sha256 === b.sha256 });
			}
			return { tables, ok: tables.every((t) => t.matches) };
		} finally {
			await to.close();
		}
	} finally {
		await from.close();
	}
}
