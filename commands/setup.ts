import { setupServer } from '../src/app/setup-server.ts';
import { channelInfo, replyError } from '../src/discord/command-helpers.ts';
import { buildCommand } from '../src/discord/command-spec.ts';
import type { CommandModule } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';
import { ladderText, workingDaysText } from '../src/discord/views/calendar-text.ts';

/** /setup: coordinator role, report channel, language of public posts, time zone, calendar, ladder, sender. */
export const setup = {
	data: buildCommand('setup', [
		{ key: 'coordinator_role', type: 'role', required: true },
		{ key: 'report_channel', type: 'channel', required: true, textChannelsOnly: true },
		{ key: 'language', type: 'string', choices: ['vi', 'en'] },
		{ key: 'timezone', type: 'string', maxLength: 64 },
		{ key: 'office_hours', type: 'string', maxLength: 20 },
		{ key: 'working_days', type: 'string', maxLength: 60 },
		{ key: 'reminders', type: 'string', maxLength: 200 },
		{ key: 'sender', type: 'string', maxLength: 100 },
	]),
	async execute(ctx) {
		const options = ctx.interaction.options;
		const role = options.getRole('coordinator_role', true);
		const channel = options.getChannel('report_channel', true);
		const language = options.getString('language') === 'en' ? 'en' : 'vi';
		const result = await setupServer(ctx.deps, {
			guildId: ctx.guildId,
			actor: ctx.actor,
			coordinatorRoleId: role.id,
			reportChannel: channelInfo(ctx.interaction.guild, channel),
			language,
			timezone: options.getString('timezone') ?? 'Asia/Ho_Chi_Minh',
			officeHours: options.getString('office_hours') ?? undefined,
			workingDays: options.getString('working_days') ?? undefined,
			reminders: options.getString('reminders') ?? undefined,
			sender: options.getString('sender') ?? undefined,
		});
		if (!result.ok) return replyError(ctx, result.error);
		await replyPrivately(
			ctx.interaction,
			ctx.t.setup.saved({
				role: `<@&${role.id}>`,
				channel: `<#${channel.id}>`,
				language: ctx.t.language[language],
				timezone: result.value.timezone,
			}) +
				'\n' +
				ctx.t.setup.schedule({
					hours: result.value.officeHours,
					days: workingDaysText(ctx.t, result.value.workingDays),
					ladder: ladderText(ctx.t, result.value.reminderLadder),
				}) +
				'\n' +
				(result.value.sender ? ctx.t.setup.sender({ sender: result.value.sender }) : ctx.t.setup.noSender),
		);
	},
} satisfies CommandModule;
