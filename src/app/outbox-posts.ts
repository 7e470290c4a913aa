import type { DraftPlan } from '../domain/items.ts';
import type { Answer, Round, ServerSettings, Unit } from '../domain/model.ts';
import type { Deps } from './deps.ts';
import type { FileBlob, OutboxItem, OwnPostProbe, RoundNotice, SendFailure, SendResult } from './ports.ts';
import { draftPlans } from './plan-items.ts';
import { retryDelayMs } from './retry.ts';

/** An outbox item turned into a post, from what the database says at the moment it is sent. */
export interface PreparedPost {
	/** Where it goes now (a unit may have moved channel since the item was recorded). */
	channelId: string;
	post(nonce: string): Promise<SendResult>;
	/** How to recognise the post in its channel if an earlier attempt landed; null: not recognisable. */
	probe: Omit<OwnPostProbe, 'since'> | null;
	/** When the sweep tries again after a failure (ms after it); null: it waits to be asked. */
	retryAfterMs(reason: SendFailure, attempts: number): number | null;
	/** Audit actions of the outcome; null: not audited. */
	audit: { subject: string; action: string | null; failedAction: string | null };
}

export type Prepared = PreparedPost | { skip: string };

interface RoundData {
	settings: ServerSettings;
	targets: Map<number, { unit: Unit; draftText: string | null; ownDraft: boolean }>;
	answers: Map<number, Answer>;
	plans: () => Promise<Map<number, DraftPlan>>;
	/** The round's common draft files, read once for the units without a draft of their own. */
	commonFiles: (unitId: number) => Promise<FileBlob[]>;
}

/** Reads shared by the posts of one run (one publish, one sweep): targets, answers, plans, settings per round. */
export class PostContext {
	private readonly rounds = new Map<number, Promise<RoundData | null>>();
	private readonly reading = new Map<number, Promise<Round | null>>();
	private readonly answering = new Map<number, Promise<Set<number>>>();

	constructor(private readonly deps: Deps) {}

	/**
	 * The round as the database has it now. Posts prepared at the same moment share one read (a fan-out prepares
	 * dozens at once); a read is not reused once it has returned, so a close stops every post prepared after the
	 * first read that follows it.
	 */
	freshRound(id: number): Promise<Round | null> {
		let found = this.reading.get(id);
		if (!found) {
			found = this.deps.rounds.get(id).finally(() => this.reading.delete(id));
			this.reading.set(id, found);
		}
		return found;
	}

	data(round: Round): Promise<RoundData | null> {
		let found = this.rounds.get(round.id);
		if (!found) {
			found = this.load(round);
			this.rounds.set(round.id, found);
		}
		return found;
	}

	/** The units that have answered the round now; reads shared like `freshRound`'s. */
	answeredNow(roundId: number): Promise<Set<number>> {
		let found = this.answering.get(roundId);
		if (!found) {
			found = this.deps.answers
				.current(roundId)
				.then((answers) => new Set(answers.keys()))
				.finally(() => this.answering.delete(roundId));
			this.answering.set(roundId, found);
		}
		return found;
	}

	private async load(round: Round): Promise<RoundData | null> {
		const [settings, targets, answers] = await Promise.all([
			this.deps.settings.get(round.guildId),
			this.deps.rounds.targets(round.id),
			this.deps.answers.current(round.id),
		]);
		if (!settings) return null;
		let plans: Promise<Map<number, DraftPlan>> | null = null;
		let common: Promise<FileBlob[]> | null = null;
		return {
			settings,
			targets: new Map(targets.map((t) => [t.unit.id, t])),
			answers,
			plans: () => (plans ??= draftPlans(this.deps, round, targets)),
			commonFiles: (unitId) => (common ??= this.deps.rounds.draftFiles(round.id, unitId)),
		};
	}
}

/** Builds an item's post, or says why it is pointless now (the round closed, the unit answered…). */
export async function preparePost(deps: Deps, context: PostContext, item: OutboxItem): Promise<Prepared> {
	// The round's state is read afresh: a close between two posts of one run must stop the rest.
	// Stryker disable next-line ConditionalExpression: reading round `null` finds none either (the check narrows the type)
	const round = item.roundId === null ? null : await context.freshRound(item.roundId);
	if (!round) return { skip: 'round deleted' };
	const data = await context.data(round);
	if (!data) return { skip: 'server not set up' };
	switch (item.kind) {
		case 'delivery':
			return prepareDelivery(deps, round, data, item);
		case 'reminder':
			return prepareReminder(deps, context, round, data, item);
		case 'notice':
			return prepareNotice(deps, round, data, item);
	}
}

async function prepareDelivery(deps: Deps, round: Round, data: RoundData, item: OutboxItem): Promise<Prepared> {
	if (round.state !== 'open') return { skip: 'round not open' };
	// Stryker disable next-line ConditionalExpression: the targets have no unit `null` either (the check narrows the type)
	const target = item.unitId === null ? undefined : data.targets.get(item.unitId);
	if (!target) return { skip: 'unit not targeted' };
	const unit = target.unit;
	// A unit with a draft of its own gets its own files; the others share the round's, read once per run.
	const [files, plans] = await Promise.all([
		target.ownDraft ? deps.rounds.draftFiles(round.id, unit.id) : data.commonFiles(unit.id),
		data.plans(),
	]);
	const view = {
		round,
		unit,
		text: target.ownDraft ? target.draftText : round.commonText,
		files,
		current: data.answers.get(unit.id) ?? null,
		language: data.settings.language,
		sender: data.settings.sender,
		plan: plans.get(unit.id) ?? null,
	};
	return {
		channelId: unit.channelId,
		post: (nonce) => deps.notifier.postDraft(view, nonce),
		probe: { kind: 'draft', roundId: round.id, unitId: unit.id },
		// A missing permission or a deleted channel needs the coordinator; they see it and publish again.
		retryAfterMs: (reason, attempts) => (reason === 'other' ? retryDelayMs(attempts) : null),
		audit: { subject: unit.code, action: 'delivery.sent', failedAction: 'delivery.failed' },
	};
}

async function prepareReminder(
	deps: Deps,
	context: PostContext,
	round: Round,
	data: RoundData,
	item: OutboxItem,
): Promise<Prepared> {
	if (round.state !== 'open') return { skip: 'round not open' };
	// Stryker disable next-line ConditionalExpression: the targets have no unit `null` either (the check narrows the type)
	const unit = item.unitId === null ? null : (data.targets.get(item.unitId)?.unit ?? null);
	if (!unit) return { skip: 'unit not targeted' };
	// Read afresh: the unit may have answered while this run was posting to the units before it.
	if ((await context.answeredNow(round.id)).has(unit.id)) return { skip: 'answered' };
	const kind = item.payload.reminder ?? 'after';
	// A "before the deadline" reminder is never sent after it.
	if (kind === 'before' && deps.clock.now().getTime() >= round.deadline.getTime()) return { skip: 'deadline passed' };
	const ladder = kind === 'before' || kind === 'after';
	return {
		channelId: unit.channelId,
		post: (nonce) => deps.notifier.postReminder({ kind, round, unit, language: data.settings.language }, nonce),
		probe: { kind: 'reminder', roundId: round.id, unitId: unit.id },
		// Ladder steps are retried by the sweep; a manual reminder's failure is shown to the coordinator at once.
		retryAfterMs: (_reason, attempts) => (ladder ? retryDelayMs(attempts) : null),
		audit: {
			subject: unit.code,
			action: kind === 'manual' ? 'reminder.manual' : ladder ? 'reminder.sent' : null,
			failedAction: kind === 'extended' ? null : 'reminder.failed',
		},
	};
}

function prepareNotice(deps: Deps, round: Round, data: RoundData, item: OutboxItem): Prepared {
	const kind = item.payload.notice;
	if (!kind) return { skip: 'unknown notice' };
	// Stryker disable next-line ConditionalExpression: the targets have no unit `null` either (the check narrows the type)
	const unit = item.unitId === null ? undefined : data.targets.get(item.unitId)?.unit;
	const notice: RoundNotice = {
		kind,
		round,
		language: data.settings.language,
		coordinatorRoleId: data.settings.coordinatorRoleId,
		rows: [...data.targets.values()].map((t) => ({ unit: t.unit, current: data.answers.get(t.unit.id) ?? null })),
		now: deps.clock.now(),
		...(unit ? { unit } : {}),
		...(item.payload.reason ? { reason: item.payload.reason } : {}),
	};
	// The report channel as configured now: a coordinator who fixed it gets the retried notice there.
	const channelId = data.settings.reportChannelId;
	return {
		channelId,
		post: (nonce) => deps.notifier.postRoundNotice(channelId, notice, nonce),
		probe: null,
		// Coordinators wait for it: the next sweep tries again, then with back-off.
		retryAfterMs: (_reason, attempts) => (attempts <= 1 ? 0 : retryDelayMs(attempts - 1)),
		// Stryker disable next-line Regex: every notice key starts with "notice:" (outboxKeys.notice), anchored or not
		audit: { subject: item.key.replace(/^notice:/, ''), action: `notice.${kind}`, failedAction: null },
	};
}
