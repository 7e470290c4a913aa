import { formatOfficeHours, formatWorkingDays, parseOfficeHours, parseWorkingDays } from '../domain/time/calendar.ts';
import { formatLadder, LADDER_SYNTAX_EXAMPLE, parseLadder } from '../domain/time/ladder.ts';
import { isValidTimeZone } from '../domain/time/parse-datetime.ts';
import type { Actor, ServerSettings } from '../domain/model.ts';
import { isCoordinator } from './access.ts';
import type { Deps } from './deps.ts';
import { fail, type AppResult } from './errors.ts';

export interface SetupInput {
	guildId: string;
	actor: Actor;
	coordinatorRoleId: string;
	reportChannel: { id: string; writable: boolean; text: boolean };
	language: 'vi' | 'en';
	timezone: string;
	officeHours?: string | undefined;
	workingDays?: string | undefined;
	reminders?: string | undefined;
	/** Who asks for the units' feedback (e.g. "Vụ Tổ chức cán bộ"); absent keeps the current one, '' clears it. */
	sender?: string | undefined;
}

/** The longest sender name a post may carry. */
export const MAX_SENDER = 100;

/**
 * /setup: only Manage Server may run it the first time; afterwards coordinators may change it too.
 */
export async function setupServer(deps: Deps, input: SetupInput): Promise<AppResult<ServerSettings>> {
	const current = await deps.settings.get(input.guildId);
	if (!isCoordinator(input.actor, current)) return fail({ code: 'not-coordinator' });
	const timezone = input.timezone.trim();
	if (!isValidTimeZone(timezone)) return fail({ code: 'bad-timezone', value: timezone });
	if (!input.reportChannel.text) return fail({ code: 'channel-not-text', channelId: input.reportChannel.id });
	if (!input.reportChannel.writable)
		return fail({ code: 'report-channel-not-writable', channelId: input.reportChannel.id });
	const officeHours = input.officeHours?.trim() || current?.officeHours || '08:00-17:00';
	const hours = parseOfficeHours(officeHours);
	if (!hours.ok) return fail({ code: 'bad-office-hours', value: officeHours });
	const workingDays = input.workingDays?.trim() || current?.workingDays || 'mon-fri';
	const days = parseWorkingDays(workingDays);
	if (!days.ok) return fail({ code: 'bad-working-days', value: workingDays });
	let reminderLadder = current?.reminderLadder ?? LADDER_SYNTAX_EXAMPLE;
	if (input.reminders !== undefined && input.reminders.trim() !== '') {
		const ladder = parseLadder(input.reminders);
		if (!ladder.ok) return fail({ code: 'bad-ladder', token: ladder.error.token ?? null });
		reminderLadder = formatLadder(ladder.value);
	}
	const sender = input.sender === undefined ? (current?.sender ?? '') : input.sender.trim().replace(/\s+/g, ' ');
	if ([...sender].length > MAX_SENDER) return fail({ code: 'too-long', field: 'sender', max: MAX_SENDER });
	const settings: ServerSettings = {
		guildId: input.guildId,
		coordinatorRoleId: input.coordinatorRoleId,
		reportChannelId: input.reportChannel.id,
		language: input.language,
		timezone,
		officeHours: formatOfficeHours(hours.value),
		workingDays: formatWorkingDays(days.value),
		reminderLadder,
		sender,
	};
	await deps.settings.save(settings, {
		guildId: input.guildId,
		actorId: input.actor.userId,
		actorName: input.actor.userName,
		action: 'settings.save',
	});
	return { ok: true, value: settings };
}
