/**
 * Crash trials: the bot as a real process on a real SQLite file, killed with SIGKILL at random moments during a
 * publish and during a reminder sweep, then started again. At the end of each trial every unit must have exactly
 * one post of its draft, every unit that has not answered exactly one reminder of the step that was due, and every
 * answer the bot confirmed must be in the database.
 */
import Database from 'better-sqlite3';
import {
	buildOffice,
	createOfficeRound,
	draftPostsIn,
	eventually,
	remindersIn,
	spawnBot,
	type BotProcess,
	type Office,
} from '../support/crash-harness.ts';

export interface TrialResult {
	lost: number;
	duplicated: number;
	notes: string[];
}

export interface TrialsSummary {
	trials: number;
	lost: number;
	duplicated: number;
	notes: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SQLite DateTime as Prisma's driver adapter writes it. */
const sqliteTime = (d: Date) => d.toISOString().replace('Z', '+00:00');

function dbFile(office: Office): string {
	return office.dbUrl.replace(/^file:/, '');
}

/** One trial: a publish killed at a random moment, then a reminder sweep killed at a random moment. */
export async function runTrial(units: number, random: () => number = Math.random): Promise<TrialResult> {
	const result: TrialResult = { lost: 0, duplicated: 0, notes: [] };
	// Discord's nonce window, shortened: a post that landed before a kill must be recognised, not just deduplicated.
	const office = await buildOffice(units, { nonceWindowMs: 1000 });
	let bot: BotProcess | undefined;
	try {
		const round = await createOfficeRound(office, {
			deadline: new Date(Date.now() + 3 * 24 * 3600_000),
			reminders: '-5m',
		});
		office.fake.faults.slow(/\/channels\/\d+\/messages$/, 20 + Math.floor(random() * 40));

		// 1. Publish, killed at a random moment.
		bot = spawnBot(office);
		await bot.ready();
		const publish = () =>
			office.fake.slashCommand({
				guildId: office.guildId,
				channelId: office.generalChannelId,
				userId: office.coordinatorId,
				name: 'round',
				subcommand: 'publish',
				options: { round },
			});
		await publish().acked;
		await sleep(Math.floor(random() * 2500));
		await bot.kill();
		bot = spawnBot(office);
		await bot.ready();
		const raw = new Database(dbFile(office));
		const state = raw.prepare('SELECT "state" FROM "Round"').get() as { state: string };
		if (state.state === 'draft') {
			// Killed before the publish recorded anything: the coordinator saw no answer and publishes again.
			result.notes.push('killed before the publish began; published again');
			await publish().reply({ timeoutMs: 60_000 });
		}
		const delivered = () => office.units.filter((u) => draftPostsIn(office, u).length > 0).length;
		if (!(await eventually(() => delivered() === units, 90_000))) {
			result.notes.push(`publish: ${delivered()}/${units} delivered after restart`);
		}

		// 2. A reminder step falls due for every unit ("time passes": the round was published an hour ago and its
		// deadline is 4 minutes away, so the -5m step is due and still meaningful); some units answer meanwhile; the
		// bot is killed at a random moment of that sweep.
		raw
			.prepare('UPDATE "Round" SET "publishedAt" = ?, "deadline" = ?')
			.run(sqliteTime(new Date(Date.now() - 3600_000)), sqliteTime(new Date(Date.now() + 4 * 60_000)));
		const answering = office.units.filter(() => random() < 0.2);
		const confirmed: string[] = [];
		const answers = answering.map(async (unit) => {
			await sleep(Math.floor(random() * 1500));
			const handle = office.fake.slashCommand({
				guildId: office.guildId,
				channelId: unit.channelId,
				userId: unit.memberId,
				name: 'feedback',
				subcommand: 'agree',
				options: { round },
			});
			try {
				const reply = await handle.reply({ timeoutMs: 4000 });
				if (reply.content.includes(unit.code)) confirmed.push(unit.memberId);
			} catch {
				// Not confirmed (the bot was killed first): the member would press again; nothing is owed.
			}
		});
		await sleep(Math.floor(random() * 2500));
		await bot.kill();
		await Promise.all(answers);
		bot = spawnBot(office);
		await bot.ready();
		const answered = () =>
			new Set(
				(raw.prepare('SELECT DISTINCT "userId" FROM "Response"').all() as Array<{ userId: string }>).map(
					(r) => r.userId,
				),
			);
		const remindedOrAnswered = () => {
			const done = answered();
			return office.units.filter((u) => remindersIn(office, u).length > 0 || done.has(u.memberId)).length;
		};
		if (!(await eventually(() => remindedOrAnswered() === units, 90_000))) {
			result.notes.push(`reminders: ${remindedOrAnswered()}/${units} reminded or answered after restart`);
		}
		// A few more sweeps: nothing may arrive twice.
		await sleep(2500);
		await bot.kill();

		const done = answered();
		raw.close();
		for (const memberId of confirmed) {
			if (!done.has(memberId)) {
				result.lost++;
				result.notes.push(`a confirmed answer of ${memberId} is missing`);
			}
		}
		for (const unit of office.units) {
			const drafts = draftPostsIn(office, unit).length;
			const reminders = remindersIn(office, unit).length;
			if (drafts === 0) result.lost++;
			if (drafts > 1) result.duplicated++;
			if (reminders === 0 && !done.has(unit.memberId)) result.lost++;
			if (reminders > 1) result.duplicated++;
			if (drafts !== 1 || reminders > 1) result.notes.push(`${unit.code}: ${drafts} drafts, ${reminders} reminders`);
		}
	} finally {
		await bot?.kill();
		await office.close();
	}
	return result;
}

/** Runs `count` trials one after the other; `onTrial` hears about each. */
export async function runTrials(
	count: number,
	units: number,
	onTrial: (n: number, r: TrialResult) => void = () => {},
): Promise<TrialsSummary> {
	const summary: TrialsSummary = { trials: 0, lost: 0, duplicated: 0, notes: [] };
	for (let n = 1; n <= count; n++) {
		const r = await runTrial(units);
		summary.trials++;
		summary.lost += r.lost;
		summary.duplicated += r.duplicated;
		summary.notes.push(...r.notes.map((note) => `trial ${n}: ${note}`));
		onTrial(n, r);
	}
	return summary;
}
