/**
 * `npm run bench`: speed and memory targets, measured against the fake Discord and a real SQLite file.
 * Each line prints the measurement and its target; the run exits 1 if a target is missed.
 *
 * Targets (why):
 * - 100 concurrent Agree clicks: slowest acknowledgement < 1,500 ms (Discord's limit is 3,000 ms; keep a margin).
 * - publishing to 63 units (every provincial office): < 20 s and no 429 provoked (Discord allows 5 posts/5 s per
 *   channel, and 50 requests/s overall).
 * - one reminder sweep over 20 open rounds × 63 units with nothing due: < 2,000 ms (it runs every minute).
 * - resident memory after all of the above: < 400 MB.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { DateTime } from 'luxon';
import { hanoi } from '../test/support/app-harness.ts';
import { ManualClock } from '../test/support/clock.ts';
import { startE2E, type E2E } from '../test/support/e2e-harness.ts';
import { FakeDiscord, type SlashOptionValue } from '../test/support/fake-discord/index.ts';

interface Row {
	name: string;
	value: number;
	unit: string;
	target: number;
}
const rows: Row[] = [];

const hn = hanoi;

type Run = (
	userId: string,
	name: string,
	subcommand: string | undefined,
	options?: Record<string, SlashOptionValue>,
) => Promise<unknown>;

async function addUnits(
	e: Pick<E2E, 'fake' | 'guildId' | 'adminId' | 'coordinatorId' | 'coordRoleId' | 'reportChannelId'>,
	run: Run,
	count: number,
): Promise<Array<{ code: string; roleId: string; memberId: string; channelId: string }>> {
	await run(e.adminId, 'setup', undefined, {
		coordinator_role: { type: 'role', id: e.coordRoleId },
		report_channel: { type: 'channel', id: e.reportChannelId },
	});
	const units = [];
	for (let i = 0; i < count; i++) {
		const code = `P${String(i + 1).padStart(2, '0')}`;
		const roleId = e.fake.createRole(e.guildId, { name: code }).id;
		const channelId = e.fake.createChannel(e.guildId, { name: code.toLowerCase() }).id;
		const memberId = e.fake.createUser({ username: `m-${code}` }).id;
		e.fake.addMember(e.guildId, memberId, [roleId]);
		await run(e.coordinatorId, 'unit', 'add', {
			code,
			name: `Cục Thống kê tỉnh ${i + 1}`,
			channel: { type: 'channel', id: channelId },
			role: { type: 'role', id: roleId },
			kind: 'provincial',
		});
		units.push({ code, roleId, memberId, channelId });
	}
	return units;
}

/**
 * The bot runs as its own process (`node src/main.ts`, as `npm start` runs it) and the fake Discord in this one,
 * so the bot's work and Discord's do not share a CPU core, as in production.
 */
async function benchPublishAndClicks(): Promise<void> {
	const fake = await FakeDiscord.start();
	const dir = mkdtempSync(path.join(tmpdir(), 'gopy-bench-'));
	const guildId = fake.createGuild({ name: 'Bench' }).id;
	const coordRoleId = fake.createRole(guildId, { name: 'Điều phối' }).id;
	const reportChannelId = fake.createChannel(guildId, { name: 'bao-cao' }).id;
	const generalChannelId = fake.createChannel(guildId, { name: 'chung' }).id;
	const coordinatorId = fake.createUser({ username: 'dieuphoi' }).id;
	fake.addMember(guildId, coordinatorId, [coordRoleId]);
	const adminId = fake.createUser({ username: 'admin' }).id;
	fake.addMember(guildId, adminId, [], { permissions: PermissionFlagsBits.ManageGuild });
	const bot = spawn(
		process.execPath,
		['--import', import.meta.resolve('tsx'), path.resolve(import.meta.dirname, '../src/main.ts')],
		{
			env: {
				PATH: process.env['PATH'] ?? '',
				DISCORD_TOKEN: fake.token,
				DISCORD_API_URL: fake.apiUrl,
				DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
				LOG_LEVEL: 'info',
				HTTP_PORT: '0',
			},
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	try {
		await new Promise<void>((resolve, reject) => {
			let out = '';
			bot.stdout.on('data', (d: Buffer) => {
				out += d.toString();
				if (out.includes('"msg":"bot ready"')) resolve();
			});
			bot.on('exit', (code) => reject(new Error(`bot exited with ${String(code)}`)));
		});
		const run: Run = (userId, name, subcommand, options = {}) =>
			fake
				.slashCommand({
					guildId,
					channelId: generalChannelId,
					userId,
					name,
					...(subcommand ? { subcommand } : {}),
					options,
				})
				.reply({ timeoutMs: 120_000 });
		const units = await addUnits({ fake, guildId, adminId, coordinatorId, coordRoleId, reportChannelId }, run, 63);
		const deadline = DateTime.now().setZone('Asia/Ho_Chi_Minh').plus({ days: 7 }).toFormat('yyyy-MM-dd HH:mm');
		await run(coordinatorId, 'round', 'create', { title: 'Kế hoạch 2027', deadline, text: 'Dự thảo' });
		const t0 = performance.now();
		await run(coordinatorId, 'round', 'publish', { round: 'R1' });
		rows.push({ name: 'publish to 63 units', value: performance.now() - t0, unit: 'ms', target: 20_000 });
		rows.push({
			name: '429 answers provoked while publishing',
			value: fake.requests.filter((r) => r.status === 429).length,
			unit: '',
			target: 0,
		});

		// 100 members of the 63 units click Agree at once on their unit's draft.
		const clickers = [];
		for (let i = 0; i < 100; i++) {
			const unit = units[i % units.length]!;
			const userId = i < units.length ? unit.memberId : fake.createUser({ username: `x${i}` }).id;
			if (i >= units.length) fake.addMember(guildId, userId, [unit.roleId]);
			const post = fake.messages(unit.channelId).find((m) => (m.author as { id: string }).id === fake.botUserId)!;
			const customId = (post.components[0] as { components: Array<{ custom_id: string }> }).components[0]!.custom_id;
			clickers.push({ unit, userId, messageId: post.id, customId });
		}
		const start = Date.now();
		const handles = clickers.map((c) =>
			fake.clickButton({
				guildId,
				channelId: c.unit.channelId,
				userId: c.userId,
				messageId: c.messageId,
				customId: c.customId,
			}),
		);
		const acks = await Promise.all(handles.map((h) => h.acked));
		await Promise.all(handles.map((h) => h.reply({ timeoutMs: 30_000 })));
		const slowest = Math.max(...acks.map((a) => a.at)) - start;
		rows.push({ name: 'slowest ack of 100 concurrent clicks', value: slowest, unit: 'ms', target: 1500 });
		rows.push({ name: 'all 100 clicks confirmed', value: Date.now() - start, unit: 'ms', target: 10_000 });
	} finally {
		bot.kill('SIGTERM');
		await new Promise((resolve) => bot.once('exit', resolve));
		await fake.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

async function benchSweep(): Promise<void> {
	const clock = new ManualClock(hn('2026-11-23 09:00'));
	const e = await startE2E({ clock });
	try {
		await addUnits(e, (u, n, sub, o) => e.run(u, n, sub, o), 63);
		for (let r = 1; r <= 20; r++) {
			await e.run(e.coordinatorId, 'round', 'create', { title: `Đợt ${r}`, deadline: '30/12/2026 17:00', text: 'D' });
			await e.run(e.coordinatorId, 'round', 'publish', { round: `R${r}` });
		}
		await e.bot.tick();
		const t0 = performance.now();
		const report = await e.bot.tick();
		rows.push({
			name: `sweep of ${report.rounds} open rounds × 63 units, nothing due`,
			value: performance.now() - t0,
			unit: 'ms',
			target: 2000,
		});
	} finally {
		await e.stop();
	}
}

await benchPublishAndClicks();
await benchSweep();
rows.push({ name: 'resident memory', value: process.memoryUsage().rss / 1024 / 1024, unit: 'MB', target: 400 });

let failed = false;
for (const row of rows) {
	const ok = row.value <= row.target;
	failed ||= !ok;
	process.stdout.write(
		`${ok ? 'ok  ' : 'MISS'}  ${row.name.padEnd(52)} ${row.value.toFixed(0).padStart(8)} ${row.unit.padEnd(3)} (target ≤ ${row.target} ${row.unit})\n`,
	);
}
process.exit(failed ? 1 : 0);
