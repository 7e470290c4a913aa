import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
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
import { createTestDatabase, withClient, type TestDatabase } from '../support/test-database.ts';

/**
 * Replicas: bot processes in http interactions mode on one PostgreSQL database, behind one endpoint list (the
 * fake Discord round-robins its signed POSTs over them, as a load balancer would). Any replica answers any
 * interaction; the sweep's once-only work (deliveries, reminders) goes out once whoever runs it; a replica killed
 * (SIGKILL) in the middle of a publish loses nothing: the others finish its claims when their lease runs out.
 */

/** The seed's round 2: nine central departments (the demo's own file), three of which comment. */
const SEED_UNITS = parse<{ code: string; name: string }>(
	readFileSync(new URL('../../demo/units-round2.csv', import.meta.url)),
	{ columns: true, bom: true },
);
const COMMENTING = new Set(['TKNLTS', 'TKDSLD', 'TTDL']);
const UNITS = SEED_UNITS.length;

let office: Office | undefined;
let db: TestDatabase | undefined;
const bots: BotProcess[] = [];

afterEach(async () => {
	await Promise.all(bots.splice(0).map((b) => b.kill()));
	await office?.close();
	await db?.release();
	office = db = undefined;
});

async function replica(o: Office): Promise<{ bot: BotProcess; url: string }> {
	const bot = spawnBot(o, { INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: o.fake.publicKey });
	bots.push(bot);
	await bot.ready();
	const port = /"port":(\d+),"metrics":\w+,"msg":"http server listening"/.exec(bot.output())?.[1];
	if (!port) throw new Error(`no port in the replica's log:\n${bot.output()}`);
	return { bot, url: `http://127.0.0.1:${port}/interactions` };
}

function buttonIds(message: { components: unknown[] }): string[] {
	return (message.components as Array<{ components: Array<{ custom_id: string }> }>).flatMap((row) =>
		row.components.map((c) => c.custom_id),
	);
}

describe('http replicas on one PostgreSQL database', () => {
	it(`GIVEN two http replicas WHEN the seed's round 2 to its ${UNITS} departments is published through one that is killed half-way, reminded, and answered through both THEN it ends ${UNITS}/${UNITS}: 6 agreed, 3 commented, every post and reminder once`, async () => {
		db = await createTestDatabase();
		office = await buildOffice(UNITS, {}, { dbUrl: db.url, units: SEED_UNITS });
		const o = office;
		const round = await createOfficeRound(o, { deadline: new Date(Date.now() + 3 * 24 * 3600_000), reminders: '-5m' });
		// The first post to the last four units' channels hangs for 8 s: the publish is half done when A is killed.
		const slow = o.units.slice(5);
		for (const u of slow) o.fake.faults.slow(new RegExp(`/channels/${u.channelId}/messages$`), 8000, 1);
		const a = await replica(o);
		const b = await replica(o);
		o.fake.useInteractionsEndpoints([a.url, b.url]);

		// 1. The publish reaches replica A, which is killed half-way through the posts.
		const publish = o.fake.slashCommand({
			guildId: o.guildId,
			channelId: o.generalChannelId,
			userId: o.coordinatorId,
			name: 'round',
			subcommand: 'publish',
			options: { round },
			http: { endpoint: 0 },
		});
		expect((await publish.httpAnswer())?.status).toBe(200);
		const delivered = () => o.units.filter((u) => draftPostsIn(o, u).length > 0).length;
		expect(await eventually(() => delivered() >= UNITS - slow.length, 30_000)).toBe(true);
		await a.bot.kill();
		expect(delivered()).toBe(UNITS - slow.length);
		// The load balancer drops the dead replica and a new one joins.
		o.fake.useInteractionsEndpoints([b.url]);
		const c = await replica(o);
		o.fake.useInteractionsEndpoints([b.url, c.url]);
		expect(await eventually(() => delivered() === UNITS, 60_000), b.bot.output()).toBe(true);

		// 2. The -5m reminder falls due ("time passes": deadline 4 minutes away): both replicas sweep every second.
		await withClient(db.url, (client) =>
			client.query(`UPDATE "Round" SET "publishedAt" = $1, "deadline" = $2`, [
				new Date(Date.now() - 3600_000),
				new Date(Date.now() + 4 * 60_000),
			]),
		);
		const reminded = () => o.units.filter((u) => remindersIn(o, u).length > 0).length;
		expect(await eventually(() => reminded() === UNITS, 30_000)).toBe(true);

		// 3. As in the seed, six units agree by button and three comment by command, spread over the two replicas.
		const answers = o.units.map(async (u) => {
			if (!COMMENTING.has(u.code)) {
				const post = draftPostsIn(o, u)[0]!;
				const click = o.fake.clickButton({
					guildId: o.guildId,
					channelId: u.channelId,
					userId: u.memberId,
					messageId: post.id,
					customId: buttonIds(post)[0]!,
				});
				expect((await click.reply({ timeoutMs: 15_000 })).content).toContain(`**${u.code}** nhất trí`);
				return (await click.httpAnswer())?.endpoint;
			}
			const comment = o.fake.slashCommand({
				guildId: o.guildId,
				channelId: u.channelId,
				userId: u.memberId,
				name: 'feedback',
				subcommand: 'comment',
				options: { round, text: `Đề nghị ${u.code} giảm báo cáo quý` },
			});
			expect((await comment.reply({ timeoutMs: 15_000 })).content).toContain(`**${u.code}**`);
			return (await comment.httpAnswer())?.endpoint;
		});
		// Both live replicas answered some of them.
		expect(new Set(await Promise.all(answers))).toEqual(new Set([b.url, c.url]));
		const status = await o.fake
			.slashCommand({
				guildId: o.guildId,
				channelId: o.generalChannelId,
				userId: o.coordinatorId,
				name: 'round',
				subcommand: 'status',
				options: { round },
			})
			.reply({ timeoutMs: 15_000 });
		expect(status.content).toContain(`${UNITS}/${UNITS} đơn vị đã gửi ý kiến: 6 đơn vị nhất trí, 3 đơn vị có ý kiến`);

		// A few more sweeps on both replicas: nothing may arrive twice.
		await new Promise((r) => setTimeout(r, 3000));
		for (const u of o.units) {
			expect(draftPostsIn(o, u).length, `${u.code} drafts`).toBe(1);
			expect(remindersIn(o, u).length, `${u.code} reminders`).toBe(1);
		}
		// The round's "complete" notice in the report channel, once, whichever replica recorded the last answer.
		const complete = o.fake
			.messages(o.reportChannelId)
			.filter((m) => m.content.includes(`${UNITS}/${UNITS} đơn vị đã gửi ý kiến`));
		expect(complete).toHaveLength(1);
		const versions = await withClient(db.url, (client) =>
			client.query<{ n: string }>(`SELECT count(*) AS n FROM "Response"`),
		);
		expect(Number(versions.rows[0]?.n)).toBe(UNITS);
	}, 240_000);
});
