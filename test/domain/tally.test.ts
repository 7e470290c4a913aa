import { describe, expect, it } from 'vitest';
import type { Answer, AnswerKind, Unit } from '../../src/domain/model.ts';
import { tally, type UnitAnswerRow } from '../../src/domain/tally.ts';

function unit(id: number): Unit {
	return {
		id,
		guildId: 'g1',
		code: `U${id}`,
		name: `Đơn vị ${id}`,
		kind: 'department',
		channelId: `c${id}`,
		roleId: `r${id}`,
		archived: false,
	};
}

function row(id: number, kind: AnswerKind | null): UnitAnswerRow {
	const current: Answer | null =
		kind === null
			? null
			: {
					id: 100 + id,
					roundId: 1,
					unitId: id,
					version: 1,
					answer: kind,
					text: kind === 'comment' ? 'Góp ý' : null,
					fileName: null,
					fileUrl: null,
					userId: kind === 'silence' ? null : 'u1',
					userName: kind === 'silence' ? null : 'An',
					source: null,
					late: false,
					createdAt: new Date('2021-10-04T03:00:00Z'),
				};
	return { unit: unit(id), current };
}

describe('tally', () => {
	it('GIVEN no target unit WHEN tallied THEN every count is zero and nobody is pending', () => {
		expect(tally([])).toEqual({
			total: 0,
			answered: 0,
			agreed: 0,
			commented: 0,
			agreedBySilence: 0,
			pending: 0,
			pendingUnits: [],
		});
	});

	it('GIVEN units that agreed, commented, agreed by silence or did not answer WHEN tallied THEN each is counted once where it belongs', () => {
		const rows = [
			row(1, 'agree'),
			row(2, null),
			row(3, 'comment'),
			row(4, 'agree'),
			row(5, 'silence'),
			row(6, null),
			row(7, 'agree'),
		];
		const t = tally(rows);
		expect(t).toEqual({
			total: 7,
			answered: 4,
			agreed: 3,
			commented: 1,
			agreedBySilence: 1,
			pending: 2,
			pendingUnits: [unit(2), unit(6)],
		});
	});

	it('GIVEN only commenting units WHEN tallied THEN they are answered, none agreed and none pending', () => {
		const t = tally([row(1, 'comment'), row(2, 'comment')]);
		expect(t).toMatchObject({ total: 2, answered: 2, agreed: 0, commented: 2, agreedBySilence: 0, pending: 0 });
		expect(t.pendingUnits).toEqual([]);
	});

	it('GIVEN a unit agreed by silence WHEN tallied THEN it is neither answered nor pending', () => {
		const t = tally([row(1, 'silence')]);
		expect(t).toMatchObject({ total: 1, answered: 0, agreed: 0, commented: 0, agreedBySilence: 1, pending: 0 });
	});
});
