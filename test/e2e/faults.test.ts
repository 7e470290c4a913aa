import { afterEach, describe, expect, it } from 'vitest';
import { hanoi } from '../support/app-harness.ts';
import { ManualClock } from '../support/clock.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import { botMessages } from '../fixtures/e2e/discord.ts';

/**
 * Issue 11: faults end to end. With Discord answering 5xx, storming 429s, answering slowly, dropping the gateway or
 * invalidating the session, every interaction still gets its answer, and publishing and reminders complete later
 * without a duplicate post.
 */

let e: E2E | undefined;
afterEach(async () => {
	e?.fake.faults.clear();
	await e?.stop();
	e = undefined;
});

const CALLBACK = /^POST \/interactions\/\d+\/[^/]+\/callback$/;
const ORIGINAL = /^PATCH \/webhooks\/\d+\/[^/]+\/messages\/@original$/;
const POST_MESSAGE = /^POST \/channels\/\d+\/messages$/;

async function seeded(clock = new ManualClock(hanoi('2026-03-02 09:00'))): Promise<{ env: E2E; clock: ManualClock }> {
	e = await startE2E({ clock });
	await setUpSeedServer(e);
	return { env: e, clock };
}

async function createR1(env: E2E, options: Record<string, string> = {}): Promise<void> {
	const created = await env.run(env.coordinatorId, 'round', 'create', {
		title: 'Kế hoạch năm',
		deadline: '30/03/2026 17:00',
		text: 'Dự thảo',
		...options,
	});
	expect(created.content).toContain('**R1**');
}

/** Bot posts per unit channel, by unit code. */
function postsPerUnit(env: E2E): Record<string, number> {
	return Object.fromEntries(env.units.map((u) => [u.code, botMessages(env, u.channelId).length]));
}

const everyUnit = (env: E2E, n: number) => Object.fromEntries(env.units.map((u) => [u.code, n]));

describe('faults end to end (issue 11)', () => {
	it('GIVEN Discord answering 5xx to the acknowledgement and to the edit of the reply WHEN a command runs THEN it still gets its answer', async () => {
		const { env } = await seeded();
		env.fake.faults.serverError(CALLBACK, 2, 500);
		env.fake.faults.serverError(ORIGINAL, 2, 502);
		const reply = await env.run(env.coordinatorId, 'unit', 'list', {});
		expect(reply.ephemeral).toBe(true);
		expect(reply.content).toContain('TKG');
	});

	it('GIVEN slow answers from Discord (1 s per acknowledgement and per post) WHEN a round is published THEN the person is answered and every unit gets one post', async () => {
		const { env } = await seeded();
		await createR1(env);
		env.fake.faults.slow(CALLBACK, 1000, 1);
		env.fake.faults.slow(POST_MESSAGE, 300);
		const reply = await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect(reply.content).toContain('R1');
		expect(postsPerUnit(env)).toEqual(everyUnit(env, 1));
	});

	it('GIVEN a storm of 429s on message posts WHEN a round is published THEN it completes with exactly one post per unit', async () => {
		const { env } = await seeded();
		await createR1(env);
		env.fake.faults.rateLimitStorm(POST_MESSAGE, 20, 0.05);
		const reply = await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect(reply.content).toContain('R1');
		expect(env.fake.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
		expect(postsPerUnit(env)).toEqual(everyUnit(env, 1));
	});

	it('GIVEN posts that Discord makes but whose answers are lost (5xx after handling) WHEN a round is published THEN no unit gets its draft twice', async () => {
		const { env } = await seeded();
		await createR1(env);
		env.fake.faults.serverError(POST_MESSAGE, 4, 500, { afterHandling: true });
		const reply = await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect(reply.ephemeral).toBe(true);
		// The retries carry the same nonce: Discord hands back the post it already made.
		expect(postsPerUnit(env)).toEqual(everyUnit(env, 1));
	});

	it('GIVEN Discord failing every post during a publish WHEN it recovers and the coordinator publishes again THEN every unit has exactly one post', async () => {
		const { env } = await seeded();
		await createR1(env);
		env.fake.faults.serverError(POST_MESSAGE, 1000, 503);
		const first = await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect(first.ephemeral).toBe(true);
		expect(postsPerUnit(env)).toEqual(everyUnit(env, 0));
		env.fake.faults.clear();
		await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect(postsPerUnit(env)).toEqual(everyUnit(env, 1));
	});

	// The outbox finishes a publish by itself: no second command is needed.
	it('GIVEN Discord failing every post during a publish WHEN it recovers THEN the sweep alone completes the publish, one post per unit', async () => {
		const { env, clock } = await seeded();
		await createR1(env);
		env.fake.faults.serverError(POST_MESSAGE, 1000, 503);
		await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		env.fake.faults.clear();
		clock.set(hanoi('2026-03-02 09:10'));
		await env.bot.tick();
		await env.bot.tick();
		expect(postsPerUnit(env)).toEqual(everyUnit(env, 1));
	});

	it('GIVEN reminders due while Discord fails (5xx, lost answers) WHEN later ticks run THEN each pending unit gets its reminder exactly once', async () => {
		const { env, clock } = await seeded(new ManualClock(hanoi('2026-03-02 09:00')));
		await createR1(env, { deadline: '02/03/2026 10:00', reminders: '-30m' });
		await env.run(env.coordinatorId, 'round', 'publish', { round: 'R1' });
		expect(postsPerUnit(env)).toEqual(everyUnit(env, 1));
		clock.set(hanoi('2026-03-02 09:30'));
		env.fake.faults.serverError(POST_MESSAGE, 3, 500, { afterHandling: true });
		env.fake.faults.serverError(POST_MESSAGE, 40, 500);
		const first = await env.bot.tick();
		expect(first.failed.length + first.sent.length).toBeGreaterThan(0);
		env.fake.faults.clear();
		for (const minute of [31, 33, 36, 40, 45, 50]) {
			clock.set(hanoi(`2026-03-02 09:${minute}`));
			await env.bot.tick();
		}
		expect(postsPerUnit(env)).toEqual(everyUnit(env, 2));
	});

	it('GIVEN the gateway dropped WHEN a command is sent right then THEN the bot resumes and answers it once', async () => {
		const { env } = await seeded();
		const resumed = env.fake.waitForGatewayEvent('RESUMED', 10_000);
		env.fake.faults.dropGateway();
		const handle = env.fake.slashCommand({
			guildId: env.guildId,
			channelId: env.generalChannelId,
			userId: env.coordinatorId,
			name: 'unit',
			subcommand: 'list',
		});
		await resumed;
		const reply = await handle.reply({ timeoutMs: 10_000 });
		await env.bot.router.idle();
		expect(reply.content).toContain('TKG');
		expect(handle.errors).toEqual([]);
	});

	it('GIVEN an invalid session that cannot resume WHEN the bot identifies again THEN later commands are answered', async () => {
		const { env } = await seeded();
		const ready = env.fake.waitForGatewayEvent('READY', 10_000);
		env.fake.faults.invalidSession(false);
		await ready;
		await new Promise((r) => setTimeout(r, 200)); // GUILD_CREATE after READY
		const reply = await env.run(env.coordinatorId, 'unit', 'list', {});
		expect(reply.content).toContain('TKG');
	});

	// Issue 11 defect 9: one handling per interaction id.
	it('GIVEN a resumable invalid session WHEN a command arrives around it THEN it is answered exactly once, with no rejected callback', async () => {
		const { env } = await seeded();
		env.fake.faults.invalidSession(true);
		const handle = env.fake.slashCommand({
			guildId: env.guildId,
			channelId: env.generalChannelId,
			userId: env.coordinatorId,
			name: 'unit',
			subcommand: 'list',
		});
		const reply = await handle.reply({ timeoutMs: 10_000 });
		await new Promise((r) => setTimeout(r, 500));
		await env.bot.router.idle();
		expect(reply.content).toContain('TKG');
		expect(handle.errors).toEqual([]);
	});

	// Issue 11 defect 9: the fallback follow-up.
	it('GIVEN every edit of a deferred reply failing (20 × 500) WHEN a command runs THEN the person still gets a follow-up', async () => {
		const { env } = await seeded();
		env.fake.faults.serverError(ORIGINAL, 20, 500);
		const handle = env.fake.slashCommand({
			guildId: env.guildId,
			channelId: env.generalChannelId,
			userId: env.coordinatorId,
			name: 'unit',
			subcommand: 'list',
		});
		const reply = await handle.reply({ timeoutMs: 12_000 });
		await env.bot.router.idle();
		expect(reply.ephemeral).toBe(true);
		expect(reply.content.length).toBeGreaterThan(0);
	});
});
