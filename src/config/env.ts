import cron from 'node-cron';
import { z } from 'zod';
import { isValidTimeZone } from '../domain/time/parse-datetime.ts';

/**
 * Every setting of the bot, read from the environment once (`readEnvironment()` in ./environment.ts, the only
 * reader of `process.env`).
 */
const PUBLIC_KEY_HINT =
	"must be the 64 hex characters of the application's public key (Discord developer portal, General Information)";

/** The settings one by one; {@link EnvSchema} adds the checks between them (tools pick single fields from here). */
export const EnvFields = z.object({
	DISCORD_TOKEN: z
		.string({ error: 'is required (the bot token from the Discord developer portal)' })
		.trim()
		.min(1, { error: 'is required (the bot token from the Discord developer portal)' }),
	DATABASE_URL: z
		.string()
		.trim()
		.min(1)
		.default('file:./data/gopy.db')
		.refine((v) => v.startsWith('file:') || !v.includes('://') || /^postgres(ql)?:\/\//i.test(v), {
			error:
				'must be a SQLite URL such as file:./data/gopy.db or a PostgreSQL URL such as postgres://user:password@host:5432/gopy',
		}),
	DISCORD_API_URL: z
		.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8080/api' })
		.optional(),
	LOG_LEVEL: z
		.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
			error: 'must be one of fatal, error, warn, info, debug, trace, silent',
		})
		.default('info'),
	TICK_CRON: z
		.string()
		.trim()
		.default('* * * * *')
		.refine((v) => cron.validate(v), {
			error: 'must be a cron expression such as "* * * * *" (seconds field allowed)',
		}),
	TICK_TIMEZONE: z
		.string()
		.trim()
		.default('Asia/Ho_Chi_Minh')
		.refine((v) => isValidTimeZone(v), { error: 'must be an IANA time zone such as Asia/Ho_Chi_Minh' }),
	HTTP_PORT: z.coerce
		.number({ error: 'must be a TCP port number (0 picks a free one)' })
		.int({ error: 'must be a TCP port number (0 picks a free one)' })
		.min(0, { error: 'must be a TCP port number (0 picks a free one)' })
		.max(65535, { error: 'must be a TCP port number (0 picks a free one)' })
		.default(8080),
	METRICS: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
	SHUTDOWN_GRACE_MS: z.coerce
		.number({ error: 'must be a number of milliseconds' })
		.int()
		.min(0)
		.max(600_000)
		.default(10_000),
	OUTBOX_LEASE_SECONDS: z.coerce
		.number({ error: 'must be a number of seconds' })
		.int()
		.min(5, { error: 'must be at least 5 seconds' })
		.max(240, { error: "must be at most 240 seconds (Discord's nonce window is a few minutes)" })
		.default(120),
	/** How interactions reach the bot: over the gateway (one process) or POSTed to /interactions (any replica). */
	INTERACTIONS: z.enum(['gateway', 'http'], { error: 'must be gateway or http' }).default('gateway'),
	DISCORD_PUBLIC_KEY: z
		.string()
		.trim()
		.regex(/^[0-9a-fA-F]{64}$/, { error: PUBLIC_KEY_HINT })
		.transform((v) => v.toLowerCase())
		.optional(),
});

export const EnvSchema = EnvFields.superRefine((env, ctx) => {
	if (env.INTERACTIONS === 'http' && env.DISCORD_PUBLIC_KEY === undefined) {
		ctx.addIssue({
			code: 'custom',
			path: ['DISCORD_PUBLIC_KEY'],
			message: `is required when INTERACTIONS=http (${PUBLIC_KEY_HINT.replace(/^must be /, '')})`,
		});
	}
});

export type Config = z.infer<typeof EnvSchema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Parses the environment; the failure is one line naming the first bad variable and what is wrong with it. */
export function loadConfig(
	env: Record<string, string | undefined>,
	overrides: Partial<Record<string, string>> = {},
): ConfigResult {
	// Empty strings count as unset, as most shells and .env files write them.
	const cleaned: Record<string, string> = {};
	for (const [key, value] of Object.entries({ ...env, ...overrides })) {
		if (value !== undefined && value !== '') cleaned[key] = value;
	}
	const parsed = EnvSchema.safeParse(cleaned);
	if (parsed.success) return { ok: true, config: parsed.data };
	const issue = parsed.error.issues[0];
	const name = issue?.path.join('.') ?? 'environment';
	return { ok: false, message: `Configuration error: ${name} ${issue?.message ?? 'is invalid'}` };
}
