import { ApplicationCommandOptionType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { vi as viCatalog } from '../../src/i18n/vi.ts';
import { en } from '../../src/i18n/en.ts';
import { ManualClock } from '../support/clock.ts';
import { dbSnapshot } from '../support/db-snapshot.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import type { SlashOptionValue } from '../support/fake-discord/index.ts';
import { botMessages, buttonIds, expectCleanDiscord, file } from '../fixtures/e2e/discord.ts';

/**
 * Issue 11: who may do what, generated from the command registry. Every command and subcommand of commands/index.ts,
 * every autocomplete option, the two buttons and the comment modal, × five people: a Manage Server admin, a
 * coordinator, a member of unit A, a member of unit B acting on unit A, and a member with no role. Allowed ones
 * succeed; refused ones answer privately with the access refusal and leave the database byte-for-byte unchanged.
 * A command or subcommand added later without a row here fails the first test.
 */

type Who = 'admin' | 'coordinator' | 'memberA' | 'memberBonA' | 'nobody';
const EVERYONE: Who[] = ['admin', 'coordinator', 'memberA', 'memberBonA', 'nobody'];
const COORDINATORS: Who[] = ['admin', 'coordinator'];

type Options = Record<string, SlashOptionValue>;
interface Row {
	allowed: Who[];
	/** Options for a person; `who` lets each allowed person act on its own object (two removals cannot share one). */
	options: (who: Who) => Options;
	/** What a success says (checked on the allowed people's replies). */
	ok: RegExp;
}

const clock = new ManualClock('2026-03-02T02:00:00Z'); // Monday 02/03/2026 09:00 in Hà Nội
let e: E2E;
let A: E2E['units'][number];
let B: E2E['units'][number];
let commentRef = '';
const ROUND_OPEN = 'R1';
const ROUND_DRAFT = 'R2';
/** Rounds each coordinator may publish or close on their own. */
const OWN_ROUND: Record<'admin' | 'coordinator', { publish: string; close: string }> = {
	admin: { publish: 'R3', close: 'R5' },
	coordinator: { publish: 'R4', close: 'R6' },
};
const idx = (who: Who) => EVERYONE.indexOf(who) + 1;
const own = (who: Who) => OWN_ROUND[who === 'admin' ? 'admin' : 'coordinator'];
const unitA = (who: Who) => (who === 'memberBonA' ? { unit: A.code } : {});

const MATRIX: Record<string, Row> = {
	ping: { allowed: EVERYONE, options: () => ({}), ok: /\d+ ms/ },
	setup: {
		allowed: COORDINATORS,
		options: () => ({
			coordinator_role: { type: 'role', id: e.coordRoleId },
			report_channel: { type: 'channel', id: e.reportChannelId },
		}),
		ok: /Asia\/Ho_Chi_Minh/,
	},
	'unit add': {
		allowed: COORDINATORS,
		options: (who) => ({
			code: `NEW${idx(who)}`,
			name: 'Đơn vị mới',
			channel: { type: 'channel', id: e.generalChannelId },
			role: { type: 'role', id: B.roleId },
		}),
		ok: /NEW\d/,
	},
	'unit edit': { allowed: COORDINATORS, options: () => ({ code: A.code, name: A.name }), ok: new RegExp(A_CODE()) },
	'unit remove': { allowed: COORDINATORS, options: (who) => ({ code: `DEL${idx(who)}` }), ok: /DEL\d/ },
	'unit list': { allowed: COORDINATORS, options: () => ({}), ok: /TKG/ },
	'unit import': {
		allowed: COORDINATORS,
		options: (who) => ({
			file: file('units.csv', `code,name,channel,role\nIMP${idx(who)},Nhập,chung,${B.code}\n`),
		}),
		ok: /1/,
	},
	'round create': {
		allowed: COORDINATORS,
		options: () => ({ title: 'Đợt mới', deadline: '30/03/2026 17:00', text: 'D', units: A.code }),
		ok: /\*\*R\d+\*\*/,
	},
	'round draft': {
		allowed: COORDINATORS,
		options: () => ({ round: ROUND_DRAFT, unit: A.code, text: 'Dự thảo A' }),
		ok: /R2/,
	},
	'round drafts': {
		allowed: COORDINATORS,
		options: () => ({ round: ROUND_DRAFT, file: file('drafts.csv', `unit,text\n${A.code},Dự thảo riêng của A\n`) }),
		ok: /1/,
	},
	'round publish': { allowed: COORDINATORS, options: (who) => ({ round: own(who).publish }), ok: /R[34]/ },
	'round status': { allowed: COORDINATORS, options: () => ({ round: ROUND_OPEN }), ok: /R1/ },
	'round list': { allowed: COORDINATORS, options: () => ({}), ok: /R1/ },
	'round extend': {
		allowed: COORDINATORS,
		options: (who) => ({ round: ROUND_OPEN, deadline: who === 'admin' ? '02/04/2026 17:00' : '01/04/2026 17:00' }),
		ok: /R1/,
	},
	'round close': { allowed: COORDINATORS, options: (who) => ({ round: own(who).close }), ok: /R[56]/ },
	// The second coordinator is told the units were reminded moments ago: allowed, and no second reminder.
	'round remind': { allowed: COORDINATORS, options: () => ({ round: ROUND_OPEN }), ok: /R1|again/ },
	'round items': {
		allowed: COORDINATORS,
		options: () => ({ round: ROUND_DRAFT, file: file('items.csv', `unit,code,title\n${A.code},BC01,Báo cáo tháng\n`) }),
		ok: /R2|1/,
	},
	'round baseline': {
		allowed: COORDINATORS,
		options: () => ({ round: ROUND_OPEN, file: file('items.csv', `unit,code,title\n${A.code},BC01,Báo cáo tháng\n`) }),
		ok: /R1|1/,
	},
	'round report': { allowed: COORDINATORS, options: () => ({ round: ROUND_OPEN }), ok: /R1/ },
	'feedback agree': { allowed: ['memberA'], options: (who) => ({ round: ROUND_OPEN, ...unitA(who) }), ok: /R1/ },
	'feedback comment': {
		allowed: ['memberA'],
		options: (who) => ({ round: ROUND_OPEN, text: 'Đề nghị bổ sung', ...unitA(who) }),
		ok: /R1/,
	},
	'feedback show': {
		allowed: ['admin', 'coordinator', 'memberA'],
		options: (who) => ({ round: ROUND_OPEN, ...(who === 'memberA' ? {} : { unit: A.code }) }),
		ok: new RegExp(A_CODE()),
	},
	'feedback record': {
		allowed: COORDINATORS,
		options: () => ({ round: ROUND_OPEN, unit: B.code, answer: 'agree', source: 'Công văn số 12' }),
		ok: new RegExp(B_CODE()),
	},
	'calendar holiday-add': {
		allowed: COORDINATORS,
		options: (who) => ({ date: `2026-12-0${idx(who)}`, name: 'Ngày nghỉ' }),
		ok: /2026|12/,
	},
	'calendar holiday-remove': { allowed: COORDINATORS, options: (who) => ({ date: `2026-11-0${idx(who)}` }), ok: /11/ },
	'calendar list': { allowed: COORDINATORS, options: () => ({}), ok: /08:00-17:00/ },
	'calendar import': {
		allowed: COORDINATORS,
		options: (who) => ({ file: file('holidays.csv', `date,name\n2026-10-0${idx(who)},Nghỉ\n`) }),
		ok: /1/,
	},
	'comment resolve': {
		allowed: COORDINATORS,
		options: (who) => ({ comment: commentRef, outcome: who === 'admin' ? 'accepted' : 'explained' }),
		ok: /TKCNXD/,
	},
	'audit export': { allowed: COORDINATORS, options: () => ({}), ok: /\d/ },
};

// Helpers usable before A and B are known (the regexes are built when the rows are read).
function A_CODE(): string {
	return 'TKG';
}
function B_CODE(): string {
	return 'TKCNXD';
}

/** Every leaf of the registry: `name` or `name subcommand` (groups as `name group subcommand`). */
function registryLeaves(): string[] {
	const leaves: string[] = [];
	for (const command of commands) {
		const subs = (command.data.options ?? []).filter(
			(o) =>
				o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup,
		);
		if (subs.length === 0) leaves.push(command.data.name);
		for (const sub of subs) {
			if (sub.type === ApplicationCommandOptionType.SubcommandGroup) {
				for (const leaf of sub.options ?? []) leaves.push(`${command.data.name} ${sub.name} ${leaf.name}`);
			} else leaves.push(`${command.data.name} ${sub.name}`);
		}
	}
	return leaves;
}

/** Every option with autocomplete: `name subcommand option`. */
function autocompleteOptions(): string[] {
	const found: string[] = [];
	for (const command of commands) {
		for (const option of command.data.options ?? []) {
			if (option.type === ApplicationCommandOptionType.Subcommand) {
				for (const o of option.options ?? []) {
					if ('autocomplete' in o && o.autocomplete) found.push(`${command.data.name} ${option.name} ${o.name}`);
				}
			} else if ('autocomplete' in option && option.autocomplete) found.push(`${command.data.name} ${option.name}`);
		}
	}
	return found;
}

/** Who gets suggestions from each autocomplete option, and what: coordinators everything, members their own. */
type Suggests = 'coordinator' | 'member-rounds' | 'member-units';
const AUTOCOMPLETE: Record<string, Suggests> = {
	'unit edit code': 'coordinator',
	'unit remove code': 'coordinator',
	'round create from': 'coordinator',
	'round draft round': 'coordinator',
	'round draft unit': 'coordinator',
	'round drafts round': 'coordinator',
	'round publish round': 'coordinator',
	'round status round': 'coordinator',
	'round extend round': 'coordinator',
	'round close round': 'coordinator',
	'round remind round': 'coordinator',
	'round items round': 'coordinator',
	'round baseline round': 'coordinator',
	'round report round': 'coordinator',
	'feedback agree round': 'member-rounds',
	'feedback agree unit': 'member-units',
	'feedback comment round': 'member-rounds',
	'feedback comment unit': 'member-units',
	'feedback show round': 'member-rounds',
	'feedback show unit': 'member-units',
	'feedback record round': 'coordinator',
	'feedback record unit': 'coordinator',
	'comment resolve comment': 'coordinator',
	'audit export round': 'coordinator',
};

/** Unit A's draft post of R1 (its channel also holds other rounds' posts and reminders). */
async function r1Post() {
	const round = (await e.bot.deps.rounds.list(e.guildId)).find((r) => r.code === ROUND_OPEN)!;
	const posts = botMessages(e, A.channelId).filter((m) =>
		buttonIds(m).some((id) => id.split(':')[2] === String(round.id)),
	);
	// The first is the draft post; reminders after it carry the same buttons.
	expect(posts.length).toBeGreaterThan(0);
	return posts[0]!;
}

function userOf(who: Who): string {
	switch (who) {
		case 'admin':
			return e.adminId;
		case 'coordinator':
			return e.coordinatorId;
		case 'memberA':
			return A.memberId;
		case 'memberBonA':
			return B.memberId;
		case 'nobody':
			return e.outsiderId;
	}
}

/** The access refusals a person may get, in either language. */
function accessRefusals(): string[] {
	return [viCatalog, en].flatMap((t) => [
		t.errors.notCoordinator,
		t.feedback.notMember,
		t.feedback.notMemberOfUnit({ unit: A.code }),
		t.feedback.notMemberOfUnit({ unit: B.code }),
	]);
}

beforeAll(async () => {
	e = await startE2E({ clock });
	await setUpSeedServer(e);
	A = e.units.find((u) => u.code === A_CODE())!;
	B = e.units.find((u) => u.code === B_CODE())!;
	const run = async (name: string, sub: string | undefined, options: Options, expected: RegExp) => {
		const reply = await e.run(e.coordinatorId, name, sub, options);
		expect(reply.content, `${name} ${sub ?? ''}`).toMatch(expected);
	};
	const two = `${A.code},${B.code}`;
	await run('round', 'create', { title: 'Đợt mở', deadline: '30/03/2026 17:00', text: 'D', units: two }, /R1/);
	await run('round', 'create', { title: 'Đợt dự thảo', deadline: '30/03/2026 17:00', text: 'D', units: two }, /R2/);
	for (const r of ['R3', 'R4', 'R5', 'R6'])
		await run(
			'round',
			'create',
			{ title: `Đợt ${r}`, deadline: '30/03/2026 17:00', text: 'D', units: two },
			new RegExp(r),
		);
	await run('round', 'publish', { round: 'R1' }, /R1/);
	for (const who of EVERYONE) {
		await run(
			'unit',
			'add',
			{
				code: `DEL${idx(who)}`,
				name: 'Để xóa',
				channel: { type: 'channel', id: e.generalChannelId },
				role: { type: 'role', id: B.roleId },
			},
			/DEL/,
		);
		await run('calendar', 'holiday-add', { date: `2026-11-0${idx(who)}`, name: 'Nghỉ' }, /./);
	}
	// A comment of unit B, for /comment resolve.
	const commented = await e.run(B.memberId, 'feedback', 'comment', { round: 'R1', text: 'Góp ý của B' });
	expect(commented.content).toContain('R1');
	const round = (await e.bot.deps.rounds.list(e.guildId)).find((r) => r.code === 'R1')!;
	const current = (await e.bot.deps.answers.current(round.id)).get(
		(await e.bot.deps.units.findByCode(e.guildId, B.code))!.id,
	)!;
	commentRef = `C${current.id}`;
}, 60_000);

afterAll(async () => {
	try {
		await expectCleanDiscord(e);
	} finally {
		await e.stop();
	}
});

describe('authorization matrix (issue 11)', () => {
	it('GIVEN the command registry WHEN compared with the matrix THEN every command, subcommand and autocomplete option has exactly one row', () => {
		expect(Object.keys(MATRIX).sort()).toEqual(registryLeaves().sort());
		expect(Object.keys(AUTOCOMPLETE).sort()).toEqual(autocompleteOptions().sort());
	});

	const cases = registryLeaves().flatMap((leaf) =>
		// Refusals first: each compares the database before and after, whatever allowed people did before.
		[...EVERYONE].reverse().map((who) => [leaf, who] as const),
	);
	it.each(cases)('GIVEN /%s by %s WHEN run THEN it is allowed or refused as the matrix says', async (leaf, who) => {
		const row = MATRIX[leaf];
		expect(row, `a matrix row for /${leaf}`).toBeDefined();
		if (!row) return;
		const [name, ...subs] = leaf.split(' ');
		const before = dbSnapshot(e.dbUrl);
		const reply = await e.run(userOf(who), name!, subs.at(-1), row.options(who));
		expect(reply.ephemeral).toBe(true);
		if (row.allowed.includes(who)) {
			expect(accessRefusals(), `/${leaf} by ${who}: ${reply.content}`).not.toContain(reply.content);
			expect(reply.content, `/${leaf} by ${who}`).toMatch(row.ok);
			expect(reply.content).not.toMatch(/incident|sự cố/i);
		} else {
			expect(accessRefusals(), `/${leaf} by ${who} is refused for access`).toContain(reply.content);
			expect(dbSnapshot(e.dbUrl), `/${leaf} by ${who} changed the database`).toBe(before);
		}
	});

	const suggestCases = autocompleteOptions().flatMap((option) => EVERYONE.map((who) => [option, who] as const));
	it.each(suggestCases)(
		'GIVEN the autocomplete of %s typed by %s WHEN asked THEN only what they may see is suggested',
		async (option, who) => {
			const [name, subcommand, focused] = option.split(' ');
			const before = dbSnapshot(e.dbUrl);
			const choices = await e.fake.autocomplete({
				guildId: e.guildId,
				channelId: e.generalChannelId,
				userId: userOf(who),
				name: name!,
				subcommand: subcommand!,
				options: { [focused!]: '' },
				focused: focused!,
				value: '',
			});
			const values = choices.map((c) => String(c.value));
			const scope = AUTOCOMPLETE[option]!;
			if (scope === 'coordinator') {
				if (COORDINATORS.includes(who)) expect(values.length, `${option} for ${who}`).toBeGreaterThan(0);
				else expect(values, `${option} for ${who}`).toEqual([]);
			} else if (scope === 'member-units') {
				const mine = who === 'memberA' ? [A.code] : who === 'memberBonA' ? [B.code] : [];
				expect(values.filter((v) => !v.startsWith('DEL') && !v.startsWith('NEW') && !v.startsWith('IMP'))).toEqual(
					mine,
				);
			} else {
				// Open rounds addressed to one of their units: R1 for both members, nothing for anyone else.
				const mine = who === 'memberA' || who === 'memberBonA' ? ['R1'] : [];
				expect(values.filter((v) => v === 'R1' || !['R3', 'R4'].includes(v)).filter((v) => v === 'R1')).toEqual(mine);
				if (mine.length === 0) expect(values).toEqual([]);
			}
			expect(dbSnapshot(e.dbUrl)).toBe(before);
		},
	);

	it.each([...EVERYONE].reverse())(
		"GIVEN unit A's Agree button clicked by %s WHEN handled THEN only a member of A records an answer",
		async (who) => {
			const post = await r1Post();
			const before = dbSnapshot(e.dbUrl);
			const reply = await e.fake
				.clickButton({
					guildId: e.guildId,
					channelId: A.channelId,
					userId: userOf(who),
					messageId: post.id,
					customId: buttonIds(post)[0]!,
				})
				.reply();
			await e.bot.router.idle();
			expect(reply.ephemeral).toBe(true);
			if (who === 'memberA') expect(accessRefusals()).not.toContain(reply.content);
			else {
				expect(accessRefusals()).toContain(reply.content);
				expect(dbSnapshot(e.dbUrl)).toBe(before);
			}
		},
	);

	it.each([...EVERYONE].reverse())(
		"GIVEN unit A's Comment button and modal used by %s WHEN submitted THEN only a member of A records a comment",
		async (who) => {
			const post = await r1Post();
			const before = dbSnapshot(e.dbUrl);
			const opened = e.fake.clickButton({
				guildId: e.guildId,
				channelId: A.channelId,
				userId: userOf(who),
				messageId: post.id,
				customId: buttonIds(post)[1]!,
			});
			// The modal opens for anyone (nothing is read or written before it); the submission is the gate.
			const modal = await opened.modal();
			expect(dbSnapshot(e.dbUrl)).toBe(before);
			const reply = await e.fake
				.submitModal({
					guildId: e.guildId,
					channelId: A.channelId,
					userId: userOf(who),
					customId: modal.custom_id,
					messageId: post.id,
					fields: { text: `Góp ý của ${who}`, items: '' },
				})
				.reply();
			await e.bot.router.idle();
			expect(reply.ephemeral).toBe(true);
			if (who === 'memberA') expect(accessRefusals()).not.toContain(reply.content);
			else {
				expect(accessRefusals()).toContain(reply.content);
				expect(dbSnapshot(e.dbUrl)).toBe(before);
			}
		},
	);
});
