import type { RowProblem } from '../domain/import/rows.ts';

/**
 * Every expected failure of a use case. The Discord adapter maps each one to one localized, ephemeral message
 * (src/discord/views/errors.ts); nothing here is user text.
 */
export type AppError =
	| { code: 'not-set-up' }
	| { code: 'not-coordinator' }
	| { code: 'bad-timezone'; value: string }
	| { code: 'unit-bad-code'; value: string }
	| { code: 'unit-bad-name' }
	| { code: 'unit-duplicate'; unit: string }
	| { code: 'unit-duplicate-archived'; unit: string }
	| { code: 'unit-unknown'; unit: string }
	| { code: 'unit-nothing-to-edit' }
	| { code: 'channel-not-writable'; channelId: string }
	| { code: 'channel-not-text'; channelId: string }
	| { code: 'role-not-assignable'; roleId: string }
	| { code: 'report-channel-not-writable'; channelId: string }
	| { code: 'import-rejected'; problems: RowProblem[] }
	| { code: 'too-long'; field: TextField; max: number }
	| { code: 'required'; field: TextField }
	| { code: 'deadline-unparsable'; value: string }
	| { code: 'deadline-past'; at: Date; zone: string }
	| { code: 'units-unknown'; codes: string[] }
	| { code: 'no-units' }
	| { code: 'round-unknown'; round: string }
	| { code: 'round-not-targeted'; round: string; unit: string }
	| { code: 'round-published'; round: string }
	| { code: 'round-closed'; round: string }
	| { code: 'round-not-open'; round: string }
	| { code: 'late-refused'; round: string }
	| { code: 'draft-needs-content' }
	| { code: 'not-member' }
	| { code: 'not-member-of-unit'; unit: string }
	| { code: 'choose-unit'; units: string[] }
	| { code: 'text-required' }
	| { code: 'from-draft'; round: string }
	| { code: 'item-codes-unknown'; unit: string; codes: string[] }
	| { code: 'comment-unknown'; comment: string }
	| { code: 'comment-superseded'; unit: string; round: string }
	| { code: 'source-required' }
	| { code: 'deadline-not-later'; at: Date; zone: string }
	| { code: 'bad-ladder'; token: string | null }
	| { code: 'bad-office-hours'; value: string }
	| { code: 'bad-working-days'; value: string }
	| { code: 'bad-date'; value: string }
	| { code: 'holiday-name' }
	| { code: 'holiday-unknown'; date: string }
	| { code: 'bad-year' }
	// Files a person uploads (drafts, answer files, imports), checked before any use case sees them.
	| { code: 'file-too-large'; maxBytes: number; purpose: 'draft' | 'answer' | 'import' }
	| { code: 'download-failed' }
	| { code: 'table-unsupported' }
	| { code: 'table-too-many-rows'; maxRows: number }
	| { code: 'table-unreadable' }
	| { code: 'table-empty' }
	| { code: 'table-missing-columns'; columns: string[] }
	// An interaction the bot cannot serve: unknown command, stale button, options that do not match the command.
	| { code: 'unavailable' }
	| { code: 'guild-only' };

/** The free-text inputs a use case checks for length or presence; the catalogs name each one. */
export type TextField = 'title' | 'text' | 'note' | 'campaign' | 'source' | 'items' | 'sender';

export type AppResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Shorthand for a failed AppResult. */
export function fail(error: AppError): { ok: false; error: AppError } {
	return { ok: false, error };
}
