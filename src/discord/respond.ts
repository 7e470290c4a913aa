import {
	MessageFlags,
	type APIEmbed,
	type AttachmentPayload,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	type ModalSubmitInteraction,
} from 'discord.js';
import { clip, MESSAGE_LIMIT } from './views/errors.ts';

export type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/**
 * Answers a person privately, whatever state the interaction is in (fresh, deferred or already answered).
 * User text in replies never pings anyone.
 */
export async function replyPrivately(
	interaction: Repliable,
	content: string,
	files: AttachmentPayload[] = [],
	embeds: APIEmbed[] = [],
): Promise<void> {
	const payload = { content: clip(content, MESSAGE_LIMIT), files, embeds, allowedMentions: { parse: [] } };
	if (interaction.deferred && !interaction.replied) {
		await interaction.editReply(payload);
	} else if (interaction.replied) {
		await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
	} else {
		await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
	}
}
