import { randomBytes } from 'node:crypto';

/**
 * Discord's epoch (2015-01-01T00:00:00Z). Snowflakes must look real: @discordjs/rest only recognises
 * 17–19 digit ids as "major parameters" when it buckets requests, and discord.js derives timestamps from them.
 */
const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;
let lastMs = 0n;

/** A snowflake for "now", strictly increasing within this process (so ids sort in creation order like Discord's). */
export function snowflake(at: number = Date.now()): string {
	let ms = BigInt(at) - DISCORD_EPOCH;
	if (ms < lastMs) ms = lastMs;
	if (ms === lastMs) {
		increment = (increment + 1n) & 0xfffn;
		// Out of increments in this millisecond: borrow the next one so order stays strict.
		if (increment === 0n) ms += 1n;
	} else {
		increment = 0n;
	}
	lastMs = ms;
	return ((ms << 22n) | (1n << 17n) | (BigInt(process.pid & 0x1f) << 12n) | increment).toString();
}

/** Milliseconds since the Unix epoch encoded in a snowflake. */
export function snowflakeTime(id: string): number {
	return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/**
 * An interaction token. Real ones are long base64url strings: never containing `/` or `?`, which matters because
 * @discordjs/rest uses the token as part of the webhook route's major parameter.
 */
export function interactionToken(interactionId: string): string {
	return `aW50ZXJhY3Rpb246${Buffer.from(interactionId).toString('base64url')}${randomBytes(48).toString('base64url')}`;
}

/** A bot token shaped like Discord's: base64(user id).timestamp.hmac. */
export function botToken(userId: string): string {
	return `${Buffer.from(userId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

export function randomHex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}
