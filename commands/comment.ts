import { commentChoices, commentRef, resolveComment } from '../src/app/resolve-comment.ts';
import { replyError } from '../src/discord/command-helpers.ts';
import { buildCommandWithSubcommands } from '../src/discord/command-spec.ts';
import type { AutocompleteContext, CommandContext, CommandModule } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';
import { clip } from '../src/discord/views/errors.ts';

async function resolve(ctx: CommandContext) {
	const o = ctx.interaction.options;
	const outcome = o.getString('outcome', true) === 'explained' ? 'explained' : 'accepted';
	const result = await resolveComment(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		comment: o.getString('comment', true),
		outcome,
		note: o.getString('note') ?? undefined,
	});
	if (!result.ok) return replyError(ctx, result.error);
	const { comment, round, unit, previous } = result.value;
	const t = ctx.t;
	const now = t.commentOutcome.outcomes[comment.outcome ?? outcome];
	await replyPrivately(
		ctx.interaction,
		previous
			? t.commentOutcome.changed({
					unit: unit.code,
					round: round.code,
					outcome: now,
					before: t.commentOutcome.outcomes[previous.outcome],
				})
			: t.commentOutcome.resolved({ unit: unit.code, round: round.code, outcome: now }),
	);
}

/** Comments waiting for an outcome first; the label says round, unit, state and the start of the text. */
async function autocomplete(ctx: AutocompleteContext) {
	const typed = ctx.interaction.options.getFocused();
	const choices = await commentChoices(ctx.deps, ctx.guildId, ctx.actor, typed);
	const t = ctx.t;
	await ctx.interaction.respond(
		choices.slice(0, 25).map(({ comment, round, unit }) => ({
			name: clip(
				t.commentOutcome.choiceLabel({
					round: round.code,
					unit: unit.code,
					state: comment.outcome ? t.commentOutcome.outcomes[comment.outcome] : t.commentOutcome.open,
					text: (comment.text ?? '').replace(/\s+/g, ' ').trim(),
				}),
				100,
			),
			value: commentRef(comment.id),
		})),
	);
}

const handlers: Record<string, (ctx: CommandContext) => Promise<void>> = { resolve };

/** /comment resolve — the coordinator's answer to each comment (tiếp thu, giải trình). */
export const comment = {
	data: buildCommandWithSubcommands('comment', {
		resolve: [
			{ key: 'comment', type: 'string', required: true, autocomplete: true, maxLength: 20 },
			{ key: 'outcome', type: 'string', required: true, choices: ['accepted', 'explained'] },
			{ key: 'note', type: 'string', maxLength: 1000 },
		],
	}),
	async execute(ctx) {
		const handler = handlers[ctx.interaction.options.getSubcommand()];
		if (!handler) return replyPrivately(ctx.interaction, ctx.t.errors.unavailable);
		await handler(ctx);
	},
	autocomplete,
} satisfies CommandModule;
