import type { Round, ServerSettings, Unit } from '../domain/model.ts';
import type { Deps } from './deps.ts';
import type { RoundNotice, SendFailure } from './ports.ts';

/** How long a claimed post is protected before another worker may retry it (the first one died mid-send). */
export const CLAIM_LEASE_MS = 2 * 60_000;

/** Unique keys of the once-only posts. A deadline summary belongs to one deadline: extending makes a new one. */
export const noticeKeys = {
	complete: (round: Round) => `complete:${round.id}`,
	deadline: (round: Round) => `deadline:${round.id}:${round.deadline.getTime()}`,
	final: (round: Round) => `final:${round.id}`,
	escalation: (round: Round, step: string) => `escalation:${round.id}:${step}`,
	failure: (round: Round, unit: Unit) => `failure:${round.id}:${unit.id}`,
};

/**
 * Posts a round notice to the report channel at most once, across retries, restarts and processes: the key is
 * claimed in the database first, and the post carries a nonce so a retry after a crash cannot duplicate it.
 * Returns false when it was posted before (or another worker is posting it) or when posting failed (it will be
 * retried by the next sweep).
 */
export async function postNoticeOnce(
	deps: Deps,
	settings: ServerSettings,
	round: Round,
	key: string,
	kind: RoundNotice['kind'],
	extra: { unit?: Unit; reason?: SendFailure } = {},
): Promise<boolean> {
	const now = deps.clock.now();
	const claim = await deps.outbox.claimNotice({
		guildId: round.guildId,
		roundId: round.id,
		key,
		now,
		leaseMs: CLAIM_LEASE_MS,
	});
	if (!claim) return false;
	const [targets, answers] = await Promise.all([deps.rounds.targets(round.id), deps.answers.current(round.id)]);
	const notice: RoundNotice = {
		kind,
		round,
		language: settings.language,
		coordinatorRoleId: settings.coordinatorRoleId,
		rows: targets.map((t) => ({ unit: t.unit, current: answers.get(t.unit.id) ?? null })),
		now,
		...extra,
	};
	let result;
	try {
		result = await deps.notifier.postRoundNotice(settings.reportChannelId, notice, claim.nonce);
	} catch (error) {
		result = { ok: false as const, reason: 'other' as const, detail: String(error) };
	}
	await deps.outbox.finishNotice(
		claim.id,
		result.ok ? { ok: true, messageId: result.messageId } : { ok: false },
		deps.clock.now(),
	);
	if (!result.ok)
		deps.log.warn({ round: round.code, key, reason: result.reason, detail: result.detail }, 'notice not posted');
	else await deps.audit.record({ guildId: round.guildId, roundId: round.id, action: `notice.${kind}`, subject: key });
	return result.ok;
}

/** After an answer: when the last target unit has answered, the "complete" summary goes out, once. */
export async function postCompleteSummaryIfDone(deps: Deps, round: Round): Promise<boolean> {
	// Cheap check first: this runs after every answer, and the summary goes out once.
	if (round.state !== 'open' || (await deps.outbox.noticeSent(noticeKeys.complete(round)))) return false;
	const [targets, answers] = await Promise.all([deps.rounds.targets(round.id), deps.answers.current(round.id)]);
	if (targets.length === 0 || targets.some((t) => !answers.has(t.unit.id))) return false;
	const settings = await deps.settings.get(round.guildId);
	if (!settings) return false;
	return postNoticeOnce(deps, settings, round, noticeKeys.complete(round), 'complete');
}
