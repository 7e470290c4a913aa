/**
 * A second (third…) bot process for concurrency tests: opens the database at <DATABASE_URL>, prints `ready`, waits
 * for a line on stdin (so that every process starts its burst at the same moment), runs <job> (JSON) through the
 * real store with all its calls in flight at once, prints the outcome as one JSON line and exits.
 * Usage: node --import tsx test/support/store-process.ts <DATABASE_URL> <job JSON>
 */
import { once } from 'node:events';
import type { AuditInput } from '../../src/app/ports.ts';
import { openDatabase } from '../../src/infra/db/database.ts';
import { createRepositories } from '../../src/infra/db/repositories/index.ts';

export type StoreJob =
	| { kind: 'answers'; roundId: number; answers: Array<{ unitId: number; interactionId: string }> }
	| { kind: 'rounds'; guildId: string; count: number; campaignName: string | null }
	| {
			kind: 'outbox';
			guildId: string;
			roundId: number;
			unitId: number;
			channelId: string;
			key: string;
			tries: number;
			retryFailed: boolean;
	  }
	| { kind: 'close'; roundId: number; silentUnitIds: number[] };

const [url, jobText] = process.argv.slice(2);
if (!url || !jobText) throw new Error('usage: store-process <DATABASE_URL> <job JSON>');
const job = JSON.parse(jobText) as StoreJob;
const db = await openDatabase(url);
const repos = createRepositories(db.prisma, undefined, db.sql);
const audit = (action: string): AuditInput => ({ guildId: 'g', actorId: `p${process.pid}`, action });

process.stdout.write('ready\n');
await once(process.stdin, 'data');

const settle = async <T>(p: Promise<T>): Promise<T | { error: string }> => {
	try {
		return await p;
	} catch (error) {
		return { error: error instanceof Error ? error.message : String(error) };
	}
};

let result: unknown;
const now = new Date();
switch (job.kind) {
	case 'answers':
		result = await Promise.all(
			job.answers.map(async (a) => {
				const r = await settle(
					repos.answers.append(
						{
							roundId: job.roundId,
							unitId: a.unitId,
							answer: 'agree',
							text: null,
							fileName: null,
							fileUrl: null,
							userId: `p${process.pid}`,
							userName: null,
							source: null,
							late: false,
							interactionId: a.interactionId,
							at: now,
						},
						audit('answer.record'),
					),
				);
				if (typeof r === 'string' || 'error' in r) return { interactionId: a.interactionId, outcome: r };
				return { interactionId: a.interactionId, outcome: r.duplicate ? 'duplicate' : 'recorded' };
			}),
		);
		break;
	case 'rounds':
		result = await Promise.all(
			Array.from({ length: job.count }, async (_, i) => {
				const r = await settle(
					repos.rounds.create(
						{
							guildId: job.guildId,
							title: `p${process.pid}-${i}`,
							deadline: new Date('2030-01-01T10:00:00Z'),
							timezone: 'Asia/Ho_Chi_Minh',
							commonText: 'Dự thảo',
							campaignName: job.campaignName,
							unitIds: [],
							createdBy: 'u',
							reminderLadder: '-2wd',
							silencePolicy: 'none',
							latePolicy: 'accept',
							commonFile: null,
						},
						audit('round.create'),
					),
				);
				return 'error' in r ? r : { seq: r.seq };
			}),
		);
		break;
	case 'outbox': {
		// Every process enqueues the same once-only post, then races to claim it for sending.
		const items = await settle(
			repos.outbox.enqueue([
				{
					key: job.key,
					kind: 'delivery',
					guildId: job.guildId,
					roundId: job.roundId,
					unitId: job.unitId,
					channelId: job.channelId,
					payload: {},
					dueAt: new Date(0),
				},
			]),
		);
		if ('error' in items) {
			result = [{ claim: items }];
			break;
		}
		const id = items[0]!.id;
		result = await Promise.all(
			Array.from({ length: job.tries }, async () => ({
				claim: await settle(repos.outbox.claim(id, now, 120_000, { retryFailed: job.retryFailed })),
			})),
		);
		break;
	}
	case 'close':
		result = await settle(repos.rounds.close(job.roundId, now, job.silentUnitIds, audit('round.close')));
		break;
}
await db.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
