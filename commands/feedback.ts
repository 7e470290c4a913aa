import { showAnswer } from '../src/app/answer-round.ts';
import { answerFile } from '../src/app/queries.ts';
import { autocompleteRounds, autocompleteUnits } from '../src/discord/autocomplete.ts';
import type { Context } from '../src/discord/context.ts';
import { commandWithSubcommands, ROUND_OPTION, subcommand, who, type Focus } from '../src/discord/modules.ts';
import { downloadAttachment } from '../src/discord/uploads.ts';
import { historyReply } from '../src/discord/views/answer-replies.ts';
import { answer } from './answer.ts';
import { record } from './feedback-record.ts';

/** A file sent with a comment is kept with it (Discord's attachment links expire); 8 MB at most. */
export const MAX_ANSWER_FILE_BYTES = 8 * 1024 * 1024;

const UNIT_OPTION = { type: 'string', autocomplete: true } as const;

const agree = subcommand(
	{ round: ROUND_OPTION, unit: UNIT_OPTION, note: { type: 'string', maxLength: 1000 } },
	(ctx, { round, unit, note }) =>
		answer(ctx, { round: { ref: round }, unit: unit ? { code: unit } : null, answer: 'agree', text: note }),
);

const comment = subcommand(
	{
		round: ROUND_OPTION,
		text: { type: 'string', required: true, maxLength: 4000 },
		unit: UNIT_OPTION,
		file: { type: 'attachment' },
		items: { type: 'string', maxLength: 500 },
	},
	async (ctx, { round, unit, file: attachment, text, items }) => {
		const file = attachment ? await downloadAttachment(attachment, MAX_ANSWER_FILE_BYTES, 'answer') : undefined;
		if (file && !file.ok) return ctx.fail(file.error);
		const ref = { round: { ref: round }, unit: unit ? { code: unit } : null };
		await answer(ctx, { ...ref, answer: 'comment', text, file: file?.value, items });
	},
);

const show = subcommand({ round: ROUND_OPTION, unit: UNIT_OPTION }, async (ctx, { round, unit }) => {
	const result = await showAnswer(ctx.deps, { ...who(ctx), round, unit });
	if (!result.ok) return ctx.fail(result.error);
	const { content, files } = historyReply(ctx.t, ctx.lang, result.value);
	// The file sent with the current answer comes along, as the unit sent it.
	const current = result.value.history.at(-1);
	const sent = current ? await answerFile(ctx.deps, current.id) : null;
	if (sent) files.push({ attachment: sent.data, name: sent.name });
	await ctx.reply(content, files);
});

function autocomplete(ctx: Context, { subcommand: sub, option, value }: Focus): Promise<void> {
	// Recording on a unit's behalf is a coordinator's task: any unit, any round.
	if (sub === 'record')
		return option === 'unit'
			? autocompleteUnits(ctx, value, 'coordinator')
			: autocompleteRounds(ctx, value, 'coordinator');
	// Members: only their own units, and the open rounds they may answer.
	return option === 'unit' ? autocompleteUnits(ctx, value, 'own') : autocompleteRounds(ctx, value, 'member');
}

/** /feedback agree|comment|show|record — members answering for their unit. */
export const feedback = commandWithSubcommands('feedback', { agree, comment, show, record }, autocomplete);
