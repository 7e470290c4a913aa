import type { AnswerOutcome } from '../../app/answer-round.ts';
import type { Answer, Round, Unit } from '../../domain/model.ts';
import { formatLocalDateTime } from '../../domain/time/parse-datetime.ts';
import type { Catalog, Lang } from '../../i18n/index.ts';
import { splitForMessage } from './long-text.ts';
import { itemsNote } from './plan-post.ts';
import { clip, type Reply } from './text.ts';

/** The replies about a unit's answers: the confirmation, a recording on behalf, and the history (/feedback show). */

/** "Unit X agreed / commented on round N" (with the late note and the items a comment is about). */
export function answeredReply(t: Catalog, outcome: AnswerOutcome, items: string | undefined): string {
	const { round, unit, answer } = outcome;
	const late = answer.late ? t.feedback.lateNote : '';
	if (answer.answer === 'agree') return t.feedback.agreed({ unit: unit.code, round: round.code, late });
	return t.feedback.commented({ unit: unit.code, round: round.code, late }) + itemsNote(t, items);
}

/** /feedback record */
export function recordedReply(t: Catalog, outcome: AnswerOutcome): string {
	const { round, unit, answer } = outcome;
	return t.recordAnswer.recorded({
		unit: unit.code,
		round: round.code,
		answer: t.feedback.answers[answer.answer],
		source: clip(answer.source ?? '', 200),
		late: answer.late ? t.feedback.lateNote : '',
	});
}

function historyLine(t: Catalog, lang: Lang, round: Round, a: Answer, n: number): string {
	const base = t.feedback.historyLine({
		n,
		answer: t.feedback.answers[a.answer],
		user: a.source ? t.post.onBehalf({ source: a.source }) : (a.userName ?? '?'),
		at: formatLocalDateTime(a.createdAt, round.timezone, lang),
		late: a.late ? t.post.lateTag : '',
	});
	const withFile = a.fileName ? `${base} 📎 ${a.fileName}` : base;
	return a.text ? `${withFile}\n   > ${clip(a.text.replace(/\s+/g, ' '), 300)}` : withFile;
}

/** /feedback show: the current answer and every answer before it; long texts in full in an attached file. */
export function historyReply(
	t: Catalog,
	lang: Lang,
	shown: { round: Round; unit: Unit; history: readonly Answer[] },
): Reply {
	const { round, unit, history } = shown;
	const title = t.feedback.showTitle({ unit: `${unit.code} – ${unit.name}`, round: `${round.code} – ${round.title}` });
	if (history.length === 0) return { content: `${title}\n${t.feedback.noAnswer}`, files: [] };
	const line = (a: Answer, i: number) => historyLine(t, lang, round, a, i + 1);
	const current = history[history.length - 1];
	const lines = [
		current ? t.feedback.current({ state: t.feedback.answers[current.answer] }) : '',
		t.feedback.historyTitle,
		...history.map(line),
	];
	const full = [title, ...history.map((a, i) => `${line(a, i)}\n\n${a.text ?? ''}\n`)].join('\n');
	const needsFile = [title, ...lines].join('\n').length > 2000 || history.some((a) => (a.text?.length ?? 0) > 300);
	return splitForMessage(t, title, lines, `${round.code}-${unit.code}.md`, needsFile ? full : undefined);
}
