import { PermissionFlagsBits as P } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { botPermissionsIn } from '../../src/domain/permissions.ts';
import { snapshotFromCache } from '../../src/discord/guild-snapshot.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import { captureLog } from '../support/log-capture.ts';
import { clickAgree } from '../fixtures/e2e/discord.ts';

/** Traceable logs: an interaction's lines carry who/what/where; a sweep's carry its id; an incident id is findable. */

let e: E2E | undefined;
afterEach(async () => {
	vi.restoreAllMocks();
	await e?.stop();
	e = undefined;
});

describe('traceable logs', () => {
	it('GIVEN an upload that failed with its file in the error WHEN logged THEN the line keeps the error and the file only as its size', () => {
		const { log, lines } = captureLog();
		const file = Buffer.alloc(5 * 1024 * 1024, 7);
		const error = Object.assign(new Error('Request entity too large'), {
			status: 413,
			requestBody: { files: [{ name: 'bao-cao-R1.xlsx', data: file }], json: { content: 'Báo cáo' } },
		});
		log.error({ err: error, incident: 'AB12CD34' }, 'interaction failed');
		const line = lines.at(-1);
		expect(line).toMatchObject({
			msg: 'interaction failed',
			incident: 'AB12CD34',
			err: {
				type: 'Error',
				message: 'Request entity too large',
				status: 413,
				requestBody: { files: [{ name: 'bao-cao-R1.xlsx', data: '[5242880 bytes]' }], json: { content: 'Báo cáo' } },
			},
		});
		expect(JSON.stringify(line).length).toBeLessThan(10_000);
		// The error itself is untouched: discord.js may still need its request body.
		expect(error.requestBody.files[0]?.data).toBe(file);
	});

	it('GIVEN a publish that skips a unit THEN its log line carries the interaction id, command, server, round and unit', async () => {
		const { log, lines } = captureLog();
		e = await startE2E({ log });
		await setUpSeedServer(e);
		const unit = e.units[2]!;
		e.fake.setBotOverwrite(unit.channelId, { deny: P.SendMessages });
		await e.run(e.coordinatorId, 'round', 'create', { title: 'T', deadline: '2099-01-01 08:00', text: 'D' });
		const handle = e.fake.slashCommand({
			guildId: e.guildId,
			channelId: e.generalChannelId,
			userId: e.coordinatorId,
			name: 'round',
			subcommand: 'publish',
			options: { round: 'R1' },
		});
		await handle.reply();
		await e.bot.router.idle();
		const skipped = lines.find((l) => l['msg'] === 'delivery skipped: the bot cannot post in the unit channel');
		expect(skipped).toMatchObject({
			interaction: handle.id,
			command: 'round publish',
			guild: e.guildId,
			user: e.coordinatorId,
			round: 'R1',
			unit: unit.code,
		});
	});

	it('GIVEN an interaction that fails THEN the apology shows an incident id that is in the error line with the interaction', async () => {
		const { log, lines } = captureLog();
		e = await startE2E({ log });
		await setUpSeedServer(e);
		vi.spyOn(e.bot.deps.units, 'list').mockRejectedValue(new Error('disk on fire'));
		const handle = e.fake.slashCommand({
			guildId: e.guildId,
			channelId: e.generalChannelId,
			userId: e.coordinatorId,
			name: 'unit',
			subcommand: 'list',
		});
		const reply = await handle.reply();
		const incident = /\b([0-9A-F]{8})\b/.exec(reply.content)?.[1];
		expect(incident, reply.content).toBeDefined();
		const error = lines.find((l) => l['msg'] === 'interaction failed');
		expect(error).toMatchObject({ incident, interaction: handle.id, command: 'unit list', guild: e.guildId });
		expect((error?.['err'] as { message?: string } | undefined)?.message).toBe('disk on fire');
	});

	it('GIVEN the bot lost View Channel after posting WHEN an answer refreshes the draft THEN the 403 is logged with the missing permission', async () => {
		const { log, lines } = captureLog();
		e = await startE2E({ log });
		await setUpSeedServer(e);
		await e.run(e.coordinatorId, 'round', 'create', { title: 'T', deadline: '2099-01-01 08:00', text: 'D' });
		await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		const unit = e.units[4]!;
		e.fake.setBotOverwrite(unit.channelId, { deny: P.ViewChannel });
		// The bot's cache (what the preflight reads) has seen the change.
		await vi.waitFor(() => {
			const snapshot = e && snapshotFromCache(e.bot.client, e.guildId);
			expect(snapshot && botPermissionsIn(snapshot, unit.channelId)).toBe(0n);
		});
		await clickAgree(e, unit.channelId, unit.memberId).reply();
		await e.bot.router.idle();
		const line = lines.find((l) => l['msg'] === 'draft post not refreshed');
		expect(line).toMatchObject({
			unit: unit.code,
			reason: 'missing-permission',
			problems: [{ kind: 'permission', permission: 'ViewChannel', blocking: true }],
			command: 'agree',
		});
	});

	it('GIVEN a sweep THEN its lines carry the sweep id, a different one per sweep', async () => {
		const { log, lines } = captureLog();
		e = await startE2E({ log });
		await e.bot.tick();
		await e.bot.tick();
		const sweeps = lines.filter((l) => l['msg'] === 'sweep finished');
		expect(sweeps).toHaveLength(2);
		expect(sweeps[0]?.['sweep']).toMatch(/^[0-9a-f]{8}$/);
		expect(sweeps[1]?.['sweep']).not.toBe(sweeps[0]?.['sweep']);
	});
});
