import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Events, type Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, startTestClient } from '../support/fake-discord/index.ts';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
	await client?.destroy();
	await fake?.stop();
	client = undefined;
	fake = undefined;
});

async function world() {
	const f = await FakeDiscord.start();
	fake = f;
	const guild = f.createGuild({ name: 'G' });
	const channel = f.createChannel(guild.id, { name: 'c' });
	const user = f.createUser({ username: 'lan' });
	f.addMember(guild.id, user.id, []);
	const c = await startTestClient(f);
	client = c;
	// A minimal bot: answers every slash command with its name.
	c.on(Events.InteractionCreate, (i) => {
		if (i.isChatInputCommand()) void i.reply(`pong ${i.commandName}`);
	});
	return { fake: f, client: c, base: { guildId: guild.id, channelId: channel.id, userId: user.id }, channel };
}

const once = (c: Client, event: string, timeoutMs = 5000): Promise<void> =>
	new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
		c.once(event, () => {
			clearTimeout(timer);
			resolve();
		});
	});

describe('fake Discord: gateway', () => {
	it('GIVEN a dropped connection WHEN discord.js reconnects THEN it RESUMEs on resume_gateway_url and gets the events it missed', async () => {
		const w = await world();
		expect(w.fake.gatewayStats()).toMatchObject({ connections: 1, identifies: 1, resumes: 0, connected: 1 });
		const resumed = once(w.client, Events.ShardResume);
		w.fake.faults.dropGateway();
		// Sent while the bot is offline: must be replayed after RESUME (the 3 s ack deadline still applies).
		const missed = w.fake.slashCommand({ ...w.base, name: 'missed' });
		await resumed;
		expect((await missed.reply()).content).toBe('pong missed');
		const after = w.fake.slashCommand({ ...w.base, name: 'after' });
		expect((await after.reply()).content).toBe('pong after');
		expect(w.fake.gatewayStats()).toMatchObject({ connections: 2, identifies: 1, resumes: 1, resumeUrlConnections: 1 });
	});

	it('GIVEN a non-resumable INVALID_SESSION WHEN discord.js handles it THEN it identifies again and keeps working', async () => {
		const w = await world();
		const ready = w.fake.waitForGatewayEvent('READY');
		w.fake.faults.invalidSession(false);
		await ready;
		await once(w.client, Events.ShardReady).catch(() => undefined);
		expect(w.fake.identifies).toBe(2);
		expect(w.fake.resumes).toBe(0);
		expect((await w.fake.slashCommand({ ...w.base, name: 'again' }).reply()).content).toBe('pong again');
	});

	it('GIVEN a resumable INVALID_SESSION WHEN discord.js handles it THEN it resumes without identifying', async () => {
		const w = await world();
		const resumed = w.fake.waitForGatewayEvent('RESUMED');
		w.fake.faults.invalidSession(true);
		await resumed;
		expect(w.fake.identifies).toBe(1);
		expect(w.fake.resumes).toBe(1);
		expect((await w.fake.slashCommand({ ...w.base, name: 'still' }).reply()).content).toBe('pong still');
	});

	it('GIVEN a full session (interaction, message, resume) WHEN client.destroy() and fake.stop() THEN the process exits by itself', async () => {
		// Counting handles in-process is too noisy (the test runner has its own); a child process that must exit on
		// its own is the real "no open handles" check. The same script with --skip-destroy hangs (checked by hand).
		const script = join(import.meta.dirname, 'fixtures', 'shutdown-scenario.ts');
		const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		const code = await new Promise<number | string>((resolve) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				resolve('did not exit within 10 s: something was left open');
			}, 10_000);
			child.on('exit', (c) => {
				clearTimeout(timer);
				resolve(c ?? -1);
			});
		});
		expect({ code, output: output.trim() }).toEqual({ code: 0, output: 'scenario done' });
	});
});
