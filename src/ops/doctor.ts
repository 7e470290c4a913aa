import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { DiscordAPIError, REST, Routes, type APIApplicationCommand, type APIUser } from 'discord.js';
import { commands } from '../../commands/index.ts';
import { loadConfig, type Config } from '../config/env.ts';
import type { Unit } from '../domain/model.ts';
import { targetProblems, type AccessProblem, type GuildSnapshot } from '../domain/permissions.ts';
import { resolveSqlitePath } from '../infra/db/database.ts';
import {
	DatabaseNewerError,
	MIGRATIONS_TABLE,
	loadMigrations,
	planMigrations,
	type MigrationRecord,
} from '../infra/db/migrator.ts';
import { snapshotFromRest } from '../discord/guild-snapshot.ts';
import { describeProblem, problemFix } from './problem-text.ts';

/**
 * `npm run doctor`: checks, without changing anything, what a bot needs to run: the configuration, the database
 * (reachable, migrated, not newer than the code), the token, the slash commands registered on Discord against the
 * code's definitions, and the permission preflight of every configured server. One line per check, ✅ or ❌ with
 * what to do; the exit code is 1 when any check fails.
 */

export interface DoctorLine {
	ok: boolean;
	check: string;
	message: string;
}

export interface DoctorOptions {
	/** Where the lines go (default: stdout). */
	write?: (line: string) => void;
	migrationsDir?: string;
	/** Per request to Discord, in ms (default 10 s). */
	timeoutMs?: number;
}

interface ConfiguredServer {
	guildId: string;
	reportChannelId: string;
	coordinatorRoleId: string;
	units: Unit[];
}

export async function runDoctor(env: Record<string, string | undefined>, opts: DoctorOptions = {}): Promise<number> {
	const write = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`));
	const lines: DoctorLine[] = [];
	const report = (ok: boolean, check: string, message: string) => {
		const line = { ok, check, message };
		lines.push(line);
		write(`${ok ? '✅' : '❌'} ${check}: ${message}`);
	};

	const loaded = loadConfig(env);
	if (!loaded.ok) {
		report(false, 'Configuration', `${loaded.message}. Fix it in the environment or .env, then run doctor again.`);
		return 1;
	}
	const config = loaded.config;
	report(true, 'Configuration', 'read');

	const servers = checkDatabase(config, opts.migrationsDir, report);

	const rest = new REST({
		...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
		timeout: opts.timeoutMs ?? 10_000,
		retries: 0,
	}).setToken(config.DISCORD_TOKEN);
	const me = await checkToken(rest, report);
	if (me) {
		await checkCommands(rest, servers, report, write);
		for (const server of servers ?? []) await checkServer(rest, me.id, server, report);
	}
	return lines.every((l) => l.ok) ? 0 : 1;
}

type Report = (ok: boolean, check: string, message: string) => void;

// -- database -------------------------------------------------------------------------------------------------------

/** Opens the SQLite file read-only (doctor never creates or migrates it) and lists the configured servers. */
function checkDatabase(config: Config, migrationsDir: string | undefined, report: Report): ConfiguredServer[] | null {
	let file: string;
	try {
		file = resolveSqlitePath(config.DATABASE_URL);
	} catch (error) {
		report(false, 'Database', `${errorText(error)}. Fix DATABASE_URL.`);
		return null;
	}
	if (!existsSync(file)) {
		report(
			false,
			'Database',
			`unreachable: no database file at ${file}. Check DATABASE_URL (and that the disk is mounted); \`npm start\` creates it.`,
		);
		return null;
	}
	let db: BetterSqlite3.Database;
	try {
		db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
		db.prepare('SELECT 1').get();
	} catch (error) {
		report(
			false,
			'Database',
			`unreachable: ${errorText(error)} (${file}). Check DATABASE_URL and the file's permissions.`,
		);
		return null;
	}
	try {
		const hasTable = db
			.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`)
			.get(MIGRATIONS_TABLE) as { name: string } | undefined;
		const records = hasTable
			? (db
					.prepare(
						`SELECT "migration_name", "checksum", "finished_at", "rolled_back_at", "started_at" FROM "${MIGRATIONS_TABLE}"`,
					)
					.all() as MigrationRecord[])
			: [];
		const migrations = loadMigrations(migrationsDir);
		let pending;
		try {
			pending = planMigrations(records, migrations);
		} catch (error) {
			if (error instanceof DatabaseNewerError) {
				report(false, 'Database', `newer than the code. ${errorText(error)}`);
			} else report(false, 'Database', errorText(error));
			return null;
		}
		if (pending.length > 0) {
			report(
				false,
				'Database',
				`not migrated: ${pending.length} migration(s) pending (${pending.map((m) => m.name).join(', ')}). ` +
					'`npm start` applies them at start-up.',
			);
			return null;
		}
		report(true, 'Database', `reachable and up to date (${migrations.length} migrations) at ${file}`);
		return readServers(db);
	} finally {
		db.close();
	}
}

function readServers(db: BetterSqlite3.Database): ConfiguredServer[] {
	const settings = db
		.prepare(`SELECT "guildId", "reportChannelId", "coordinatorRoleId" FROM "GuildSettings" ORDER BY "guildId"`)
		.all() as Array<{ guildId: string; reportChannelId: string; coordinatorRoleId: string }>;
	const unitRows = db
		.prepare(
			`SELECT "id", "guildId", "code", "name", "kind", "channelId", "roleId" FROM "Unit" WHERE "archivedAt" IS NULL ORDER BY "code"`,
		)
		.all() as Array<Omit<Unit, 'archived'>>;
	return settings.map((s) => ({
		...s,
		units: unitRows.filter((u) => u.guildId === s.guildId).map((u) => ({ ...u, archived: false })),
	}));
}

// -- Discord --------------------------------------------------------------------------------------------------------

async function checkToken(rest: REST, report: Report): Promise<APIUser | null> {
	try {
		const me = (await rest.get(Routes.user('@me'))) as APIUser;
		report(true, 'Token', `Discord accepts it (bot ${me.username}, id ${me.id})`);
		return me;
	} catch (error) {
		if (error instanceof DiscordAPIError && error.status === 401) {
			report(
				false,
				'Token',
				'Discord refused it (401 Unauthorized). Reset the token in the developer portal (Bot → Reset Token) and put it in DISCORD_TOKEN.',
			);
		} else
			report(false, 'Token', `could not reach Discord: ${errorText(error)}. Check the network (and DISCORD_API_URL).`);
		return null;
	}
}

async function checkCommands(
	rest: REST,
	servers: readonly ConfiguredServer[] | null,
	report: Report,
	write: (line: string) => void,
): Promise<void> {
	let appId: string;
	const scopes: Array<{ label: string; registered: APIApplicationCommand[] }> = [];
	try {
		appId = ((await rest.get(Routes.currentApplication())) as { id: string }).id;
		const global = (await rest.get(Routes.applicationCommands(appId))) as APIApplicationCommand[];
		if (global.length > 0) scopes.push({ label: 'globally', registered: global });
		for (const s of servers ?? []) {
			const own = (await rest.get(Routes.applicationGuildCommands(appId, s.guildId))) as APIApplicationCommand[];
			if (own.length > 0) scopes.push({ label: `for server ${s.guildId}`, registered: own });
		}
	} catch (error) {
		report(false, 'Commands', `could not read the registered commands: ${errorText(error)}`);
		return;
	}
	if (scopes.length === 0 && servers === null) {
		// Commands may be registered per server, and the servers are in the database that could not be read.
		write(`➖ Commands: not checked (no global commands; the servers are listed in the database)`);
		return;
	}
	if (scopes.length === 0) {
		report(false, 'Commands', 'none registered on Discord. Run `npm run commands:deploy` (or `-- <server id>`).');
		return;
	}
	const code = commands.map((c) => c.data as unknown as Record<string, unknown>);
	for (const scope of scopes) {
		const diff = diffCommands(code, scope.registered as unknown as Array<Record<string, unknown>>);
		if (diff.length === 0) {
			report(true, 'Commands', `${scope.registered.length} registered ${scope.label}, as the code defines them`);
		} else {
			report(
				false,
				'Commands',
				`stale deploy ${scope.label}: ${diff.join('; ')}. Run \`npm run commands:deploy\`${
					scope.label === 'globally' ? '' : ` -- ${scope.label.replace('for server ', '')}`
				}.`,
			);
		}
	}
}

/** Each difference between the code's commands and Discord's, named by command (`/unit: options differ`). */
export function diffCommands(
	code: ReadonlyArray<Record<string, unknown>>,
	registered: ReadonlyArray<Record<string, unknown>>,
): string[] {
	const out: string[] = [];
	const byName = new Map(registered.map((c) => [String(c['name']), c]));
	for (const c of code) {
		const name = String(c['name']);
		const r = byName.get(name);
		byName.delete(name);
		if (!r) {
			out.push(`/${name} is not registered`);
			continue;
		}
		const fields = COMMAND_FIELDS.filter((f) => !sameJson(normalize(c[f]), normalize(r[f])));
		if (fields.length > 0) out.push(`/${name} differs (${fields.join(', ')})`);
	}
	for (const name of byName.keys()) out.push(`/${name} is registered but no longer in the code`);
	return out;
}

const COMMAND_FIELDS = [
	'description',
	'name_localizations',
	'description_localizations',
	'options',
	'default_member_permissions',
] as const;

/** Drops what Discord fills in or leaves out on its side (nulls, false, empty lists), so equal means equal. */
function normalize(value: unknown): unknown {
	if (Array.isArray(value)) {
		const items = value.map(normalize);
		return items.length === 0 ? undefined : items;
	}
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort()) {
			const v = normalize((value as Record<string, unknown>)[key]);
			if (v !== undefined) out[key] = v;
		}
		return Object.keys(out).length === 0 ? undefined : out;
	}
	if (value === null || value === false) return undefined;
	return value;
}

function sameJson(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

async function checkServer(rest: REST, botUserId: string, server: ConfiguredServer, report: Report): Promise<void> {
	let g: GuildSnapshot;
	let name = server.guildId;
	try {
		g = await snapshotFromRest(rest, server.guildId, botUserId);
		const guild = (await rest.get(Routes.guild(server.guildId))) as { name?: string };
		name = `${guild.name ?? server.guildId} (${server.guildId})`;
	} catch (error) {
		report(
			false,
			`Server ${server.guildId}`,
			`the bot cannot read this server (${errorText(error)}). Invite the bot again, or remove the server's settings.`,
		);
		return;
	}
	const channelName = (id: string) => `#${g.channels.get(id)?.name ?? id}`;
	const roleName = (id: string) => `@${g.roles.get(id)?.name ?? id}`;
	const describe = (problems: AccessProblem[], channelId: string, roleId: string) =>
		problems
			.map((p) => `${describeProblem(p, channelName(channelId), roleName(roleId))} (${problemFix(p)})`)
			.join('; ');

	const reportProblems = targetProblems(
		g,
		{ channelId: server.reportChannelId, roleId: server.coordinatorRoleId },
		{ files: false, embeds: false },
	);
	if (reportProblems.length === 0)
		report(true, `Server ${name}`, `report channel ${channelName(server.reportChannelId)} ready`);
	else
		report(
			false,
			`Server ${name}`,
			`report channel: ${describe(reportProblems, server.reportChannelId, server.coordinatorRoleId)}`,
		);

	let ready = 0;
	for (const u of server.units) {
		const problems = targetProblems(g, { channelId: u.channelId, roleId: u.roleId }, { files: true, embeds: true });
		if (problems.length === 0) ready++;
		else report(false, `Server ${name}`, `unit ${u.code}: ${describe(problems, u.channelId, u.roleId)}`);
	}
	if (ready === server.units.length) report(true, `Server ${name}`, `all ${ready} units ready`);
}

function errorText(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
