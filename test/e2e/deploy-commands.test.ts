import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { FakeDiscord } from '../support/fake-discord/index.ts';

const SCRIPT = path.resolve(import.meta.dirname, '../../src/deploy-commands.ts');
const run = (args: string[], env: Record<string, string>) =>
	promisify(execFile)(process.execPath, ['--import', import.meta.resolve('tsx'), SCRIPT, ...args], {
		env: { PATH: process.env['PATH'] ?? '', ...env },
		timeout: 30_000,
	});

let fake: FakeDiscord;
beforeEach(async () => {
	fake = await FakeDiscord.start();
});
afterEach(async () => {
	await fake.stop();
});

describe('npm run commands:deploy', () => {
	it('GIVEN a server id WHEN deployed THEN every command is registered there with its Vietnamese localizations, accepted by Discord', async () => {
		const guild = fake.createGuild({ name: 'S' });
		const { stdout } = await run([guild.id], { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
		expect(stdout.trim()).toBe(`Registered ${commands.length} commands for server ${guild.id}.`);
		const registered = fake.commands(guild.id) as Array<{ name: string; name_localizations?: Record<string, string> }>;
		expect(registered.map((c) => c.name).sort()).toEqual(commands.map((c) => c.data.name).sort());
		expect(registered.find((c) => c.name === 'feedback')?.name_localizations?.['vi']).toBe('ý-kiến');
	});

	it('GIVEN no server id WHEN deployed THEN the commands are registered globally', async () => {
		const { stdout } = await run([], { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
		expect(stdout.trim()).toBe(`Registered ${commands.length} commands globally.`);
		expect(fake.commands()).toHaveLength(commands.length);
	});

	it('GIVEN no token WHEN deployed THEN it stops with one line naming the variable', async () => {
		const failed = (await run([], {}).catch((error: unknown) => error)) as { code?: number; stderr?: string };
		expect(failed.code).toBe(1);
		expect(failed.stderr?.trim()).toBe(
			'Configuration error: DISCORD_TOKEN is required (the bot token from the Discord developer portal)',
		);
	});
});
