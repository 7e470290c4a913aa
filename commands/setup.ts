import { setupServer } from '../src/app/setup-server.ts';
import { channelInfo, replyError } from '../src/discord/command-helpers.ts';
import { buildCommand } from '../src/discord/command-spec.ts';
import type { CommandModule } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';
import { checkReportChannel } from '../src/app/preflight.ts';
import { problemsText } from '../src/discord/views/access.ts';

/** /setup: coordinator role, report channel, language of public posts, time zone. */
export const setup = {
	data: buildCommand('setup', [
		{ key: 'coordinator_role', type: 'role', required: true },
		{ key: 'report_channel', type: 'channel', required: true, textChannelsOnly: true },
		{ key: 'language', type: 'string', choices: ['vi', 'en'] },
		{ key: 'timezone', type: 'string', maxLength: 64 },
		{ key: 'office_hours', type: 'string', maxLength: 20 },
		{ key: 'working_days', type: 'string', maxLength: 60 },
		{ key: 'reminders', type: 'string', maxLength: 200 },
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
		});
		if (!result.ok) return replyError(ctx, result.error);
		const problems = await checkReportChannel(ctx.deps, ctx.guildId, channel.id, role.id);
		const warning =
			problems && problems.length > 0
				? `\n${ctx.t.access.reportWarning({ channel: `<#${channel.id}>`, problems: problemsText(ctx.t, problems, role.id) })}`
				: '';
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
					days: result.value.workingDays,
					ladder: result.value.reminderLadder,
				}) +
				warning,
		);
	},
} satisfies CommandModule;
