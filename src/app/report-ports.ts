import type { CommentOutcome, PlanItem, UnitSums } from '../domain/items.ts';
import type { Answer, Unit } from '../domain/model.ts';
import type { AuditInput, DeliveryRecord } from './ports.ts';

/** `plan`: the round's own items; `baseline`: last year's plan, used only for comparison. */
export type ItemSet = 'plan' | 'baseline';

/** One version of a unit's answer with what reports need beyond {@link Answer}. */
export interface ResponseRecord extends Answer {
	itemCodes: string[];
	outcome: CommentOutcome | null;
	outcomeNote: string | null;
	/** Display name of the coordinator who gave the outcome. */
	outcomeBy: string | null;
	outcomeAt: Date | null;
}

/** A target unit of a round with its latest answer version and its draft's delivery (status and reports). */
export interface StatusRow {
	unit: Unit;
	current: Answer | null;
	delivery: DeliveryRecord | null;
}

/** An audit row as stored (before/after are JSON text). */
export interface AuditRecord {
	id: number;
	guildId: string;
	roundId: number | null;
	/** `R2`, when the event belongs to a round. */
	roundCode: string | null;
	actorId: string | null;
	actorName: string | null;
	action: string;
	subject: string | null;
	before: string | null;
	after: string | null;
	createdAt: Date;
}

/** Where a round sits in its campaign and which round it was created from. */
export interface RoundLineage {
	/** 1, 2, … within its campaign (1 without a campaign). */
	number: number;
	fromRoundId: number | null;
}

/** The new items of one unit (the unit's previous items of that set are replaced). */
export interface UnitItems {
	unitId: number;
	unitCode: string;
	items: Array<Omit<PlanItem, 'unitId'>>;
}

/**
 * Plan items, comment outcomes and the read models of reports and audit exports. Implemented over Prisma in
 * infra/db; like the Store, every change and its audit events are written in one transaction.
 */
export interface ReportStore {
	lineage(roundId: number): Promise<RoundLineage | null>;
	/** A round's items of one set, in file order. */
	items(roundId: number, set: ItemSet): Promise<PlanItem[]>;
	/**
	 * Per unit, how many items of a set a round has and the sum of their points, units in the order their first item
	 * was stored (one grouped query: a report's totals without reading the items).
	 */
	itemSums(roundId: number, set: ItemSet): Promise<UnitSums[]>;
	/** The items of a set of some units of a round, in file order: one page of a report that reads them unit by unit. */
	itemsOfUnits(roundId: number, set: ItemSet, unitIds: readonly number[]): Promise<PlanItem[]>;
	/** Replaces the items of the given units (others keep theirs); one audit event per unit, `before`/`after` totals. */
	replaceItems(roundId: number, set: ItemSet, units: UnitItems[], audit: AuditInput): Promise<void>;

	/**
	 * Every target unit of a round (by unit code) with its latest answer and its delivery, read in one query: the
	 * latest version per unit is found by the database, not by reading every version.
	 */
	statusRows(roundId: number): Promise<StatusRow[]>;

	/** Every answer version of a round, oldest first. */
	responses(roundId: number): Promise<ResponseRecord[]>;
	getResponse(id: number): Promise<ResponseRecord | null>;
	/** Comment answers of a server's rounds, newest first (for autocomplete). */
	recentComments(guildId: string, limit: number): Promise<ResponseRecord[]>;
	/** Gives (or changes) a comment's outcome and records the change, before and after, in the audit. */
	setOutcome(
		responseId: number,
		outcome: { outcome: CommentOutcome; note: string | null; by: string; at: Date },
		audit: AuditInput,
	): Promise<ResponseRecord>;

	/** Audit rows of a server, or of one round, oldest first. */
	auditEvents(guildId: string, roundId: number | null): Promise<AuditRecord[]>;
	/** The most recent audit row of a round with this action. */
	latestAudit(roundId: number, action: string): Promise<AuditRecord | null>;
}
