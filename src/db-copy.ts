import { copyDatabase, CopyRefusedError } from './infra/db/copy.ts';
import { DatabaseConnectionError, UnsupportedDatabaseUrlError } from './infra/db/database.ts';
import { DatabaseNewerError } from './infra/db/migrator.ts';

/**
 * `npm run db:copy -- <from-url> <to-url>`: copies every table from one database to an empty one (SQLite ⇄
 * PostgreSQL), keeping ids, then compares row counts and a checksum per table. Stop the bot before copying.
 */
async function main(): Promise<number> {
	const [from, to, ...rest] = process.argv.slice(2);
	if (!from || !to || rest.length > 0) {
		process.stderr.write(
			'Usage: npm run db:copy -- <from-url> <to-url>   e.g. file:./data/gopy.db postgres://gopy:…@db:5432/gopy\n',
		);
		return 1;
	}
	try {
		const report = await copyDatabase(from, to);
		for (const t of report.tables) {
			process.stdout.write(
				`${t.matches ? 'ok  ' : 'DIFF'} ${t.table.padEnd(17)} ${String(t.rows).padStart(8)} rows  sha256 ${t.sha256.slice(0, 16)}\n`,
			);
		}
		if (!report.ok) {
			process.stderr.write('db:copy: the copy differs from the source (see DIFF above); do not use the target.\n');
			return 1;
		}
		const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
		process.stdout.write(
			`db:copy: ${rows} rows in ${report.tables.length} tables copied; counts and checksums match.\n`,
		);
		return 0;
	} catch (error) {
		const expected =
			error instanceof CopyRefusedError ||
			error instanceof DatabaseConnectionError ||
			error instanceof UnsupportedDatabaseUrlError ||
			error instanceof DatabaseNewerError;
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`${expected ? '' : 'db:copy failed: '}${message.split('\n')[0] ?? ''}\n`);
		return 1;
	}
}

process.exitCode = await main();
