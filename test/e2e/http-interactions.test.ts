import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { dbSnapshot } from '../support/db-snapshot.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import type { FakeMessage, HttpDelivery } from '../support/fake-discord/index.ts';

/**
 * http interactions mode end to end: the fake Discord signs every interaction with its Ed25519 key and POSTs it to
 * the bot's /interactions; the bot answers in the HTTP response and follows up over REST. No gateway at all.
 */

let e: E2E;
let clock: ManualClock;

beforeEach(async () => {
	clock = new ManualClock('2021-09-17T02:00:00Z');
	e = await startE2E({ clock, interactions: 'http' });
	await setUpSeedServer(e);
});
afterEach(async () => {
	await e.stop();
});

function endpoint(): string {
	return `http://127.0.0.1:${e.bot.http.port}/interactions`;
}

function draftPost(channelId: string): FakeMessage {
	const posts = e.fake.messages(channelId).filter((m) => m.author.id === e.fake.botUserId);
	expect(posts).toHaveLength(1);
	return posts[0]!;
}

function agreeId(post: FakeMessage): string {
	return (post.components as Array<{ components: Array<{ custom_id: string }> }>)[0]!.components[0]!.custom_id;
}

async function publishRound(): Promise<void> {
	await e.run(e.coordinatorId, 'round', 'create', {
		title: 'Rà soát kế hoạch công tác năm 2022 (lần 2)',
		deadline: '04/10/2021 16:00',
		units: 'tất cả',
		text: 'Dự thảo kế hoạch công tác năm 2022',
	});
	const published = await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
	expect(published.content).toContain('9 đơn vị');
}

function clickAgree(unitIndex: number, http?: HttpDelivery) {
	const u = e.units[unitIndex]!;
	const post = draftPost(u.channelId);
	return e.fake.clickButton({
		guildId: e.guildId,
		channelId: u.channelId,
		userId: u.memberId,
		messageId: post.id,
		customId: agreeId(post),
		...(http ? { http } : {}),
	});
}

describe('http interactions mode', () => {
	it('GIVEN the bot in http mode WHEN Discord PINGs the endpoint THEN it answers PONG; unsigned, it answers 401', async () => {
		const body = JSON.stringify({ id: '1', type: 1, application_id: e.fake.applicationId, token: 't', version: 1 });
		const { signature, timestamp } = e.fake.signInteraction(body);
		const headers = { 'content-type': 'application/json', 'x-signature-timestamp': timestamp };
		const pong = await fetch(endpoint(), {
			method: 'POST',
			headers: { ...headers, 'x-signature-ed25519': signature },
			body,
		});
		expect(pong.status).toBe(200);
		expect(pong.headers.get('content-type')).toContain('application/json');
		expect(await pong.json()).toEqual({ type: 1 });
		const unsigned = await fetch(endpoint(), { method: 'POST', headers, body });
		expect(unsigned.status).toBe(401);
		// Ready without any gateway session: the database answers.
		const ready = await fetch(`http://127.0.0.1:${e.bot.http.port}/readyz`);
		expect([ready.status, await ready.json()]).toEqual([200, { ok: true, checks: { database: true, discord: true } }]);
	});

	it('GIVEN a published round WHEN a slash command and an Agree click come through http THEN both are answered privately and the answer is recorded', async () => {
		await publishRound();
		// The publish itself was a slash command over http: it answered through the deferred reply, edited over REST.
		const handle = clickAgree(0);
		const reply = await handle.reply({ timeoutMs: 10_000 });
		expect(reply.ephemeral).toBe(true);
		expect(reply.content).toBe(`Đã ghi nhận: đơn vị **${e.units[0]!.code}** nhất trí với dự thảo của đợt **R1**.`);
		const answer = await handle.httpAnswer();
		expect(answer?.status).toBe(200);
		expect(answer?.late).toBe(false);
		// Quick work: the confirmation itself was the HTTP response (type 4), in time, with no deferral and no edit;
		// no gateway session exists.
		expect(handle.state().callbackType).toBe(4);
		expect(e.fake.gatewayStats().identifies).toBe(0);
		await e.bot.router.idle();
		const status = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1' });
		expect(status.content).toContain('1/9 đơn vị đã gửi ý kiến');
	});

	it('GIVEN a published round WHEN the Comment button opens its modal and the modal is submitted through http THEN the modal is the HTTP answer and the comment is recorded', async () => {
		await publishRound();
		const u = e.units[2]!;
		const post = draftPost(u.channelId);
		const commentId = (post.components as Array<{ components: Array<{ custom_id: string }> }>)[0]!.components[1]!
			.custom_id;
		const click = e.fake.clickButton({
			guildId: e.guildId,
			channelId: u.channelId,
			userId: u.memberId,
			messageId: post.id,
			customId: commentId,
		});
		const modal = await click.modal();
		expect((await click.httpAnswer())?.body).toMatchObject({ type: 9, data: { custom_id: modal.custom_id } });
		const submit = e.fake.submitModal({
			guildId: e.guildId,
			channelId: u.channelId,
			userId: u.memberId,
			customId: modal.custom_id,
			fields: { text: 'Đề nghị bỏ báo cáo tháng' },
			messageId: post.id,
		});
		const reply = await submit.reply({ timeoutMs: 10_000 });
		expect(reply.content).toBe(`Đã ghi nhận ý kiến của đơn vị **${u.code}** về dự thảo của đợt **R1**.`);
	});

	it('GIVEN an open round WHEN a member types in /feedback agree round THEN the suggestions are the HTTP answer (type 8)', async () => {
		await publishRound();
		const u = e.units[0]!;
		const choices = await e.fake.autocomplete({
			guildId: e.guildId,
			channelId: e.generalChannelId,
			userId: u.memberId,
			name: 'feedback',
			subcommand: 'agree',
			focused: 'round',
			value: '',
		});
		expect(choices.map((c) => c.value)).toEqual(['R1']);
	});

	it.each([
		['a wrong signature', 'signature'],
		['a body changed after signing', 'body'],
		['a timestamp 10 minutes old', 'stale'],
	] as const)(
		'GIVEN a published round WHEN an Agree click arrives with %s THEN the endpoint answers 401 and the database is unchanged',
		async (_what, forge) => {
			await publishRound();
			await e.bot.router.idle();
			const before = dbSnapshot(e.dbUrl);
			const handle = clickAgree(1, { forge });
			const answer = await handle.httpAnswer();
			expect(answer?.status).toBe(401);
			expect(handle.state().callbacks).toBe(0);
			await e.bot.router.idle();
			expect(dbSnapshot(e.dbUrl)).toBe(before);
			// The same click, signed properly, goes through: the refusal was the signature's doing.
			const genuine = await clickAgree(1).reply({ timeoutMs: 10_000 });
			expect(genuine.content).toContain(`**${e.units[1]!.code}** nhất trí`);
			await e.bot.router.idle();
			expect(dbSnapshot(e.dbUrl)).not.toBe(before);
		},
	);

	it('GIVEN reading a server over REST takes 3 s WHEN a slash command arrives THEN the bot acknowledges at about 2.5 s, in time, and answers after', async () => {
		const guild = e.fake.createGuild({ name: 'Sở B', locale: 'vi' });
		const channel = e.fake.createChannel(guild.id, { name: 'chung' });
		const user = e.fake.createUser({ username: 'b', locale: 'vi' });
		e.fake.addMember(guild.id, user.id, []);
		e.fake.faults.slow(new RegExp(`/guilds/${guild.id}`), 3000);
		const handle = e.fake.slashCommand({
			guildId: guild.id,
			channelId: channel.id,
			userId: user.id,
			name: 'round',
			subcommand: 'list',
		});
		const answer = await handle.httpAnswer();
		expect(answer?.status).toBe(200);
		expect(answer?.late).toBe(false);
		expect(answer?.body).toEqual({ type: 5, data: { flags: 64 } });
		expect(answer?.ms).toBeGreaterThanOrEqual(2400);
		const reply = await handle.reply({ timeoutMs: 10_000 });
		expect(reply.ephemeral).toBe(true);
		expect(reply.content.length).toBeGreaterThan(0);
	});

	it('GIVEN http mode WHEN /round status answers with its picture THEN the PNG arrives attached to the private answer (multipart over REST)', async () => {
		await publishRound();
		const reply = await e.run(e.coordinatorId, 'round', 'status', { round: 'R1' });
		expect(reply.ephemeral).toBe(true);
		const png = reply.attachments.find((a) => a.filename.endsWith('.png'));
		expect(png?.data.subarray(1, 4).toString('latin1')).toBe('PNG');
	});
});
