/**
 * The core vocabulary: units answer rounds. Plain data, no behaviour, no framework types.
 */
export type UnitKind = 'department' | 'provincial' | 'other';
export const UNIT_KINDS: readonly UnitKind[] = ['department', 'provincial', 'other'];

/**
 * How users may write each unit kind, in English (the stored value) or Vietnamese; compared without case. Built per
 * call (eleven entries) rather than at load: Stryker 9.6.1 does not activate mutants of tables built at load time
 * (see mutation/SCORES.md), and reported all of these as surviving although the tests kill them.
 */
function unitKindWords(): ReadonlyMap<string, UnitKind> {
	return new Map<string, UnitKind>([
		['department', 'department'],
		['provincial', 'provincial'],
		['other', 'other'],
		['vụ', 'department'],
		['đơn vị thuộc tổng cục', 'department'],
		['cục thống kê', 'provincial'],
		['cục thống kê tỉnh', 'provincial'],
		['cục thống kê tỉnh, thành phố', 'provincial'],
		['ctk', 'provincial'],
		['khác', 'other'],
		['đơn vị khác', 'other'],
	]);
}

/** Reads a unit kind typed in either language (`department`, `Vụ`, `Cục Thống kê`, `khác` …); null if unknown. */
export function parseUnitKind(text: string): UnitKind | null {
	return unitKindWords().get(text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ')) ?? null;
}

/** Whether a `units` input means every active unit: `all` or Vietnamese `tất cả` (also `tất-cả`, without case). */
export function isAllUnits(text: string): boolean {
	return ['all', 'tất cả', 'tất-cả'].includes(text.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' '));
}

export interface Unit {
	id: number;
	guildId: string;
	code: string;
	name: string;
	kind: UnitKind;
	channelId: string;
	roleId: string;
	archived: boolean;
}

export type RoundState = 'draft' | 'open' | 'closed';
export type SilencePolicy = 'none' | 'consent';
export type LatePolicy = 'accept' | 'refuse';

export interface Round {
	id: number;
	guildId: string;
	seq: number;
	/** Short id users type and see, e.g. `R2`. */
	code: string;
	title: string;
	deadline: Date;
	timezone: string;
	state: RoundState;
	commonText: string | null;
	silencePolicy: SilencePolicy;
	latePolicy: LatePolicy;
	reminderLadder: string;
	campaignName: string | null;
	createdBy: string;
	createdAt: Date;
	publishedAt: Date | null;
	closedAt: Date | null;
}

export type AnswerKind = 'agree' | 'comment' | 'silence';

/** One version of a unit's answer; the highest version is the current one. */
export interface Answer {
	id: number;
	roundId: number;
	unitId: number;
	version: number;
	answer: AnswerKind;
	text: string | null;
	fileName: string | null;
	fileUrl: string | null;
	userId: string | null;
	userName: string | null;
	/** Set when a coordinator recorded an answer received outside Discord. */
	source: string | null;
	late: boolean;
	createdAt: Date;
}

export interface ServerSettings {
	guildId: string;
	coordinatorRoleId: string;
	reportChannelId: string;
	language: 'vi' | 'en';
	timezone: string;
	officeHours: string;
	workingDays: string;
	reminderLadder: string;
	/** Who asks for the units' feedback, named in every draft post (e.g. "Vụ Tổ chức cán bộ"); '' = not named. */
	sender: string;
}

/** The person acting, as the Discord adapter saw them. */
export interface Actor {
	userId: string;
	userName: string;
	roleIds: readonly string[];
	/** Holds Manage Server (or Administrator). */
	canManageGuild: boolean;
}

/** Formats a round's short id. */
export function roundCode(seq: number): string {
	return `R${seq}`;
}

/** Reads a round reference typed by a user (`R2`, `r2`, `2`) into its per-server sequence number. */
export function parseRoundRef(input: string): number | null {
	const match = /^\s*[Rr]?(\d{1,9})\s*$/.exec(input);
	if (!match?.[1]) return null;
	const n = Number(match[1]);
	return n > 0 ? n : null;
}

/**
 * Normalises a unit code: trimmed, upper case; null when it breaks the 1–16 × [A-Z0-9-_] rule. The rule is
 * checked on the text as typed, before any case folding: `ß`, `ﬁ` or `ı` would otherwise fold into `SS`, `FI`, `I`.
 */
export function normalizeUnitCode(input: string): string | null {
	const code = input.trim();
	return /^[A-Za-z0-9_-]{1,16}$/.test(code) ? code.toUpperCase() : null;
}

/** The key a typed unit code is looked up by: its normalised form, or the text as typed (matching no unit). */
export function unitCodeKey(input: string): string {
	return normalizeUnitCode(input) ?? input.trim();
}
