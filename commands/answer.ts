import { announceAnswer, recordAnswer, type AnswerInput } from '../src/app/answer-round.ts';
import type { Context } from '../src/discord/context.ts';
import { who } from '../src/discord/modules.ts';
import { answeredReply } from '../src/discord/views/answer-replies.ts';

/**
 * A unit's answer, from /feedback agree|comment or from the draft post's buttons: recorded, confirmed to the
 * person, then shown on the draft post (the confirmation does not wait for that edit: Discord allows 5 edits per
 * 5 s in a channel).
 */
export async function answer(
	ctx: Context,
	input: Pick<AnswerInput, 'round' | 'unit' | 'answer' | 'text' | 'file' | 'items'>,
): Promise<void> {
	const result = await recordAnswer(ctx.deps, { ...who(ctx), ...input, interactionId: ctx.id });
	if (!result.ok) return ctx.fail(result.error);
	await ctx.reply(answeredReply(ctx.t, result.value, input.items));
	await announceAnswer(ctx.deps, result.value);
}
