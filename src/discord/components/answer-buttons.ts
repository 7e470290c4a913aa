import {
	ComponentType,
	MessageFlags,
	TextInputStyle,
	type ButtonInteraction,
	type ModalSubmitInteraction,
} from 'discord.js';
import { announceAnswer, MAX_COMMENT, recordAnswer } from '../../app/answer-round.ts';
import { MAX_ITEM_CODES_TEXT } from '../../app/plan-items.ts';
import type { Deps } from '../../app/deps.ts';
import type { CustomId } from '../custom-id.ts';
import { encodeCustomId } from '../custom-id.ts';
import { catalog, langOf } from '../../i18n/index.ts';
import { actorOf, languagesOf } from '../interaction-context.ts';
import { replyPrivately } from '../respond.ts';
import { errorMessage } from '../views/errors.ts';
import { itemsNote } from '../views/plan-post.ts';

/** Agree button: records the answer at once (same use case as /feedback agree). */
export async function onAgreeButton(
	deps: Deps,
	interaction: ButtonInteraction,
	id: Extract<CustomId, { kind: 'agree' }>,
) {
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const { t } = await languagesOf(deps, interaction);
	const result = await recordAnswer(deps, {
		guildId: interaction.guildId ?? '',
		actor: actorOf(interaction),
		round: { id: id.roundId },
		unit: { id: id.unitId },
		answer: 'agree',
		interactionId: interaction.id,
	});
	if (!result.ok) return replyPrivately(interaction, errorMessage(t, result.error));
	const { round, unit, answer } = result.value;
	await replyPrivately(
		interaction,
		t.feedback.agreed({ unit: unit.code, round: round.code, late: answer.late ? t.feedback.lateNote : '' }),
	);
	await announceAnswer(deps, result.value);
}

/** Comment button: opens the comment modal; nothing is recorded until it is submitted. */
export async function onCommentButton(
	deps: Deps,
	interaction: ButtonInteraction,
	id: Extract<CustomId, { kind: 'comment' }>,
) {
	// A modal must be the first answer and cannot be deferred: no database read before it.
	const t = catalog(langOf(interaction.locale, 'vi'));
	await interaction.showModal({
		custom_id: encodeCustomId({ kind: 'comment-modal', roundId: id.roundId, unitId: id.unitId }),
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
	});
}

/** Comment modal submitted: same use case as /feedback comment. */
export async function onCommentModal(
	deps: Deps,
	interaction: ModalSubmitInteraction,
	id: Extract<CustomId, { kind: 'comment-modal' }>,
) {
	await interaction.deferReply({ flags: MessageFlags.Ephemeral });
	const { t } = await languagesOf(deps, interaction);
	const result = await recordAnswer(deps, {
		guildId: interaction.guildId ?? '',
		actor: actorOf(interaction),
		round: { id: id.roundId },
		unit: { id: id.unitId },
		answer: 'comment',
		text: interaction.fields.getTextInputValue('text'),
		interactionId: interaction.id,
		// Modals opened before the items field existed have no such field.
		items: interaction.fields.fields.has('items') ? interaction.fields.getTextInputValue('items') : undefined,
	});
	if (!result.ok) return replyPrivately(interaction, errorMessage(t, result.error));
	const { round, unit, answer } = result.value;
	await replyPrivately(
		interaction,
		t.feedback.commented({ unit: unit.code, round: round.code, late: answer.late ? t.feedback.lateNote : '' }) +
			(interaction.fields.fields.has('items') ? itemsNote(t, interaction.fields.getTextInputValue('items')) : ''),
	);
	await announceAnswer(deps, result.value);
}
