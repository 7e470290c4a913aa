import { announceAnswer, recordAnswer, showAnswer } from '../src/app/answer-round.ts';
import { formatLocalDateTime } from '../src/domain/time/parse-datetime.ts';
import type { FileBlob } from '../src/app/ports.ts';
import {
	autocompleteRounds,
	autocompleteUnits,
	downloadAttachment,
	formatBytes,
	replyError,
} from '../src/discord/command-helpers.ts';
import { buildCommandWithSubcommands } from '../src/discord/command-spec.ts';
import type { AutocompleteContext, CommandContext, CommandModule } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';
import { clip } from '../src/discord/views/errors.ts';
import { splitForMessage } from '../src/discord/views/long-text.ts';
import { itemsNote } from '../src/discord/views/plan-post.ts';
import { record } from './feedback-record.ts';

/** A file sent with a comment is kept with it (Discord's attachment links expire); 8 MB at most. */
export const MAX_ANSWER_FILE_BYTES = 8 * 1024 * 1024;

async function answer(ctx: CommandContext, kind: 'agree' | 'comment') {
	const o = ctx.interaction.options;
	const attachment = kind === 'comment' ? o.getAttachment('file') : null;
	let file: FileBlob | undefined;
	if (attachment) {
		const downloaded = await downloadAttachment(attachment, MAX_ANSWER_FILE_BYTES);
		if (!downloaded.ok) {
			return replyPrivately(
				ctx.interaction,
				downloaded.reason === 'too-large'
					? ctx.t.feedback.fileTooLarge({ max: formatBytes(MAX_ANSWER_FILE_BYTES) })
					: ctx.t.importFile.downloadFailed,
			);
		}
		file = downloaded.file;
	}
	const result = await recordAnswer(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: { ref: o.getString('round', true) },
		unit: o.getString('unit') ? { code: o.getString('unit', true) } : null,
		answer: kind,
		text: (kind === 'comment' ? o.getString('text') : o.getString('note')) ?? undefined,
		file,
		interactionId: ctx.interaction.id,
		items: kind === 'comment' ? (o.getString('items') ?? undefined) : undefined,
	});
	if (!result.ok) return replyError(ctx, result.error);
	const { round, unit, answer: recorded } = result.value;
	const late = recorded.late ? ctx.t.feedback.lateNote : '';
	await replyPrivately(
		ctx.interaction,
		kind === 'agree'
			? ctx.t.feedback.agreed({ unit: unit.code, round: round.code, late })
			: ctx.t.feedback.commented({ unit: unit.code, round: round.code, late }) + itemsNote(ctx.t, o.getString('items')),
	);
	// The confirmation does not wait for the draft post's edit (Discord allows 5 edits per 5 s in a channel).
	await announceAnswer(ctx.deps, result.value);
}

async function show(ctx: CommandContext) {
	const o = ctx.interaction.options;
	const result = await showAnswer(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: o.getString('round', true),
		unit: o.getString('unit') ?? undefined,
	});
	if (!result.ok) return replyError(ctx, result.error);
	const { round, unit, history } = result.value;
	const t = ctx.t;
	const title = t.feedback.showTitle({ unit: `${unit.code} – ${unit.name}`, round: `${round.code} – ${round.title}` });
	if (history.length === 0) return replyPrivately(ctx.interaction, `${title}\n${t.feedback.noAnswer}`);
	const line = (a: (typeof history)[number], n: number) => {
		const base = t.feedback.historyLine({
			n,
			answer: t.feedback.answers[a.answer] ?? a.answer,
			user: a.source ? t.post.onBehalf({ source: a.source }) : (a.userName ?? '?'),
			at: formatLocalDateTime(a.createdAt, round.timezone, ctx.lang),
			late: a.late ? t.post.lateTag : '',
		});
		const withFile = a.fileName ? `${base} 📎 ${a.fileName}` : base;
		return a.text ? `${withFile}\n   > ${clip(a.text.replace(/\s+/g, ' '), 300)}` : withFile;
	};
	const current = history[history.length - 1];
	const lines = [
		current ? t.feedback.current({ state: t.feedback.answers[current.answer] ?? current.answer }) : '',
		t.feedback.historyTitle,
		...history.map((a, i) => line(a, i + 1)),
	];
	const full = [title, ...history.map((a, i) => `${line(a, i + 1)}\n\n${a.text ?? ''}\n`)].join('\n');
	const needsFile = [title, ...lines].join('\n').length > 2000 || history.some((a) => (a.text?.length ?? 0) > 300);
	const { content, files } = splitForMessage(
		t,
		title,
		lines,
		`${round.code}-${unit.code}.md`,
		needsFile ? full : undefined,
	);
	// The file sent with the current answer comes along, as the unit sent it.
	const sent = current ? await ctx.deps.answers.file(current.id) : null;
	if (sent) files.push({ attachment: sent.data, name: sent.name });
	await replyPrivately(ctx.interaction, content, files);
}

async function autocomplete(ctx: AutocompleteContext) {
	const focused = ctx.interaction.options.getFocused(true);
	// Recording on a unit's behalf is a coordinator's task: any unit, any round.
	if (ctx.interaction.options.getSubcommand(false) === 'record') {
		return focused.name === 'unit' ? autocompleteUnits(ctx) : autocompleteRounds(ctx, 'coordinator');
	}
	if (focused.name === 'unit') {
		// Only the member's own units.
		const typed = focused.value.trim().toLowerCase();
		const units = (await ctx.deps.units.list(ctx.guildId)).filter((u) => ctx.actor.roleIds.includes(u.roleId));
		await ctx.interaction.respond(
			units
				.filter((u) => !typed || u.code.toLowerCase().includes(typed))
				.slice(0, 25)
				.map((u) => ({ name: clip(`${u.code} – ${u.name}`, 100), value: u.code })),
		);
		return;
	}
	await autocompleteRounds(ctx, 'member');
}

const handlers: Record<string, (ctx: CommandContext) => Promise<void>> = {
	agree: (ctx) => answer(ctx, 'agree'),
	comment: (ctx) => answer(ctx, 'comment'),
	show,
	record,
};

/** /feedback agree|comment|show — members answering for their unit. */
export const feedback = {
	data: buildCommandWithSubcommands('feedback', {
		agree: [
			{ key: 'round', type: 'string', required: true, autocomplete: true },
			{ key: 'unit', type: 'string', autocomplete: true },
			{ key: 'note', type: 'string', maxLength: 1000 },
		],
		comment: [
			{ key: 'round', type: 'string', required: true, autocomplete: true },
			{ key: 'text', type: 'string', required: true, maxLength: 4000 },
			{ key: 'unit', type: 'string', autocomplete: true },
			{ key: 'file', type: 'attachment' },
			{ key: 'items', type: 'string', maxLength: 500 },
		],
		show: [
			{ key: 'round', type: 'string', required: true, autocomplete: true },
			{ key: 'unit', type: 'string', autocomplete: true },
		],
		record: [
			{ key: 'round', type: 'string', required: true, autocomplete: true },
			{ key: 'unit', type: 'string', required: true, autocomplete: true },
			{ key: 'answer', type: 'string', required: true, choices: ['agree', 'comment'] },
			{ key: 'source', type: 'string', required: true, maxLength: 200 },
			{ key: 'text', type: 'string', maxLength: 4000 },
		],
	}),
	async execute(ctx) {
		const handler = handlers[ctx.interaction.options.getSubcommand()];
		if (!handler) return replyPrivately(ctx.interaction, ctx.t.errors.unavailable);
		await handler(ctx);
	},
	autocomplete,
} satisfies CommandModule;
