import type { Deps, Log } from '../../src/app/deps.ts';
import type {
	DraftView,
	FileBlob,
	Notifier,
	OwnPostProbe,
	ReminderView,
	RoundNotice,
	SendResult,
} from '../../src/app/ports.ts';
import { answerRound, recordAnswer, type AnswerInput, type AnswerOutcome } from '../../src/app/answer-round.ts';
import { addUnit } from '../../src/app/manage-units.ts';
import { setupServer } from '../../src/app/setup-server.ts';
import type { MatrixRow } from '../../src/domain/items.ts';
import type { Actor, Round, Unit } from '../../src/domain/model.ts';
import { databaseEngine, openDatabase, type OpenedDatabase } from '../../src/infra/db/database.ts';
import { PrismaReportStore } from '../../src/infra/db/prisma-report-store.ts';
import { createRepositories } from '../../src/infra/db/repositories/index.ts';
import { ManualClock } from './clock.ts';
import { createTestDatabase, type TestEngine } from './test-database.ts';

/** Records what use cases asked Discord to do; can be told to fail a channel. */
export class RecordingNotifier implements Notifier {
	drafts: Array<{ view: DraftView; nonce: string; messageId: string }> = [];
	refreshes: Array<{ channelId: string; messageId: string; view: DraftView }> = [];
	texts: Array<{ channelId: string; content: string; files: FileBlob[]; pingRoles: string[] }> = [];
	failing = new Map<string, SendResult & { ok: false }>();
	private seq = 0;

	async postDraft(view: DraftView, nonce: string): Promise<SendResult> {
		const failure = this.failing.get(view.unit.channelId);
		if (failure) return failure;
		const messageId = `m${++this.seq}`;
		this.drafts.push({ view, nonce, messageId });
		return { ok: true, messageId };
	}
	/** Posts that landed although their sender died before recording them: the crash the outbox recovers from. */
	landed: Array<{ channelId: string; kind: 'draft' | 'reminder'; roundId: number; unitId: number; messageId: string }> =
		[];
	async findOwnPost(channelId: string, probe: OwnPostProbe): Promise<string | null> {
		const found = this.landed.find(
			(p) =>
				p.channelId === channelId && p.kind === probe.kind && p.roundId === probe.roundId && p.unitId === probe.unitId,
		);
		return found?.messageId ?? null;
	}
	async refreshDraft(channelId: string, messageId: string, view: DraftView): Promise<SendResult> {
		this.refreshes.push({ channelId, messageId, view });
		return { ok: true, messageId };
	}
	reminders: Array<{ view: ReminderView; nonce: string }> = [];
	notices: Array<{ channelId: string; notice: RoundNotice; nonce: string }> = [];

	async postReminder(view: ReminderView, nonce: string): Promise<SendResult> {
		const failure = this.failing.get(view.unit.channelId);
		if (failure) return failure;
		this.reminders.push({ view, nonce });
		return { ok: true, messageId: `r${++this.seq}` };
	}
	async postRoundNotice(channelId: string, notice: RoundNotice, nonce: string): Promise<SendResult> {
		const failure = this.failing.get(channelId);
		if (failure) return failure;
		this.notices.push({ channelId, notice, nonce });
		return { ok: true, messageId: `n${++this.seq}` };
	}
	async postText(
		channelId: string,
		content: string,
		opts: { files?: FileBlob[]; pingRoles?: string[]; nonce?: string } = {},
	): Promise<SendResult> {
		const failure = this.failing.get(channelId);
		if (failure) return failure;
		this.texts.push({ channelId, content, files: opts.files ?? [], pingRoles: opts.pingRoles ?? [] });
		return { ok: true, messageId: `t${++this.seq}` };
	}
}

export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };

export interface AppHarness {
	deps: Deps;
	clock: ManualClock;
	notifier: RecordingNotifier;
	db: OpenedDatabase;
	/** The database's URL (for a second process on the same database). */
	url: string;
	engine: TestEngine;
	close(): Promise<void>;
}

/**
 * A real database (a SQLite file, or a PostgreSQL database in the `postgresql` test project), the real store, a
 * manual clock and a recording notifier.
 */
export async function createAppHarness(
	start = '2021-09-17T02:00:00Z',
	opts: { url?: string } = {},
): Promise<AppHarness> {
	// A given URL is the caller's to clean up.
	const testDb = opts.url
		? { url: opts.url, engine: databaseEngine(opts.url), release: () => Promise.resolve() }
		: await createTestDatabase();
	const db = await openDatabase(testDb.url);
	const clock = new ManualClock(start);
	const notifier = new RecordingNotifier();
	const deps: Deps = {
		...createRepositories(db.prisma, clock, db.sql),
		clock,
		notifier,
		log: silentLog,
		reports: new PrismaReportStore(db.prisma, clock, db.sql),
	};
	return {
		deps,
		clock,
		notifier,
		db,
		url: testDb.url,
		engine: testDb.engine,
		async close() {
			await db.close();
			await testDb.release();
		},
	};
}

export const GUILD = '100000000000000001';
export const COORD_ROLE = '200000000000000001';
export const REPORT_CHANNEL = '300000000000000001';

export function coordinator(userId = '400000000000000001'): Actor {
	return { userId, userName: 'Điều phối', roleIds: [COORD_ROLE], canManageGuild: false };
}

export function admin(): Actor {
	return { userId: '400000000000000009', userName: 'Quản trị', roleIds: [], canManageGuild: true };
}

export function member(roleIds: string[], userId = '500000000000000001', userName = 'Cán bộ'): Actor {
	return { userId, userName, roleIds, canManageGuild: false };
}

/** The seed's nine round-2 units (test/fixtures/import/units-round2.csv), each with its own channel and role. */
export const SEED_UNITS = [
	['HTTKQG', 'Vụ Hệ thống tài khoản quốc gia'],
	['TKCNXD', 'Vụ Thống kê Công nghiệp và Xây dựng'],
	['TKNLTS', 'Vụ Thống kê Nông, lâm nghiệp và Thủy sản'],
	['TKTMDV', 'Vụ Thống kê Thương mại và Dịch vụ'],
	['TKG', 'Vụ Thống kê Giá'],
	['TKDSLD', 'Vụ Thống kê Dân số và Lao động'],
	['TKXHMT', 'Vụ Thống kê Xã hội và Môi trường'],
	['PPCD', 'Vụ Phương pháp chế độ và Quản lý chất lượng thống kê'],
	['TTDL', 'Cục Thu thập dữ liệu và Ứng dụng công nghệ thông tin thống kê'],
] as const;

export function unitChannel(i: number): string {
	return `31000000000000000${i}`;
}
export function unitRole(i: number): string {
	return `21000000000000000${i}`;
}

/**
 * /setup (by an admin) and the seed's units added by a coordinator, each with its own channel and role, through
 * the use cases: the common start of use-case tests.
 */
export async function seedServer(
	deps: Deps,
	opts: { guildId?: string; count?: number; offset?: number; reminders?: string } = {},
): Promise<Unit[]> {
	const guildId = opts.guildId ?? GUILD;
	const offset = opts.offset ?? 0;
	const s = await setupServer(deps, {
		guildId,
		actor: admin(),
		coordinatorRoleId: COORD_ROLE,
		reportChannel: { id: REPORT_CHANNEL, writable: true, text: true },
		language: 'vi',
		timezone: 'Asia/Ho_Chi_Minh',
		reminders: opts.reminders,
	});
	if (!s.ok) throw new Error(JSON.stringify(s.error));
	const units: Unit[] = [];
	for (const [i, [code, name]] of SEED_UNITS.slice(0, opts.count ?? SEED_UNITS.length).entries()) {
		const r = await addUnit(deps, {
			guildId,
			actor: coordinator(),
			code,
			name,
			channel: { id: unitChannel(i + offset), writable: true, text: true },
			roleId: unitRole(i + offset),
			kind: code === 'TTDL' ? 'other' : 'department',
		});
		if (!r.ok) throw new Error(JSON.stringify(r.error));
		units.push(r.value);
	}
	return units;
}

/** Hà Nội wall-clock time (`YYYY-MM-DD HH:mm`, UTC+7 all year) as an ISO instant. */
export function hanoi(local: string): string {
	return new Date(`${local.replace(' ', 'T')}:00+07:00`).toISOString();
}

/** Every row of a report's item matrix, read page by page as the workbook reads it. */
export async function matrixRows(report: { matrix: () => AsyncIterable<MatrixRow[]> }): Promise<MatrixRow[]> {
	const rows: MatrixRow[] = [];
	for await (const page of report.matrix()) rows.push(...page);
	return rows;
}

/** A GIVEN step: a member of `unit` agrees to round `round` (throws if the answer is refused). */
export async function agreeAsMember(deps: Deps, unit: Unit, round = 'R1'): Promise<void> {
	const answered = await answerRound(deps, agreeInput(unit, round));
	if (!answered.ok) throw new Error(`${unit.code} could not agree to ${round}: ${JSON.stringify(answered.error)}`);
}

/** Like {@link agreeAsMember}, recorded only: the draft post and the summary are not announced. */
export async function recordAgreeAsMember(deps: Deps, unit: Unit, round = 'R1'): Promise<AnswerOutcome> {
	const recorded = await recordAnswer(deps, agreeInput(unit, round));
	if (!recorded.ok) throw new Error(`${unit.code} could not agree to ${round}: ${JSON.stringify(recorded.error)}`);
	return recorded.value;
}

function agreeInput(unit: Unit, round: string): AnswerInput {
	return { guildId: GUILD, actor: member([unit.roleId]), round: { ref: round }, unit: null, answer: 'agree' };
}

/**
 * A GIVEN step: rounds R2…R`last`, each created (straight in the store) from the one before, starting from `first`,
 * for one unit. Returns `[first, R2, …]`, so `chain[i]` is round R`i + 1`.
 */
export async function roundChain(
	deps: Deps,
	first: Round,
	last: number,
	opts: { unitId: number; deadline: Date },
): Promise<Round[]> {
	const chain = [first];
	for (let i = 2; i <= last; i++) {
		chain.push(
			await deps.rounds.create(
				{
					guildId: GUILD,
					title: `Lần ${String(i)}`,
					deadline: opts.deadline,
					timezone: 'Asia/Ho_Chi_Minh',
					commonText: 'Dự thảo',
					campaignName: null,
					unitIds: [opts.unitId],
					createdBy: coordinator().userId,
					reminderLadder: '',
					silencePolicy: 'none',
					latePolicy: 'accept',
					commonFile: null,
					fromRoundId: chain.at(-1)!.id,
				},
				{ guildId: GUILD, action: 'round.create' },
			),
		);
	}
	return chain;
}
