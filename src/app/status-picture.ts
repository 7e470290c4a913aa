import type { ReminderMark } from '../domain/status-picture.ts';
import type { Deps } from './deps.ts';

/** The reminder steps of a round that went out, one mark per sending, for the status picture. */
export async function reminderMarks(deps: Deps, roundId: number): Promise<ReminderMark[]> {
	const dispatches = await deps.outbox.reminderDispatches(roundId);
	return dispatches.flatMap((d) => (d.status === 'sent' && d.sentAt ? [{ step: d.step, at: d.sentAt }] : []));
}
