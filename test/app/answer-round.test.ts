import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	answerRound,
	MAX_COMMENT,
	MAX_NOTE,
	roundsAnnouncing,
	roundsForMember,
	showAnswer,
	type AnswerInput,
} from '../../src/app/answer-round.ts';
import { createRound, publishRound } from '../../src/app/manage-rounds.ts';
import { closeRound } from '../../src/app/round-deadlines.ts';
import type { Unit } from '../../src/domain/model.ts';
import { type AppHarness, coordinator, createAppHarness, GUILD, member, seedServer } from '../support/app-harness.ts';

const OTHER_GUILD = '100000000000000002';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let h: AppHarness;
let units: Unit[];

beforeEach(async () => {
	h = await createAppHarness('2021-09-17T02:00:00Z');
	units = await seedServer(h.deps, { count: 3 });
});
afterEach(async () => {
	await h.close();
});

/** Round R1 for the first two units (deadline 04/10/2021 17:00 in Hà Nội = 10:00Z), published. */
async function openRound(extra: { late?: 'accept' | 'refuse'; guildId?: string; units?: string } = {}) {
	const created = await createRound(h.deps, {
		guildId: extra.guildId ?? GUILD,
		actor: coordinator(),
		title: 'Rà soát',
		deadline: '04/10/2021 17:00',
		units: extra.units ?? 'HTTKQG,TKCNXD',
		late: extra.late,
	});
	if (!created.ok) throw new Error(JSON.stringify(created.error));
	const published = await publishRound(h.deps, { guildId: extra.guildId ?? GUILD, actor: coordinator(), round: 'R1' });
	if (!published.ok) throw new Error(JSON.stringify(published.error));
	return created.value.round;
}

function input(over: Partial<AnswerInput> = {}): AnswerInput {
	return {
		guildId: GUILD,
		actor: member([units[0]!.roleId]),
		round: { ref: 'R1' },
		unit: null,
		answer: 'agree',
		...over,
	};
}

async function codeOf(p: AnswerInput): Promise<string> {
	const r = await answerRound(h.deps, p);
	return r.ok ? 'ok' : r.error.code;
}

describe('answering a round: which round', () => {
	it('GIVEN a round of another server WHEN answered by its numeric id (a forged button) THEN it is a stale component, no internal id shown, and nothing is stored', async () => {
		await seedServer(h.deps, { guildId: OTHER_GUILD, count: 1, offset: 5 });
		const foreign = await openRound({ guildId: OTHER_GUILD, units: 'HTTKQG' });
		const r = await answerRound(h.deps, input({ round: { id: foreign.id } }));
		expect(r).toEqual({ ok: false, error: { code: 'component-stale' } });
		expect((await h.deps.answers.current(foreign.id)).size).toBe(0);
	});

	it('GIVEN a round of this server WHEN answered by its numeric id (the button) THEN it is recorded', async () => {
		const round = await openRound();
		const r = await answerRound(h.deps, input({ round: { id: round.id } }));
		expect(r.ok && [r.value.round.id, r.value.unit.code, r.value.answer.answer]).toEqual([round.id, 'HTTKQG', 'agree']);
	});

	it('GIVEN a numeric id no round has WHEN answered THEN it is a stale component, the id not shown', async () => {
		await openRound();
		expect(await answerRound(h.deps, input({ round: { id: 999 } }))).toEqual({
			ok: false,
			error: { code: 'component-stale' },
		});
	});
});

describe('answering a round: which unit', () => {
	it('GIVEN a member who names their unit in lower case WHEN answering THEN that unit answers', async () => {
		await openRound();
		const r = await answerRound(h.deps, input({ unit: { code: ' httkqg ' } }));
		expect(r.ok && r.value.unit.code).toBe('HTTKQG');
	});

	it('GIVEN a unit code nobody registered WHEN answering THEN the unknown code is named', async () => {
		await openRound();
		expect(await answerRound(h.deps, input({ unit: { code: 'nope' } }))).toEqual({
			ok: false,
			error: { code: 'unit-unknown', unit: 'NOPE' },
		});
	});

	it('GIVEN a unit code that breaks the code rules WHEN answering THEN it is unknown, named trimmed but not case-folded', async () => {
		await openRound();
		expect(await answerRound(h.deps, input({ unit: { code: '  vụ x ' } }))).toEqual({
			ok: false,
			error: { code: 'unit-unknown', unit: 'vụ x' },
		});
	});

	it('GIVEN a unit of another server, by id WHEN answering THEN it is a stale component', async () => {
		const [foreign] = await seedServer(h.deps, { guildId: OTHER_GUILD, count: 1, offset: 5 });
		await openRound();
		const r = await answerRound(h.deps, input({ actor: member([foreign!.roleId]), unit: { id: foreign!.id } }));
		expect(r).toEqual({ ok: false, error: { code: 'component-stale' } });
	});

	it('GIVEN a unit by id that the round targets WHEN its member answers THEN it is recorded for that unit', async () => {
		await openRound();
		const r = await answerRound(h.deps, input({ actor: member([units[1]!.roleId]), unit: { id: units[1]!.id } }));
		expect(r.ok && r.value.unit.code).toBe('TKCNXD');
	});

	it('GIVEN a unit by id that the round does not target (a forged button) WHEN answering THEN it is a stale component', async () => {
		await openRound();
		const r = await answerRound(h.deps, input({ actor: member([units[2]!.roleId]), unit: { id: units[2]!.id } }));
		expect(r).toEqual({ ok: false, error: { code: 'component-stale' } });
	});

	it('GIVEN a member of a targeted unit who names another targeted unit WHEN answering THEN refused, naming it', async () => {
		await openRound();
		const r = await answerRound(h.deps, input({ unit: { code: 'TKCNXD' } }));
		expect(r).toEqual({ ok: false, error: { code: 'not-member-of-unit', unit: 'TKCNXD' } });
	});

	it('GIVEN a member of two targeted units who names none WHEN answering THEN they are asked to choose between both', async () => {
		await openRound();
		const r = await answerRound(h.deps, input({ actor: member([units[0]!.roleId, units[1]!.roleId]) }));
		expect(r).toEqual({ ok: false, error: { code: 'choose-unit', units: ['HTTKQG', 'TKCNXD'] } });
	});

	it('GIVEN a member of one targeted and one other unit WHEN answering without naming THEN the targeted one answers', async () => {
		await openRound();
		const r = await answerRound(h.deps, input({ actor: member([units[2]!.roleId, units[1]!.roleId]) }));
		expect(r.ok && r.value.unit.code).toBe('TKCNXD');
	});
});

describe('answering a round: text limits', () => {
	it('GIVEN a comment of exactly the maximum length in code points WHEN recorded THEN it is accepted whole', async () => {
		await openRound();
		// Astral characters count once each, as Discord counts them, though they take two UTF-16 units.
		const text = '😀'.repeat(MAX_COMMENT);
		const r = await answerRound(h.deps, input({ answer: 'comment', text }));
		expect(r.ok && r.value.answer.text).toBe(text);
	});

	it('GIVEN a comment one code point over the maximum WHEN recorded THEN it is refused naming the field and limit', async () => {
		await openRound();
		const r = await answerRound(h.deps, input({ answer: 'comment', text: 'x'.repeat(MAX_COMMENT + 1) }));
		expect(r).toEqual({ ok: false, error: { code: 'too-long', field: 'text', max: MAX_COMMENT } });
	});

	it('GIVEN an agreement note of exactly the maximum length WHEN recorded THEN it is accepted; one more is refused', async () => {
		await openRound();
		const ok = await answerRound(h.deps, input({ text: 'ệ'.repeat(MAX_NOTE) }));
		expect(ok.ok && ok.value.answer.text).toBe('ệ'.repeat(MAX_NOTE));
		const tooLong = await answerRound(h.deps, input({ text: 'x'.repeat(MAX_NOTE + 1) }));
		expect(tooLong).toEqual({ ok: false, error: { code: 'too-long', field: 'note', max: MAX_NOTE } });
	});

	it('GIVEN an agreement with only spaces as note WHEN recorded THEN it is stored without text', async () => {
		await openRound();
		const r = await answerRound(h.deps, input({ text: '   ' }));
		expect(r.ok && r.value.answer.text).toBeNull();
	});

	it('GIVEN a comment with surrounding spaces WHEN recorded THEN the text is stored trimmed', async () => {
		await openRound();
		const r = await answerRound(h.deps, input({ answer: 'comment', text: '  Đề nghị bỏ mục 3  ' }));
		expect(r.ok && r.value.answer.text).toBe('Đề nghị bỏ mục 3');
	});

	it('GIVEN a comment without text WHEN recorded THEN text is required', async () => {
		await openRound();
		expect(await codeOf(input({ answer: 'comment' }))).toBe('text-required');
	});
});

describe('answering a round: item codes', () => {
	it('GIVEN an agreement sent with item codes WHEN recorded THEN the codes are ignored, however long', async () => {
		await openRound();
		const r = await answerRound(h.deps, input({ items: 'BC01,'.repeat(MAX_COMMENT) }));
		expect(r.ok && r.value.answer.answer).toBe('agree');
	});

	it('GIVEN a comment naming item codes that are far too long WHEN recorded THEN it is refused naming the items field', async () => {
		await openRound();
		const r = await answerRound(
			h.deps,
			input({ answer: 'comment', text: 'Ý kiến', items: 'BC01,'.repeat(MAX_COMMENT) }),
		);
		expect(r.ok ? 'ok' : r.error).toMatchObject({ code: 'too-long', field: 'items' });
	});
});

describe('answering a round: the deadline', () => {
	it('GIVEN an answer exactly at the deadline WHEN recorded THEN it is on time (the deadline minute is still open)', async () => {
		await openRound({ late: 'refuse' });
		h.clock.set('2021-10-04T10:00:00Z');
		const r = await answerRound(h.deps, input());
		expect(r.ok && r.value.answer.late).toBe(false);
	});

	it('GIVEN a round refusing late answers WHEN answered a second after the deadline THEN it is refused as late', async () => {
		await openRound({ late: 'refuse' });
		h.clock.set('2021-10-04T10:00:01Z');
		expect(await answerRound(h.deps, input())).toEqual({ ok: false, error: { code: 'late-refused', round: 'R1' } });
		expect((await h.deps.answers.current(1)).size).toBe(0);
	});

	it('GIVEN a closed round WHEN answered THEN it is refused as closed', async () => {
		await openRound();
		const closed = await closeRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
		expect(closed.ok).toBe(true);
		expect(await answerRound(h.deps, input())).toEqual({ ok: false, error: { code: 'round-closed', round: 'R1' } });
	});

	it('GIVEN an answer on time WHEN recorded THEN it carries the clock time, who answered and no source', async () => {
		await openRound();
		h.clock.set('2021-10-01T03:00:00Z');
		const r = await answerRound(h.deps, input({ actor: member([units[0]!.roleId], '7001', 'An') }));
		expect(r.ok && r.value.answer).toMatchObject({
			answer: 'agree',
			late: false,
			userId: '7001',
			userName: 'An',
			source: null,
			createdAt: new Date('2021-10-01T03:00:00Z'),
		});
	});
});

describe('what an answer leaves behind', () => {
	it('GIVEN a member answers WHEN recorded THEN the audit names the member, the unit and a plain answer (not on behalf)', async () => {
		// GIVEN an open round
		await openRound();
		// WHEN a member of HTTKQG agrees
		await answerRound(h.deps, input({ actor: member([units[0]!.roleId], '7001', 'An') }));
		// THEN the last audit row is theirs
		const last = (await h.deps.reports.auditEvents(GUILD, null)).at(-1);
		expect(last).toMatchObject({ action: 'answer.record', subject: 'HTTKQG', actorId: '7001', actorName: 'An' });
	});

	it('GIVEN a comment sent with a file WHEN recorded THEN the answer keeps the file name', async () => {
		// GIVEN an open round
		await openRound();
		// WHEN a comment comes with an attached file
		const file = { name: 'gop-y.docx', contentType: null, data: Buffer.from('PK') };
		const r = await answerRound(h.deps, input({ answer: 'comment', text: 'Xem tệp', file }));
		// THEN the stored answer names it
		expect(r.ok && r.value.answer.fileName).toBe('gop-y.docx');
	});

	it('GIVEN an agreement without a file WHEN recorded THEN it has no file name', async () => {
		await openRound();
		const r = await answerRound(h.deps, input());
		expect(r.ok && r.value.answer.fileName).toBeNull();
	});
});

describe('a round closed while an answer is being recorded', () => {
	it('GIVEN the round closes between the checks and the store WHEN the answer is stored THEN it is refused as closed and nothing is kept', async () => {
		// GIVEN an open round, and a store in which the round gets closed just before the answer is written
		await openRound();
		const store = h.deps.answers;
		const answers = Object.assign(Object.create(store) as typeof store, {
			append: async (...args: Parameters<typeof store.append>) => {
				const closed = await closeRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1' });
				if (!closed.ok) throw new Error(JSON.stringify(closed.error));
				return store.append(...args);
			},
		});
		// WHEN a member agrees
		const r = await answerRound({ ...h.deps, answers }, input());
		// THEN it is refused as closed, and no answer is stored
		expect(r).toEqual({ ok: false, error: { code: 'round-closed', round: 'R1' } });
		expect((await store.current(1)).size).toBe(0);
	});
});

describe('after an answer', () => {
	it('GIVEN two units answering at the same moment WHEN both are recorded THEN the post of each unit is refreshed', async () => {
		await openRound();
		await Promise.all([
			answerRound(h.deps, input()),
			answerRound(h.deps, input({ actor: member([units[1]!.roleId]) })),
		]);
		expect(h.notifier.refreshes.map((r) => r.view.unit.code).sort()).toEqual(['HTTKQG', 'TKCNXD']);
	});

	it('GIVEN a unit that answered once WHEN it answers again later THEN its draft post is refreshed again', async () => {
		// GIVEN a first answer, its refresh finished
		await openRound();
		await answerRound(h.deps, input());
		// WHEN the unit changes its answer
		await answerRound(h.deps, input({ answer: 'comment', text: 'Đổi ý' }));
		// THEN a second edit shows it
		expect(h.notifier.refreshes.map((r) => r.view.unit.code)).toEqual(['HTTKQG', 'HTTKQG']);
	});

	it('GIVEN one unit of two answers WHEN recorded THEN its draft post is refreshed and no summary goes out yet', async () => {
		await openRound();
		await answerRound(h.deps, input());
		expect(h.notifier.refreshes.map((r) => r.view.unit.code)).toEqual(['HTTKQG']);
		expect(h.notifier.notices).toEqual([]);
	});

	it('GIVEN the same interaction delivered twice WHEN recorded THEN the second is a duplicate that refreshes nothing', async () => {
		await openRound();
		const first = await answerRound(h.deps, input({ interactionId: '42' }));
		const second = await answerRound(h.deps, input({ interactionId: '42' }));
		expect(first.ok && first.value.duplicate).toBe(false);
		expect(second.ok && second.value.duplicate).toBe(true);
		expect(h.notifier.refreshes).toHaveLength(1);
	});

	it('GIVEN the last unit answers WHEN recorded THEN the complete summary goes to the report channel once', async () => {
		await openRound();
		await answerRound(h.deps, input());
		await answerRound(h.deps, input({ actor: member([units[1]!.roleId]), answer: 'comment', text: 'Góp ý' }));
		expect(h.notifier.notices.map((n) => n.notice.kind)).toEqual(['complete']);
	});
});

describe('what a member sees', () => {
	it('GIVEN open rounds, one targeting the member and one not WHEN listed for them THEN only theirs is offered', async () => {
		await openRound({ units: 'HTTKQG' });
		const second = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Khác',
			deadline: '04/10/2021 17:00',
			units: 'TKCNXD',
		});
		expect(second.ok).toBe(true);
		await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R2' });
		const mine = await roundsForMember(h.deps, GUILD, member([units[0]!.roleId]));
		expect(mine.map((r) => r.code)).toEqual(['R1']);
		expect(await roundsForMember(h.deps, GUILD, member(['999']))).toEqual([]);
	});

	it('GIVEN a round still in draft that targets the member WHEN listed for them THEN it is not offered', async () => {
		// GIVEN R1 open and R2 only created, both for HTTKQG
		await openRound({ units: 'HTTKQG' });
		const draft = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Nháp',
			deadline: '04/10/2021 17:00',
			units: 'HTTKQG',
		});
		expect(draft.ok).toBe(true);
		// WHEN a member of HTTKQG asks / THEN only the open one
		const mine = await roundsForMember(h.deps, GUILD, member([units[0]!.roleId]));
		expect(mine.map((r) => r.code)).toEqual(['R1']);
	});

	it('GIVEN a round for two units WHEN a member of only one of them lists rounds THEN it is offered', async () => {
		await openRound();
		const mine = await roundsForMember(h.deps, GUILD, member([units[1]!.roleId]));
		expect(mine.map((r) => r.code)).toEqual(['R1']);
	});

	it('GIVEN a round code nobody created WHEN showing answers THEN it is refused as that unknown round', async () => {
		await openRound();
		const shown = await showAnswer(h.deps, {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: 'R9',
			unit: undefined,
		});
		expect(shown).toEqual({ ok: false, error: { code: 'round-unknown', round: 'R9' } });
	});

	it('GIVEN a coordinator who also holds a unit role WHEN showing answers without naming a unit THEN their own unit is shown', async () => {
		await openRound();
		const actor = { ...coordinator(), roleIds: [...coordinator().roleIds, units[0]!.roleId] };
		const shown = await showAnswer(h.deps, { guildId: GUILD, actor, round: 'R1', unit: undefined });
		expect(shown.ok && shown.value.unit.code).toBe('HTTKQG');
	});

	it('GIVEN a coordinator naming a unit WHEN showing answers THEN they see that unit though they hold no unit role', async () => {
		await openRound();
		await answerRound(h.deps, input({ answer: 'comment', text: 'Ý kiến' }));
		const shown = await showAnswer(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R1', unit: 'HTTKQG' });
		expect(shown.ok && shown.value.history.map((a) => a.text)).toEqual(['Ý kiến']);
	});

	it('GIVEN a member naming another unit WHEN showing answers THEN refused as not a member of it', async () => {
		await openRound();
		const shown = await showAnswer(h.deps, {
			guildId: GUILD,
			actor: member([units[0]!.roleId]),
			round: 'R1',
			unit: 'TKCNXD',
		});
		expect(shown).toEqual({ ok: false, error: { code: 'not-member-of-unit', unit: 'TKCNXD' } });
	});

	it('GIVEN a member naming no unit WHEN showing answers THEN their own unit is shown', async () => {
		await openRound();
		const shown = await showAnswer(h.deps, {
			guildId: GUILD,
			actor: member([units[1]!.roleId]),
			round: 'R1',
			unit: undefined,
		});
		expect(shown.ok && [shown.value.unit.code, shown.value.history]).toEqual(['TKCNXD', []]);
	});
});

describe('draft post refreshes under a burst of answers', () => {
	it('GIVEN a draft post edit in flight WHEN two more answers of the unit arrive THEN one more edit shows the latest, and every caller waits for it', async () => {
		const round = await openRound();
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		let entered!: () => void;
		const editing = new Promise<void>((resolve) => (entered = resolve));
		const refresh = h.notifier.refreshDraft.bind(h.notifier);
		h.notifier.refreshDraft = async (channelId, messageId, view) => {
			entered();
			await gate;
			return refresh(channelId, messageId, view);
		};
		const done: string[] = [];
		const first = answerRound(h.deps, input()).then(() => done.push('agree'));
		await editing;
		const second = answerRound(h.deps, input({ answer: 'comment', text: 'Lần 2' })).then(() => done.push('comment'));
		// The third is sent once the second is stored: two answers racing to the store may land in either order.
		while ((await h.deps.answers.history(round.id, units[0]!.id)).length < 2) await sleep(10);
		const third = answerRound(h.deps, input({ answer: 'comment', text: 'Lần 3' })).then(() => done.push('last'));
		// Both later answers are stored (they then join the edit in flight at once, without I/O).
		while ((await h.deps.answers.history(round.id, units[0]!.id)).length < 3) await sleep(10);
		await sleep(50);
		expect(done).toEqual([]);
		release();
		await Promise.all([first, second, third]);
		expect(h.notifier.refreshes.map((r) => r.view.current?.text ?? r.view.current?.answer)).toEqual(['agree', 'Lần 3']);

		// Once the burst is over, the next answer gets its own edit.
		await answerRound(h.deps, input());
		expect(h.notifier.refreshes).toHaveLength(3);
		expect(h.notifier.refreshes.at(-1)?.view.current?.answer).toBe('agree');
	});

	it('GIVEN one announcement running and one queued WHEN the first ends and a third answer arrives THEN the third waits: never two edits of a round at once', async () => {
		const round = await openRound();
		// Every edit of a draft post is held until released; how many are in flight at once is recorded.
		const held: Array<() => void> = [];
		let inFlight = 0;
		let most = 0;
		const refresh = h.notifier.refreshDraft.bind(h.notifier);
		h.notifier.refreshDraft = async (channelId, messageId, view) => {
			most = Math.max(most, ++inFlight);
			await new Promise<void>((resolve) => held.push(resolve));
			inFlight--;
			return refresh(channelId, messageId, view);
		};
		const editsHeld = async (n: number) => {
			for (let i = 0; i < 500 && held.length < n; i++) await sleep(10);
			expect(held).toHaveLength(n);
		};
		// GIVEN unit 1's announcement editing, and unit 2's queued behind it
		const first = answerRound(h.deps, input());
		await editsHeld(1);
		const second = answerRound(h.deps, input({ actor: member([units[1]!.roleId]) }));
		await sleep(50);
		// WHEN the first edit ends, the queued announcement starts its edit
		held.shift()!();
		await first;
		await editsHeld(1);
		// AND a third answer arrives while that edit is in flight
		const third = answerRound(h.deps, input({ answer: 'comment', text: 'Sửa lại' }));
		while ((await h.deps.answers.history(round.id, units[0]!.id)).length < 2) await sleep(10);
		// THEN, once stored, it waits for the running one (a second edit would start within a few reads)
		for (let i = 0; i < 30 && held.length < 2; i++) await sleep(10);
		expect(held).toHaveLength(1);
		held.shift()!();
		await second;
		await editsHeld(1);
		held.shift()!();
		await third;
		expect(most).toBe(1);
		expect(h.notifier.refreshes.map((r) => [r.view.unit.code, r.view.current?.text ?? r.view.current?.answer])).toEqual(
			[
				[units[0]!.code, 'agree'],
				[units[1]!.code, 'agree'],
				[units[0]!.code, 'Sửa lại'],
			],
		);
	});

	it('GIVEN announcements of two rounds WHEN they are running THEN both are tracked, and once all are done nothing is kept', async () => {
		await openRound();
		const created = await createRound(h.deps, {
			guildId: GUILD,
			actor: coordinator(),
			title: 'Vòng 2',
			deadline: '04/10/2021 17:00',
			units: 'HTTKQG',
		});
		if (!created.ok) throw new Error(JSON.stringify(created.error));
		const published = await publishRound(h.deps, { guildId: GUILD, actor: coordinator(), round: 'R2' });
		if (!published.ok) throw new Error(JSON.stringify(published.error));
		const held: Array<() => void> = [];
		const refresh = h.notifier.refreshDraft.bind(h.notifier);
		h.notifier.refreshDraft = async (channelId, messageId, view) => {
			await new Promise<void>((resolve) => held.push(resolve));
			return refresh(channelId, messageId, view);
		};
		expect(roundsAnnouncing(h.deps)).toBe(0);
		// GIVEN two answers to R1 (one edit running, one queued) and one to R2
		const answers = [
			answerRound(h.deps, input()),
			answerRound(h.deps, input({ actor: member([units[1]!.roleId]) })),
			answerRound(h.deps, input({ round: { ref: 'R2' } })),
		];
		for (let i = 0; i < 500 && held.length < 2; i++) await sleep(10);
		// WHEN they run THEN both rounds are tracked
		expect(roundsAnnouncing(h.deps)).toBe(2);
		// WHEN every edit is let through THEN all callers return and no round's state is left behind
		const releasing = setInterval(() => held.shift()?.(), 5);
		try {
			await Promise.all(answers);
		} finally {
			clearInterval(releasing);
		}
		expect(h.notifier.refreshes).toHaveLength(3);
		expect(roundsAnnouncing(h.deps)).toBe(0);
	});
});
