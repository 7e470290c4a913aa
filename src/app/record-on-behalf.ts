import type { Actor } from '../domain/model.ts';
import { requireCoordinator } from './access.ts';
import { answerRound, type AnswerOutcome } from './answer-round.ts';
import type { Deps } from './deps.ts';
import type { AppResult } from './errors.ts';

/**
 * /feedback record: an answer a unit gave outside Discord (phone, letter), recorded by a coordinator on the unit's
 * behalf. It goes through the same use case as the unit's own answers (history, draft post, completion summary);
 * its source is kept and every view shows it as recorded on behalf.
 */
export async function recordOnBehalf(
	deps: Deps,
	input: {
		guildId: string;
		actor: Actor;
		round: string;
		unit: string;
		answer: 'agree' | 'comment';
		text?: string | undefined;
		source: string;
		interactionId?: string | undefined;
	},
): Promise<AppResult<AnswerOutcome>> {
	const access = await requireCoordinator(deps, input.guildId, input.actor);
	if (!access.ok) return access;
	return answerRound(deps, {
		guildId: input.guildId,
		actor: input.actor,
		round: { ref: input.round },
		unit: { code: input.unit },
		answer: input.answer,
		text: input.text,
		interactionId: input.interactionId,
		onBehalf: { source: input.source },
	});
}
