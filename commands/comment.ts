import { commentChoices, commentRef, resolveComment } from '../src/app/resolve-comment.ts';
import type { Context } from '../src/discord/context.ts';
import { commandWithSubcommands, subcommand, who, type Focus } from '../src/discord/modules.ts';
import { commentChoiceLabel, resolvedReply } from '../src/discord/views/comment-replies.ts';

const resolve = subcommand(
	{
		comment: { type: 'string', required: true, autocomplete: true, maxLength: 20 },
		outcome: { type: 'string', required: true, choices: ['accepted', 'explained'] },
		note: { type: 'string', maxLength: 1000 },
	},
	async (ctx, o) => {
		const result = await resolveComment(ctx.deps, { ...who(ctx), ...o });
		if (!result.ok) return ctx.fail(result.error);
		await ctx.reply(resolvedReply(ctx.t, result.value, o.outcome));
	},
);

/** Comments waiting for an outcome first; the label says round, unit, state and the start of the text. */
async function autocomplete(ctx: Context, focus: Focus): Promise<void> {
	const choices = await commentChoices(ctx.deps, ctx.guildId, ctx.actor, focus.value);
	await ctx.respond(
		choices.slice(0, 25).map((choice) => ({
			name: commentChoiceLabel(ctx.t, choice),
			value: commentRef(choice.comment.id),
		})),
	);
}

/** /comment resolve — the coordinator's answer to each comment (tiếp thu, giải trình). */
export const comment = commandWithSubcommands('comment', { resolve }, autocomplete);
