import type { APIEmbed } from 'discord.js';
import type { RoundStatus } from '../../app/manage-rounds.ts';
import type { Answer, Round, Unit } from '../../domain/model.ts';
import { statusPictureData, type ReminderMark } from '../../domain/status-picture.ts';
import { tally as countRows, type Tally } from '../../domain/tally.ts';
import { formatLocalDate, formatLocalDateTime, toZoned } from '../../domain/time/parse-datetime.ts';
import type { PictureLabels } from '../../infra/charts/status-picture.ts';
import { runApart } from '../../infra/apart.ts';
import { catalog, type Catalog, type Lang } from '../../i18n/index.ts';
import { clip, discordTime, MESSAGE_LIMIT, type Reply, type ReplyFile } from './text.ts';
import { deadlineWords } from './calendar-text.ts';
import { deliveryReason } from './labels.ts';

/** "9/9 đơn vị đã gửi ý kiến: 6 đơn vị nhất trí, 3 đơn vị có ý kiến (thời hạn …)"; zero counts are left out. */
export function headline(t: Catalog, tally: Tally, deadline: string): string {
	return t.status.headline({
		answered: tally.answered,
		total: tally.total,
		agreed: tally.agreed,
		commented: tally.commented,
		pending: tally.pending,
		deadline,
	});
}

/** The consolidated sentence in the seed's style ("Tính đến ngày 04/10/2021 có 9/9 đơn vị đã gửi ý kiến…"). */
export function seedSentence(t: Catalog, tally: Tally, date: string): string {
	const base = t.status.seed({
		date,
		answered: tally.answered,
		total: tally.total,
		agreed: tally.agreed,
		commented: tally.commented,
	});
	return tally.agreedBySilence > 0 ? `${base} ${t.status.silenceNote({ count: tally.agreedBySilence })}` : base;
}

/** A unit whose draft has not (yet) reached its channel says so, with the reason of a failure. */
function deliveryNote(t: Catalog, delivery: RoundStatus['rows'][number]['delivery']): string {
	if (!delivery || delivery.status === 'sent') return '';
	const reason = delivery.status === 'failed' ? (delivery.error?.split(':')[0] ?? 'other') : '';
	return t.status.deliveryNote({
		state: t.round.deliveryStates[delivery.status],
		reason: reason ? deliveryReason(t, reason) : '',
	});
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/**
 * A round's status for coordinators: headline, seed sentence, pending list, per-unit table and comments. What does
 * not fit in one message goes, whole, into an attached Markdown file.
 */
export function renderStatus(status: RoundStatus, lang: Lang, now: Date): Reply {
	const t = catalog(lang);
	const { round, rows, tally } = status;
	const zone = round.timezone;
	const top = [
		`**${clip(t.status.title({ id: round.code, title: round.title, state: t.round.states[round.state] }), 300)}**`,
		headline(t, tally, deadlineWords(t, round.deadline, zone)),
		seedSentence(t, tally, formatLocalDate(now, zone, lang)),
	];
	const pending =
		tally.pendingUnits.length === 0
			? t.status.pendingNone
			: `${t.status.pendingTitle} ${tally.pendingUnits.map((u) => u.code).join(', ')}`;
	// Each answer's local time is formatted once: the inline lines and the attached table both show it.
	const times = rows.map((r) => (r.current ? formatLocalDateTime(r.current.createdAt, zone, lang) : ''));
	const unitLines = rows.map((r, i) => {
		const a = r.current;
		const answer = a ? t.feedback.answers[a.answer] : t.status.pendingAnswer;
		const who = a ? ` — ${a.source ? t.post.onBehalf({ source: a.source }) : (a.userName ?? '')}` : '';
		const at = a ? `, ${times[i] ?? ''}` : '';
		return `• ${t.status.unitLine({ code: r.unit.code, name: r.unit.name, answer, who, at, late: a?.late ? t.post.lateTag : '' })}${deliveryNote(t, r.delivery)}`;
	});
	const comments = rows
		.filter((r) => r.current?.answer === 'comment')
		.map(
			(r) =>
				`• **${r.unit.code}**: ${oneLine(r.current?.text ?? '')}${r.current?.fileName ? ` 📎 ${r.current.fileName}` : ''}`,
		);

	const inline = [
		...top,
		pending,
		'',
		`**${t.status.tableTitle}**`,
		...unitLines,
		...(comments.length > 0 ? ['', `**${t.status.commentsTitle}**`, ...comments] : []),
	].join('\n');
	if (inline.length <= MESSAGE_LIMIT) return { content: inline, files: [] };

	const fileName = t.status.fileName({ id: round.code });
	const headers = t.status.tableHeaders;
	const table = [
		`| ${headers.join(' | ')} |`,
		`|${headers.map(() => '---').join('|')}|`,
		...rows.map((r, i) => {
			const a = r.current;
			const cells = [
				r.unit.code,
				r.unit.name,
				a ? t.feedback.answers[a.answer] : t.status.pendingAnswer,
				a ? (a.source ? t.post.onBehalf({ source: a.source }) : (a.userName ?? '')) : '',
				times[i] ?? '',
				a?.late ? t.common.yes : '',
				a?.answer === 'comment' ? oneLine(a.text ?? '') : '',
			];
			return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
		}),
	];
	const markdown = [
		`# ${t.status.title({ id: round.code, title: round.title, state: t.round.states[round.state] })}`,
		'',
		...top.slice(1),
		'',
		pending,
		'',
		`## ${t.status.tableTitle}`,
		'',
		...table,
		'',
		`## ${t.status.commentsTitle}`,
		'',
		...rows
			.filter((r) => r.current?.answer === 'comment')
			.flatMap((r) => [
				`### ${r.unit.code} – ${r.unit.name}`,
				'',
				r.current?.text ?? '',
				...(r.current?.fileName ? ['', `📎 ${r.current.fileName}`] : []),
				'',
			]),
	].join('\n');
	const note = t.common.moreInFile({ file: fileName });
	const content = clip([...top, clip(pending, 600), note].join('\n'), MESSAGE_LIMIT);
	return { content, files: [{ attachment: Buffer.from(markdown, 'utf8'), name: fileName }] };
}

/** What the picture and the card need of a round: the round and each target unit's current answer. */
export interface StatusSnapshot {
	round: Round;
	rows: ReadonlyArray<{ unit: Unit; current: Answer | null }>;
}

const BAR_CELLS = 20;

/** `▰▰▰▰▱▱…` for the share of units that have answered (or agreed by silence). */
export function progressBar(done: number, total: number): { bar: string; percent: string } {
	const share = total === 0 ? 0 : done / total;
	const filled = Math.round(share * BAR_CELLS);
	return { bar: '▰'.repeat(filled) + '▱'.repeat(BAR_CELLS - filled), percent: `${String(Math.round(share * 100))}%` };
}

/** The picture's words in the reader's language; times on the axis in the round's zone. */
export function pictureLabels(t: Catalog, snapshot: StatusSnapshot, now: Date, byKind: boolean): PictureLabels {
	const { round } = snapshot;
	const counts = countRows(snapshot.rows);
	const start = (round.publishedAt ?? round.createdAt).getTime();
	const span = Math.max(round.deadline.getTime(), now.getTime()) - start;
	const axis = span <= 2 * 86_400_000 ? 'dd/MM HH:mm' : t.lang === 'vi' ? 'dd/MM' : 'MM-dd';
	return {
		title: t.picture.title({ id: round.code, title: round.title }),
		subtitle: seedSentence(t, counts, formatLocalDate(now, round.timezone, t.lang)),
		states: t.picture.states,
		progressTitle: t.picture.progressTitle,
		timelineTitle: t.picture.timelineTitle,
		unitsTitle: byKind ? t.picture.unitsByKindTitle : t.picture.unitsTitle,
		deadline: t.picture.deadline,
		lateNote: byKind ? t.picture.lateNoteByKind : t.picture.lateNote,
		kinds: t.picture.kinds,
		formatTime: (at) => toZoned(at, round.timezone).toFormat(axis),
		formatShare: (share) => `${String(Math.round(share * 100))}%`,
	};
}

/** ECharts and resvg (~20 MB resident) are loaded when a picture is drawn, in the process drawing it. */
let charts: Promise<typeof import('../../infra/charts/status-picture.ts')> | null = null;

/**
 * Draws the status picture (PNG) of a round as of `now` in this process. The bot calls it through
 * {@link statusPictureFile}, in a child process; tests and benches that measure the drawing itself call it here.
 */
export async function statusPicturePng(
	snapshot: StatusSnapshot,
	lang: Lang,
	now: Date,
	reminders: readonly ReminderMark[] = [],
): Promise<Buffer> {
	const { renderStatusPicture } = await (charts ??= import('../../infra/charts/status-picture.ts'));
	const data = statusPictureData({ round: snapshot.round, rows: snapshot.rows, reminders, now });
	const picture = await renderStatusPicture(
		data,
		pictureLabels(catalog(lang), snapshot, now, data.units.mode === 'by-kind'),
	);
	return picture.png;
}

/**
 * The status picture (PNG) of a round as of `now`, with the reminder steps that went out marked, drawn in a child
 * process (infra/apart.ts): ECharts, resvg and the drawing's peak memory never stay in the bot's process, and a
 * summary drawn when the last unit answers in a burst of clicks does not hold up the clicks' answers.
 */
export async function statusPictureFile(
	snapshot: StatusSnapshot,
	lang: Lang,
	now: Date,
	reminders: readonly ReminderMark[] = [],
): Promise<ReplyFile> {
	const png = await runApart<Uint8Array>(new URL(import.meta.url), 'statusPicturePng', [
		snapshot,
		lang,
		now,
		reminders,
	]);
	return {
		name: catalog(lang).picture.fileName({ id: snapshot.round.code }),
		attachment: Buffer.from(png.buffer, png.byteOffset, png.byteLength),
	};
}

/**
 * The card read at a glance: progress bar, counts, the deadline as a Discord timestamp (absolute and relative),
 * pending units by code, and the picture (attached under `pictureName`) as the embed's image.
 */
export function statusCard(snapshot: StatusSnapshot, lang: Lang, now: Date, pictureName: string | null): APIEmbed {
	const t = catalog(lang);
	const { round } = snapshot;
	const counts = countRows(snapshot.rows);
	const done = counts.total - counts.pending;
	const bar = progressBar(done, counts.total);
	const pendingCodes = counts.pendingUnits.map((u) => u.code);
	let codes = '';
	for (const [i, code] of pendingCodes.entries()) {
		const next = codes === '' ? code : `${codes}, ${code}`;
		if (next.length > 1024 - 12) {
			// Discord's limit for a field: the rest are counted; the full list is in the table.
			codes = `${codes}, … (+${String(pendingCodes.length - i)})`;
			break;
		}
		codes = next;
	}
	const description = [
		t.picture.progressBar(bar),
		headline(t, counts, deadlineWords(t, round.deadline, round.timezone)),
		t.picture.deadlineLine({ absolute: discordTime(round.deadline, 'F'), relative: discordTime(round.deadline, 'R') }),
	].join('\n');
	const colour = counts.pending === 0 ? 0x2e8b57 : round.deadline.getTime() < now.getTime() ? 0xc62828 : 0xe3a21a;
	return {
		title: clip(
			t.status.title({ id: round.code, title: round.title, state: t.round.states[round.state] ?? round.state }),
			256,
		),
		description: clip(description, 4096),
		color: colour,
		fields:
			pendingCodes.length > 0
				? [{ name: `${t.picture.states.pending} (${String(pendingCodes.length)})`, value: codes }]
				: [{ name: t.status.pendingNone, value: '✓' }],
		...(pictureName ? { image: { url: `attachment://${pictureName}` } } : {}),
	};
}
