import { formatLocalDateTime } from '../../domain/time/parse-datetime.ts';
import type { AppError } from '../../app/errors.ts';
import type { Catalog } from '../../i18n/index.ts';
import { problemList } from './import-problems.ts';
import { clip, formatBytes, type Reply } from './text.ts';

// Kept here for the notifier, which imports them from this file.
export { clip, MESSAGE_LIMIT } from './text.ts';

/**
 * The one place where every expected failure (a use case's, a file's, an interaction's) becomes what the person
 * reads: rejected import rows as their list (with a file when long), everything else as one localized message.
 */
export function errorReply(t: Catalog, error: AppError): Reply {
	if (error.code === 'import-rejected') return problemList(t, error.problems);
	return { content: errorMessage(t, error), files: [] };
}

/** The one localized message of each expected failure. */
export function errorMessage(t: Catalog, error: AppError): string {
	switch (error.code) {
		case 'not-set-up':
			return t.errors.notSetUp;
		case 'not-coordinator':
			return t.errors.notCoordinator;
		case 'bad-timezone':
			return t.setup.badTimezone({ value: error.value });
		case 'unit-bad-code':
			return t.unit.badCode({ value: clip(error.value, 40) });
		case 'unit-bad-name':
			return t.unit.nameTooLong;
		case 'unit-duplicate':
			return t.unit.duplicate({ code: error.unit });
		case 'unit-duplicate-archived':
			return t.unit.duplicateArchived({ code: error.unit });
		case 'unit-unknown':
			return t.unit.unknown({ code: clip(error.unit, 40) });
		case 'unit-nothing-to-edit':
			return t.unit.nothingToEdit;
		case 'channel-not-writable':
			return t.unit.channelNotWritable({ channel: `<#${error.channelId}>` });
		case 'report-channel-not-writable':
			return t.setup.reportChannelNotWritable({ channel: `<#${error.channelId}>` });
		case 'role-not-assignable':
			return t.unit.roleNotAssignable({ role: `<@&${error.roleId}>` });
		case 'channel-not-text':
			return t.unit.notTextChannel({ channel: `<#${error.channelId}>` });
		case 'import-rejected':
			return t.importFile.rejected({ count: error.problems.length });
		case 'too-long':
			return t.errors.tooLong({ field: t.errors.fields[error.field], max: error.max });
		case 'required':
			return t.errors.required({ field: t.errors.fields[error.field] });
		case 'deadline-unparsable':
			return t.round.deadlineUnparsable({ value: error.value });
		case 'deadline-past':
			return t.round.deadlinePast({ value: formatLocalDateTime(error.at, error.zone, t.lang) });
		case 'units-unknown':
			return t.round.unknownUnits({ codes: clip(error.codes.join(', '), 500) });
		case 'no-units':
			return t.round.noUnits;
		case 'round-unknown':
			return t.round.unknown({ id: error.round });
		case 'round-not-targeted':
			return t.round.notTargeted({ round: error.round, unit: error.unit });
		case 'round-published':
			return t.round.draftAfterPublish({ round: error.round });
		case 'round-closed':
			return t.feedback.roundClosed({ round: error.round });
		case 'round-not-open':
			return t.feedback.roundNotOpen({ round: error.round });
		case 'late-refused':
			return t.feedback.lateRefused({ round: error.round });
		case 'draft-needs-content':
			return t.round.draftNeedsContent;
		case 'not-member':
			return t.feedback.notMember;
		case 'not-member-of-unit':
			return t.feedback.notMemberOfUnit({ unit: error.unit });
		case 'choose-unit':
			return t.feedback.chooseUnit({ units: error.units.join(', ') });
		case 'text-required':
			return t.feedback.textRequired;
		case 'from-draft':
			return t.items.fromDraft({ round: error.round });
		case 'item-codes-unknown':
			return t.items.codesUnknown({ unit: error.unit, codes: clip(error.codes.join(', '), 500) });
		case 'comment-unknown':
			return t.commentOutcome.unknown({ comment: clip(error.comment, 40) });
		case 'comment-superseded':
			return t.commentOutcome.superseded({ unit: error.unit, round: error.round });
		case 'source-required':
			return t.recordAnswer.sourceRequired;
		case 'deadline-not-later':
			return t.reminders.deadlineNotLater({ value: formatLocalDateTime(error.at, error.zone, t.lang) });
		case 'bad-ladder':
			return t.reminders.badLadder({
				token: error.token === null ? '' : t.reminders.badLadderToken({ token: clip(error.token, 30) }),
				example: '-2wd,-0wd,+1wd',
			});
		case 'bad-office-hours':
			return t.reminders.badOfficeHours({ value: clip(error.value, 40) });
		case 'bad-working-days':
			return t.reminders.badWorkingDays({ value: clip(error.value, 40) });
		case 'bad-date':
			return t.calendar.badDate({ value: clip(error.value, 40) });
		case 'holiday-name':
			return t.calendar.nameRequired;
		case 'holiday-unknown':
			return t.calendar.notFound({ date: error.date });
		case 'bad-year':
			return t.calendar.badYear;
		case 'file-too-large':
			return fileTooLarge(t, error.purpose, formatBytes(error.maxBytes));
		case 'download-failed':
			return t.importFile.downloadFailed;
		case 'table-unsupported':
			return t.importFile.unsupported;
		case 'table-too-many-rows':
			return t.importFile.tooManyRows({ max: error.maxRows });
		case 'table-unreadable':
			return t.importFile.unreadable;
		case 'table-empty':
			return t.importFile.empty;
		case 'table-missing-columns':
			return t.importFile.missingColumns({ columns: error.columns.join(', ') });
		case 'unavailable':
			return t.errors.unavailable;
		case 'guild-only':
			return t.errors.guildOnly;
	}
}

function fileTooLarge(t: Catalog, purpose: 'draft' | 'answer' | 'import', max: string): string {
	if (purpose === 'draft') return t.round.fileTooLarge({ max });
	if (purpose === 'answer') return t.feedback.fileTooLarge({ max });
	return t.importFile.tooLarge({ max });
}
