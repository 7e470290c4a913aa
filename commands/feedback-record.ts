import { recordOnBehalf } from '../src/app/record-on-behalf.ts';
import { replyError } from '../src/discord/command-helpers.ts';
import type { CommandContext } from '../src/discord/interaction-context.ts';
import { replyPrivately } from '../src/discord/respond.ts';
import { clip } from '../src/discord/views/errors.ts';

/** /feedback record: a coordinator records an answer a unit gave by phone or letter, with its source. */
export async function record(ctx: CommandContext): Promise<void> {
	const o = ctx.interaction.options;
	const kind = o.getString('answer', true) === 'comment' ? 'comment' : 'agree';
	const result = await recordOnBehalf(ctx.deps, {
		guildId: ctx.guildId,
		actor: ctx.actor,
		round: o.getString('round', true),
		unit: o.getString('unit', true),
		answer: kind,
		text: o.getString('text') ?? undefined,
		source: o.getString('source', true),
		interactionId: ctx.interaction.id,
	});
	if (!result.ok) return replyError(ctx, result.error);
	const { round, unit, answer } = result.value;
	await replyPrivately(
		ctx.interaction,
		ctx.t.recordAnswer.recorded({
			unit: unit.code,
			round: round.code,
			answer: ctx.t.feedback.answers[answer.answer],
			source: clip(answer.source ?? '', 200),
			late: answer.late ? ctx.t.feedback.lateNote : '',
		}),
	);
}
