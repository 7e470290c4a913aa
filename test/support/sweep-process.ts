/**
 * A second bot process for tests: runs one reminder sweep against a shared database at a fixed time, with a
 * notifier that appends what it would post to a file, then prints the sweep report as JSON.
 * Usage: node --import tsx test/support/sweep-process.ts <DATABASE_URL> <ISO time> <output file>
 */
import { appendFileSync } from 'node:fs';
import type { Notifier, SendResult } from '../../src/app/ports.ts';
import { runReminderSweep } from '../../src/app/reminder-sweep.ts';
import { openDatabase } from '../../src/infra/db/database.ts';
import { PrismaReportStore } from '../../src/infra/db/prisma-report-store.ts';
import { createRepositories } from '../../src/infra/db/repositories/index.ts';
import { silentLog } from './app-harness.ts';
import { ManualClock } from './clock.ts';

const [dbUrl, at, out] = process.argv.slice(2);
if (!dbUrl || !at || !out) throw new Error('usage: sweep-process <db> <time> <out>');
const db = await openDatabase(dbUrl);
let seq = 0;
const record = (line: object): SendResult => {
	appendFileSync(out, `${JSON.stringify({ pid: process.pid, ...line })}\n`);
	return { ok: true, messageId: `${process.pid}-${++seq}` };
};
const notifier: Notifier = {
	postDraft: async () => record({ kind: 'draft' }),
	refreshDraft: async (_c, messageId) => ({ ok: true, messageId }),
	findOwnPost: async () => null,
	postText: async () => record({ kind: 'text' }),
	postReminder: async (view) => record({ kind: 'reminder', unit: view.unit.code }),
	postRoundNotice: async (_c, notice) => record({ kind: `notice:${notice.kind}` }),
};
const report = await runReminderSweep({
	...createRepositories(db.prisma, undefined, db.sql),
	clock: new ManualClock(at),
	notifier,
	log: silentLog,
	reports: new PrismaReportStore(db.prisma, undefined, db.sql),
});
await db.close();
process.stdout.write(JSON.stringify(report));
