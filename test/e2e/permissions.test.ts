import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';

let e: E2E;
beforeEach(async () => {
	e = await startE2E();
	await setUpSeedServer(e);
});
afterEach(async () => {
	await e.stop();
});

const file = (name: string, text: string) => ({ attachment: { filename: name, data: Buffer.from(text) } });
const downloads = () => e.fake.requests.filter((r) => r.path.startsWith('/attachments/')).length;

describe('coordinator-only uploads', () => {
	it.each([
		['unit', 'import', { file: file('u.csv', 'code,name,kind,channel,role\n') }],
		['calendar', 'import', { file: file('h.csv', 'date,name\n') }],
		['round', 'create', { title: 'T', deadline: '2099-01-01 08:00', draft: file('d.pdf', '%PDF') }],
	] as const)(
		'GIVEN a unit member WHEN they upload to /%s %s THEN they are refused and the bot downloads nothing',
		async (name, sub, options) => {
			const member = e.units[0]!.memberId;
			const before = downloads();
			const reply = await e.run(member, name, sub, { ...options });
			expect(reply.content).toBe(
				'Tài khoản này không có quyền điều phối: cần vai trò điều phối hoặc quyền Quản lý máy chủ.',
			);
			expect(downloads()).toBe(before);
		},
	);

	it('GIVEN @everyone as the role WHEN a coordinator adds a unit THEN it is refused', async () => {
		const reply = await e.run(e.coordinatorId, 'unit', 'add', {
			code: 'NEW',
			name: 'Đơn vị mới',
			channel: { type: 'channel', id: e.generalChannelId },
			role: { type: 'role', id: e.guildId },
		});
		expect(reply.content).toContain('Không dùng được vai trò');
	});

	it('GIVEN a non-coordinator WHEN they type in a coordinator command option THEN no round or unit names are suggested', async () => {
		await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Kế hoạch bí mật',
			deadline: '2099-01-01 08:00',
			text: 'D',
		});
		const member = e.units[0]!.memberId;
		const base = {
			guildId: e.guildId,
			channelId: e.generalChannelId,
			userId: member,
			name: 'round',
			subcommand: 'publish',
		};
		expect(await e.fake.autocomplete({ ...base, options: { round: '' }, focused: 'round', value: '' })).toEqual([]);
		const coordinatorSees = await e.fake.autocomplete({
			...base,
			userId: e.coordinatorId,
			options: { round: '' },
			focused: 'round',
			value: '',
		});
		expect(coordinatorSees.map((c) => c.value)).toEqual(['R1']);
	});
});
