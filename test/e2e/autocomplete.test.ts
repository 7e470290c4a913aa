import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import { deployCommands, expectCleanDiscord } from '../fixtures/e2e/discord.ts';

let e: E2E;

beforeEach(async () => {
	e = await startE2E({ clock: new ManualClock('2021-09-17T02:00:00Z') });
	await setUpSeedServer(e);
	// Registered commands make the fake check that the focused option really has autocomplete.
	await deployCommands(e);
});
afterEach(async () => {
	try {
		await expectCleanDiscord(e);
	} finally {
		await e.stop();
	}
});

function typing(userId: string, name: string, subcommand: string, focused: string, value: string, locale?: string) {
	return e.fake.autocomplete({
		guildId: e.guildId,
		channelId: e.generalChannelId,
		userId,
		name,
		subcommand,
		focused,
		value,
		...(locale ? { locale } : {}),
	});
}

async function createRound(title: string, units?: string, publish = true): Promise<void> {
	await e.run(e.coordinatorId, 'round', 'create', {
		title,
		deadline: '04/10/2021 17:00',
		text: 'Dự thảo',
		...(units ? { units } : {}),
	});
	const code = (await e.bot.deps.rounds.list(e.guildId, { limit: 1 }))[0]!.code;
	if (publish) await e.run(e.coordinatorId, 'round', 'publish', { round: code });
}

describe('round suggestions', () => {
	beforeEach(async () => {
		await createRound('Kế hoạch 2022 lần 1'); // R1 open, every unit
		await createRound('Dự thảo chưa gửi', 'TKG', false); // R2 draft
		await createRound('Chỉ PPCD', 'PPCD'); // R3 open, not TKG
		await createRound('Bổ sung điểm thi đua', 'TKG,TTDL'); // R4 open
	});

	it('GIVEN rounds in several states WHEN a unit member types in /feedback round THEN only open rounds that target their unit are offered, newest first', async () => {
		const tkg = e.units[4]!;
		const choices = await typing(tkg.memberId, 'feedback', 'agree', 'round', '');
		expect(choices).toEqual([
			{ name: 'R4 · Bổ sung điểm thi đua (đang xin ý kiến)', value: 'R4' },
			{ name: 'R1 · Kế hoạch 2022 lần 1 (đang xin ý kiến)', value: 'R1' },
		]);
		const en = await typing(tkg.memberId, 'feedback', 'show', 'round', 'bổ', 'en-US');
		expect(en).toEqual([{ name: 'R4 · Bổ sung điểm thi đua (open)', value: 'R4' }]);
		expect(await typing(e.outsiderId, 'feedback', 'comment', 'round', '')).toEqual([]);
	});

	it('GIVEN rounds in several states WHEN a coordinator types in /round publish or status THEN every round is offered, filtered by code or title', async () => {
		const all = await typing(e.coordinatorId, 'round', 'status', 'round', '');
		expect(all.map((c) => c.value)).toEqual(['R4', 'R3', 'R2', 'R1']);
		expect(all[2]).toEqual({ name: 'R2 · Dự thảo chưa gửi (chưa gửi)', value: 'R2' });
		expect((await typing(e.coordinatorId, 'round', 'publish', 'round', 'r2')).map((c) => c.value)).toEqual(['R2']);
		expect((await typing(e.coordinatorId, 'round', 'draft', 'round', 'KẾ HOẠCH')).map((c) => c.value)).toEqual(['R1']);
	});

	it("GIVEN a round title of 200 characters WHEN suggested THEN the choice name is cut to Discord's 100 characters", async () => {
		await createRound('Đ'.repeat(200));
		const [first] = await typing(e.coordinatorId, 'round', 'status', 'round', 'R5');
		expect(first?.value).toBe('R5');
		expect(first?.name.length).toBe(100);
		expect(first?.name.endsWith('…')).toBe(true);
	});
});

describe('unit suggestions', () => {
	it('GIVEN 40 units and one archived WHEN a coordinator types in /unit edit code THEN at most 25 active units matching code or name are offered', async () => {
		for (let i = 1; i <= 31; i++) {
			await e.bot.deps.units.create(
				e.guildId,
				[
					{
						code: `CTK${String(i).padStart(2, '0')}`,
						name: `Cục Thống kê tỉnh ${i}`,
						kind: 'provincial',
						channelId: e.generalChannelId,
						roleId: e.coordRoleId,
					},
				],
				{ guildId: e.guildId, action: 'unit.add' },
			);
		}
		await createRound('Đợt có TKG', 'TKG', false);
		await e.run(e.coordinatorId, 'unit', 'remove', { code: 'TKG' }); // archived: it is targeted

		const all = await typing(e.coordinatorId, 'unit', 'edit', 'code', '');
		expect(all).toHaveLength(25);
		const tk = await typing(e.coordinatorId, 'unit', 'remove', 'code', 'tk');
		expect(tk.map((c) => c.value)).toEqual([
			'CTK01',
			'CTK02',
			'CTK03',
			'CTK04',
			'CTK05',
			'CTK06',
			'CTK07',
			'CTK08',
			'CTK09',
			'CTK10',
			'CTK11',
			'CTK12',
			'CTK13',
			'CTK14',
			'CTK15',
			'CTK16',
			'CTK17',
			'CTK18',
			'CTK19',
			'CTK20',
			'CTK21',
			'CTK22',
			'CTK23',
			'CTK24',
			'CTK25',
		]);
		const byName = await typing(e.coordinatorId, 'unit', 'edit', 'code', 'dân số');
		expect(byName).toEqual([{ name: 'TKDSLD – Vụ Thống kê Dân số và Lao động', value: 'TKDSLD' }]);
		expect((await typing(e.coordinatorId, 'unit', 'edit', 'code', 'tkg')).map((c) => c.value)).toEqual([]);
	});

	it('GIVEN a member of two units WHEN they type in /feedback unit THEN only their own units are offered', async () => {
		const [a, b] = [e.units[0]!, e.units[8]!];
		e.fake.setMemberRoles(e.guildId, a.memberId, [a.roleId, b.roleId]);
		const choices = await typing(a.memberId, 'feedback', 'agree', 'unit', '');
		expect(choices).toEqual([
			{ name: `HTTKQG – ${a.name}`, value: 'HTTKQG' },
			{ name: `TTDL – ${b.name}`, value: 'TTDL' },
		]);
		expect(await typing(e.outsiderId, 'feedback', 'show', 'unit', '')).toEqual([]);
	});

	it('GIVEN the /round draft unit option WHEN a coordinator types part of a name THEN the matching units are offered', async () => {
		await createRound('Đợt', undefined, false);
		const choices = await typing(e.coordinatorId, 'round', 'draft', 'unit', 'giá');
		expect(choices).toEqual([{ name: 'TKG – Vụ Thống kê Giá', value: 'TKG' }]);
	});
});
