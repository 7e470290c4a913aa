import Database from 'better-sqlite3';

/**
 * Every row of every table of the bot's SQLite database (Prisma's migration bookkeeping left out), as one string:
 * two snapshots are equal exactly when nothing was written in between. Opened read-only beside the running bot.
 */
export function dbSnapshot(dbUrl: string): string {
	const db = new Database(dbUrl.replace(/^file:/, ''), { readonly: true, fileMustExist: true });
	try {
		const tables = db
			.prepare(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
			)
			.all() as Array<{ name: string }>;
		const dump: Record<string, unknown[]> = {};
		for (const { name } of tables) dump[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
		return JSON.stringify(dump, (_key, value: unknown) => {
			if (typeof value === 'bigint') return value.toString();
			if (Buffer.isBuffer(value)) return `<${value.length} bytes ${value.subarray(0, 16).toString('hex')}>`;
			if (value && typeof value === 'object' && 'type' in value && value.type === 'Buffer') return '<buffer>';
			return value;
		});
	} finally {
		db.close();
	}
}

/** Row counts per table, for a readable failure message. */
export function dbCounts(dbUrl: string): Record<string, number> {
	const snapshot = JSON.parse(dbSnapshot(dbUrl)) as Record<string, unknown[]>;
	return Object.fromEntries(Object.entries(snapshot).map(([name, rows]) => [name, rows.length]));
}
