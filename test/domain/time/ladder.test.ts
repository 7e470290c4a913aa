import { describe, expect, it } from 'vitest';

import { isWithinOfficeHours, type WorkCalendar } from '../../../src/domain/time/calendar.ts';
import {
	dueStepsAt,
	formatLadder,
	LADDER_SYNTAX_EXAMPLE,
	parseLadder,
	planLadder,
	planStep,
	type LadderStep,
} from '../../../src/domain/time/ladder.ts';
import { at, BERLIN, HCM, NY, show as showDate, VN_HOLIDAYS, workCalendar } from './fixtures.ts';

function calendar(zone: string, holidays: readonly string[] = []): WorkCalendar {
	return workCalendar({ zone, holidays: new Set(holidays) });
}

const VN = calendar(HCM, VN_HOLIDAYS);

/** Readable local rendering, or null when a step is never due. */
function show(date: Date | null, zone = HCM): string | null {
	return date && showDate(date, zone);
}

function steps(text: string): LadderStep[] {
	const result = parseLadder(text);
	if (!result.ok) throw new Error(`bad test ladder ${text}: ${JSON.stringify(result.error)}`);
	return result.value;
}

function step(token: string): LadderStep {
	const [only] = steps(token);
	if (!only) throw new Error(`no step in ${token}`);
	return only;
}

describe('parseLadder', () => {
	it.each([
		['-2wd,-0wd,+1wd', ['-2wd', '-0wd', '+1wd']],
		[' -30m , -5m ,+10m ', ['-30m', '-5m', '+10m']],
		['-1h', ['-1h']],
		['1wd', ['+1wd']],
		['0m', ['+0m']],
		['-0wd,+0wd', ['-0wd', '+0wd']],
		['-02WD,+1H,-5M', ['-2wd', '+1h', '-5m']],
		['\u22121h', ['-1h']],
		['+1wd,-2wd', ['+1wd', '-2wd']],
		['-60wd,+1000h,-10000m', ['-60wd', '+1000h', '-10000m']],
		[
			'-1m,-2m,-3m,-4m,-5m,-6m,-7m,-8m,-9m,-10m',
			['-1m', '-2m', '-3m', '-4m', '-5m', '-6m', '-7m', '-8m', '-9m', '-10m'],
		],
	])('GIVEN %j WHEN parsed THEN the canonical steps are %j', (text, keys) => {
		const result = parseLadder(text);
		expect(result.ok && result.value.map((s) => s.key)).toEqual(keys);
	});

	it.each<[string, LadderStep]>([
		['-2wd', { key: '-2wd', sign: -1, amount: 2, unit: 'wd', phase: 'before' }],
		['-0wd', { key: '-0wd', sign: -1, amount: 0, unit: 'wd', phase: 'before' }],
		['+1wd', { key: '+1wd', sign: 1, amount: 1, unit: 'wd', phase: 'after' }],
		['10m', { key: '+10m', sign: 1, amount: 10, unit: 'm', phase: 'after' }],
		['0m', { key: '+0m', sign: 1, amount: 0, unit: 'm', phase: 'after' }],
		['-24H', { key: '-24h', sign: -1, amount: 24, unit: 'h', phase: 'before' }],
	])('GIVEN %j WHEN parsed THEN the step is %j', (text, expected) => {
		expect(parseLadder(text)).toEqual({ ok: true, value: [expected] });
	});

	it.each([
		['', { code: 'empty' }],
		['   ', { code: 'empty' }],
		['-2wd,,+1wd', { code: 'bad-token', token: '' }],
		['-2wd,', { code: 'bad-token', token: '' }],
		['-2d', { code: 'bad-token', token: '-2d' }],
		['-1.5h', { code: 'bad-token', token: '-1.5h' }],
		['--1h', { code: 'bad-token', token: '--1h' }],
		['+-1h', { code: 'bad-token', token: '+-1h' }],
		['- 1h', { code: 'bad-token', token: '- 1h' }],
		['-1 h', { code: 'bad-token', token: '-1 h' }],
		['wd', { code: 'bad-token', token: 'wd' }],
		['-2wd;+1wd', { code: 'bad-token', token: '-2wd;+1wd' }],
		['-1h,x,-61wd', { code: 'bad-token', token: 'x' }],
		['-61wd', { code: 'too-large', token: '-61wd', limit: 60 }],
		['+1001h', { code: 'too-large', token: '+1001h', limit: 1000 }],
		['-10001m', { code: 'too-large', token: '-10001m', limit: 10000 }],
		['-99999999999999999999m', { code: 'too-large', token: '-99999999999999999999m', limit: 10000 }],
		['-2wd,-2WD', { code: 'duplicate', token: '-2WD' }],
		['1wd,+1wd', { code: 'duplicate', token: '+1wd' }],
		['-05m,-5m', { code: 'duplicate', token: '-5m' }],
		['-1m,-2m,-3m,-4m,-5m,-6m,-7m,-8m,-9m,-10m,-11m', { code: 'too-many', limit: 10 }],
	])('GIVEN %j WHEN parsed THEN it is rejected with %j', (text, error) => {
		expect(parseLadder(text)).toEqual({ ok: false, error });
	});

	it.each([
		[LADDER_SYNTAX_EXAMPLE, '-2wd,-0wd,+1wd'],
		[' -2WD , 1wd ', '-2wd,+1wd'],
		['-30m, -5m, 10m', '-30m,-5m,+10m'],
	])('GIVEN %j WHEN parsed and formatted THEN the canonical text is %j', (text, expected) => {
		const formatted = formatLadder(steps(text));
		expect(formatted).toBe(expected);
		expect(formatLadder(steps(formatted))).toBe(expected);
	});
});

describe('planStep in Asia/Ho_Chi_Minh (UTC+7, Mon–Fri 08:00–17:00, Vietnamese holidays)', () => {
	it.each([
		['-2wd', '2026-04-24T17:00', '2026-04-22 Wed 08:00', 'two working days before, at office start'],
		['-0wd', '2026-04-24T17:00', '2026-04-24 Fri 08:00', 'the morning of the deadline day'],
		['+1wd', '2026-04-24T17:00', '2026-04-27 Mon 08:00', 'the next working day after a Friday deadline'],
		['-2wd', '2026-05-04T17:00', '2026-04-28 Tue 08:00', 'counted back across 30/4, 1/5 and the weekend'],
		['+1wd', '2026-04-29T17:00', '2026-05-04 Mon 08:00', 'counted forward across the holidays'],
		['-2wd', '2026-02-24T17:00', '2026-02-13 Fri 08:00', 'counted back across Tết'],
		['+1wd', '2026-12-31T17:00', '2027-01-04 Mon 08:00', 'across the year end and New Year'],
		['-1wd', '2027-01-04T12:00', '2026-12-31 Thu 08:00', 'back across the year end'],
		['-0wd', '2026-04-25T12:00', '2026-04-24 Fri 08:00', 'a Saturday deadline → Friday morning'],
		['-1h', '2026-04-24T17:00', '2026-04-24 Fri 16:00', 'an hour before, within office hours'],
		['-1h', '2026-04-24T08:30', '2026-04-24 Fri 08:00', 'before office opens → moved to office start, still before'],
		['-30m', '2026-04-24T08:10', '2026-04-24 Fri 08:00', 'before office opens → office start, still before'],
		['-24h', '2026-04-27T10:00', '2026-04-27 Mon 08:00', 'lands on Sunday → Monday office start, still before'],
		['-3h', '2026-04-27T09:00', '2026-04-27 Mon 08:00', 'lands at 06:00 → 08:00'],
		['+10m', '2026-04-24T15:00', '2026-04-24 Fri 15:10', 'ten minutes after, within office hours'],
		['+10m', '2026-04-24T17:00', '2026-04-27 Mon 08:00', 'after office closes on Friday → Monday'],
		['+1h', '2026-04-29T16:30', '2026-05-04 Mon 08:00', 'after office closes before holidays → after them'],
		['0m', '2026-04-24T15:00', '2026-04-24 Fri 15:00', 'at the deadline'],
		['0m', '2026-04-24T17:00', '2026-04-27 Mon 08:00', 'at a deadline outside office hours → next office start'],
		['+0wd', '2026-04-24T12:00', '2026-04-24 Fri 12:00', 'an after step never precedes the deadline'],
		['+0wd', '2026-04-24T07:00', '2026-04-24 Fri 08:00', 'deadline before office hours → same-day office start'],
	])('GIVEN step %s and deadline %s WHEN planned THEN due %s (%s)', (token, deadline, expected) => {
		expect(show(planStep(step(token), at(deadline), VN))).toBe(expected);
	});

	it.each([
		['-0wd', '2026-04-24T07:30', 'office opens after the deadline'],
		['-0wd', '2026-04-24T08:00', 'office opens exactly at the deadline'],
		['-1h', '2026-04-27T08:00', 'shifted to office start = the deadline'],
		['-5m', '2026-04-27T08:00', 'shifted to office start = the deadline'],
		['-1h', '2026-04-27T07:00', 'deadline before office hours'],
		['-30m', '2026-04-25T12:00', 'Saturday deadline, shifted to Monday'],
		['-0m', '2026-04-24T12:00', 'a before step at the deadline itself'],
	])('GIVEN before-step %s and deadline %s WHEN planned THEN it is never sent (%s)', (token, deadline) => {
		expect(planStep(step(token), at(deadline), VN)).toBeNull();
	});
});

describe('planStep across DST changes', () => {
	it.each([
		['-1wd', NY, '2026-03-09T10:00', '2026-03-06T13:00:00.000Z', '2026-03-06 Fri 08:00', 'EDT deadline, EST reminder'],
		['-0wd', NY, '2026-03-09T10:00', '2026-03-09T12:00:00.000Z', '2026-03-09 Mon 08:00', 'the deadline day in EDT'],
		['+1wd', NY, '2026-03-06T17:00', '2026-03-09T12:00:00.000Z', '2026-03-09 Mon 08:00', 'EST deadline, EDT reminder'],
		['-1wd', NY, '2026-11-02T10:00', '2026-10-30T12:00:00.000Z', '2026-10-30 Fri 08:00', 'EST deadline, EDT reminder'],
		[
			'-1wd',
			BERLIN,
			'2026-03-30T10:00',
			'2026-03-27T07:00:00.000Z',
			'2026-03-27 Fri 08:00',
			'CEST deadline, CET reminder',
		],
		[
			'+1wd',
			BERLIN,
			'2026-10-23T17:00',
			'2026-10-26T07:00:00.000Z',
			'2026-10-26 Mon 08:00',
			'CEST deadline, CET reminder',
		],
	])(
		'GIVEN %s in %s with deadline %s WHEN planned THEN due at %s = local office start %s (%s)',
		(token, zone, deadline, iso, local) => {
			const dueAt = planStep(step(token), at(deadline, zone), calendar(zone));
			expect(dueAt?.toISOString()).toBe(iso);
			expect(show(dueAt, zone)).toBe(local);
		},
	);

	it.each([
		['-72h', NY, '2026-03-09T15:00', '2026-03-06T19:00:00.000Z', '2026-03-06 Fri 14:00'],
		['-72h', NY, '2026-11-02T10:00', '2026-10-30T15:00:00.000Z', '2026-10-30 Fri 11:00'],
		['+72h', NY, '2026-03-06T12:00', '2026-03-09T17:00:00.000Z', '2026-03-09 Mon 13:00'],
		['-72h', BERLIN, '2026-03-30T10:00', '2026-03-27T08:00:00.000Z', '2026-03-27 Fri 09:00'],
	])(
		'GIVEN %s in %s with deadline %s WHEN planned THEN it counts real hours: %s = local %s',
		(token, zone, deadline, iso, local) => {
			const dueAt = planStep(step(token), at(deadline, zone), calendar(zone));
			expect(dueAt?.toISOString()).toBe(iso);
			expect(show(dueAt, zone)).toBe(local);
		},
	);
});

describe('planLadder', () => {
	it('GIVEN the default ladder and a Friday 17:00 deadline WHEN planned THEN three reminders in time order', () => {
		const plan = planLadder(steps('-2wd,-0wd,+1wd'), at('2026-04-24T17:00'), VN);
		expect(plan.map((p) => [p.step.key, show(p.dueAt)])).toEqual([
			['-2wd', '2026-04-22 Wed 08:00'],
			['-0wd', '2026-04-24 Fri 08:00'],
			['+1wd', '2026-04-27 Mon 08:00'],
		]);
	});

	it('GIVEN steps written out of order WHEN planned THEN they are sorted by due time', () => {
		const plan = planLadder(steps('+1wd,-30m,-2wd,+10m'), at('2026-04-24T15:00'), VN);
		expect(plan.map((p) => [p.step.key, show(p.dueAt)])).toEqual([
			['-2wd', '2026-04-22 Wed 08:00'],
			['-30m', '2026-04-24 Fri 14:30'],
			['+10m', '2026-04-24 Fri 15:10'],
			['+1wd', '2026-04-27 Mon 08:00'],
		]);
	});

	it('GIVEN a 07:30 deadline WHEN planned THEN before-steps that would land after it are dropped', () => {
		const plan = planLadder(steps('-0wd,-1h,-1wd,+1wd'), at('2026-04-24T07:30'), VN);
		expect(plan.map((p) => [p.step.key, show(p.dueAt)])).toEqual([
			['-1wd', '2026-04-23 Thu 08:00'],
			['+1wd', '2026-04-27 Mon 08:00'],
		]);
	});

	it.each([
		['-0wd,-1h', ['-0wd', '-1h']],
		['-1h,-0wd', ['-1h', '-0wd']],
	])('GIVEN %j whose steps both land at 08:00 WHEN planned THEN ties keep ladder order %j', (text, keys) => {
		const plan = planLadder(steps(text), at('2026-04-24T08:30'), VN);
		expect(plan.map((p) => p.step.key)).toEqual(keys);
		expect(plan.map((p) => show(p.dueAt))).toEqual(['2026-04-24 Fri 08:00', '2026-04-24 Fri 08:00']);
	});

	it.each([
		['+2h,+1h', ['+2h', '+1h']],
		['+1h,+2h', ['+1h', '+2h']],
		['+1wd,+15h', ['+1wd', '+15h']],
	])(
		'GIVEN after-steps %j that both move to Monday 08:00 WHEN planned THEN ties keep ladder order %j',
		(text, keys) => {
			const plan = planLadder(steps(text), at('2026-04-24T16:30'), VN);
			expect(plan.map((p) => p.step.key)).toEqual(keys);
			expect(plan.map((p) => show(p.dueAt))).toEqual(['2026-04-27 Mon 08:00', '2026-04-27 Mon 08:00']);
		},
	);

	it.each([
		[HCM, VN_HOLIDAYS],
		[NY, []],
		[BERLIN, []],
	])(
		'GIVEN deadlines every 97 minutes through March in %s WHEN planned THEN before-steps precede and after-steps follow the deadline, all in office hours',
		(zone, holidays) => {
			const cal = calendar(zone, holidays);
			const ladder = steps('-2wd,-0wd,-1h,-30m,-5m,0m,+10m,+1h,+1wd,+2wd');
			const violations: string[] = [];
			let checked = 0;
			const end = at('2026-04-01T00:00', zone).getTime();
			for (let t = at('2026-03-01T00:00', zone).getTime(); t < end; t += 97 * 60_000) {
				const deadline = new Date(t);
				const plan = planLadder(ladder, deadline, cal);
				const label = `deadline ${show(deadline, zone) ?? ''}`;
				const times = plan.map((p) => p.dueAt.getTime());
				if (times.some((time, i) => i > 0 && time < (times[i - 1] ?? 0))) violations.push(`${label}: not sorted`);
				if (plan.filter((p) => p.step.phase === 'after').length !== 5) violations.push(`${label}: after-step dropped`);
				for (const { step: s, dueAt } of plan) {
					const where = `${label}, ${s.key} at ${show(dueAt, zone) ?? ''}`;
					if (s.phase === 'before' && dueAt.getTime() >= t) violations.push(`${where}: not before the deadline`);
					if (s.phase === 'after' && dueAt.getTime() < t) violations.push(`${where}: before the deadline`);
					if (!isWithinOfficeHours(dueAt, cal)) violations.push(`${where}: outside office hours`);
					checked++;
				}
			}
			expect(violations).toEqual([]);
			expect(checked).toBeGreaterThan(2000);
		},
	);
});

describe('dueStepsAt (missed-step rule)', () => {
	const deadline = at('2026-04-24T17:00');
	// -2wd: Wed 22/4 08:00, -0wd: Fri 24/4 08:00, +1wd: Mon 27/4 08:00. Planned inside each test, not at load: a
	// mutant that breaks planning must fail a test, not the loading of this file.
	const defaultPlan = () => planLadder(steps('-2wd,-0wd,+1wd'), deadline, VN);

	it.each<[string, string, string[], string | null, string[]]>([
		['nothing is due yet', '2026-04-21T10:00', [], null, []],
		['the first step just became due', '2026-04-22T08:00', [], '-2wd', []],
		['the due step was already sent', '2026-04-22T09:00', ['-2wd'], null, []],
		['the next step became due', '2026-04-24T08:00', ['-2wd'], '-0wd', []],
		['the bot was down through two steps before the deadline', '2026-04-24T09:00', [], '-0wd', ['-2wd']],
		['a minute before the deadline, nothing sent', '2026-04-24T16:59', [], '-0wd', ['-2wd']],
		['the deadline passed with the before-step unsent', '2026-04-24T17:00', ['-2wd'], null, ['-0wd']],
		['the deadline passed long ago, before-steps unsent', '2026-04-25T10:00', [], null, ['-2wd', '-0wd']],
		['the deadline passed, before-steps handled', '2026-04-24T18:00', ['-2wd', '-0wd'], null, []],
		['the after-step became due, earlier ones missed', '2026-04-27T09:00', [], '+1wd', ['-2wd', '-0wd']],
		['the after-step became due, earlier ones handled', '2026-04-27T09:00', ['-2wd', '-0wd'], '+1wd', []],
		['the latest step was sent but earlier ones were not', '2026-04-27T09:00', ['+1wd'], null, ['-2wd', '-0wd']],
		['everything was handled', '2026-05-10T09:00', ['-2wd', '-0wd', '+1wd'], null, []],
		['a late after-step is still meaningful', '2026-05-10T09:00', ['-2wd', '-0wd'], '+1wd', []],
	])('GIVEN %s (now %s, handled %j) WHEN ticking THEN send %j and skip %j', (_case, now, handled, send, skipped) => {
		const result = dueStepsAt(defaultPlan(), at(now), new Set(handled), deadline);
		expect(result.send?.step.key ?? null).toBe(send);
		expect(result.skipped.map((p) => p.step.key)).toEqual(skipped);
	});

	it('GIVEN the plan in reverse order WHEN ticking THEN the latest due step is still the one sent', () => {
		const result = dueStepsAt([...defaultPlan()].reverse(), at('2026-04-27T09:00'), new Set(), deadline);
		expect(result.send?.step.key).toBe('+1wd');
		expect(result.skipped.map((p) => p.step.key)).toEqual(['-2wd', '-0wd']);
	});

	it('GIVEN minute steps close together WHEN the tick comes late THEN only the latest due one is sent', () => {
		const shortDeadline = at('2026-04-22T10:00');
		const shortPlan = planLadder(steps('-30m,-5m,+10m'), shortDeadline, VN);
		const result = dueStepsAt(shortPlan, at('2026-04-22T09:57'), new Set(), shortDeadline);
		expect(result.send?.step.key).toBe('-5m');
		expect(result.send?.dueAt.toISOString()).toBe(at('2026-04-22T09:55').toISOString());
		expect(result.skipped.map((p) => p.step.key)).toEqual(['-30m']);
	});
});
