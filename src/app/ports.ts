import type { DraftPlan } from '../domain/items.ts';
import type { Answer, AnswerKind, Round, ServerSettings, Unit } from '../domain/model.ts';
import type { CalendarEntry, CalendarEntryKind } from '../domain/time/public-holidays.ts';

/** The only source of "now" for use cases: tests pass a manual clock. */
export interface Clock {
	now(): Date;
}

export interface FileBlob {
	name: string;
	contentType: string | null;
	data: Buffer;
}

/** Everything posted at most once goes through the outbox (src/app/outbox.ts). */
export type OutboxKind = 'delivery' | 'reminder' | 'notice';
/** due → sending → sent; a failed attempt waits for its retry time; a pointless one is skipped. */
export type OutboxStatus = 'due' | 'sending' | 'sent' | 'failed' | 'skipped';

/** What an outbox item posts, beyond its round and unit. */
export interface OutboxPayload {
	/** Reminders: the ladder step (`-2wd`, `manual:…`); escalations: the step that raised them. */
	step?: string;
	/** Reminders: which reminder. */
	reminder?: ReminderView['kind'];
	/** Notices: which notice. */
	notice?: RoundNotice['kind'];
	/** Failure notices: why the unit could not be reached. */
	reason?: SendFailure;
}

/** What a use case records: where it goes and what it posts. */
export interface NewOutboxItem {
	key: string;
	kind: OutboxKind;
	guildId: string;
	roundId: number | null;
	unitId: number | null;
	channelId: string;
	payload: OutboxPayload;
	dueAt: Date;
	/** `skipped` records a step that was passed over, so it is never sent. Default `due`. */
	status?: 'due' | 'skipped';
	error?: string;
}

/** A recorded item with its sending state. */
export interface OutboxItem extends Omit<NewOutboxItem, 'status' | 'error'> {
	id: number;
	status: OutboxStatus;
	attempts: number;
	/** Sent with every attempt: Discord returns the first message for a repeated nonce (for a few minutes). */
	nonce: string;
	nextAttemptAt: Date | null;
	leaseUntil: Date | null;
	messageId: string | null;
	error: string | null;
	sentAt: Date | null;
	createdAt: Date;
	updatedAt: Date;
}

/** A unit's draft delivery, as status and reports show it. */
export type DeliveryRecord = OutboxItem & { roundId: number; unitId: number };
/** A reminder step of a unit. */
export type ReminderRecord = OutboxItem & { roundId: number; unitId: number; step: string };

export type OutboxResult =
	{ ok: true; messageId: string; channelId?: string } | { ok: false; error: string; retryAt: Date | null };

/** One item `claimMany` should take; `retryFailed` as for `claim`. */
export interface ClaimRequest {
	id: number;
	retryFailed?: boolean;
}

/** One attempt's outcome for `finishMany`. */
export interface FinishEntry {
	id: number;
	result: OutboxResult;
	now: Date;
	audit: AuditInput | null;
}

export interface NewRound {
	guildId: string;
	title: string;
	deadline: Date;
	timezone: string;
	commonText: string | null;
	campaignName: string | null;
	unitIds: number[];
	createdBy: string;
	reminderLadder: string;
	silencePolicy: Round['silencePolicy'];
	latePolicy: Round['latePolicy'];
	commonFile: FileBlob | null;
	/** The earlier round this one starts from: its drafts, files and items are copied in the same transaction. */
	fromRoundId?: number | null;
}

export interface NewAnswer {
	roundId: number;
	unitId: number;
	answer: AnswerKind;
	text: string | null;
	fileName: string | null;
	fileUrl: string | null;
	userId: string | null;
	userName: string | null;
	source: string | null;
	late: boolean;
	interactionId: string | null;
	at: Date;
	/** Item codes a comment is about, as stored (`BC01, BC02`). */
	itemCodes?: string | null;
	/** The file sent with the answer, kept with it. */
	file?: FileBlob | null;
}

export interface AuditInput {
	/** When it happened; the store stamps it from the injected clock when absent. */
	at?: Date;
	guildId: string;
	roundId?: number | null;
	actorId?: string | null;
	actorName?: string | null;
	action: string;
	subject?: string | null;
	before?: unknown;
	after?: unknown;
}

/**
 * Persistence, in the domain's words: one repository per aggregate, implemented over Prisma in
 * infra/db/repositories. Every state change and its audit event are written in one transaction.
 */

/** Server settings (one row per server). */
export interface SettingsRepository {
	get(guildId: string): Promise<ServerSettings | null>;
	save(settings: ServerSettings, audit: AuditInput): Promise<void>;
}

/** The units of a server. */
export interface UnitRepository {
	list(guildId: string, opts?: { includeArchived?: boolean }): Promise<Unit[]>;
	findByCode(guildId: string, code: string): Promise<Unit | null>;
	get(id: number): Promise<Unit | null>;
	create(guildId: string, units: Array<Omit<Unit, 'id' | 'guildId' | 'archived'>>, audit: AuditInput): Promise<Unit[]>;
	update(
		id: number,
		changes: Partial<Pick<Unit, 'name' | 'channelId' | 'roleId' | 'kind'>>,
		audit: AuditInput,
	): Promise<Unit>;
	/** Deletes a unit that never answered and was never targeted; archives it otherwise. */
	remove(id: number, audit: AuditInput): Promise<'deleted' | 'archived'>;
}

/** Rounds with their targets and drafts. */
export interface RoundRepository {
	create(input: NewRound, audit: AuditInput): Promise<Round>;
	get(id: number): Promise<Round | null>;
	findBySeq(guildId: string, seq: number): Promise<Round | null>;
	list(guildId: string, opts?: { states?: Round['state'][]; limit?: number }): Promise<Round[]>;
	targets(roundId: number): Promise<Array<{ unit: Unit; draftText: string | null; ownDraft: boolean }>>;
	isTargeted(roundId: number, unitId: number): Promise<boolean>;
	/** One unit the round targets (null when it does not): a click reads its own unit, not every target. */
	target(roundId: number, unitId: number): Promise<Unit | null>;
	setUnitDraft(
		roundId: number,
		unitId: number,
		text: string | null,
		file: FileBlob | null,
		audit: AuditInput,
	): Promise<void>;
	/**
	 * Sets several units' own drafts at once (/round drafts), each replacing that unit's text and files, all in one
	 * transaction with one audit event per unit (`audit` plus the draft's `subject`).
	 */
	setUnitDrafts(
		roundId: number,
		drafts: ReadonlyArray<{ unitId: number; subject: string; text: string | null; files: readonly FileBlob[] }>,
		audit: AuditInput,
	): Promise<void>;
	draftFiles(roundId: number, unitId: number): Promise<FileBlob[]>;
	/** Per target unit, how many draft files its post carries (its own, or the common ones). */
	draftFileCounts(roundId: number): Promise<Map<number, number>>;
	/** Opens a draft round (with its audit event); true when this call opened it, false when it was not a draft. */
	markOpen(roundId: number, at: Date, audit: AuditInput): Promise<boolean>;
	/** Rounds in state open, across servers (the reminder sweep). */
	listOpen(): Promise<Round[]>;
	/** Rounds closed since a moment, across servers (the sweep retries their final summary). */
	listClosedSince(since: Date): Promise<Round[]>;
	changeDeadline(roundId: number, deadline: Date, audit: AuditInput): Promise<void>;
	/** Closes an open round; with `silentUnitIds`, records them as agreeing by silence, atomically. */
	close(roundId: number, at: Date, silentUnitIds: number[], audit: AuditInput): Promise<boolean>;
}

/** Every answer version of a unit in a round; the latest counts. */
export interface AnswerRepository {
	/** Appends a new answer version; an interaction id seen before returns the earlier answer instead. */
	append(input: NewAnswer, audit: AuditInput): Promise<{ answer: Answer; duplicate: boolean } | 'round-not-open'>;
	current(roundId: number): Promise<Map<number, Answer>>;
	history(roundId: number, unitId: number): Promise<Answer[]>;
	/** The file sent with an answer version, if any. */
	file(answerId: number): Promise<FileBlob | null>;
	hasAnswered(roundId: number, unitId: number): Promise<boolean>;
}

/** The coordinator's changes to a server's working-day calendar (days off, working days, dismissed holidays). */
export interface CalendarRepository {
	holidays(guildId: string): Promise<CalendarEntry[]>;
	/** Adds or changes calendar entries (one transaction); `kind` defaults to `off` (a day off). */
	upsertHolidays(
		guildId: string,
		holidays: Array<{ date: string; name: string; kind?: CalendarEntryKind }>,
		audit: AuditInput,
	): Promise<void>;
	removeHoliday(guildId: string, date: string, audit: AuditInput): Promise<boolean>;
}

/** Everything posted once: deliveries, reminders, notices. */
export interface OutboxRepository {
	/**
	 * Records items in one transaction; a key already present is left as it is. Returns the stored item of every
	 * key, in the order given.
	 */
	enqueue(items: NewOutboxItem[]): Promise<OutboxItem[]>;
	/** Records items like `enqueue`, without reading them back (a sweep records thousands). */
	add(items: NewOutboxItem[]): Promise<void>;
	/**
	 * Takes an item for one attempt: one that is due, one that failed and whose retry time came (any failed one with
	 * `retryFailed`), or one whose sender's lease ran out (it died mid-send). Null when it is sent or skipped, or
	 * another sender holds it: exactly one sender wins, across processes.
	 */
	claim(id: number, now: Date, leaseMs: number, opts?: { retryFailed?: boolean }): Promise<OutboxItem | null>;
	/** `claim` for several items at once, in one statement per kind of request: returns the items it took. */
	claimMany(requests: ReadonlyArray<ClaimRequest>, now: Date, leaseMs: number): Promise<OutboxItem[]>;
	/** Records the attempt's outcome, and its audit event in the same transaction. */
	finish(id: number, result: OutboxResult, now: Date, audit: AuditInput | null): Promise<void>;
	/** `finish` for several attempts: every outcome and its audit event in one transaction. */
	finishMany(entries: ReadonlyArray<FinishEntry>): Promise<void>;
	/** Gives up an item that became pointless or was superseded (recorded as skipped, with the reason). */
	skip(id: number, reason: string): Promise<void>;
	/** What a sweep should try now: due items, failed ones whose retry time came, claims whose lease ran out. */
	workDue(now: Date, limit: number): Promise<OutboxItem[]>;
	/** Items not sent yet (due, being sent, or failed with a retry planned): the outbox's depth. */
	depth(): Promise<number>;
	deliveries(roundId: number): Promise<DeliveryRecord[]>;
	/** The round's target units that have no delivery in the outbox (a publish died before recording them). */
	undeliveredTargets(roundId: number): Promise<Set<number>>;
	reminderDispatches(roundId: number): Promise<ReminderRecord[]>;
	/** True once the item with this key went out. */
	isSent(key: string): Promise<boolean>;
}

/** The append-only audit trail, and the database health check. */
export interface AuditRepository {
	record(event: AuditInput): Promise<void>;
	/** Cheap round trip to prove the database answers. */
	ping(): Promise<boolean>;
}

/** The repositories, as use cases receive them. */
export interface Repositories {
	settings: SettingsRepository;
	units: UnitRepository;
	rounds: RoundRepository;
	answers: AnswerRepository;
	calendar: CalendarRepository;
	outbox: OutboxRepository;
	audit: AuditRepository;
}

/** What a unit's draft post shows; rendered by the Discord adapter in the server's language. */
export interface DraftView {
	round: Round;
	unit: Unit;
	text: string | null;
	files: FileBlob[];
	current: Answer | null;
	language: ServerSettings['language'];
	/** Who asks for the feedback (settings' `sender`), named in the post; '' or absent = not named. */
	sender?: string;
	/** How many draft files the post carries, when `files` (the bytes, only needed to post) is left empty. */
	fileCount?: number;
	/** The unit's plan items and what changed since the earlier round (src/app/plan-items.ts `draftPlans`). */
	plan?: DraftPlan | null;
}

export interface ReminderView {
	kind: 'before' | 'after' | 'manual' | 'extended';
	round: Round;
	unit: Unit;
	language: ServerSettings['language'];
}

/** The data of a post about a whole round; rendered by the Discord adapter in the server's language. */
export interface RoundNotice {
	kind: 'complete' | 'deadline' | 'final' | 'escalation' | 'failure';
	round: Round;
	language: ServerSettings['language'];
	coordinatorRoleId: string;
	/** One row per target unit with its current answer. */
	rows: Array<{ unit: Unit; current: Answer | null }>;
	now: Date;
	/** For failure reports. */
	unit?: Unit;
	reason?: SendFailure;
}

export type SendFailure = 'missing-permission' | 'unknown-channel' | 'other';
export type SendResult = { ok: true; messageId: string } | { ok: false; reason: SendFailure; detail: string };

/** What identifies a post of the bot's in a unit channel: its answer buttons name the round and unit. */
export interface OwnPostProbe {
	kind: 'draft' | 'reminder';
	roundId: number;
	unitId: number;
	since: Date;
}

/** Posting to Discord, as use cases need it. */
export interface Notifier {
	/** Posts a unit's draft with the answer buttons; `nonce` makes a retried post land once. */
	postDraft(view: DraftView, nonce: string): Promise<SendResult>;
	/**
	 * Looks in a channel for the bot's own post of a draft or a reminder made since a moment (the first attempt of
	 * an outbox item), so a post that landed before a crash is adopted instead of posted twice, even after Discord's
	 * nonce window. Null when none is found or the channel cannot be read.
	 */
	findOwnPost(channelId: string, probe: OwnPostProbe): Promise<string | null>;
	/** Re-renders a posted draft (its answer state changed). */
	refreshDraft(channelId: string, messageId: string, view: DraftView): Promise<SendResult>;
	/** Reminds a unit in its channel (its role is mentioned; the Agree/Comment buttons come along). */
	postReminder(view: ReminderView, nonce: string): Promise<SendResult>;
	/** Posts a round notice (summary, escalation, failure report) to the report channel. */
	postRoundNotice(channelId: string, notice: RoundNotice, nonce: string): Promise<SendResult>;
	/** Posts plain text (already localized) with optional files; nobody is pinged unless `pingRoles` says so. */
	postText(
		channelId: string,
		content: string,
		opts?: { files?: FileBlob[]; pingRoles?: string[]; nonce?: string },
	): Promise<SendResult>;
}
