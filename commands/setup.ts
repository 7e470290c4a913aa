import { checkReportChannel } from '../src/app/preflight.ts';
import { setupServer } from '../src/app/setup-server.ts';
import { command, subcommand, who } from '../src/discord/modules.ts';
import { withReportChannelWarning } from '../src/discord/views/access.ts';
import { setupSavedReply } from '../src/discord/views/setup-replies.ts';

/** /setup: coordinator role, report channel, language of public posts, time zone, calendar, ladder, sender. */
export const setup = command(
	'setup',
	subcommand(
		{
			coordinator_role: { type: 'role', required: true },
			report_channel: { type: 'channel', required: true, textChannelsOnly: true },
			language: { type: 'string', choices: ['vi', 'en'] },
			timezone: { type: 'string', maxLength: 64 },
			office_hours: { type: 'string', maxLength: 20 },
			working_days: { type: 'string', maxLength: 60 },
			reminders: { type: 'string', maxLength: 200 },
			sender: { type: 'string', maxLength: 100 },
		},
		async (ctx, o) => {
			const result = await setupServer(ctx.deps, {
				...who(ctx),
				coordinatorRoleId: o.coordinator_role.id,
				// @everyone (its id is the server's) would make every member a coordinator.
				coordinatorRoleAssignable:
					o.coordinator_role.id !== ctx.guildId && !('managed' in o.coordinator_role && o.coordinator_role.managed),
				reportChannel: o.report_channel,
				language: o.language ?? 'vi',
				timezone: o.timezone ?? 'Asia/Ho_Chi_Minh',
				officeHours: o.office_hours,
				workingDays: o.working_days,
				reminders: o.reminders,
				sender: o.sender,
			});
			if (!result.ok) return ctx.fail(result.error);
			const { reportChannelId, coordinatorRoleId } = result.value;
			const problems = await checkReportChannel(ctx.deps, ctx.guildId, reportChannelId, coordinatorRoleId);
			await ctx.reply(withReportChannelWarning(ctx.t, setupSavedReply(ctx.t, result.value), result.value, problems));
		},
	),
);
