import type { Attachment } from 'discord.js';
import { createRound, listRounds, publishRound, roundStatus, setUnitDraft } from '../src/app/manage-rounds.ts';
import type { FileBlob } from '../src/app/ports.ts';
import { startingPoint } from '../src/app/reports.ts';
import { closeRound, extendRound, remindNow } from '../src/app/round-deadlines.ts';
import { formatLocalDateTime } from '../src/domain/time/parse-datetime.ts';
import {
	autocompleteRounds,
	autocompleteUnits,
	downloadAttachment,
	ensureCoordinator,
	formatBytes,
	replyError,
} from '../src/discord/command-helpers.ts';
import { buildCommandWithSubcommands } from '../src/discord/command-spec.ts';
import type { CommandContext, CommandModule } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';
import { splitForMessage } from '../src/discord/views/long-text.ts';
import { publishAccessLines } from '../src/discord/views/access.ts';
import { renderStatus } from '../src/discord/views/status.ts';
import { baseline, items, report } from './round-plan.ts';

/** Drafts are stored in the database until publication; Discord's own upload limit for bots is 10 MB. */
export const MAX_DRAFT_BYTES = 8 * 1024 * 1024;

async function draftFile(
	ctx: CommandContext,
	attachment: Attachment | null,
): Promise<FileBlob | undefined | 'replied'> {
	if (!attachment) return undefined;
	if (!(await ensureCoordinator(ctx))) return 'replied';
	const downloaded = await downloadAttachment(attachment, MAX_DRAFT_BYTES);
	if (downloaded.ok) return downloaded.file;
	await replyPrivately(
		ctx.interaction,
		downloaded.reason === 'too-large'
			? ctx.t.round.fileTooLarge({ max: formatBytes(MAX_DRAFT_BYTES) })
			: ctx.t.importFile.downloadFailed,
	);
	return 'replied';
}

async function create(ctx: CommandContext) {
	const o = ctx.interaction.options;
	const file = await draftFile(ctx, o.getAttachment('draft'));
	if (file === 'replied') return;
	const result = await createRound(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		title: o.getString('title', true),
		deadline: o.getString('deadline', true),
		units: o.getString('units') ?? undefined,
		campaign: o.getString('campaign') ?? undefined,
		text: o.getString('text') ?? undefined,
		file,
		reminders: o.getString('reminders') ?? undefined,
		silence: o.getString('silence') === 'consent' ? 'consent' : undefined,
		late: o.getString('late') === 'refuse' ? 'refuse' : undefined,
		from: o.getString('from') ?? undefined,
	});
	if (!result.ok) return replyError(ctx, result.error);
	const { round, units } = result.value;
	const start = result.value.from ? await startingPoint(ctx.deps, round) : null;
	await replyPrivately(
		ctx.interaction,
		ctx.t.round.created({
			id: round.code,
			title: round.title,
			deadline: formatLocalDateTime(round.deadline, round.timezone, ctx.lang),
			count: units.length,
		}) +
			'\n' +
			ctx.t.reminders.createdPolicy({
				ladder: round.reminderLadder,
				silence: ctx.t.reminders.policies[round.silencePolicy] ?? round.silencePolicy,
				late: ctx.t.reminders.latePolicies[round.latePolicy] ?? round.latePolicy,
			}) +
			(start && result.value.from ? `\n${ctx.t.items.copiedFrom({ from: result.value.from.code, ...start })}` : ''),
	);
}

async function draft(ctx: CommandContext) {
	const o = ctx.interaction.options;
	const file = await draftFile(ctx, o.getAttachment('file'));
	if (file === 'replied') return;
	const result = await setUnitDraft(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: o.getString('round', true),
		unit: o.getString('unit', true),
		text: o.getString('text') ?? undefined,
		file,
	});
	if (!result.ok) return replyError(ctx, result.error);
	await replyPrivately(
		ctx.interaction,
		ctx.t.round.draftSaved({ unit: result.value.unit.code, round: result.value.round.code, files: result.value.files }),
	);
}

async function publish(ctx: CommandContext) {
	const result = await publishRound(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: ctx.interaction.options.getString('round', true),
	});
	if (!result.ok) return replyError(ctx, result.error);
	const { round, sent, already, failed, inProgress, blocked } = result.value;
	const title = ctx.t.round.published({
		round: round.code,
		sent: sent.length,
		already: already.length,
		failed: failed.length + blocked.length,
		total: sent.length + already.length + failed.length + inProgress.length + blocked.length,
	});
	const lines = [
		...failed.map((f) =>
			ctx.t.round.failedDelivery({
				unit: f.unit.code,
				channel: `<#${f.unit.channelId}>`,
				reason: ctx.t.round.deliveryReasons[f.reason] ?? ctx.t.round.deliveryReasons['other'] ?? f.reason,
			}),
		),
		...(inProgress.length > 0
			? [ctx.t.round.inProgress({ count: inProgress.length, units: inProgress.map((u) => u.code).join(', ') })]
			: []),
		...publishAccessLines(ctx.t, result.value),
	];
	const { content, files } = splitForMessage(ctx.t, title, lines, `publish-${round.code}.md`);
	await replyPrivately(ctx.interaction, content, files);
}

async function status(ctx: CommandContext) {
	const o = ctx.interaction.options;
	const result = await roundStatus(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: o.getString('round', true),
	});
	if (!result.ok) return replyError(ctx, result.error);
	const now = ctx.deps.clock.now();
	const mine = renderStatus(result.value, ctx.lang, now);
	if (o.getBoolean('post')) {
		// The public copy speaks the server's language, whoever asked.
		const pub = renderStatus(result.value, result.value.language, now);
		const posted = await ctx.deps.notifier.postText(result.value.reportChannelId, pub.content, {
			files: pub.files.map((f) => ({
				name: f.name ?? 'status.md',
				contentType: 'text/markdown',
				data: f.attachment as Buffer,
			})),
		});
		if (posted.ok) {
			mine.content =
				`${mine.content}\n\n${ctx.t.status.posted({ channel: `<#${result.value.reportChannelId}>` })}`.slice(0, 2000);
		} else {
			mine.content =
				`${mine.content}\n\n${ctx.t.setup.reportChannelNotWritable({ channel: `<#${result.value.reportChannelId}>` })}`.slice(
					0,
					2000,
				);
		}
	}
	await replyPrivately(ctx.interaction, mine.content, mine.files);
}

async function list(ctx: CommandContext) {
	const result = await listRounds(ctx.deps, { guildId: ctx.guildId, actor: ctx.actor });
	if (!result.ok) return replyError(ctx, result.error);
	if (result.value.length === 0) return replyPrivately(ctx.interaction, ctx.t.round.listEmpty);
	const lines = result.value.map(({ round, tally }) =>
		ctx.t.round.listLine({
			id: round.code,
			title: round.title,
			state: ctx.t.round.states[round.state] ?? round.state,
			answered: tally.answered,
			total: tally.total,
			deadline: formatLocalDateTime(round.deadline, round.timezone, ctx.lang),
		}),
	);
	const { content, files } = splitForMessage(ctx.t, ctx.t.round.listTitle, lines, 'rounds.md');
	await replyPrivately(ctx.interaction, content, files);
}

async function extend(ctx: CommandContext) {
	const o = ctx.interaction.options;
	const result = await extendRound(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: o.getString('round', true),
		deadline: o.getString('deadline', true),
	});
	if (!result.ok) return replyError(ctx, result.error);
	const { round, told } = result.value;
	await replyPrivately(
		ctx.interaction,
		ctx.t.reminders.extendedReply({
			round: round.code,
			deadline: formatLocalDateTime(round.deadline, round.timezone, ctx.lang),
			told: told.length,
		}),
	);
}

async function close(ctx: CommandContext) {
	const result = await closeRound(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: ctx.interaction.options.getString('round', true),
	});
	if (!result.ok) return replyError(ctx, result.error);
	await replyPrivately(
		ctx.interaction,
		ctx.t.reminders.closedReply({ round: result.value.round.code, silent: result.value.silent.length }),
	);
}

async function remind(ctx: CommandContext) {
	const result = await remindNow(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: ctx.interaction.options.getString('round', true),
	});
	if (!result.ok) return replyError(ctx, result.error);
	const { round, reminded, tooSoon, failed } = result.value;
	if (reminded.length === 0 && tooSoon.length === 0 && failed.length === 0) {
		return replyPrivately(ctx.interaction, ctx.t.reminders.remindNobody({ round: round.code }));
	}
	const lines = [];
	if (reminded.length > 0)
		lines.push(ctx.t.reminders.remindedReply({ round: round.code, units: reminded.map((u) => u.code).join(', ') }));
	if (tooSoon.length > 0) lines.push(ctx.t.reminders.remindSkipped({ units: tooSoon.map((u) => u.code).join(', ') }));
	for (const { unit, reason } of failed) {
		lines.push(
			ctx.t.round.failedDelivery({
				unit: unit.code,
				channel: `<#${unit.channelId}>`,
				reason: ctx.t.round.deliveryReasons[reason] ?? ctx.t.round.deliveryReasons['other'] ?? reason,
			}),
		);
	}
	await replyPrivately(ctx.interaction, lines.join('\n'));
}

const handlers: Record<string, (ctx: CommandContext) => Promise<void>> = {
	create,
	draft,
	publish,
	status,
	list,
	extend,
	close,
	remind,
	items,
	baseline,
	report,
};

/** /round create|draft|publish|status|list */
export const round = {
	data: buildCommandWithSubcommands('round', {
		create: [
			{ key: 'title', type: 'string', required: true, maxLength: 200 },
			{ key: 'deadline', type: 'string', required: true, maxLength: 40 },
			{ key: 'units', type: 'string', maxLength: 1000 },
			{ key: 'campaign', type: 'string', maxLength: 100 },
			{ key: 'draft', type: 'attachment' },
			{ key: 'text', type: 'string', maxLength: 4000 },
			{ key: 'reminders', type: 'string', maxLength: 200 },
			{ key: 'silence', type: 'string', choices: ['none', 'consent'] },
			{ key: 'late', type: 'string', choices: ['accept', 'refuse'] },
			{ key: 'from', type: 'string', autocomplete: true, maxLength: 20 },
		],
		draft: [
			{ key: 'round', type: 'string', required: true, autocomplete: true },
			{ key: 'unit', type: 'string', required: true, autocomplete: true },
			{ key: 'file', type: 'attachment' },
			{ key: 'text', type: 'string', maxLength: 4000 },
		],
		publish: [{ key: 'round', type: 'string', required: true, autocomplete: true }],
		status: [
			{ key: 'round', type: 'string', required: true, autocomplete: true },
			{ key: 'post', type: 'boolean' },
		],
		list: [],
		extend: [
			{ key: 'round', type: 'string', required: true, autocomplete: true },
			{ key: 'deadline', type: 'string', required: true, maxLength: 40 },
		],
		close: [{ key: 'round', type: 'string', required: true, autocomplete: true }],
		remind: [{ key: 'round', type: 'string', required: true, autocomplete: true }],
		items: [
			{ key: 'round', type: 'string', required: true, autocomplete: true },
			{ key: 'file', type: 'attachment', required: true },
		],
		baseline: [
			{ key: 'round', type: 'string', required: true, autocomplete: true },
			{ key: 'file', type: 'attachment', required: true },
		],
		report: [
			{ key: 'round', type: 'string', required: true, autocomplete: true },
			{ key: 'format', type: 'string', choices: ['xlsx', 'csv'] },
			{ key: 'post', type: 'boolean' },
		],
	}),
	async execute(ctx) {
		const handler = handlers[ctx.interaction.options.getSubcommand()];
		if (!handler) return replyPrivately(ctx.interaction, ctx.t.errors.unavailable);
		await handler(ctx);
	},
	async autocomplete(ctx) {
		const focused = ctx.interaction.options.getFocused(true);
		if (focused.name === 'unit') return autocompleteUnits(ctx);
		return autocompleteRounds(ctx, 'coordinator');
	},
} satisfies CommandModule;
