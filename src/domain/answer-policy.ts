import type { Round } from './model.ts';
import { err, ok, type Result } from './result.ts';

export type AnswerRefusal = 'not-open' | 'closed' | 'late-refused';

/**
 * Decides whether a round takes an answer at `now`, and whether it is late. Answers after the deadline are
 * accepted and marked late unless the round refuses late answers.
 */
export function checkAnswerWindow(round: Round, now: Date): Result<{ late: boolean }, AnswerRefusal> {
	if (round.state === 'draft') return err('not-open');
	if (round.state === 'closed') return err('closed');
	const late = now.getTime() > round.deadline.getTime();
	if (late && round.latePolicy === 'refuse') return err('late-refused');
	return ok({ late });
}
