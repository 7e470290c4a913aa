import { afterEach, describe, expect, it } from 'vitest';
import {
	buildOffice,
	createOfficeRound,
	draftPostsIn,
	eventually,
	spawnBot,
	type BotProcess,
	type Office,
} from '../support/crash-harness.ts';

const UNITS = 40;

let office: Office | undefined;
let bot: BotProcess | undefined;
afterEach(async () => {
	await bot?.kill();
	await office?.close();
	bot = office = undefined;
});

describe('a publish killed half-way (kill -9 of the bot process)', () => {
	it(`GIVEN a publish to ${UNITS} units killed half-way WHEN the bot starts again THEN every unit gets exactly one post of its draft, with nobody publishing again, even past the nonce window`, async () => {
		// Discord remembers a nonce for a few minutes; here for 1 s, so a post that landed before the kill must be
		// recognised in its channel (adopted), not protected by its nonce.
		office = await buildOffice(UNITS, { nonceWindowMs: 1000 });
		const round = await createOfficeRound(office, { deadline: new Date(Date.now() + 7 * 24 * 3600_000) });
		// Posts go out together (up to Discord's 50 at once): the second half of the channels answers slowly, so the
		// kill comes while their posts are in flight (some land after it, unrecorded) or not yet made.
		const slowChannels = office.units.slice(UNITS / 2).map((u) => u.channelId);
		office.fake.faults.slow(new RegExp(`/channels/(${slowChannels.join('|')})/messages$`), 2000);
		office.fake.faults.slow(/\/channels\/\d+\/messages$/, 60);
		bot = spawnBot(office);
		await bot.ready();
		const o = office;
		const publish = o.fake.slashCommand({
			guildId: o.guildId,
			channelId: o.generalChannelId,
			userId: o.coordinatorId,
			name: 'round',
			subcommand: 'publish',
			options: { round },
		});
		await publish.acked;
		const delivered = () => o.units.filter((u) => draftPostsIn(o, u).length > 0).length;
		expect(await eventually(() => delivered() >= UNITS / 2, 60_000)).toBe(true);
		await bot.kill();
		const atKill = delivered();
		expect(atKill).toBeLessThan(UNITS);

		bot = spawnBot(o);
		await bot.ready();
		expect(await eventually(() => delivered() === UNITS, 60_000), bot.output()).toBe(true);
		// A few more sweeps: nothing may arrive twice.
		await new Promise((r) => setTimeout(r, 3000));
		for (const unit of o.units) expect(draftPostsIn(o, unit).length, unit.code).toBe(1);
	}, 240_000);
});
