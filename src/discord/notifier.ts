import { DiscordAPIError, Routes, SnowflakeUtil, type Client } from 'discord.js';
import type {
	DraftView,
	FileBlob,
	Notifier,
	OwnPostProbe,
	ReminderView,
	RoundNotice,
	SendFailure,
	SendResult,
} from '../app/ports.ts';
import { renderReminder, renderRoundNotice } from './views/round-notices.ts';
import { clip, MESSAGE_LIMIT } from './views/errors.ts';
import { renderDraftPost, type MessagePayload } from './views/draft-post.ts';
import { planAttachment } from './views/plan-attachment.ts';
import { statusPictureFile } from './views/status.ts';
import { encodeCustomId } from './custom-id.ts';
import { Turns } from './turns.ts';

/** Maps Discord's error codes to what a coordinator can act on. */
export function sendFailure(error: unknown): { reason: SendFailure; detail: string } {
	if (error instanceof DiscordAPIError) {
		// 50001 Missing Access, 50013 Missing Permissions; 10003 Unknown Channel.
		if (error.code === 50001 || error.code === 50013) return { reason: 'missing-permission', detail: error.message };
		if (error.code === 10003) return { reason: 'unknown-channel', detail: error.message };
		return { reason: 'other', detail: `${error.status} ${error.code}: ${error.message}` };
	}
	return { reason: 'other', detail: error instanceof Error ? error.message : String(error) };
}

/** Summaries (complete, deadline, final) carry the status picture; a picture that fails to draw is left out. */
async function summaryPicture(notice: RoundNotice): Promise<Array<{ name: string; data: Buffer }>> {
	if (notice.kind !== 'complete' && notice.kind !== 'deadline' && notice.kind !== 'final') return [];
	try {
		const picture = await statusPictureFile(notice, notice.language, notice.now);
		return [{ name: picture.name, data: picture.attachment }];
	} catch {
		return [];
	}
}

/**
 * Sends through discord.js's REST manager, which queues per rate-limit bucket and retries 5xx answers; the client
 * (client.ts) paces every request under Discord's global limit in a sliding window.
 */
export class DiscordNotifier implements Notifier {
	/** Posts and edits are rendered and sent one per turn of the event loop (see turns.ts). */
	private readonly turns = new Turns();

	/** `botUserId`: the bot's own id when the client never logs in to the gateway (http interactions mode). */
	constructor(
		private readonly client: Client,
		private readonly botUserId?: string,
	) {}

	private async postMessage(
		channelId: string,
		payload: Partial<MessagePayload> & { allowed_mentions: MessagePayload['allowed_mentions'] },
		files: Array<{ name: string; data: Buffer }> = [],
		nonce?: string,
	): Promise<SendResult> {
		try {
			const body: Record<string, unknown> = { ...payload };
			if (nonce) {
				// Discord returns the first message for a repeated nonce: a retried post after a crash lands once.
				body['nonce'] = nonce;
				body['enforce_nonce'] = true;
			}
			if (files.length > 0) body['attachments'] = files.map((f, id) => ({ id, filename: f.name }));
			const message = (await this.client.rest.post(Routes.channelMessages(channelId), {
				body,
				files: files.map((f) => ({ name: f.name, data: f.data })),
			})) as { id: string };
			return { ok: true, messageId: message.id };
		} catch (error) {
			return { ok: false, ...sendFailure(error) };
		}
	}

	async postText(
		channelId: string,
		content: string,
		opts: { files?: FileBlob[]; pingRoles?: string[]; nonce?: string } = {},
	): Promise<SendResult> {
		await this.turns.take();
		return this.postMessage(
			channelId,
			{ content: clip(content, MESSAGE_LIMIT), allowed_mentions: { parse: [], roles: opts.pingRoles ?? [] } },
			opts.files ?? [],
			opts.nonce,
		);
	}

	async postReminder(view: ReminderView, nonce: string): Promise<SendResult> {
		await this.turns.take();
		return this.postMessage(view.unit.channelId, renderReminder(view), [], nonce);
	}

	async postRoundNotice(channelId: string, notice: RoundNotice, nonce: string): Promise<SendResult> {
		const picture = await summaryPicture(notice);
		await this.turns.take();
		return this.postMessage(channelId, renderRoundNotice(notice), picture, nonce);
	}

	async postDraft(view: DraftView, nonce: string): Promise<SendResult> {
		// A unit with plan items also gets them as a workbook (the post shows them only when they fit).
		const plan = view.plan ? [await planAttachment(view, view.plan)] : [];
		await this.turns.take();
		return this.postMessage(view.unit.channelId, renderDraftPost(view), [...view.files, ...plan], nonce);
	}

	async findOwnPost(channelId: string, probe: OwnPostProbe): Promise<string | null> {
		const botId = this.client.user?.id ?? this.botUserId;
		if (!botId) return null;
		// The answer buttons name the round and unit; a draft post is an embed, a reminder is plain text.
		const marker = encodeCustomId({ kind: 'agree', roundId: probe.roundId, unitId: probe.unitId });
		// A little before `since`: the clocks of this machine and Discord's may differ by a few seconds.
		let after = SnowflakeUtil.generate({ timestamp: probe.since.getTime() - 60_000 }).toString();
		try {
			for (let page = 0; page < 5; page++) {
				const messages = (await this.client.rest.get(Routes.channelMessages(channelId), {
					query: new URLSearchParams({ after, limit: '100' }),
				})) as OwnMessage[];
				const mine = messages.find(
					(m) =>
						m.author.id === botId &&
						m.embeds.length > 0 === (probe.kind === 'draft') &&
						m.components?.some((row) => row.components?.some((c) => c.custom_id === marker)),
				);
				if (mine) return mine.id;
				if (messages.length < 100) return null;
				after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
			}
		} catch {
			// Without Read Message History the post cannot be found; the nonce still protects a recent one.
		}
		return null;
	}

	async refreshDraft(channelId: string, messageId: string, view: DraftView): Promise<SendResult> {
		await this.turns.take();
		try {
			// Leaving `attachments` out keeps the draft files already on the message.
			await this.client.rest.patch(Routes.channelMessage(channelId, messageId), { body: renderDraftPost(view) });
			return { ok: true, messageId };
		} catch (error) {
			return { ok: false, ...sendFailure(error) };
		}
	}
}

/** The parts of a message the adoption check reads. */
interface OwnMessage {
	id: string;
	author: { id: string };
	embeds: unknown[];
	components?: Array<{ components?: Array<{ custom_id?: string }> }>;
}
