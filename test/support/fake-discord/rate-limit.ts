import { createHash } from 'node:crypto';
import type { BucketConfig } from './types.ts';

/**
 * Discord's two rate-limit layers (https://discord.com/developers/docs/topics/rate-limits):
 *
 * - Global: N requests per second per bot. Enforced here as a SLIDING 1 s window on purpose: discord.js models it
 *   as fixed windows, so a bot that bursts can slip ~2x the limit across a window edge, and real Discord answers
 *   some of those with 429 `global: true`. The fake should expose that instead of hiding it.
 * - Per-route buckets: fixed windows that start with the first request, announced through X-RateLimit-* headers
 *   (reset in seconds). discord.js learns them from the headers and waits; a bot that respects them never sees a
 *   bucket 429.
 */

export class GlobalLimiter {
	private readonly stamps: number[] = [];

	constructor(
		private readonly limit: number,
		private readonly windowMs = 1000,
	) {}

	/** Returns 0 when the request may pass (and counts it), else the seconds until a slot frees up. */
	take(now: number): number {
		while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= now - this.windowMs) this.stamps.shift();
		if (this.stamps.length >= this.limit) {
			const oldest = this.stamps[0] ?? now;
			return Math.max(0.001, (oldest + this.windowMs - now) / 1000);
		}
		this.stamps.push(now);
		return 0;
	}
}

export interface BucketVerdict {
	/** Headers to send with the response (both on success and on 429). */
	headers: Record<string, string>;
	/** Seconds to wait when limited; undefined when the request may pass. */
	retryAfter?: number;
}

interface BucketState {
	resetAt: number;
	used: number;
}

export class Buckets {
	private readonly states = new Map<string, BucketState>();

	/**
	 * @param name  bucket name; its hash is what Discord sends as X-RateLimit-Bucket (shared by every major param)
	 * @param major the major parameter (channel id, guild id, webhook id/token) that splits the bucket
	 */
	take(name: string, major: string, cfg: BucketConfig, now: number): BucketVerdict {
		const hash = bucketHash(name);
		const key = `${hash}:${major}`;
		let s = this.states.get(key);
		if (!s || now >= s.resetAt) {
			s = { resetAt: now + cfg.windowMs, used: 0 };
			this.states.set(key, s);
		}
		const resetAfter = Math.max(0, (s.resetAt - now) / 1000);
		const limited = s.used >= cfg.limit;
		if (!limited) s.used++;
		const headers: Record<string, string> = {
			'X-RateLimit-Limit': String(cfg.limit),
			'X-RateLimit-Remaining': String(Math.max(0, cfg.limit - s.used)),
			'X-RateLimit-Reset': (s.resetAt / 1000).toFixed(3),
			'X-RateLimit-Reset-After': resetAfter.toFixed(3),
			'X-RateLimit-Bucket': hash,
		};
		if (!limited) return { headers };
		return { headers: { ...headers, 'X-RateLimit-Scope': 'user' }, retryAfter: Math.max(0.001, resetAfter) };
	}
}

export function bucketHash(name: string): string {
	return createHash('sha1').update(name).digest('hex').slice(0, 32);
}

export function rateLimitBody(
	retryAfter: number,
	global: boolean,
): { message: string; retry_after: number; global: boolean } {
	return { message: 'You are being rate limited.', retry_after: Number(retryAfter.toFixed(3)), global };
}
