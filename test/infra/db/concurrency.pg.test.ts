import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRound, publishRound } from '../../../src/app/manage-rounds.ts';
import type { Unit } from '../../../src/domain/model.ts';
import { coordinator, createAppHarness, GUILD, seedServer, type AppHarness } from '../../support/app-harness.ts';
import type { StoreJob } from '../../support/store-process.ts';

// PostgreSQL lets several bot processes write at once (SQLite's single writer made these races impossible).
// Each test starts real processes on one database, holds them at a barrier, and releases them together.

const SCRIPT = path.resolve(import.meta.dirname, '../../support/store-process.ts');

let h: AppHarness;
let units: Unit[];

beforeEach(async () => {
	h = await createAppHarness('2021-09-17T02:00:00Z');
	units = await seedServer(h.deps);
});
afterEach(async () => {
	await h.close();
});

/** Starts one process per job, waits until all are connected, releases them at once, returns their outputs. */
async function runTogether<T = unknown>(jobs: StoreJob[]): Promise<T[]> {
	const children = jobs.map((job) => {
		const child = spawn(
			process.execPath,
			['--import', import.meta.resolve('tsx'), SCRIPT, h.url, JSON.stringify(job)],
			{
				stdio: ['pipe', 'pipe', 'pipe'],
			},
		);
		let out = '';
		let err = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (err += d.toString()));
		const ready = new Promise<void>((resolve, reject) => {
			const check = () => (out.startsWith('ready\n') ? resolve() : undefined);
			child.stdout.on('data', check);
			child.once('exit', (code) => reject(new Error(`process exited (${code}) before ready: ${err}`)));
		});
		const done = new Promise<T>((resolve, reject) =>
			child.once('exit', (code) => {
				if (code !== 0) return reject(new Error(`process exited with ${code}: ${err}`));
				resolve(JSON.parse(out.split('\n').filter(Boolean).at(-1)!) as T);
			}),
		);
		return { child, ready, done };
	});
	await Promise.all(children.map((c) => c.ready));
	for (const c of children) c.child.stdin.end('go\n');
	return Promise.all(children.map((c) => c.done));
}

async function openRound(): Promise<number> {
	const created = await createRound(h.deps, {
		guildId: GUILD,
		actor: coordinator(),
		title: 'Rà soát',
		deadline: '04/10/2021 17:00',
		text: 'Dự thảo',
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: created.value.round.code });
	return created.value.round.id;
}

type Outcome = { interactionId: string; outcome: unknown };
type Claim = { claim: unknown };

/** A call that threw (store-process reports it as `{ error }` alone). */
function failed(value: unknown): boolean {
	return typeof value === 'object' && value !== null && Object.keys(value).join() === 'error';
}

describe('PostgreSQL: several processes on one database', () => {
	it('GIVEN an open round WHEN two processes each deliver the same 100 answers at the same moment THEN each interaction is recorded once, with one version per answer and no gaps', async () => {
		const roundId = await openRound();
		const answers = Array.from({ length: 100 }, (_, i) => ({
			unitId: units[i % units.length]!.id,
			interactionId: `i${i}`,
		}));
		const results = await runTogether<Outcome[]>([
			{ kind: 'answers', roundId, answers },
			{ kind: 'answers', roundId, answers: [...answers].reverse() },
		]);

		const all = results.flat();
		expect(all.filter((r) => r.outcome !== 'recorded' && r.outcome !== 'duplicate')).toEqual([]);
		const recorded = all.filter((r) => r.outcome === 'recorded').map((r) => r.interactionId);
		expect(recorded.sort()).toEqual(answers.map((a) => a.interactionId).sort());

		const rows = await h.db.prisma.response.findMany({
			where: { roundId },
			orderBy: [{ unitId: 'asc' }, { version: 'asc' }],
		});
		expect(rows).toHaveLength(100);
		for (const unit of units) {
			const versions = rows.filter((r) => r.unitId === unit.id).map((r) => r.version);
			const expected = answers.filter((a) => a.unitId === unit.id).length;
			expect(versions).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
		}
		expect(await h.db.prisma.auditEvent.count({ where: { action: 'answer.record' } })).toBe(100);
	});

	it('GIVEN one server WHEN two processes create 10 rounds each at the same moment, half of them in one campaign THEN round numbers are 1 to 20 without a repeat and campaign numbers too', async () => {
		const results = await runTogether<Array<{ seq: number } | { error: string }>>([
			{ kind: 'rounds', guildId: GUILD, count: 10, campaignName: 'KH 2022' },
			{ kind: 'rounds', guildId: GUILD, count: 10, campaignName: null },
		]);
		expect(results.flat().filter((r) => 'error' in r)).toEqual([]);
		const seqs = results.flat().map((r) => ('seq' in r ? r.seq : 0));
		expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
		const inCampaign = await h.db.prisma.round.findMany({
			where: { campaign: { name: 'KH 2022' } },
			orderBy: { number: 'asc' },
		});
		expect(inCampaign.map((r) => r.number)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
		expect(await h.db.prisma.campaign.count()).toBe(1);
	});

	it('GIVEN a once-only post nobody queued WHEN two processes enqueue it and try to claim it 5 times each at the same moment THEN it is queued once and exactly one claim wins; after a failure, again exactly one takes it over', async () => {
		const created = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'R',
			deadline: '04/10/2021 17:00',
			text: 'x',
		});
		if (!created.ok) throw new Error('round');
		const roundId = created.value.round.id;
		const unit = units[0]!;
		const job = (retryFailed: boolean): StoreJob => ({
			kind: 'outbox',
			guildId: GUILD,
			roundId,
			unitId: unit.id,
			channelId: unit.channelId,
			key: `delivery:${roundId}:${unit.id}`,
			tries: 5,
			retryFailed,
		});

		const first = await runTogether<Claim[]>([job(false), job(false)]);
		expect(first.flat().filter((c) => failed(c.claim))).toEqual([]);
		expect(first.flat().filter((c) => c.claim !== null)).toHaveLength(1);
		const items = await h.db.prisma.outboxItem.findMany({ where: { key: `delivery:${roundId}:${unit.id}` } });
		expect(items.map((i) => [i.status, i.attempts])).toEqual([['sending', 1]]);

		await h.deps.outbox.finish(items[0]!.id, { ok: false, error: 'down', retryAt: null }, new Date(), null);
		const second = await runTogether<Claim[]>([job(true), job(true)]);
		expect(second.flat().filter((c) => failed(c.claim))).toEqual([]);
		expect(second.flat().filter((c) => c.claim !== null)).toHaveLength(1);
		const after = await h.db.prisma.outboxItem.findUniqueOrThrow({ where: { id: items[0]!.id } });
		expect([after.status, after.attempts]).toEqual(['sending', 2]);
	});

	it('GIVEN an open round with silence as consent WHEN it is closed while two processes answer for every unit THEN each answer is either recorded before the close or refused, and no unit has both an answer and a silence', async () => {
		const roundId = await openRound();
		const answers = Array.from({ length: 100 }, (_, i) => ({
			unitId: units[i % units.length]!.id,
			interactionId: `c${i}`,
		}));
		const [a, b, closed] = await runTogether([
			{ kind: 'answers', roundId, answers: answers.slice(0, 50) },
			{ kind: 'answers', roundId, answers: answers.slice(50) },
			{ kind: 'close', roundId, silentUnitIds: units.map((u) => u.id) },
		]);
		expect(closed).toBe(true);
		const outcomes = [...(a as Outcome[]), ...(b as Outcome[])];
		expect(outcomes.filter((o) => o.outcome !== 'recorded' && o.outcome !== 'round-not-open')).toEqual([]);

		const rows = await h.db.prisma.response.findMany({ where: { roundId } });
		const recorded = outcomes.filter((o) => o.outcome === 'recorded').map((o) => o.interactionId);
		expect(
			rows
				.filter((r) => r.answer !== 'silence')
				.map((r) => r.interactionId)
				.sort(),
		).toEqual(recorded.sort());
		for (const unit of units) {
			const own = rows.filter((r) => r.unitId === unit.id);
			const silent = own.filter((r) => r.answer === 'silence');
			// Either the close found no answer and recorded silence (alone), or answers came first and no silence.
			if (silent.length > 0) expect(own.map((r) => [r.answer, r.version])).toEqual([['silence', 1]]);
		}
		const round = await h.db.prisma.round.findUniqueOrThrow({ where: { id: roundId } });
		expect(round.state).toBe('closed');
	});
});
