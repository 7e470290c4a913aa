import {
	ButtonStyle,
	ComponentType,
	type APIEmbed,
	type APIActionRowComponent,
	type APIButtonComponent,
} from 'discord.js';
import type { DraftView } from '../../app/ports.ts';
import type { Answer } from '../../domain/model.ts';
import { formatLocalDateTime } from '../../domain/time/parse-datetime.ts';
import { catalog, type Catalog } from '../../i18n/index.ts';
import { encodeCustomId } from '../custom-id.ts';
import { deadlineWords } from './calendar-text.ts';
import { clip, discordTime } from './text.ts';
import { planFields } from './plan-post.ts';

/** Discord's limit for the characters of one embed. */
const EMBED_LIMIT = 6000;

export interface MessagePayload {
	content: string;
	embeds: APIEmbed[];
	components: Array<APIActionRowComponent<APIButtonComponent>>;
	allowed_mentions: { parse: []; roles?: string[]; users?: string[] };
}

/** One line for a unit's current answer, as shown on its draft post. Embeds never ping, so `<@id>` is safe. */
export function answerStateLine(t: Catalog, answer: Answer | null, zone: string, lang: 'vi' | 'en'): string {
	if (!answer) return t.post.stateNone;
	if (answer.answer === 'silence') return t.post.stateSilence;
	const user = answer.source
		? t.post.onBehalf({ source: answer.source })
		: answer.userId
			? `<@${answer.userId}>`
			: (answer.userName ?? '?');
	const at = formatLocalDateTime(answer.createdAt, zone, lang);
	const late = answer.late ? t.post.lateTag : '';
	return answer.answer === 'agree' ? t.post.stateAgree({ user, at, late }) : t.post.stateComment({ user, at, late });
}

/** The answer buttons of a unit's draft (also carried by reminders). */
export function answerButtons(t: Catalog, roundId: number, unitId: number): APIActionRowComponent<APIButtonComponent> {
	return {
		type: ComponentType.ActionRow,
		components: [
			{
				type: ComponentType.Button,
				style: ButtonStyle.Success,
				label: t.post.agree,
				custom_id: encodeCustomId({ kind: 'agree', roundId, unitId }),
			},
			{
				type: ComponentType.Button,
				style: ButtonStyle.Primary,
				label: t.post.comment,
				custom_id: encodeCustomId({ kind: 'comment', roundId, unitId }),
			},
		],
	};
}

/**
 * A unit's draft post, worded as an official request for feedback ("Kính gửi: …", the sender, the deadline "trước
 * 16 giờ 00 ngày 04/10/2021", the unit's role last): only the unit's role is mentioned (and only it may ping); the
 * draft text sits in an embed,
 * whose description holds 4,096 characters, more than the 4,000 a draft may have.
 */
export function renderDraftPost(view: DraftView): MessagePayload {
	const t = catalog(view.language);
	const { round, unit } = view;
	const deadline = deadlineWords(t, round.deadline, round.timezone);
	const fields = [
		{
			name: t.post.deadline({ at: deadline }),
			value: `${discordTime(round.deadline, 'F')} (${discordTime(round.deadline, 'R')})`,
		},
		{
			name: t.post.round({ id: round.code }),
			value: clip(answerStateLine(t, view.current, round.timezone, view.language), 1024),
		},
	];
	const fileCount = view.fileCount ?? view.files.length;
	if (fileCount > 0) fields.push({ name: '📎', value: t.post.draftFiles({ count: fileCount }) });
	// The unit's items go last, within what is left of the embed's 6,000 characters.
	const used = [
		t.post.title({ title: round.title }).slice(0, 256),
		(view.text ?? t.post.noDraftText).slice(0, 4096),
		`${round.code} · ${unit.code}`,
	]
		.concat(fields.flatMap((f) => [f.name, f.value]))
		.reduce((n, part) => n + part.length, 0);
	fields.push(...planFields(t, view.language, view, EMBED_LIMIT - used));
	const closed = round.state === 'closed';
	return {
		// The official letter's order: addressee, who asks and by when, how to answer, and the unit's role last.
		content: clip(
			[
				t.post.to({ unit: `${unit.code} – ${unit.name}` }),
				t.post.intro({ sender: view.sender ? view.sender : null, deadline }),
				t.post.howTo,
				`<@&${unit.roleId}>`,
			].join('\n'),
			2000,
		),
		embeds: [
			{
				title: clip(t.post.title({ title: round.title }), 256),
				description: clip(view.text ?? t.post.noDraftText, 4096),
				fields,
				footer: { text: clip(`${round.code} · ${unit.code}`, 2048) },
				color: 0x2b6cb0,
			},
		],
		components: closed ? [] : [answerButtons(t, round.id, unit.id)],
		allowed_mentions: { parse: [], roles: [unit.roleId] },
	};
}
