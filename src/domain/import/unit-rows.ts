import { err, ok } from '../result.ts';
import type { Result } from '../result.ts';
import { cellText, problem, sortProblems, textLength } from './rows.ts';
import type { InputRow, RowProblem } from './rows.ts';
import { parseUnitKind } from '../model.ts';

/** Kinds of unit. */
export const UNIT_KINDS = ['department', 'provincial', 'other'] as const;
/** Kind of a unit: a department (vụ), a provincial office, or anything else. */
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Columns of a unit-import file (`kind` may be absent; it defaults to `department`). */
export const UNIT_COLUMNS = { required: ['code', 'name', 'channel', 'role'], optional: ['kind'] } as const;

/** Longest unit name. */
export const MAX_UNIT_NAME = 100;

/** A validated unit to create. */
export type UnitRow = {
	line: number;
	/** Upper-case, 1–16 chars of `A–Z 0–9 - _`. */
	code: string;
	name: string;
	kind: UnitKind;
	channelId: string;
	roleId: string;
};

/** What can be wrong with a unit row. */
export type UnitRowProblemCode =
	| 'required'
	| 'too-long'
	| 'bad-code'
	| 'bad-kind'
	| 'unknown-channel'
	| 'ambiguous-channel'
	| 'channel-not-writable'
	| 'not-text-channel'
	| 'unknown-role'
	| 'ambiguous-role'
	| 'duplicate-in-file'
	| 'duplicate-existing';

/** A problem in a unit row. */
export type UnitRowProblem = RowProblem<UnitRowProblemCode>;

/** Guild state the rows are checked against. */
export type UnitImportContext = {
	/** Guild channels; `text` = a channel the bot can post a plan message in, `writable` = the bot may send there. */
	channels: Array<{ id: string; name: string; writable: boolean; text: boolean }>;
	/** Assignable roles (callers should leave out `@everyone` and managed roles). */
	roles: Array<{ id: string; name: string }>;
	/** Codes of units that are currently active (compared upper-case). */
	existingActiveCodes: Set<string>;
};

const CODE_PATTERN = /^[A-Z0-9_-]{1,16}$/;
const TYPED_CODE_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;
const SNOWFLAKE = /^\d{17,20}$/;

/** Normalises a unit code as stored: trimmed, upper-case. */
export function normaliseUnitCode(text: string): string {
	return text.trim().toUpperCase();
}

function fold(name: string): string {
	// Stryker disable next-line MethodExpression: both sides are folded alike (upper or lower), and cells and Discord names come trimmed
	return name.trim().normalize('NFC').toLowerCase();
}

type LookupFailure = 'unknown' | 'ambiguous' | 'not-text';
type Lookup<T> = { ok: true; item: T } | { ok: false; reason: LookupFailure };

const CHANNEL_PROBLEM: Record<LookupFailure, UnitRowProblemCode> = {
	unknown: 'unknown-channel',
	ambiguous: 'ambiguous-channel',
	'not-text': 'not-text-channel',
};

function findChannel(ctx: UnitImportContext, raw: string): Lookup<UnitImportContext['channels'][number]> {
	const id = /^<#(\d{17,20})>$/.exec(raw)?.[1] ?? (SNOWFLAKE.test(raw) ? raw : undefined);
	if (id !== undefined) {
		const found = ctx.channels.find((channel) => channel.id === id);
		if (found === undefined) return { ok: false, reason: 'unknown' };
		return found.text ? { ok: true, item: found } : { ok: false, reason: 'not-text' };
	}
	// Stryker disable next-line Regex: Discord channel names cannot contain '#', so only a leading one can be there
	const wanted = fold(raw.replace(/^#/, ''));
	const named = ctx.channels.filter((channel) => fold(channel.name) === wanted);
	const text = named.filter((channel) => channel.text);
	const [first, second] = text;
	if (first !== undefined && second === undefined) return { ok: true, item: first };
	if (second !== undefined) return { ok: false, reason: 'ambiguous' };
	return { ok: false, reason: named.length > 0 ? 'not-text' : 'unknown' };
}

function findRole(ctx: UnitImportContext, raw: string): Lookup<UnitImportContext['roles'][number]> {
	const id = /^<@&(\d{17,20})>$/.exec(raw)?.[1] ?? (SNOWFLAKE.test(raw) ? raw : undefined);
	if (id !== undefined) {
		const found = ctx.roles.find((role) => role.id === id);
		// Stryker disable next-line ObjectLiteral,StringLiteral: any reason but 'ambiguous' reads as unknown-role
		return found === undefined ? { ok: false, reason: 'unknown' } : { ok: true, item: found };
	}
	const wanted = fold(raw.replace(/^@/, ''));
	const [first, second] = ctx.roles.filter((role) => fold(role.name) === wanted);
	// Stryker disable next-line ObjectLiteral,StringLiteral: any reason but 'ambiguous' reads as unknown-role
	if (first === undefined) return { ok: false, reason: 'unknown' };
	return second === undefined ? { ok: true, item: first } : { ok: false, reason: 'ambiguous' };
}

/**
 * Validates the rows of a unit-import file (columns `code,name,kind,channel,role`). The import only adds units and is
 * all-or-nothing: either every row is valid and the units are returned, or every problem of every row is returned,
 * sorted by line.
 *
 * - `code` is trimmed and upper-cased; it must be 1–16 chars of `A–Z 0–9 - _`, unique in the file (later lines are
 *   flagged `duplicate-in-file`) and not already an active unit (`duplicate-existing`).
 * - `name` is required, at most {@link MAX_UNIT_NAME} characters.
 * - `kind` is `department` / `provincial` / `other` (any case); empty means `department`.
 * - `channel` is an id, `<#id>`, or a name (optional leading `#`, any case) matching exactly one text channel, which
 *   the bot must be able to write to. `role` is an id, `<@&id>`, or a name (optional leading `@`) matching exactly one
 *   role.
 */
export function validateUnitRows(rows: InputRow[], ctx: UnitImportContext): Result<UnitRow[], UnitRowProblem[]> {
	const problems: UnitRowProblem[] = [];
	const units: UnitRow[] = [];
	const existing = new Set([...ctx.existingActiveCodes].map(normaliseUnitCode));
	const firstLineOfCode = new Map<string, number>();

	for (const row of rows) {
		const before = problems.length;
		const add = (code: UnitRowProblemCode, column?: string, value?: string): void => {
			problems.push(problem(row.line, code, column, value));
		};

		const typed = cellText(row, 'code');
		// Checked as typed, before upper-casing: `ß` or `ﬁ` must not fold into `SS` or `FI`.
		const code = TYPED_CODE_PATTERN.test(typed) ? normaliseUnitCode(typed) : typed;
		if (code === '') add('required', 'code');
		else if (!CODE_PATTERN.test(code)) add('bad-code', 'code', code);
		else {
			if (firstLineOfCode.has(code)) add('duplicate-in-file', 'code', code);
			else firstLineOfCode.set(code, row.line);
			if (existing.has(code)) add('duplicate-existing', 'code', code);
		}

		const name = cellText(row, 'name');
		if (name === '') add('required', 'name');
		else if (textLength(name) > MAX_UNIT_NAME) add('too-long', 'name', name);

		const kindText = cellText(row, 'kind');
		const kind = kindText === '' ? 'department' : (parseUnitKind(kindText) ?? undefined);
		if (kind === undefined) add('bad-kind', 'kind', kindText);

		const channelText = cellText(row, 'channel');
		let channelId: string | undefined;
		if (channelText === '') add('required', 'channel');
		else {
			const found = findChannel(ctx, channelText);
			if (!found.ok) {
				add(CHANNEL_PROBLEM[found.reason], 'channel', channelText);
			} else if (!found.item.writable) add('channel-not-writable', 'channel', channelText);
			else channelId = found.item.id;
		}

		const roleText = cellText(row, 'role');
		let roleId: string | undefined;
		if (roleText === '') add('required', 'role');
		else {
			const found = findRole(ctx, roleText);
			if (!found.ok) add(found.reason === 'ambiguous' ? 'ambiguous-role' : 'unknown-role', 'role', roleText);
			else roleId = found.item.id;
		}

		// Stryker disable next-line ConditionalExpression,LogicalOperator: all or nothing: rows come back only when no row has a problem, and then every value is set (the check narrows types)
		if (problems.length === before && kind !== undefined && channelId !== undefined && roleId !== undefined) {
			units.push({ line: row.line, code, name, kind, channelId, roleId });
		}
	}
	return problems.length > 0 ? err(sortProblems(problems)) : ok(units);
}
