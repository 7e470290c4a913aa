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
}

/**
 * /setup: only Manage Server may run it the first time; afterwards coordinators may change it too.
 */
export async function setupServer(deps: Deps, input: SetupInput): Promise<AppResult<ServerSettings>> {
	const current = await deps.store.getSettings(input.guildId);
	if (!isCoordinator(input.actor, current)) return fail({ code: 'not-coordinator' });
	const timezone = input.timezone.trim();
	if (!isValidTimeZone(timezone)) return fail({ code: 'bad-timezone', value: timezone });
	if (!input.reportChannel.text) return fail({ code: 'channel-not-text', channelId: input.reportChannel.id });
	if (!input.reportChannel.writable) return fail({ code: 'channel-not-writable', channelId: input.reportChannel.id });
	const settings: ServerSettings = {
		guildId: input.guildId,
		coordinatorRoleId: input.coordinatorRoleId,
		reportChannelId: input.reportChannel.id,
		language: input.language,
		timezone,
		officeHours: current?.officeHours ?? '08:00-17:00',
		workingDays: current?.workingDays ?? 'mon-fri',
		reminderLadder: current?.reminderLadder ?? '-2wd,-0wd,+1wd',
	};
	await deps.store.saveSettings(settings, {
		guildId: input.guildId,
		actorId: input.actor.userId,
		actorName: input.actor.userName,
		action: 'settings.save',
	});
	return { ok: true, value: settings };
}
