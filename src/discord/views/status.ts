import type { RoundStatus } from '../../app/manage-rounds.ts';
import type { Tally } from '../../domain/tally.ts';
import { formatLocalDate, formatLocalDateTime } from '../../domain/time/parse-datetime.ts';
import { catalog, type Catalog, type Lang } from '../../i18n/index.ts';
import { clip, MESSAGE_LIMIT, type Reply } from './text.ts';
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
	const unitLines = rows.map((r) => {
		const a = r.current;
		const answer = a ? t.feedback.answers[a.answer] : t.status.pendingAnswer;
		const who = a ? ` — ${a.source ? t.post.onBehalf({ source: a.source }) : (a.userName ?? '')}` : '';
		const at = a ? `, ${formatLocalDateTime(a.createdAt, zone, lang)}` : '';
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
		...rows.map((r) => {
			const a = r.current;
			const cells = [
				r.unit.code,
				r.unit.name,
				a ? t.feedback.answers[a.answer] : t.status.pendingAnswer,
				a ? (a.source ? t.post.onBehalf({ source: a.source }) : (a.userName ?? '')) : '',
				a ? formatLocalDateTime(a.createdAt, zone, lang) : '',
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
