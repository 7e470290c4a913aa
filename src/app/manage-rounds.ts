import { isAllUnits, parseRoundRef, unitCodeKey, type Actor, type Round, type Unit } from '../domain/model.ts';
import { isBlankText, visibleTextOrNull } from '../domain/text.ts';
import { tally, type Tally } from '../domain/tally.ts';
import { formatLadder, parseLadder } from '../domain/time/ladder.ts';
import { isSkippedWallClock, parseLocalDateTime } from '../domain/time/parse-datetime.ts';
import { requireCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';
import { FAN_OUT_CONCURRENCY, mapBounded } from './fan-out.ts';
import { outboxKeys, sendOnce } from './outbox.ts';
import { PostContext } from './outbox-posts.ts';
import { draftPlans, resolveFromRound } from './plan-items.ts';
import type { FileBlob, NewOutboxItem } from './ports.ts';
import type { StatusRow } from './report-ports.ts';
import type { AccessProblem } from '../domain/permissions.ts';
import type { DraftPlan } from '../domain/items.ts';
import { checkUnits } from './preflight.ts';

export const MAX_TITLE = 200;
export const MAX_DRAFT_TEXT = 4000;

function chars(text: string): number {
	return [...text].length;
}

/** Finds a round of this server from what a user typed (`R2`, `2`) or an autocomplete value. */
export async function findRound(deps: Deps, guildId: string, ref: string): Promise<AppResult<Round>> {
	const seq = parseRoundRef(ref);
	// Stryker disable next-line ConditionalExpression: equivalent when false, the store finds no round without a number
	const round = seq === null ? null : await deps.rounds.findBySeq(guildId, seq);
	if (!round) return fail({ code: 'round-unknown', round: ref.trim().slice(0, 40) });
	return { ok: true, value: round };
}

export interface CreateRoundInput {
	guildId: string;
	actor: Actor;
	title: string;
	deadline: string;
	units?: string | undefined;
	campaign?: string | undefined;
	text?: string | undefined;
	file?: FileBlob | undefined;
	reminders?: string | undefined;
	silence?: Round['silencePolicy'] | undefined;
	late?: Round['latePolicy'] | undefined;
	/** An earlier round to start from: its units, drafts, items (and campaign) unless given here. */
	from?: string | undefined;
}

/**
 * /round create: a draft round addressed to every active unit or to the listed codes. Created `from` an earlier
 * round (of this server, already sent out), it starts with that round's units, drafts and items; its open comments
 * carry over into this round's report.
 */
export async function createRound(
	deps: Deps,
	input: CreateRoundInput,
): Promise<AppResult<{ round: Round; units: Unit[]; from: Round | null }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const settings = access.value;
	const from = input.from?.trim() ? await resolveFromRound(deps, input.guildId, input.from) : null;
	if (from && !from.ok) return from;
	const fromRound = from?.value ?? null;
	const title = input.title.trim();
	if (isBlankText(title)) return fail({ code: 'required', field: 'title' });
	if (chars(title) > MAX_TITLE) return fail({ code: 'too-long', field: 'title', max: MAX_TITLE });
	const text = visibleTextOrNull(input.text) ?? fromRound?.commonText ?? null;
	if (text !== null && chars(text) > MAX_DRAFT_TEXT)
		return fail({ code: 'too-long', field: 'text', max: MAX_DRAFT_TEXT });
	const campaign = visibleTextOrNull(input.campaign) ?? fromRound?.campaignName ?? null;
	if (campaign !== null && chars(campaign) > 100) return fail({ code: 'too-long', field: 'campaign', max: 100 });

	let reminderLadder = settings.reminderLadder;
	if (input.reminders !== undefined && input.reminders.trim() !== '') {
		const ladder = parseLadder(input.reminders);
		if (!ladder.ok) return fail({ code: 'bad-ladder', problem: ladder.error });
		reminderLadder = formatLadder(ladder.value);
	}

	const deadline = parseLocalDateTime(input.deadline, settings.timezone);
	if (!deadline.ok) return fail({ code: 'deadline-unparsable', value: input.deadline.slice(0, 60) });
	if (isSkippedWallClock(input.deadline, settings.timezone, deadline.value)) {
		const value = input.deadline.trim().slice(0, 60);
		return fail({ code: 'deadline-nonexistent', value, zone: settings.timezone, shifted: deadline.value });
	}
	const now = deps.clock.now();
	if (deadline.value.getTime() <= now.getTime()) {
		return fail({ code: 'deadline-past', at: deadline.value, zone: settings.timezone });
	}

	const active = await deps.units.list(input.guildId);
	const wanted = (input.units ?? '').trim();
	let units: Unit[];
	if (wanted === '' && fromRound) {
		const activeIds = new Set(active.map((u) => u.id));
		units = (await deps.rounds.targets(fromRound.id)).map((t) => t.unit).filter((u) => activeIds.has(u.id));
	} else if (wanted === '' || isAllUnits(wanted)) {
		units = active;
	} else {
		const codes = [
			...new Set(
				wanted
					.split(/[,;\s]/)
					.filter(Boolean)
					.map((c) => unitCodeKey(c)),
			),
		];
		const byCode = new Map(active.map((u) => [u.code, u]));
		const unknown = codes.filter((c) => !byCode.has(c));
		if (unknown.length > 0) return fail({ code: 'units-unknown', codes: unknown });
		units = codes.flatMap((c) => byCode.get(c) ?? []);
	}
	if (units.length === 0) return fail({ code: 'no-units' });

	const round = await deps.rounds.create(
		{
			guildId: input.guildId,
			title,
			deadline: deadline.value,
			timezone: settings.timezone,
			commonText: text,
			campaignName: campaign,
			unitIds: units.map((u) => u.id),
			createdBy: input.actor.userId,
			reminderLadder,
			silencePolicy: input.silence ?? 'none',
			latePolicy: input.late ?? 'accept',
			commonFile: input.file ?? null,
			fromRoundId: fromRound?.id ?? null,
		},
		{ guildId: input.guildId, actorId: input.actor.userId, actorName: input.actor.userName, action: 'round.create' },
	);
	return { ok: true, value: { round, units, from: fromRound } };
}

/** /round draft: a unit's own draft, replacing the common one, while the round is still a draft. */
export async function setUnitDraft(
	deps: Deps,
	input: {
		guildId: string;
		actor: Actor;
		round: string;
		unit: string;
		text?: string | undefined;
		file?: FileBlob | undefined;
	},
): Promise<AppResult<{ round: Round; unit: Unit; files: number }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const round = await findRound(deps, input.guildId, input.round);
	if (!round.ok) return round;
	if (round.value.state !== 'draft') return fail({ code: 'round-published', round: round.value.code });
	const code = unitCodeKey(input.unit);
	const unit = await deps.units.findByCode(input.guildId, code);
	if (!unit) return fail({ code: 'unit-unknown', unit: code });
	if (!(await deps.rounds.isTargeted(round.value.id, unit.id))) {
		return fail({ code: 'round-not-targeted', round: round.value.code, unit: unit.code });
	}
	const text = visibleTextOrNull(input.text);
	if (text === null && !input.file) return fail({ code: 'draft-needs-content' });
	if (text !== null && chars(text) > MAX_DRAFT_TEXT)
		return fail({ code: 'too-long', field: 'text', max: MAX_DRAFT_TEXT });
	await deps.rounds.setUnitDraft(round.value.id, unit.id, text, input.file ?? null, {
		guildId: input.guildId,
		actorId: input.actor.userId,
		actorName: input.actor.userName,
		action: 'round.draft',
		subject: unit.code,
	});
	return { ok: true, value: { round: round.value, unit, files: input.file ? 1 : 0 } };
}

export interface PublishOutcome {
	round: Round;
	sent: Unit[];
	already: Unit[];
	failed: Array<{ unit: Unit; reason: string }>;
	/** Units another publish run is sending right now. */
	inProgress: Unit[];
	/** Units not posted to because the bot cannot post there (preflight, or Discord's 403), with the reasons. */
	blocked: Array<{ unit: Unit; problems: AccessProblem[] }>;
	/** Units posted to, with something lost on the way (a role ping that notifies nobody). */
	warnings: Array<{ unit: Unit; problems: AccessProblem[] }>;
}

/** A unit's draft delivery as an outbox item: one per (round, unit). */
export function deliveryItem(round: Round, unit: Unit, now: Date): NewOutboxItem {
	return {
		key: outboxKeys.delivery(round.id, unit.id),
		kind: 'delivery',
		guildId: round.guildId,
		roundId: round.id,
		unitId: unit.id,
		channelId: unit.channelId,
		payload: {},
		dueAt: now,
	};
}

/**
 * Whether a unit's draft post carries files, for the permission preflight (Attach Files): it does when the draft
 * has some or the unit has plan items (sent as a workbook).
 */
export async function deliveryCarriesFiles(
	deps: Deps,
	round: Round,
	/** The round's draft plans when the caller reads them anyway. */
	known?: Promise<Map<number, DraftPlan>>,
): Promise<(unit: Unit) => boolean> {
	const [fileCounts, plans] = await Promise.all([
		deps.rounds.draftFileCounts(round.id),
		known ?? draftPlans(deps, round),
	]);
	return (u: Unit) => (fileCounts.get(u.id) ?? 0) > 0 || plans.has(u.id);
}

/**
 * /round publish: posts each target unit's draft in its channel, once. Every unit's delivery is recorded in the
 * outbox before the first post goes out, so a publish interrupted by a crash is finished by the next sweep, and
 * running it again posts only what is missing (failed deliveries are tried again at once).
 */
export async function publishRound(
	deps: Deps,
	input: { guildId: string; actor: Actor; round: string; onProgress?: (done: number, total: number) => void },
): Promise<AppResult<PublishOutcome>> {
	// The coordinator's check and the round's read are independent: made together (a publish's first post waits
	// for every read before it).
	const [access, found] = await Promise.all([
		requireCoordinator(deps, input.guildId, input.actor),
		findRound(deps, input.guildId, input.round),
	]);
	if (!access.ok) return access;
	if (!found.ok) return found;
	let round = found.value;
	if (round.state === 'closed') return fail({ code: 'round-closed', round: round.code });
	// A round must not open already overdue: the coordinator extends it first.
	if (round.state === 'draft' && round.deadline.getTime() <= deps.clock.now().getTime()) {
		return fail({ code: 'deadline-past', at: round.deadline, zone: round.timezone });
	}
	// The reads the posts need (targets, answers, settings, plans) are made once, here, and shared by every post;
	// they do not depend on the round's state, so they start while it is being opened.
	const context = new PostContext(deps);
	const reading = context.data(round);
	reading.catch(() => undefined); // awaited below; not an unhandled rejection while the round is opened
	// Stryker disable next-line ConditionalExpression: equivalent when true, markOpen changes only a draft round (its UPDATE checks the state) and the round is then read back; the check saves a write
	if (round.state === 'draft') {
		const at = deps.clock.now();
		const opened = await deps.rounds.markOpen(round.id, at, {
			guildId: input.guildId,
			actorId: input.actor.userId,
			actorName: input.actor.userName,
			action: 'round.publish',
			subject: round.code,
		});
		// Opened by this call: as written; by another publish in the meantime: as that one wrote it.
		round = opened ? { ...round, state: 'open', publishedAt: at } : ((await deps.rounds.get(round.id)) ?? round);
	}
	const data = await reading;
	if (!data) return fail({ code: 'not-set-up' });
	const targets = [...data.targets.values()];
	// Permission preflight, for every target before anything is posted or even queued: a unit the bot cannot post
	// in is reported and left out (a later publish, or the sweep, sends it once the channel is fixed).
	const carriesFiles = await deliveryCarriesFiles(deps, round, data.plans());
	const preflight = new Map(
		(
			(await checkUnits(
				deps,
				input.guildId,
				targets.map((t) => t.unit),
				carriesFiles,
			)) ?? []
		).map((a) => [a.unit.id, a]),
	);
	const outcome: PublishOutcome = {
		round,
		sent: [],
		already: [],
		failed: [],
		inProgress: [],
		blocked: [],
		warnings: [],
	};
	const sendable = [];
	for (const t of targets) {
		const checked = preflight.get(t.unit.id);
		if (!checked?.blocked) {
			sendable.push(t);
			continue;
		}
		// Delivered before the channel changed: nothing to send, nothing to report.
		if (await deps.outbox.isSent(outboxKeys.delivery(round.id, t.unit.id))) outcome.already.push(t.unit);
		else {
			outcome.blocked.push({ unit: t.unit, problems: checked.problems.filter((p) => p.blocking) });
			deps.log.warn(
				{ round: round.code, unit: t.unit.code, problems: checked.problems },
				'delivery skipped: the bot cannot post in the unit channel',
			);
		}
	}
	const now = deps.clock.now();
	const items = await deps.outbox.enqueue(sendable.map((t) => deliveryItem(round, t.unit, now)));
	// Several posts in flight at once behind the notifier's pacer; the outcome lists keep the targets' order.
	let done = 0;
	const results = await mapBounded(items, deps.fanOut ?? FAN_OUT_CONCURRENCY, async (item) => {
		const result =
			item.status === 'sent'
				? null
				: await sendOnce(deps, item, { retryFailed: true, actor: input.actor, context, batched: true });
		input.onProgress?.(++done, items.length);
		return result;
	});
	for (const [i, sent] of results.entries()) {
		const unit = sendable[i]!.unit;
		const problems = preflight.get(unit.id)?.problems ?? [];
		if (sent === null) outcome.already.push(unit);
		else if (sent.state === 'sent') {
			outcome.sent.push(unit);
			if (problems.length > 0) outcome.warnings.push({ unit, problems });
		} else if (sent.state === 'failed') {
			if (sent.reason === 'missing-permission') {
				// Discord's 403 is reported like a preflight finding: with the permission when the bot can tell which.
				const again = (await checkUnits(deps, input.guildId, [unit], carriesFiles))?.[0];
				const blocking = again?.problems.filter((p) => p.blocking) ?? [];
				outcome.blocked.push({
					unit,
					problems: blocking.length > 0 ? blocking : [{ kind: 'refused', blocking: true }],
				});
			} else outcome.failed.push({ unit, reason: sent.reason });
		}
		// Claimed by another sender (another publish, a sweep, or one that died and whose lease has not run
		// out): being delivered, not delivered.
		else outcome.inProgress.push(unit);
	}
	return { ok: true, value: outcome };
}

export interface RoundStatus {
	round: Round;
	rows: StatusRow[];
	tally: Tally;
}

/** The state of every target unit of a round: one read of the store, counted by the domain's tally. */
export async function loadRoundStatus(deps: Deps, round: Round): Promise<RoundStatus> {
	const rows = await deps.reports.statusRows(round.id);
	return { round, rows, tally: tally(rows) };
}

/** /round status */
export async function roundStatus(
	deps: Deps,
	input: { guildId: string; actor: Actor; round: string },
): Promise<AppResult<RoundStatus & { reportChannelId: string; language: 'vi' | 'en' }>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const round = await findRound(deps, input.guildId, input.round);
	if (!round.ok) return round;
	const status = await loadRoundStatus(deps, round.value);
	return {
		ok: true,
		value: { ...status, reportChannelId: access.value.reportChannelId, language: access.value.language },
	};
}

/** /round list: open and recent rounds with their counts. */
export async function listRounds(
	deps: Deps,
	input: { guildId: string; actor: Actor },
): Promise<AppResult<Array<{ round: Round; tally: Tally }>>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	const rounds = await deps.rounds.list(input.guildId, { limit: 15 });
	const result = [];
	for (const round of rounds) result.push({ round, tally: (await loadRoundStatus(deps, round)).tally });
	return { ok: true, value: result };
}
