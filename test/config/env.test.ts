import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';

describe('configuration', () => {
	it('GIVEN only a token WHEN loaded THEN every other setting takes its documented default', () => {
		const result = loadConfig({ DISCORD_TOKEN: 'abc' });
		expect(result).toEqual({
			ok: true,
			config: {
				DISCORD_TOKEN: 'abc',
				DATABASE_URL: 'file:./data/gopy.db',
				LOG_LEVEL: 'info',
				TICK_CRON: '* * * * *',
				TICK_TIMEZONE: 'Asia/Ho_Chi_Minh',
				SHUTDOWN_GRACE_MS: 10_000,
				HTTP_PORT: 8080,
				METRICS: 'on',
				OUTBOX_LEASE_SECONDS: 120,
				INTERACTIONS: 'gateway',
			},
		});
	});

	it('GIVEN INTERACTIONS=http and a 64-hex public key WHEN loaded THEN http mode is on with the key lower-cased', () => {
		const key = 'AB'.repeat(32);
		const result = loadConfig({ DISCORD_TOKEN: 'x', INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: key });
		expect(result.ok && [result.config.INTERACTIONS, result.config.DISCORD_PUBLIC_KEY]).toEqual([
			'http',
			'ab'.repeat(32),
		]);
	});

	it.each(['file:./data/gopy.db', 'postgres://gopy:pw@db:5432/gopy', 'postgresql://db/gopy?sslmode=require'])(
		'GIVEN DATABASE_URL=%s WHEN loaded THEN it is accepted as given',
		(url) => {
			const result = loadConfig({ DISCORD_TOKEN: 'x', DATABASE_URL: url });
			expect(result.ok && result.config.DATABASE_URL).toBe(url);
		},
	);

	it.each([
		[{}, 'Configuration error: DISCORD_TOKEN is required'],
		[{ DISCORD_TOKEN: '' }, 'Configuration error: DISCORD_TOKEN is required'],
		[{ DISCORD_TOKEN: 'x', LOG_LEVEL: 'loud' }, 'Configuration error: LOG_LEVEL must be one of'],
		[{ DISCORD_TOKEN: 'x', OUTBOX_LEASE_SECONDS: '2' }, 'Configuration error: OUTBOX_LEASE_SECONDS must be at least 5'],
		[
			{ DISCORD_TOKEN: 'x', OUTBOX_LEASE_SECONDS: '600' },
			'Configuration error: OUTBOX_LEASE_SECONDS must be at most 240',
		],
		[
			{ DISCORD_TOKEN: 'x', DISCORD_API_URL: 'not a url' },
			'Configuration error: DISCORD_API_URL must be an http(s) URL',
		],
		[
			{ DISCORD_TOKEN: 'x', DISCORD_API_URL: 'ftp://x/api' },
			'Configuration error: DISCORD_API_URL must be an http(s) URL',
		],
		[{ DISCORD_TOKEN: 'x', TICK_CRON: 'every minute' }, 'Configuration error: TICK_CRON must be a cron expression'],
		[{ DISCORD_TOKEN: 'x', DATABASE_URL: 'mysql://db/x' }, 'Configuration error: DATABASE_URL must be a SQLite URL'],
		[{ DISCORD_TOKEN: 'x', SHUTDOWN_GRACE_MS: 'soon' }, 'Configuration error: SHUTDOWN_GRACE_MS must be a number'],
		[{ DISCORD_TOKEN: 'x', HTTP_PORT: '70000' }, 'Configuration error: HTTP_PORT must be a TCP port number'],
		[{ DISCORD_TOKEN: 'x', METRICS: 'maybe' }, 'Configuration error: METRICS must be on or off'],
		[{ DISCORD_TOKEN: 'x', INTERACTIONS: 'webhook' }, 'Configuration error: INTERACTIONS must be gateway or http'],
		[
			{ DISCORD_TOKEN: 'x', INTERACTIONS: 'http' },
			'Configuration error: DISCORD_PUBLIC_KEY is required when INTERACTIONS=http',
		],
		[
			{ DISCORD_TOKEN: 'x', INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: 'abc123' },
			'Configuration error: DISCORD_PUBLIC_KEY must be the 64 hex characters',
		],
		[
			{ DISCORD_TOKEN: 'x', INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: 'g'.repeat(64) },
			'Configuration error: DISCORD_PUBLIC_KEY must be the 64 hex characters',
		],
	])('GIVEN %j WHEN loaded THEN it fails with one line naming the variable', (env, start) => {
		const result = loadConfig(env);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.message.startsWith(start)).toBe(true);
			expect(result.message).not.toContain('\n');
		}
	});

	it('GIVEN a seconds field WHEN TICK_CRON is loaded THEN it is accepted', () => {
		expect(loadConfig({ DISCORD_TOKEN: 'x', TICK_CRON: '*/5 * * * * *' }).ok).toBe(true);
	});

	it('GIVEN no token WHEN the README run command starts the bot THEN it prints one line and exits 1', () => {
		const cwd = mkdtempSync(path.join(tmpdir(), 'gopy-main-'));
		const main = path.resolve(import.meta.dirname, '../../src/main.ts');
		const run = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), main], {
			cwd,
			env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
			encoding: 'utf8',
			timeout: 30_000,
		});
		expect(run.status).toBe(1);
		expect(run.stderr.trim()).toBe(
			'Configuration error: DISCORD_TOKEN is required (the bot token from the Discord developer portal)',
		);
		expect(run.stdout).toBe('');
	});

	it('GIVEN http mode without a public key WHEN main starts THEN it prints one line naming DISCORD_PUBLIC_KEY and exits 1', () => {
		const cwd = mkdtempSync(path.join(tmpdir(), 'gopy-main-'));
		const main = path.resolve(import.meta.dirname, '../../src/main.ts');
		const run = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), main], {
			cwd,
			env: {
				PATH: process.env['PATH'] ?? '',
				HOME: process.env['HOME'] ?? '',
				DISCORD_TOKEN: 'x',
				INTERACTIONS: 'http',
			},
			encoding: 'utf8',
			timeout: 30_000,
		});
		expect(run.status).toBe(1);
		expect(run.stderr.trim()).toMatch(/^Configuration error: DISCORD_PUBLIC_KEY is required when INTERACTIONS=http \(/);
		expect(run.stderr.trim()).not.toContain('\n');
		expect(run.stdout).toBe('');
	});
});
