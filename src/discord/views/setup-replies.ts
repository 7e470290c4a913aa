import type { ServerSettings } from '../../domain/model.ts';
import type { Catalog } from '../../i18n/index.ts';
import { ladderText, workingDaysText } from './calendar-text.ts';

/** /setup: what was saved, and the schedule reminders follow. */
export function setupSavedReply(t: Catalog, settings: ServerSettings): string {
	const saved = t.setup.saved({
		role: `<@&${settings.coordinatorRoleId}>`,
		channel: `<#${settings.reportChannelId}>`,
		language: t.language[settings.language],
		timezone: settings.timezone,
	});
	const schedule = t.setup.schedule({
		hours: settings.officeHours,
		days: workingDaysText(t, settings.workingDays),
		ladder: ladderText(t, settings.reminderLadder),
	});
	const sender = settings.sender ? t.setup.sender({ sender: settings.sender }) : t.setup.noSender;
	return `${saved}\n${schedule}\n${sender}`;
}
