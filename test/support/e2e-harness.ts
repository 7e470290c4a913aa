import { PermissionFlagsBits } from 'discord.js';
import type { Clock } from '../../src/app/ports.ts';
import { startBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config/env.ts';
import { createLogger, type Logger } from '../../src/infra/logger.ts';
import { FakeDiscord, type FakeDiscordOptions, type FakeReply, type SlashOptionValue } from './fake-discord/index.ts';
import { SEED_UNITS } from './app-harness.ts';
import { createTestDatabase } from './test-database.ts';

export interface SeedUnitFixture {
	code: string;
	name: string;
	kind: 'department' | 'other';
	roleId: string;
	channelId: string;
	/** One representative per unit. */
	memberId: string;
}

export interface E2E {
	fake: FakeDiscord;
	bot: Bot;
	guildId: string;
	coordRoleId: string;
	reportChannelId: string;
	generalChannelId: string;
	coordinatorId: string;
	adminId: string;
	outsiderId: string;
	units: SeedUnitFixture[];
	dbUrl: string;
	/** Runs a slash command as a person and returns the visible (ephemeral) reply. */
	run(
		userId: string,
		name: string,
		subcommand: string | undefined,
		options?: Record<string, SlashOptionValue>,
		locale?: string,
	): Promise<FakeReply>;
	/** Restarts the bot process on the same database (as after a crash or deploy). */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * A server like the seed's: a coordinator role, a report channel, and the nine round-2 units, each with its own
 * channel, role and one representative; then the bot started exactly as `main` starts it.
 */
export async function startE2E(
	opts: {
		clock?: Clock;
		fake?: FakeDiscordOptions;
		env?: Record<string, string>;
		ticks?: boolean;
		/** The bot's logger (default: silent unless GOPY_TEST_LOG names a level). */
		log?: Logger;
		/** 'http': the bot runs in http interactions mode and the fake POSTs every interaction to its endpoint. */
		interactions?: 'gateway' | 'http';
	} = {},
): Promise<E2E> {
	const fake = await FakeDiscord.start(opts.fake ?? {});
	const { id: guildId } = fake.createGuild({ name: 'Tổng cục Thống kê', locale: 'vi' });
	const coordRoleId = fake.createRole(guildId, { name: 'Điều phối' }).id;
	const reportChannelId = fake.createChannel(guildId, { name: 'bao-cao' }).id;
	const generalChannelId = fake.createChannel(guildId, { name: 'chung' }).id;
	const coordinatorId = fake.createUser({ username: 'dieuphoi', globalName: 'Vụ TCCB', locale: 'vi' }).id;
	fake.addMember(guildId, coordinatorId, [coordRoleId]);
	const adminId = fake.createUser({ username: 'quantri', locale: 'en-US' }).id;
	fake.addMember(guildId, adminId, [], { permissions: PermissionFlagsBits.ManageGuild });
	const outsiderId = fake.createUser({ username: 'khach', locale: 'vi' }).id;
	fake.addMember(guildId, outsiderId, []);
	const units: SeedUnitFixture[] = SEED_UNITS.map(([code, name]) => {
		const roleId = fake.createRole(guildId, { name: code }).id;
		const channelId = fake.createChannel(guildId, { name: code.toLowerCase() }).id;
		const memberId = fake.createUser({
			username: `u-${code.toLowerCase()}`,
			globalName: `Cán bộ ${code}`,
			locale: 'vi',
		}).id;
		fake.addMember(guildId, memberId, [roleId]);
		return { code, name, kind: code === 'TTDL' ? 'other' : 'department', roleId, channelId, memberId };
	});

	const testDb = await createTestDatabase();
	const dbUrl = testDb.url;
	const loaded = loadConfig({
		DISCORD_TOKEN: fake.token,
		DISCORD_API_URL: fake.apiUrl,
		DATABASE_URL: dbUrl,
		LOG_LEVEL: 'silent',
		SHUTDOWN_GRACE_MS: '2000',
		// Any free port: test files run in parallel, each with its own bot.
		HTTP_PORT: '0',
		...(opts.interactions === 'http' ? { INTERACTIONS: 'http', DISCORD_PUBLIC_KEY: fake.publicKey } : {}),
		...opts.env,
	});
	if (!loaded.ok) throw new Error(loaded.message);
	const config = loaded.config;
	const log = opts.log ?? createLogger(process.env['GOPY_TEST_LOG'] ?? 'silent');
	// Scheduled ticks are off unless asked for: tests drive `bot.tick()` with their manual clock.
	const start = async () => {
		const started = await startBot({
			config,
			log,
			fastIdentify: true,
			ticks: opts.ticks ?? false,
			...(opts.clock ? { clock: opts.clock } : {}),
		});
		// The developer portal's Interactions Endpoint URL, pointed at this bot (its port changes on restart).
		if (config.INTERACTIONS === 'http') {
			fake.useInteractionsEndpoints([`http://127.0.0.1:${started.http.port}/interactions`]);
		}
		return started;
	};
	let bot = await start();

	const e2e: E2E = {
		fake,
		bot,
		guildId,
		coordRoleId,
		reportChannelId,
		generalChannelId,
		coordinatorId,
		adminId,
		outsiderId,
		units,
		dbUrl,
		async run(userId, name, subcommand, options = {}, locale) {
			const handle = fake.slashCommand({
				guildId,
				channelId: generalChannelId,
				userId,
				name,
				...(subcommand ? { subcommand } : {}),
				options,
				...(locale ? { locale } : {}),
			});
			const reply = await handle.reply({ timeoutMs: 10_000 });
			// Work that follows the reply (a draft post's edit, a summary) is part of the command: wait for it.
			await e2e.bot.router.idle();
			// A long command shows progress in its reply first (a slow publish): what the person ends up seeing is the
			// reply as last edited.
			if (reply.via !== 'edit-original') return reply;
			const { content, embeds, components, attachments } = reply.message;
			return { ...reply, content, embeds, components, attachments };
		},
		async restart() {
			await bot.stop();
			bot = await start();
			e2e.bot = bot;
		},
		async stop() {
			await bot.stop();
			await fake.stop();
			await testDb.release();
		},
	};
	return e2e;
}

/** /setup then every seed unit registered through /unit add, as a coordinator would. */
export async function setUpSeedServer(e: E2E): Promise<void> {
	const setup = await e.run(e.adminId, 'setup', undefined, {
		coordinator_role: { type: 'role', id: e.coordRoleId },
		report_channel: { type: 'channel', id: e.reportChannelId },
	});
	if (!setup.content.includes(e.reportChannelId)) throw new Error(`setup failed: ${setup.content}`);
	for (const u of e.units) {
		const reply = await e.run(e.coordinatorId, 'unit', 'add', {
			code: u.code,
			name: u.name,
			channel: { type: 'channel', id: u.channelId },
			role: { type: 'role', id: u.roleId },
			kind: u.kind,
		});
		if (!reply.content.includes(u.code)) throw new Error(`unit add failed: ${reply.content}`);
	}
}
