import type {
	ArgType,
	SqlDriverAdapter,
	SqlDriverAdapterFactory,
	SqlQueryable,
	SqlResultSet,
} from '@prisma/driver-adapter-utils';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import type { Tx } from './mappers.ts';

/**
 * Raw SQL for the busiest paths (a burst of clicks reads its rounds and targets and writes its answers). Prisma 6
 * sends every `$queryRaw` through its query compiler (JSON in, a plan out, WebAssembly) and its interpreter: about
 * four times the CPU of the statement itself, most of a burst's database cost. Here the same `Prisma.sql` statements
 * go straight to the driver adapter Prisma itself uses (the same SQLite connection and transaction lock, the same
 * PostgreSQL pool), and rows come back exactly as `$queryRaw` returns them (test/infra/db/sql.test.ts compares).
 */
export interface SqlRunner {
	/** The rows of a query, as `$queryRaw` returns them (numbers, BigInts, Dates, booleans, parsed JSON). */
	query<T>(sql: Prisma.Sql): Promise<T[]>;
	/** How many rows a statement changed, as `$executeRaw`. */
	execute(sql: Prisma.Sql): Promise<number>;
}

export interface Sql extends SqlRunner {
	/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws (and rethrown). */
	transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

export type SqlEngine = 'sqlite' | 'postgresql';

/** The same calls through Prisma's client: for a client opened without {@link captureAdapter} (tools, tests). */
export function prismaSql(prisma: PrismaClient): Sql {
	return {
		query: <T>(sql: Prisma.Sql) => prisma.$queryRaw<T[]>(sql),
		execute: (sql) => prisma.$executeRaw(sql),
		transaction: (work) => prisma.$transaction((tx) => work(txSql(tx))),
	};
}

/** A Prisma interactive transaction as a {@link SqlRunner}. */
export function txSql(tx: Tx): SqlRunner {
	return { query: <T>(sql: Prisma.Sql) => tx.$queryRaw<T[]>(sql), execute: (sql) => tx.$executeRaw(sql) };
}

/** Either kind of transaction as a {@link SqlRunner} (statements shared by the direct path and Prisma's). */
export function runnerOf(tx: Tx | SqlRunner): SqlRunner {
	return 'execute' in tx ? tx : txSql(tx);
}

/**
 * Wraps a driver adapter factory so that the adapter Prisma connects with can be used directly too. Prisma calls
 * `connect()` when it connects (again after a reconnect: the latest adapter is the one in use).
 */
export function captureAdapter(factory: SqlDriverAdapterFactory): {
	factory: SqlDriverAdapterFactory;
	current: () => SqlDriverAdapter;
} {
	let adapter: SqlDriverAdapter | null = null;
	return {
		factory: {
			provider: factory.provider,
			adapterName: factory.adapterName,
			connect: async () => (adapter = await factory.connect()),
		},
		current: () => {
			if (!adapter) throw new Error('the database is not connected yet');
			return adapter;
		},
	};
}

/** {@link Sql} straight on Prisma's driver adapter (see the file's comment). */
export function adapterSql(adapter: () => SqlDriverAdapter, engine: SqlEngine): Sql {
	const text = (sql: Prisma.Sql) => (engine === 'postgresql' ? sql.text : sql.sql);
	const runner = (on: () => SqlQueryable): SqlRunner => ({
		async query<T>(sql: Prisma.Sql) {
			return rowsOf(await on().queryRaw(statement(text(sql), sql.values))) as T[];
		},
		execute: (sql) => on().executeRaw(statement(text(sql), sql.values)),
	});
	return {
		...runner(adapter),
		async transaction(work) {
			// On SQLite this waits for the adapter's lock, the one Prisma's own transactions take on its one connection.
			const tx = await adapter().startTransaction();
			const end = (sql: 'COMMIT' | 'ROLLBACK') =>
				tx.options.usePhantomQuery ? Promise.resolve(0) : tx.executeRaw(statement(sql, []));
			let result;
			try {
				result = await work(runner(() => tx));
				await end('COMMIT');
			} catch (error) {
				// A failed statement or COMMIT: nothing of the transaction stays. The rollback's own failure (a broken
				// connection) says nothing more than the error that caused it.
				await end('ROLLBACK').catch(() => 0);
				await tx.rollback();
				throw error;
			}
			await tx.commit();
			return result;
		},
	};
}

function statement(sql: string, values: readonly unknown[]) {
	return { sql, args: [...values], argTypes: values.map(argType) };
}

/** One object per type, shared by every statement (a burst's statements carry thousands of values). */
const ARG_TYPES = new Map<ArgType['scalarType'], ArgType>();
function scalar(scalarType: ArgType['scalarType']): ArgType {
	let type = ARG_TYPES.get(scalarType);
	if (!type) ARG_TYPES.set(scalarType, (type = Object.freeze({ scalarType, arity: 'scalar' as const })));
	return type;
}

/**
 * What Prisma's client tells the adapter about a value: the adapters convert a Date (SQLite: ISO 8601 text;
 * PostgreSQL: UTC timestamp text) and a boolean (SQLite: 1 or 0) whatever the type, and use the type only for strings.
 */
function argType(value: unknown): ArgType {
	if (value instanceof Date) return scalar('datetime');
	if (value instanceof Uint8Array) return scalar('bytes');
	switch (typeof value) {
		case 'string':
			return scalar('string');
		case 'boolean':
			return scalar('boolean');
		case 'bigint':
			return scalar('bigint');
		case 'number':
			return scalar(Number.isInteger(value) ? 'int' : 'float');
		default:
			// Arrays, objects and the rest: a programming error, as it would be for $queryRaw.
			if (value !== null && value !== undefined) throw new TypeError(`unsupported SQL value: ${typeof value}`);
			return scalar('unknown');
	}
}

// The driver adapters' column types (@prisma/driver-adapter-utils's ColumnTypeEnum; a type-only import here).
const INT32 = 0;
const INT64 = 1;
const NUMERIC = 4;
const BOOLEAN = 5;
const DATE = 8;
const TIME = 9;
const DATETIME = 10;
const JSON_TYPE = 11;
const BYTES = 13;
const FIRST_ARRAY = 64;
const UNKNOWN_NUMBER = 128;

/** Rows as objects, each value converted as Prisma's client converts `$queryRaw` results. */
function rowsOf(result: SqlResultSet): Array<Record<string, unknown>> {
	const { columnNames, columnTypes } = result;
	return result.rows.map((row) => {
		const out: Record<string, unknown> = {};
		for (let i = 0; i < columnNames.length; i++)
			out[columnNames[i]!] = valueOf(row[i], columnTypes[i]!, columnNames[i]!);
		return out;
	});
}

function valueOf(value: unknown, type: number, column: string): unknown {
	if (value === null || value === undefined) return null;
	switch (type) {
		case INT32:
			return Math.trunc(Number(value));
		case INT64:
			return typeof value === 'number' ? BigInt(Math.trunc(value)) : BigInt(value as string);
		case BOOLEAN:
			return typeof value === 'boolean' ? value : value === 1 || value === '1' || value === 'true';
		case DATE:
		case DATETIME:
			return new Date(value as string);
		case JSON_TYPE:
			return typeof value === 'string' ? JSON.parse(value) : value;
		case BYTES:
			return new Uint8Array(value as number[]);
		case NUMERIC:
		case TIME:
			// Decimal and time columns: nothing of ours reads them here (Prisma would return a Decimal, a Date).
			throw new TypeError(`column ${column}: type ${type} is not supported by the direct SQL path`);
		default:
			if (type >= FIRST_ARRAY && type !== UNKNOWN_NUMBER) {
				throw new TypeError(`column ${column}: array type ${type} is not supported by the direct SQL path`);
			}
			return value;
	}
}
