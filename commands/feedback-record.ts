import { recordOnBehalf } from '../src/app/record-on-behalf.ts';
import { ROUND_OPTION, subcommand, who } from '../src/discord/modules.ts';
import { recordedReply } from '../src/discord/views/answer-replies.ts';

/** /feedback record: a coordinator records an answer a unit gave by phone or letter, with its source. */
export const record = subcommand(
	{
		round: ROUND_OPTION,
		unit: { type: 'string', required: true, autocomplete: true },
		answer: { type: 'string', required: true, choices: ['agree', 'comment'] },
		source: { type: 'string', required: true, maxLength: 200 },
		text: { type: 'string', maxLength: 4000 },
	},
	async (ctx, o) => {
		const result = await recordOnBehalf(ctx.deps, { ...who(ctx), ...o, interactionId: ctx.id });
		if (!result.ok) return ctx.fail(result.error);
		await ctx.reply(recordedReply(ctx.t, result.value));
	},
);
