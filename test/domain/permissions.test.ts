import { describe, expect, it } from 'vitest';
import {
	ALL,
	Perm,
	basePermissions,
	channelPermissions,
	channelProblems,
	hasPerm,
	pingProblems,
	targetProblems,
	type GuildSnapshot,
	type MemberSnapshot,
	type Overwrite,
} from '../../src/domain/permissions.ts';

const G = '100';
const BOT = '200';
const OWNER = '300';
const ROLE_A = '401';
const ROLE_B = '402';
const OTHER_ROLE = '403';

const {
	ViewChannel: V,
	SendMessages: S,
	EmbedLinks: E,
	AttachFiles: F,
	ReadMessageHistory: H,
	MentionEveryone: M,
} = Perm;
const TEXT = V | S | E | F | H;

function member(everyone: bigint, roles: Record<string, bigint>, userId = BOT): MemberSnapshot {
	return {
		guildId: G,
		ownerId: OWNER,
		userId,
		roleIds: Object.keys(roles),
		rolePermissions: new Map<string, bigint>([[G, everyone], ...Object.entries(roles)]),
	};
}

const role = (id: string, allow: bigint, deny: bigint): Overwrite => ({ id, type: 0, allow, deny });
const own = (allow: bigint, deny: bigint): Overwrite => ({ id: BOT, type: 1, allow, deny });

describe('basePermissions (Discord: compute_base_permissions)', () => {
	it.each([
		['@everyone alone', member(V | S, {}), V | S],
		['@everyone OR every member role', member(V, { [ROLE_A]: S, [ROLE_B]: F }), V | S | F],
		['administrator on any role gives everything', member(0n, { [ROLE_A]: Perm.Administrator }), ALL],
		['the owner has everything', member(0n, {}, OWNER), ALL],
	])('GIVEN %s THEN the base permissions follow', (_name, m, expected) => {
		expect(basePermissions(m)).toBe(expected);
	});
});

describe('everything, as an owner or administrator has it', () => {
	it('GIVEN the owner THEN every permission gopy needs holds, and all 64 bits are set', () => {
		const perms = basePermissions(member(0n, {}, OWNER));
		for (const flag of Object.values(Perm)) expect(hasPerm(perms, flag)).toBe(true);
		expect(ALL).toBe(0xffff_ffff_ffff_ffffn);
	});
});

describe('channelPermissions (Discord: compute_overwrites + implicit permissions)', () => {
	it.each<[string, MemberSnapshot, Overwrite[], bigint]>([
		['no overwrites: the base permissions', member(TEXT, {}), [], TEXT],
		['@everyone overwrite denies Attach Files', member(TEXT, {}), [role(G, 0n, F)], TEXT & ~F],
		[
			'@everyone deny then a member role allows it back',
			member(TEXT, { [ROLE_A]: 0n }),
			[role(G, 0n, F), role(ROLE_A, F, 0n)],
			TEXT,
		],
		[
			'a role allow wins over another role deny (allows gathered)',
			member(TEXT, { [ROLE_A]: 0n, [ROLE_B]: 0n }),
			[role(ROLE_A, 0n, E), role(ROLE_B, E, 0n)],
			TEXT,
		],
		['an overwrite for a role the member lacks is ignored', member(TEXT, {}), [role(OTHER_ROLE, 0n, S)], TEXT],
		['a member role overwrite denies alone', member(TEXT, { [ROLE_A]: 0n }), [role(ROLE_A, 0n, F)], TEXT & ~F],
		[
			'the role list names @everyone too (as discord.js lists it): @everyone’s overwrite still comes first, a role’s deny wins',
			{ ...member(V | S | H, { [ROLE_A]: 0n }), roleIds: [G, ROLE_A] },
			[role(G, F, 0n), role(ROLE_A, 0n, F)],
			V | S | H,
		],
		[
			'another member’s overwrite does not apply to the bot',
			member(TEXT, { [ROLE_A]: 0n }),
			[{ id: OWNER, type: 1, allow: 0n, deny: S }],
			TEXT,
		],
		[
			'the member overwrite comes last and wins over role allows',
			member(TEXT, { [ROLE_A]: 0n }),
			[role(ROLE_A, F, 0n), own(0n, F)],
			TEXT & ~F,
		],
		['the member overwrite allows back what @everyone denied', member(TEXT, {}), [role(G, 0n, S), own(S, 0n)], TEXT],
		[
			'administrator ignores every overwrite',
			member(0n, { [ROLE_A]: Perm.Administrator }),
			[role(G, 0n, V), own(0n, V)],
			ALL,
		],
		['no View Channel: nothing at all in the channel', member(TEXT, {}), [role(G, 0n, V)], 0n],
		[
			'no Send Messages: Embed Links, Attach Files and Mention Everyone go too',
			member(TEXT | M, {}),
			[own(0n, S)],
			V | H,
		],
	])('GIVEN %s THEN the channel permissions follow', (_name, m, overwrites, expected) => {
		expect(channelPermissions(m, overwrites)).toBe(expected);
	});
});

describe('channelProblems: what a post needs', () => {
	it.each<[string, bigint | null, { files: boolean; embeds: boolean }, Array<[string, boolean]>]>([
		['everything granted', TEXT, { files: true, embeds: true }, []],
		['channel gone', null, { files: false, embeds: false }, [['channel-missing', true]]],
		['cannot see: only View Channel is named', 0n, { files: true, embeds: true }, [['ViewChannel', true]]],
		['cannot send', V | H, { files: false, embeds: false }, [['SendMessages', true]]],
		['no Attach Files matters only with files', TEXT & ~F, { files: false, embeds: true }, []],
		['no Attach Files with a file draft blocks', TEXT & ~F, { files: true, embeds: true }, [['AttachFiles', true]]],
		['no Embed Links blocks an embed post', TEXT & ~E, { files: false, embeds: true }, [['EmbedLinks', true]]],
		['no Embed Links does not matter to a post without embeds', TEXT & ~E, { files: false, embeds: false }, []],
		[
			'no Read Message History is a warning',
			TEXT & ~H,
			{ files: false, embeds: true },
			[['ReadMessageHistory', false]],
		],
	])('GIVEN %s THEN the problems are named', (_name, perms, use, expected) => {
		const got = channelProblems(perms, use).map((p) => [p.kind === 'permission' ? p.permission : p.kind, p.blocking]);
		expect(got).toEqual(expected);
	});
});

describe('pingProblems: does the role ping notify anyone', () => {
	it.each<[string, bigint | null, { mentionable: boolean; everyone?: boolean } | null, string[]]>([
		['mentionable role', TEXT, { mentionable: true }, []],
		['not mentionable, bot has Mention Everyone', TEXT | M, { mentionable: false }, []],
		['not mentionable, no Mention Everyone', TEXT, { mentionable: false }, ['ping-silent']],
		['@everyone as the role needs Mention Everyone', TEXT, { mentionable: true, everyone: true }, ['ping-silent']],
		['role deleted', TEXT, null, ['role-missing']],
		['channel permissions unknown, role not mentionable', null, { mentionable: false }, ['ping-silent']],
	])('GIVEN %s THEN the ping is judged', (_name, perms, r, expected) => {
		expect(pingProblems(perms, r).map((p) => p.kind)).toEqual(expected);
	});

	it('GIVEN a deleted role or a silent ping THEN neither stops the post (not blocking)', () => {
		expect(pingProblems(TEXT, null)).toEqual([{ kind: 'role-missing', blocking: false }]);
		expect(pingProblems(TEXT, { mentionable: false })).toEqual([{ kind: 'ping-silent', blocking: false }]);
	});
});

describe('targetProblems over a server snapshot', () => {
	const snapshot = (channelOverwrites: Overwrite[], mentionable: boolean): GuildSnapshot => ({
		guildId: G,
		ownerId: OWNER,
		botUserId: BOT,
		botRoleIds: [ROLE_A],
		roles: new Map([
			[G, { name: '@everyone', permissions: TEXT, mentionable: false }],
			[ROLE_A, { name: 'gopy', permissions: 0n, mentionable: false }],
			[ROLE_B, { name: 'Unit B', permissions: 0n, mentionable }],
		]),
		channels: new Map([['900', { name: 'unit-b', overwrites: channelOverwrites }]]),
	});

	it('GIVEN a good channel and a mentionable role THEN no problem', () => {
		expect(
			targetProblems(snapshot([], true), { channelId: '900', roleId: ROLE_B }, { files: true, embeds: true }),
		).toEqual([]);
	});

	it('GIVEN the bot denied Send Messages by a member overwrite THEN Send Messages blocks and the ping is not judged', () => {
		const problems = targetProblems(
			snapshot([own(0n, S)], false),
			{ channelId: '900', roleId: ROLE_B },
			{
				files: false,
				embeds: true,
			},
		);
		expect(problems).toEqual([{ kind: 'permission', permission: 'SendMessages', blocking: true }]);
	});

	it('GIVEN a role that is not mentionable THEN the post goes but the ping is silent', () => {
		const problems = targetProblems(
			snapshot([], false),
			{ channelId: '900', roleId: ROLE_B },
			{ files: false, embeds: true },
		);
		expect(problems).toEqual([{ kind: 'ping-silent', blocking: false }]);
	});

	it('GIVEN a unit without a role to ping THEN only the channel is judged', () => {
		expect(
			targetProblems(snapshot([], false), { channelId: '900', roleId: null }, { files: true, embeds: true }),
		).toEqual([]);
	});

	it('GIVEN the unit’s role is @everyone, even marked mentionable, and the bot lacks Mention Everyone THEN the ping is silent', () => {
		const g = snapshot([], true);
		const roles = new Map(g.roles);
		roles.set(G, { name: '@everyone', permissions: TEXT, mentionable: true });
		expect(targetProblems({ ...g, roles }, { channelId: '900', roleId: G }, { files: false, embeds: true })).toEqual([
			{ kind: 'ping-silent', blocking: false },
		]);
	});

	it('GIVEN a channel id the server does not have THEN channel-missing', () => {
		expect(
			targetProblems(snapshot([], true), { channelId: '901', roleId: ROLE_B }, { files: false, embeds: true }),
		).toEqual([{ kind: 'channel-missing', blocking: true }]);
	});
});
