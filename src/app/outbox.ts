import type { Actor } from '../domain/model.ts';
import type { Deps } from './deps.ts';
import { Batcher, FAN_OUT_CONCURRENCY, mapBounded } from './fan-out.ts';
import { preparePost, PostContext, type PreparedPost } from './outbox-posts.ts';
import type {
	AuditInput,
	FinishEntry,
	OutboxItem,
	OutboxRepository,
	OutboxResult,
	SendFailure,
	SendResult,
} from './ports.ts';

/**
 * The outbox: everything the bot posts at most once (a unit's draft, a reminder step, a round notice) is recorded
 * under a unique key before anything is sent, then sent by `sendOnce`, which owns the claim, the lease, the nonce,
 * adoption and the retry. Whatever a crash or a failure leaves behind is finished by the next sweep (`drainOutbox`).
 */

/**
 * How long a claim protects an item while its sender posts it. A sender that dies leaves the claim; the next sweep
 * after the lease takes it over, inside Discord's nonce window (a few minutes), so a post that did land is returned
 * rather than repeated. Past that window, the channel is read first (adoption).
 */
export const DEFAULT_LEASE_MS = 2 * 60_000;

export { retryDelayMs } from './retry.ts';

/** Items are given up after a week: what they announce is stale by then. */
const GIVE_UP_AFTER_MS = 7 * 24 * 60 * 60_000;

/** Unique keys: one delivery per (round, unit), one reminder per (round, unit, step), one notice per key. */
export const outboxKeys = {
	delivery: (roundId: number, unitId: number) => `delivery:${roundId}:${unitId}`,
	reminder: (roundId: number, unitId: number, step: string) => `reminder:${roundId}:${unitId}:${step}`,
	notice: (key: string) => `notice:${key}`,
};

export type SendOutcome =
	| { state: 'sent'; item: OutboxItem; adopted: boolean }
	| { state: 'failed'; item: OutboxItem; reason: SendFailure; detail: string }
	| { state: 'skipped'; item: OutboxItem; reason: string }
	/** Sent before, skipped before, not due yet, or another sender holds it right now. */
	| { state: 'busy'; item: OutboxItem };

export interface SendOptions {
	/** A coordinator asked for it: a failed item is tried again now, whatever its retry time. */
	retryFailed?: boolean;
	/** Who asked, for the audit trail. */
	actor?: Actor;
	/** Reads shared by the posts of one run (a publish, a sweep). */
	context?: PostContext;
	/**
	 * The item is one of many sent together (a publish, a sweep, a reminder to every pending unit): its outcome is
	 * written with theirs, after up to FINISH_LINGER_MS, instead of in a transaction of its own.
	 */
	batched?: boolean;
}

/**
 * How long an outcome of a fan-out waits for others to be written with it. The posts of a fan-out come back spread
 * over hundreds of milliseconds; written one transaction each (four statements), their outcomes took CPU the next
 * posts were waiting for. The item is claimed meanwhile, so a crash in this wait is recovered like one during the
 * post (lease, nonce, adoption).
 */
export const FINISH_LINGER_MS = 40;

function leaseMs(deps: Deps): number {
	return deps.outboxLeaseMs ?? DEFAULT_LEASE_MS;
}

interface ClaimCall {
	deps: Deps;
	id: number;
	retryFailed: boolean;
}

/**
 * The outbox's writes, batched per repository: the claims and the outcomes of the posts of a fan-out that are in
 * flight together are each written in one transaction (`claimMany`, `finishMany`) instead of one or two per post.
 * Nothing else changes: an item is claimed before it is posted and its outcome recorded after, so a crash leaves it
 * claimed, and the lease, the nonce and adoption work as for a single item.
 */
interface Writers {
	claims: Batcher<ClaimCall, OutboxItem | null>;
	finishes: Batcher<FinishEntry, null>;
}
const writers = new WeakMap<OutboxRepository, Writers>();

function writersOf(deps: Deps): Writers {
	const known = writers.get(deps.outbox);
	if (known) return known;
	const outbox = deps.outbox;
	const found: Writers = {
		claims: new Batcher(async (calls: ClaimCall[]) => {
			const first = calls[0]!.deps;
			const taken = new Map(
				(
					await outbox.claimMany(
						calls.map((c) => ({ id: c.id, retryFailed: c.retryFailed })),
						first.clock.now(),
						leaseMs(first),
					)
				).map((item) => [item.id, item]),
			);
			// The same item asked for twice in one batch (a publish and a sweep of this process): one sender gets it.
			return calls.map((c) => {
				const item = taken.get(c.id) ?? null;
				taken.delete(c.id);
				return item;
			});
		}),
		finishes: new Batcher(async (entries: FinishEntry[]) => {
			await outbox.finishMany(entries);
			// Stryker disable next-line ArrowFunction: finish() ignores what a write resolves to; null only fills the slots
			return entries.map(() => null);
		}),
	};
	writers.set(outbox, found);
	return found;
}

async function finish(
	deps: Deps,
	id: number,
	result: OutboxResult,
	now: Date,
	audit: AuditInput | null,
	// Stryker disable next-line BooleanLiteral: only timing (a lone send's outcome would wait FINISH_LINGER_MS for company); no reliable test of 40 ms
	batched = false,
): Promise<void> {
	// Stryker disable next-line LogicalOperator: only timing (40 ms or the tests' longer wait, both within one batch)
	const lingerMs = batched ? (deps.finishLingerMs ?? FINISH_LINGER_MS) : 0;
	await writersOf(deps).finishes.run({ id, result, now, audit }, lingerMs);
}

/**
 * Sends one item at most once, across retries, restarts and processes: claims it (one sender wins), builds the post
 * from what the database says now (or skips it when it became pointless), adopts a post that already landed when
 * this is a later attempt, posts with the item's nonce, and records the outcome with its audit event.
 */
export async function sendOnce(deps: Deps, item: OutboxItem, opts: SendOptions = {}): Promise<SendOutcome> {
	const claimed = await writersOf(deps).claims.run({ deps, id: item.id, retryFailed: opts.retryFailed ?? false });
	if (!claimed) return { state: 'busy', item };
	const context = opts.context ?? new PostContext(deps);
	const expired = deps.clock.now().getTime() - claimed.createdAt.getTime() > GIVE_UP_AFTER_MS;
	const prepared = expired ? { skip: 'expired' } : await preparePost(deps, context, claimed);
	if ('skip' in prepared) {
		await deps.outbox.skip(claimed.id, prepared.skip);
		deps.log.info({ key: claimed.key, reason: prepared.skip }, 'outbox item skipped');
		return { state: 'skipped', item: claimed, reason: prepared.skip };
	}
	const audit = auditOf(claimed, prepared, opts.actor);
	if (claimed.attempts > 1 && prepared.probe) {
		// A later attempt: the earlier one may have landed although its sender died before recording it.
		const found = await deps.notifier.findOwnPost(prepared.channelId, { ...prepared.probe, since: claimed.createdAt });
		if (found) {
			await finish(
				deps,
				claimed.id,
				{ ok: true, messageId: found, channelId: prepared.channelId },
				deps.clock.now(),
				prepared.audit.action ? { ...audit, action: prepared.audit.action } : null,
				opts.batched,
			);
			deps.log.info({ key: claimed.key, messageId: found }, 'outbox item adopted: its post had landed');
			return { state: 'sent', item: claimed, adopted: true };
		}
	}
	let result: SendResult;
	try {
		result = await prepared.post(claimed.nonce);
	} catch (error) {
		result = { ok: false, reason: 'other', detail: error instanceof Error ? error.message : String(error) };
	}
	const now = deps.clock.now();
	if (result.ok) {
		await finish(
			deps,
			claimed.id,
			{ ok: true, messageId: result.messageId, channelId: prepared.channelId },
			now,
			prepared.audit.action ? { ...audit, action: prepared.audit.action } : null,
			opts.batched,
		);
		return { state: 'sent', item: claimed, adopted: false };
	}
	const delay = prepared.retryAfterMs(result.reason, claimed.attempts);
	const retryAt = delay === null ? null : new Date(now.getTime() + delay);
	await finish(
		deps,
		claimed.id,
		{ ok: false, error: `${result.reason}: ${result.detail}`, retryAt },
		now,
		prepared.audit.failedAction ? { ...audit, action: prepared.audit.failedAction } : null,
		opts.batched,
	);
	deps.log.warn({ key: claimed.key, reason: result.reason, detail: result.detail, retryAt }, 'outbox item not posted');
	return { state: 'failed', item: claimed, reason: result.reason, detail: result.detail };
}

function auditOf(item: OutboxItem, prepared: PreparedPost, actor?: Actor): Omit<AuditInput, 'action'> {
	return {
		guildId: item.guildId,
		roundId: item.roundId,
		subject: prepared.audit.subject,
		...(actor ? { actorId: actor.userId, actorName: actor.userName } : {}),
	};
}

/**
 * Sends items side by side behind the notifier's pacer (a reminder or a notice to every pending unit), their
 * outcomes written together; the outcomes come back in the items' order.
 */
export function sendAll(
	deps: Deps,
	items: readonly OutboxItem[],
	opts: Omit<SendOptions, 'batched'> = {},
): Promise<SendOutcome[]> {
	return mapBounded(items, deps.fanOut ?? FAN_OUT_CONCURRENCY, (item) =>
		sendOnce(deps, item, { ...opts, batched: true }),
	);
}

/**
 * Sends everything the outbox holds that is due now: items recorded but never sent (a publish interrupted by a
 * crash), failed ones whose retry time came, and claims left by a sender that died. `accept` lets the caller hold
 * some back (reminders outside office hours).
 */
export async function drainOutbox(
	deps: Deps,
	opts: { accept?: (item: OutboxItem) => Promise<boolean> | boolean; context?: PostContext; limit?: number } = {},
): Promise<SendOutcome[]> {
	const context = opts.context ?? new PostContext(deps);
	const due: OutboxItem[] = [];
	for (const item of await deps.outbox.workDue(deps.clock.now(), opts.limit ?? 5000)) {
		if (!opts.accept || (await opts.accept(item))) due.push(item);
	}
	// Several posts in flight at once (the notifier's pacer bounds the rate); outcomes stay in the items' order.
	const outcomes = await mapBounded(due, deps.fanOut ?? FAN_OUT_CONCURRENCY, async (item) => {
		try {
			return await sendOnce(deps, item, { context, batched: true });
		} catch (error) {
			// One broken item must not stop the others; its claim lapses and a later sweep tries again.
			deps.log.error({ err: error, key: item.key }, 'outbox item failed unexpectedly');
			return null;
		}
	});
	return outcomes.filter((o): o is SendOutcome => o !== null);
}
