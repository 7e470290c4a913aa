import type { DraftPlan } from '../domain/items.ts';
import type { Answer, AnswerKind, Round, ServerSettings, Unit } from '../domain/model.ts';

/** The only source of "now" for use cases: tests pass a manual clock. */
export interface Clock {
	now(): Date;
}

export interface FileBlob {
	name: string;
	contentType: string | null;
	data: Buffer;
}

export interface DeliveryRecord {
	roundId: number;
	unitId: number;
	channelId: string;
	messageId: string | null;
	status: 'sending' | 'sent' | 'failed';
	error: string | null;
	nonce: string;
	attempts: number;
	updatedAt: Date;
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
	setUnitDraft(
		roundId: number,
		unitId: number,
		text: string | null,
		file: FileBlob | null,
		audit: AuditInput,
	): Promise<void>;
	draftFiles(roundId: number, unitId: number): Promise<FileBlob[]>;
	/** Per target unit, how many draft files its post carries (its own, or the common ones). */
	draftFileCounts(roundId: number): Promise<Map<number, number>>;
	markOpen(roundId: number, at: Date, audit: AuditInput): Promise<void>;
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

/** The holidays a server's working-day calendar skips. */
export interface CalendarRepository {
	holidays(guildId: string): Promise<Array<{ date: string; name: string }>>;
	/** Adds or renames holidays (one transaction). */
	upsertHolidays(guildId: string, holidays: Array<{ date: string; name: string }>, audit: AuditInput): Promise<void>;
	removeHoliday(guildId: string, date: string, audit: AuditInput): Promise<boolean>;
}

/** Everything posted once: deliveries, reminders, notices. */
export interface OutboxRepository {
	deliveries(roundId: number): Promise<DeliveryRecord[]>;
	getDelivery(roundId: number, unitId: number): Promise<DeliveryRecord | null>;
	/** Claims a unit's delivery for sending; false when another worker holds a fresh claim or it is already sent. */
	claimDelivery(
		roundId: number,
		unitId: number,
		channelId: string,
		now: Date,
		staleAfterMs: number,
	): Promise<DeliveryRecord | null>;
	finishDelivery(
		roundId: number,
		unitId: number,
		result: { ok: true; messageId: string } | { ok: false; error: string },
		at: Date,
		audit: AuditInput,
	): Promise<void>;
	reminderDispatches(roundId: number): Promise<ReminderRecord[]>;
	/** Claims (round, unit, step) for sending; null when it exists already (sent, skipped, or another worker's). */
	claimReminder(input: {
		roundId: number;
		unitId: number;
		step: string;
		dueAt: Date;
		now: Date;
		leaseMs: number;
	}): Promise<ReminderRecord | null>;
	/** Takes over a failed reminder due for retry, or a claim whose worker died; false when someone else did. */
	reclaimReminder(id: number, now: Date, leaseMs: number): Promise<boolean>;
	finishReminder(
		id: number,
		result: { ok: true; messageId: string } | { ok: false; error: string; retryAt: Date },
		now: Date,
		audit: AuditInput,
	): Promise<void>;
	/** Forgets a claimed reminder that was not sent, so it can be claimed again. */
	releaseReminder(id: number): Promise<void>;
	/** Gives up retrying a reminder (it became pointless); recorded as skipped. */
	abandonReminder(id: number, reason: string): Promise<void>;
	/** Records a step as skipped (not sent), once. */
	skipReminder(input: { roundId: number; unitId: number; step: string; dueAt: Date; reason: string }): Promise<void>;
	/** Claims a once-only post (summary, escalation, failure report) by key; null if already claimed or posted. */
	claimNotice(input: {
		guildId: string;
		roundId: number | null;
		key: string;
		now: Date;
		leaseMs: number;
	}): Promise<NoticeRecord | null>;
	finishNotice(id: number, result: { ok: true; messageId: string } | { ok: false }, now: Date): Promise<void>;
	/** True once the post went out; a failed or unfinished one is retried by the next sweep. */
	noticeSent(key: string): Promise<boolean>;
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

export interface ReminderRecord {
	id: number;
	roundId: number;
	unitId: number;
	step: string;
	dueAt: Date;
	status: 'claimed' | 'sent' | 'failed' | 'skipped';
	attempts: number;
	nextAttemptAt: Date | null;
	leaseUntil: Date | null;
	sentAt: Date | null;
	nonce: string;
}

export interface NoticeRecord {
	id: number;
	key: string;
	nonce: string;
}

/** What a unit's draft post shows; rendered by the Discord adapter in the server's language. */
export interface DraftView {
	round: Round;
	unit: Unit;
	text: string | null;
	files: FileBlob[];
	current: Answer | null;
	language: ServerSettings['language'];
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

/** Posting to Discord, as use cases need it. */
export interface Notifier {
	/** Posts a unit's draft with the answer buttons; `nonce` makes a retried post land once. */
	postDraft(view: DraftView, nonce: string): Promise<SendResult>;
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
