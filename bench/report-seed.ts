/**
 * Seeds a large round straight through Prisma (bench/reports.ts): one server, `units` units each with its channel,
 * role and a sent delivery, one open round targeting them all, `versions` answer versions per answering unit (one
 * unit in ten never answers; every seventh answers late), `items` plan items spread over the units, and as many
 * baseline items (one in ten with other points, so the matrix has changes). Rows go in with `createMany` in chunks.
 */
import type { PrismaClient } from '../src/generated/prisma/client.ts';

export const GUILD = '900000000000000001';
export const COORD_ROLE = '900000000000000002';
export const REPORT_CHANNEL = '900000000000000003';

export interface SeededRound {
	roundId: number;
	code: string;
	units: number;
	pending: number;
}

const CHUNK = 5000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
	for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function seedRound(
	prisma: PrismaClient,
	opts: { units: number; versions: number; items: number; baseline: boolean },
): Promise<SeededRound> {
	const at = new Date('2026-11-20T02:00:00Z');
	await prisma.guildSettings.create({
		data: { guildId: GUILD, coordinatorRoleId: COORD_ROLE, reportChannelId: REPORT_CHANNEL, roundSeq: 1 },
	});
	const pad = (n: number) => String(n).padStart(5, '0');
	await inChunks(
		Array.from({ length: opts.units }, (_, i) => ({
			guildId: GUILD,
			code: `U${pad(i)}`,
			name: `Đơn vị số ${String(i)} — Vụ Thống kê`,
			channelId: `91${pad(i).padStart(16, '0')}`,
			roleId: `92${pad(i).padStart(16, '0')}`,
		})),
		(data) => prisma.unit.createMany({ data }),
	);
	const units = await prisma.unit.findMany({ where: { guildId: GUILD }, orderBy: { id: 'asc' } });
	const round = await prisma.round.create({
		data: {
			guildId: GUILD,
			seq: 1,
			title: 'Rà soát kế hoạch báo cáo',
			deadline: new Date('2026-12-31T10:00:00Z'),
			timezone: 'Asia/Ho_Chi_Minh',
			state: 'open',
			createdBy: '900000000000000009',
			createdAt: at,
			publishedAt: at,
		},
	});
	await inChunks(
		units.map((u) => ({ roundId: round.id, unitId: u.id })),
		(data) => prisma.roundTarget.createMany({ data }),
	);
	await inChunks(
		units.map((u) => ({
			key: `delivery:${String(round.id)}:${String(u.id)}`,
			kind: 'delivery',
			guildId: GUILD,
			roundId: round.id,
			unitId: u.id,
			channelId: u.channelId,
			status: 'sent',
			attempts: 1,
			nonce: `n${String(u.id)}`,
			dueAt: at,
			messageId: `93${String(u.id).padStart(16, '0')}`,
			sentAt: at,
		})),
		(data) => prisma.outboxItem.createMany({ data }),
	);
	const responses = [];
	let pending = 0;
	for (const [i, u] of units.entries()) {
		if (i % 10 === 9) {
			pending++;
			continue;
		}
		for (let v = 1; v <= opts.versions; v++) {
			const comment = (i + v) % 3 === 0;
			responses.push({
				roundId: round.id,
				unitId: u.id,
				version: v,
				answer: comment ? 'comment' : 'agree',
				text: comment ? `Ý kiến lần ${String(v)} của đơn vị ${u.code}: đề nghị sửa chỉ tiêu.` : null,
				itemCodes: comment ? JSON.stringify([`BC${String(v)}`]) : null,
				userId: '900000000000000010',
				userName: 'Cán bộ',
				late: v === opts.versions && i % 7 === 0,
				createdAt: new Date(at.getTime() + (i * opts.versions + v) * 1000),
			});
		}
	}
	await inChunks(responses, (data) => prisma.response.createMany({ data }));
	const perUnit = Math.ceil(opts.items / units.length);
	for (const set of opts.baseline ? ['plan', 'baseline'] : ['plan']) {
		const rows = [];
		for (let n = 0; n < opts.items; n++) {
			const unit = units[Math.floor(n / perUnit)] ?? units[units.length - 1];
			if (!unit) break;
			const k = n % perUnit;
			rows.push({
				roundId: round.id,
				unitId: unit.id,
				set,
				code: `BC${String(k + 1).padStart(3, '0')}`,
				title: `Báo cáo thống kê số ${String(k + 1)} về tình hình thực hiện kế hoạch`,
				frequency: k % 2 === 0 ? 'Tháng' : 'Quý',
				due: k % 2 === 0 ? 'Ngày 20 tháng sau' : null,
				points: set === 'baseline' && n % 10 === 0 ? 2 : 1.5,
			});
			if (rows.length === CHUNK) await prisma.planItem.createMany({ data: rows.splice(0) });
		}
		if (rows.length > 0) await prisma.planItem.createMany({ data: rows });
	}
	return { roundId: round.id, code: 'R1', units: units.length, pending };
}
