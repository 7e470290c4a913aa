import { describe, expect, it } from 'vitest';
import { checkAnswerWindow } from '../../src/domain/answer-policy.ts';
import type { LatePolicy, Round, RoundState } from '../../src/domain/model.ts';

const DEADLINE = new Date('2021-10-04T10:00:00Z');

function round(state: RoundState, latePolicy: LatePolicy): Round {
	return {
		id: 1,
		guildId: 'g1',
		seq: 2,
		code: 'R2',
		title: 'Rà soát lần 2',
		deadline: DEADLINE,
		timezone: 'Asia/Ho_Chi_Minh',
		state,
		commonText: null,
		silencePolicy: 'none',
		latePolicy,
		reminderLadder: '',
		campaignName: null,
		createdBy: 'u1',
		createdAt: new Date('2021-09-20T02:00:00Z'),
		publishedAt: state === 'draft' ? null : new Date('2021-09-21T02:00:00Z'),
		closedAt: state === 'closed' ? new Date('2021-10-05T02:00:00Z') : null,
	};
}

const before = new Date(DEADLINE.getTime() - 1);
const after = new Date(DEADLINE.getTime() + 1);

describe('checkAnswerWindow', () => {
	it.each(['accept', 'refuse'] as const)(
		'GIVEN a draft round (late policy %s) WHEN answered THEN it is refused as not open',
		(policy) => {
			expect(checkAnswerWindow(round('draft', policy), before)).toEqual({ ok: false, error: 'not-open' });
		},
	);

	it.each(['accept', 'refuse'] as const)(
		'GIVEN a closed round (late policy %s) WHEN answered, even before the deadline, THEN it is refused as closed',
		(policy) => {
			expect(checkAnswerWindow(round('closed', policy), before)).toEqual({ ok: false, error: 'closed' });
		},
	);

	it.each(['accept', 'refuse'] as const)(
		'GIVEN an open round (late policy %s) WHEN answered before the deadline THEN it is on time',
		(policy) => {
			expect(checkAnswerWindow(round('open', policy), before)).toEqual({ ok: true, value: { late: false } });
		},
	);

	it.each(['accept', 'refuse'] as const)(
		'GIVEN an open round (late policy %s) WHEN answered exactly at the deadline THEN it is on time',
		(policy) => {
			expect(checkAnswerWindow(round('open', policy), DEADLINE)).toEqual({ ok: true, value: { late: false } });
		},
	);

	it('GIVEN an open round accepting late answers WHEN answered after the deadline THEN it is accepted as late', () => {
		expect(checkAnswerWindow(round('open', 'accept'), after)).toEqual({ ok: true, value: { late: true } });
	});

	it('GIVEN an open round refusing late answers WHEN answered after the deadline THEN it is refused as late', () => {
		expect(checkAnswerWindow(round('open', 'refuse'), after)).toEqual({ ok: false, error: 'late-refused' });
	});
});
