import { REST, Routes } from 'discord.js';
import { z } from 'zod';
import { commands } from '../commands/index.ts';
import { EnvFields } from './config/env.ts';
import { readEnvironment } from './config/environment.ts';

/**
 * `npm run commands:deploy [guildId]`: registers every command globally, or for one server when a guild id is
 * given (as an argument or DISCORD_GUILD_ID); a server's commands appear at once, global ones within an hour.
 */
const DeploySchema = EnvFields.pick({ DISCORD_TOKEN: true, DISCORD_API_URL: true }).extend({
	DISCORD_GUILD_ID: z
		.string()
		.regex(/^\d{17,20}$/, { error: 'must be a Discord server id (17–20 digits)' })
		.optional(),
});

async function deploy(): Promise<void> {
	const arg = process.argv[2];
	// Empty variables count as unset, as in the bot's own configuration.
	const env = Object.fromEntries(
		Object.entries({ ...readEnvironment(), ...(arg ? { DISCORD_GUILD_ID: arg } : {}) }).filter(
			([, v]) => v !== undefined && v !== '',
		),
	);
	const parsed = DeploySchema.safeParse(env);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		process.stderr.write(
			`Configuration error: ${issue?.path.join('.') ?? 'environment'} ${issue?.message ?? 'is invalid'}\n`,
		);
		process.exit(1);
	}
	const { DISCORD_TOKEN, DISCORD_API_URL, DISCORD_GUILD_ID } = parsed.data;
	const rest = new REST(DISCORD_API_URL ? { api: DISCORD_API_URL } : {}).setToken(DISCORD_TOKEN);
	const app = (await rest.get(Routes.currentApplication())) as { id: string };
	const body = commands.map((c) => c.data);
	const route = DISCORD_GUILD_ID
		? Routes.applicationGuildCommands(app.id, DISCORD_GUILD_ID)
		: Routes.applicationCommands(app.id);
	const saved = (await rest.put(route, { body })) as unknown[];
	process.stdout.write(
		`Registered ${saved.length} commands ${DISCORD_GUILD_ID ? `for server ${DISCORD_GUILD_ID}` : 'globally'}.\n`,
	);
}

deploy().catch((error: unknown) => {
	process.stderr.write(`Command registration failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
