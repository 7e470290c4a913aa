import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { MAX_COMMENT } from '../../app/answer-round.ts';
import { MAX_ITEM_CODES_TEXT } from '../../app/plan-items.ts';
import type { Catalog } from '../../i18n/index.ts';
import { encodeCustomId } from '../custom-id.ts';

/** The comment modal of a unit's draft post: the comment, and the plan items it is about. */
export function commentModal(t: Catalog, roundId: number, unitId: number): APIModalInteractionResponseCallbackData {
	return {
		custom_id: encodeCustomId({ kind: 'comment-modal', roundId, unitId }),
		title: t.modal.title,
		components: [
			{
				type: ComponentType.ActionRow,
				components: [
					{
						type: ComponentType.TextInput,
						custom_id: 'text',
						label: t.modal.label,
						placeholder: t.modal.placeholder,
						style: TextInputStyle.Paragraph,
						required: true,
						min_length: 1,
						max_length: MAX_COMMENT,
					},
				],
			},
			{
				type: ComponentType.ActionRow,
				components: [
					{
						type: ComponentType.TextInput,
						custom_id: 'items',
						label: t.items.modalLabel,
						placeholder: t.items.modalPlaceholder,
						style: TextInputStyle.Short,
						required: false,
						max_length: MAX_ITEM_CODES_TEXT,
					},
				],
			},
		],
	};
}
