import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PermissionFlagsBits, Routes } from 'discord.js';
import { commands } from '../commands/index.ts';
import { startBot, type Bot } from '../src/bot.ts';
import { loadConfig } from '../src/config/env.ts';
import { readTable } from '../src/infra/files/read-table.ts';
import { createLogger } from '../src/infra/logger.ts';
import { ManualClock } from '../test/support/clock.ts';
import {
	FakeDiscord,
	type FakeMessage,
	type FakeReply,
	type SlashOptionValue,
} from '../test/support/fake-discord/index.ts';
import { Transcript } from './transcript.ts';

/**
 * The main job on the embedded defaults, end to end: the seed's round 2 (revised drafts to 9 departments,
 * "9/9 answered: 6 agreed, 3 commented") run by people on a fake Discord against the real bot and a fresh
 * SQLite file. Everything goes through what a person does: slash commands, an uploaded CSV, buttons.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const UNITS_FILE = path.join(HERE, 'units-round2.csv');

export const ROUND_TITLE = 'Rà soát kế hoạch công tác năm 2022 (lần 2)';
const ZONE = 'Asia/Ho_Chi_Minh';

/** Report items per unit in the revised drafts: 269 in all, as in the seed's round 2. */
const ITEMS: Record<string, number> = {
	HTTKQG: 38,
	TKCNXD: 31,
	TKNLTS: 35,
	TKTMDV: 30,
	TKG: 27,
	TKDSLD: 29,
	TKXHMT: 28,
	PPCD: 26,
	TTDL: 25,
};

/** The three units that comment; the six others agree with the Agree button. */
const COMMENTS: Record<string, string> = {
	TKNLTS: 'Đề nghị lùi hạn báo cáo thủy sản quý IV sang ngày 20 của tháng đầu quý sau.',
	TKDSLD: 'Đề nghị gộp hai báo cáo lao động – việc làm hằng quý thành một báo cáo.',
	TTDL: 'Đề nghị bổ sung điểm cho báo cáo tiến độ thu thập dữ liệu hằng tháng.',
};

/** Hà Nội wall-clock time (UTC+7, no daylight saving) as an instant. */
function hanoi(isoLocal: string): Date {
	return new Date(`${isoLocal}:00+07:00`);
}

export interface DemoResult {
	/** The whole transcript, ready to print. */
	transcript: string;
	/** The coordinator's final `/round status` reply. */
	status: string;
	/** The status picture attached to that reply (PNG). */
	picture: { name: string; data: Buffer };
}

export class DemoError extends Error {
	override name = 'DemoError';
}

interface DemoUnit {
	code: string;
	name: string;
	channelId: string;
	channelName: string;
	roleId: string;
	memberId: string;
}

/** Runs the scenario and returns its transcript; throws DemoError when the bot does not behave as expected. */
export async function runDemo(): Promise<DemoResult> {
	const clock = new ManualClock(hanoi('2021-09-17T09:00'));
	const fake = await FakeDiscord.start({ requireRegisteredCommands: true });
	const dir = mkdtempSync(path.join(tmpdir(), 'gopy-demo-'));
	let bot: Bot | undefined;
	try {
		// -- The server as its admin prepared it: roles, channels and one representative per unit. ---------------
		const channelNames = new Map<string, string>();
		const roleNames = new Map<string, string>();
		const userNames = new Map<string, string>([[fake.botUserId, 'gopy (bot)']]);
		const guildId = fake.createGuild({ name: 'Tổng cục Thống kê', locale: 'vi' }).id;
		const channel = (name: string) => {
			const id = fake.createChannel(guildId, { name }).id;
			channelNames.set(id, name);
			return id;
		};
		const role = (name: string) => {
			const id = fake.createRole(guildId, { name }).id;
			roleNames.set(id, name);
			return id;
		};
		const user = (username: string, displayName: string) => {
			const id = fake.createUser({ username, globalName: displayName, locale: 'vi' }).id;
			userNames.set(id, displayName);
			return id;
		};
		const coordRoleId = role('Điều phối');
		const reportChannelId = channel('bao-cao-tong-hop');
		const generalChannelId = channel('chung');
		const adminId = user('quantri', 'Quản trị máy chủ');
		fake.addMember(guildId, adminId, [], { permissions: PermissionFlagsBits.ManageGuild });
		const coordinatorId = user('vutccb', 'Vụ TCCB');
		fake.addMember(guildId, coordinatorId, [coordRoleId]);

		const csv = readFileSync(UNITS_FILE);
		const table = await readTable({ name: 'units-round2.csv', data: csv }, { maxBytes: 1024 * 1024, maxRows: 1000 });
		if (!table.ok) throw new DemoError(`cannot read ${UNITS_FILE}: ${table.error.code}`);
		const units: DemoUnit[] = table.value.rows.map((row) => {
			const cell = (key: string) => row.cells[key] ?? '';
			const code = cell('code');
			const channelId = channel(cell('channel'));
			const roleId = role(cell('role'));
			const memberId = user(`can-bo-${code.toLowerCase()}`, `Cán bộ ${code}`);
			fake.addMember(guildId, memberId, [roleId]);
			return { code, name: cell('name'), channelId, channelName: cell('channel'), roleId, memberId };
		});

		// -- The bot, started as `npm start` starts it, on a fresh database. -----------------------------------
		const loaded = loadConfig({
			DISCORD_TOKEN: fake.token,
			DISCORD_API_URL: fake.apiUrl,
			DATABASE_URL: `file:${path.join(dir, 'gopy-demo.db')}`,
			LOG_LEVEL: 'silent',
			SHUTDOWN_GRACE_MS: '2000',
			HTTP_PORT: '0',
		});
		if (!loaded.ok) throw new DemoError(loaded.message);
		bot = await startBot({
			config: loaded.config,
			log: createLogger('silent'),
			clock,
			fastIdentify: true,
			ticks: false,
		});
		// What `npm run commands:deploy <server>` does.
		await bot.client.rest.put(Routes.applicationGuildCommands(fake.applicationId, guildId), {
			body: commands.map((c) => c.data),
		});

		const names = {
			channel: (id: string) => channelNames.get(id),
			role: (id: string) => roleNames.get(id),
			user: (id: string) => userNames.get(id),
		};
		const t = new Transcript(names, ZONE);
		t.heading(`gopy demo: ${ROUND_TITLE}`);
		t.say(
			[
				'The bot runs for real (discord.js, Prisma, a fresh SQLite file) against an in-process fake Discord.',
				`Server "Tổng cục Thống kê": coordinator ${userNames.get(coordinatorId) ?? ''}, ${units.length} units from demo/units-round2.csv,`,
				'each with its own channel, role and one representative. Times below are Hà Nội time on the scenario clock.',
			].join('\n'),
		);
		t.heading('What people did, and what the bot told them privately');

		const who = (id: string) => userNames.get(id) ?? id;
		const optionText = (value: SlashOptionValue): string => {
			if (typeof value !== 'object')
				return typeof value === 'string' && /\s/.test(value) ? `"${value}"` : String(value);
			if ('attachment' in value) return `📎${value.attachment.filename}`;
			if (value.type === 'role') return `@${roleNames.get(value.id) ?? value.id}`;
			if (value.type === 'channel') return `#${channelNames.get(value.id) ?? value.id}`;
			return `@${userNames.get(value.id) ?? value.id}`;
		};
		const run = async (
			userId: string,
			name: string,
			subcommand: string | undefined,
			options: Record<string, SlashOptionValue>,
			expect: string,
			opts: { showReply?: boolean } = {},
		): Promise<FakeReply> => {
			const line = [
				`/${name}${subcommand ? ` ${subcommand}` : ''}`,
				...Object.entries(options).map(([k, v]) => `${k}:${optionText(v)}`),
			];
			const reply = await fake
				.slashCommand({
					guildId,
					channelId: generalChannelId,
					userId,
					name,
					...(subcommand ? { subcommand } : {}),
					options,
				})
				.reply({ timeoutMs: 10_000 });
			// What follows the reply (an answer shown on its draft post, the summary after the last one) is part of
			// the step: the clock moves on only once the bot is done with it.
			await bot!.router.idle();
			if (opts.showReply === false)
				t.action(clock.now(), who(userId), `${line.join(' ')}\n    → (shown in full at the end)`);
			else t.action(clock.now(), who(userId), line.join(' '), reply);
			if (!reply.content.includes(expect)) {
				throw new DemoError(
					`${line[0] ?? ''} by ${who(userId)} answered "${reply.content}" (expected it to contain "${expect}")`,
				);
			}
			return reply;
		};
		const botPost = (unit: DemoUnit): FakeMessage => {
			const posts = fake.messages(unit.channelId).filter((m) => (m.author as { id: string }).id === fake.botUserId);
			if (posts.length !== 1) throw new DemoError(`#${unit.channelName} has ${posts.length} bot posts instead of 1`);
			return posts[0]!;
		};

		// -- Setup and units -------------------------------------------------------------------------------------
		await run(
			adminId,
			'setup',
			undefined,
			{
				coordinator_role: { type: 'role', id: coordRoleId },
				report_channel: { type: 'channel', id: reportChannelId },
				language: 'vi',
				timezone: ZONE,
				sender: 'Vụ Tổ chức cán bộ',
			},
			'Đã lưu thiết lập',
		);
		await run(
			coordinatorId,
			'unit',
			'import',
			{ file: { attachment: { filename: 'units-round2.csv', contentType: 'text/csv', data: csv } } },
			`Đã nhập ${units.length} đơn vị`,
		);
		await run(coordinatorId, 'unit', 'list', {}, `Danh sách đơn vị (${units.length})`);

		// -- Round 2: one revised draft per unit, published to each unit's channel --------------------------------
		await run(
			coordinatorId,
			'round',
			'create',
			// Minute-level steps so the demo shows the whole ladder: 2 working days before, 30 minutes before,
			// and 10 minutes after the deadline (the unit again, and an escalation to the coordinators).
			{
				title: ROUND_TITLE,
				deadline: '04/10/2021 16:00',
				units: 'tất cả',
				campaign: 'KH 2022',
				reminders: '-2nlv,-30m,+10m',
			},
			'**R1**',
		);
		for (const u of units) {
			await run(
				coordinatorId,
				'round',
				'draft',
				{
					round: 'R1',
					unit: u.code,
					text: `Dự thảo kế hoạch công tác năm 2022 của ${u.name}, đã tiếp thu ý kiến lần 1: ${ITEMS[u.code] ?? 0} đầu báo cáo.`,
				},
				`**${u.code}**`,
			);
		}
		await run(coordinatorId, 'round', 'publish', { round: 'R1' }, `đã gửi dự thảo tới ${units.length} đơn vị`);

		// The scheduled tick, as node-cron runs it every minute: the sweep decides from the database what is due.
		const tick = async (local: string) => {
			clock.set(hanoi(local));
			const report = await bot!.tick();
			const done = [
				...report.sent.map((s) => `reminded ${s.unit} (${s.step})`),
				...report.escalations.map(() => 'escalated to the coordinators'),
				...report.summaries.map((s) => `posted the ${s.split(':')[1] ?? ''} summary`),
			];
			t.action(clock.now(), 'clock', `reminder sweep → ${done.length > 0 ? done.join('; ') : 'nothing due'}`);
			return report;
		};

		// -- Answers: six agree with the button, two comment with the command; one unit is late ------------------
		const late = units.find((u) => u.code === 'TTDL');
		if (!late) throw new DemoError('demo/units-round2.csv lacks TTDL');
		let day = 20;
		for (const u of units.filter((x) => x !== late)) {
			clock.set(hanoi(`2021-09-${String(day).padStart(2, '0')}T09:30`));
			day = Math.min(day + 1, 30);
			const comment = COMMENTS[u.code];
			if (comment) {
				await run(u.memberId, 'feedback', 'comment', { round: 'R1', text: comment }, `**${u.code}**`);
				continue;
			}
			const post = botPost(u);
			const buttons = (post.components as Array<{ components: Array<{ custom_id: string; label: string }> }>).flatMap(
				(r) => r.components,
			);
			const agree = buttons[0];
			if (!agree) throw new DemoError(`the draft post in #${u.channelName} has no buttons`);
			const reply = await fake
				.clickButton({
					guildId,
					channelId: u.channelId,
					userId: u.memberId,
					messageId: post.id,
					customId: agree.custom_id,
				})
				.reply({ timeoutMs: 10_000 });
			await bot.router.idle();
			t.action(clock.now(), who(u.memberId), `clicks [${agree.label}] on the draft in #${u.channelName}`, reply);
			if (!reply.content.includes(`**${u.code}**`))
				throw new DemoError(`Agree in #${u.channelName} answered "${reply.content}"`);
		}

		// -- The clock chases the late unit ------------------------------------------------------------------------
		const first = await tick('2021-09-30T08:00');
		if (first.sent.map((s) => s.unit).join() !== late.code)
			throw new DemoError(`the -2wd step reminded ${JSON.stringify(first.sent)}`);
		await tick('2021-09-30T08:01');
		await tick('2021-10-04T15:30');
		await tick('2021-10-04T16:00');
		const after = await tick('2021-10-04T16:10');
		if (after.escalations.length !== 1) throw new DemoError('no escalation after the deadline');
		clock.set(hanoi('2021-10-04T16:20'));
		const lateComment = COMMENTS[late.code] ?? '';
		await run(late.memberId, 'feedback', 'comment', { round: 'R1', text: lateComment }, `**${late.code}**`);

		// -- The coordinator reads the status ---------------------------------------------------------------------
		clock.set(hanoi('2021-10-04T16:30'));
		const status = await run(
			coordinatorId,
			'round',
			'status',
			{ round: 'R1', post: true },
			'9/9 đơn vị đã gửi ý kiến: 6 đơn vị nhất trí, 3 đơn vị có ý kiến',
			{ showReply: false },
		);

		t.heading('What each channel shows at the end');
		for (const id of [reportChannelId, ...units.map((u) => u.channelId)]) {
			t.channel(channelNames.get(id) ?? id, fake.messages(id));
		}
		t.heading('Final /round status');
		t.say(t.readable(status.content));

		const problems = fake.requests.filter((r) => r.status === 429 || r.unknown);
		if (problems.length > 0) {
			throw new DemoError(`Discord answered ${problems.map((r) => `${r.status} ${r.method} ${r.path}`).join(', ')}`);
		}
		const picture = status.attachments.find((a) => a.filename.endsWith('.png'));
		if (!picture) throw new DemoError('the final /round status carries no status picture');
		return {
			transcript: t.toString(),
			status: status.content,
			picture: { name: picture.filename, data: picture.data },
		};
	} finally {
		await bot?.stop();
		await fake.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}
