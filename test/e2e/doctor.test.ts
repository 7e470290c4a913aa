import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits as P, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { runDoctor } from '../../src/ops/doctor.ts';
import { startE2E, setUpSeedServer, type E2E } from '../support/e2e-harness.ts';
import { deployCommands } from '../fixtures/e2e/discord.ts';

/** `npm run doctor` against the fake Discord and the e2e bot's own database. */

let e: E2E;

beforeAll(async () => {
	e = await startE2E();
	await setUpSeedServer(e);
	await deployCommands(e);
}, 30_000);

afterAll(async () => {
	await e.stop();
});

async function doctor(env: Record<string, string> = {}, migrationsDir?: string) {
	const lines: string[] = [];
	const code = await runDoctor(
		{ DISCORD_TOKEN: e.fake.token, DISCORD_API_URL: e.fake.apiUrl, DATABASE_URL: e.dbUrl, ...env },
		{ write: (l) => lines.push(l), timeoutMs: 5000, ...(migrationsDir ? { migrationsDir } : {}) },
	);
	return { code, lines, failed: lines.filter((l) => l.startsWith('❌')) };
}

const unit = (code: string) => e.units.find((u) => u.code === code)!;

describe('npm run doctor', () => {
	it('GIVEN a good set-up THEN every line is ✅ and the exit code is 0', async () => {
		const d = await doctor();
		expect(d.failed).toEqual([]);
		expect(d.code).toBe(0);
		expect(d.lines.every((l) => l.startsWith('✅'))).toBe(true);
		expect(d.lines.some((l) => l.startsWith('✅ Token'))).toBe(true);
		expect(d.lines.some((l) => l.startsWith('✅ Commands'))).toBe(true);
		expect(d.lines.some((l) => l.includes(`all ${e.units.length} units ready`))).toBe(true);
	});

	it('GIVEN an invalid token THEN one ❌ Token line saying what to do, exit 1', async () => {
		const d = await doctor({ DISCORD_TOKEN: 'not-the-token' });
		expect(d.code).toBe(1);
		expect(d.failed).toHaveLength(1);
		expect(d.failed[0]).toMatch(/^❌ Token: Discord refused it \(401/);
		expect(d.failed[0]).toContain('DISCORD_TOKEN');
	});

	it('GIVEN an unreachable database THEN one ❌ Database line, exit 1', async () => {
		const d = await doctor({ DATABASE_URL: 'file:/nonexistent-gopy-dir/gopy.db' });
		expect(d.code).toBe(1);
		expect(d.failed).toHaveLength(1);
		expect(d.failed[0]).toMatch(/^❌ Database: unreachable/);
	});

	it('GIVEN a database newer than the code THEN ❌ Database names it and nothing is changed', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'gopy-doctor-'));
		try {
			// The code knows only the first migration; the database has both.
			cpSync(path.resolve('prisma/migrations/20261125000000_init'), path.join(dir, '20261125000000_init'), {
				recursive: true,
			});
			const d = await doctor({}, dir);
			expect(d.code).toBe(1);
			expect(d.failed).toEqual([
				expect.stringMatching(/^❌ Database: newer than the code\. .*20261125210000_answer_files/),
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		expect((await doctor()).code).toBe(0);
	});

	it('GIVEN commands deployed from an older version THEN ❌ Commands names the stale command', async () => {
		const old = commands.map((c) => {
			const data = structuredClone(c.data) as unknown as Record<string, unknown>;
			if (data['name'] === 'unit') data['description_localizations'] = { vi: 'Mô tả cũ' };
			return data;
		});
		await e.bot.client.rest.put(Routes.applicationGuildCommands(e.fake.applicationId, e.guildId), { body: old });
		try {
			const d = await doctor();
			expect(d.code).toBe(1);
			expect(d.failed).toEqual([
				expect.stringMatching(/^❌ Commands: stale deploy .*\/unit differs \(description_localizations\)/),
			]);
			expect(d.failed[0]).toContain('npm run commands:deploy');
		} finally {
			await deployCommands(e);
		}
	});

	it('GIVEN Send Messages denied, Attach Files denied and a silent role ping THEN one ❌ per unit naming what to fix', async () => {
		const [a, b, c] = [unit('HTTKQG'), unit('TKG'), unit('TKDSLD')];
		e.fake.setBotOverwrite(a.channelId, { deny: P.SendMessages });
		e.fake.setBotOverwrite(b.channelId, { deny: P.AttachFiles });
		e.fake.setBotOverwrite(c.channelId, { deny: P.MentionEveryone });
		try {
			const d = await doctor();
			expect(d.code).toBe(1);
			expect(d.failed).toHaveLength(3);
			expect(d.failed.find((l) => l.includes(`unit ${a.code}:`))).toContain('lacks Send Messages');
			expect(d.failed.find((l) => l.includes(`unit ${b.code}:`))).toContain('lacks Attach Files');
			expect(d.failed.find((l) => l.includes(`unit ${c.code}:`))).toContain('notifies nobody');
		} finally {
			for (const u of [a, b, c]) e.fake.setBotOverwrite(u.channelId, {});
		}
	});
});
