import type { Answer, Unit } from './model.ts';

export interface UnitAnswerRow {
	unit: Unit;
	current: Answer | null;
}

export interface Tally {
	total: number;
	/** Units that answered themselves (agree or comment). */
	answered: number;
	agreed: number;
	commented: number;
	/** Units recorded as agreeing by silence at close (kept apart from `agreed`). */
	agreedBySilence: number;
	pending: number;
	pendingUnits: Unit[];
}

/** Counts a round's answers: one row per target unit with its current answer. */
export function tally(rows: readonly UnitAnswerRow[]): Tally {
	const result: Tally = {
		total: rows.length,
		answered: 0,
		agreed: 0,
		commented: 0,
		agreedBySilence: 0,
		pending: 0,
		pendingUnits: [],
	};
	for (const row of rows) {
		switch (row.current?.answer) {
			case 'agree':
				result.answered++;
				result.agreed++;
				break;
			case 'comment':
				result.answered++;
				result.commented++;
				break;
			case 'silence':
				result.agreedBySilence++;
				break;
			default:
				result.pending++;
				result.pendingUnits.push(row.unit);
		}
	}
	return result;
}
