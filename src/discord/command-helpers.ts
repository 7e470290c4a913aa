import {
	ChannelType,
	PermissionFlagsBits,
	type Attachment,
	type Guild,
	type GuildBasedChannel,
	type APIInteractionDataResolvedChannel,
} from 'discord.js';
import type { AppError } from '../app/errors.ts';
import { isCoordinator, requireCoordinator } from '../app/access.ts';
import { roundsForMember } from '../app/answer-round.ts';
import type { FileBlob } from '../app/ports.ts';
import type { AutocompleteContext, CommandContext } from './interaction-context.ts';
import { replyPrivately } from './respond.ts';
import { clip, errorMessage } from './views/errors.ts';

/** Sends a use case's expected failure as its one localized message. */
export function replyError(ctx: CommandContext, error: AppError): Promise<void> {
	return replyPrivately(ctx.interaction, errorMessage(ctx.t, error));
}

/**
 * Uploads are for coordinators only: checked before anything is downloaded, so nobody else can make the bot fetch
 * and parse files. Replies with the refusal and returns false otherwise.
 */
export async function ensureCoordinator(ctx: CommandContext): Promise<boolean> {
	const access = await requireCoordinator(ctx.deps, ctx.guildId, ctx.actor);
	if (access.ok) return true;
	await replyError(ctx, access.error);
	return false;
}

/** Human-readable size limit. */
export function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export type DownloadResult = { ok: true; file: FileBlob } | { ok: false; reason: 'too-large' | 'download-failed' };

/** Downloads an attachment now: Discord's attachment URLs expire, drafts are published later. */
export async function downloadAttachment(attachment: Attachment, maxBytes: number): Promise<DownloadResult> {
	if (attachment.size > maxBytes) return { ok: false, reason: 'too-large' };
	try {
		const response = await fetch(attachment.url, { signal: AbortSignal.timeout(20_000) });
		if (!response.ok) return { ok: false, reason: 'download-failed' };
		const data = Buffer.from(await response.arrayBuffer());
		if (data.length > maxBytes) return { ok: false, reason: 'too-large' };
		return { ok: true, file: { name: attachment.name, contentType: attachment.contentType, data } };
	} catch {
		return { ok: false, reason: 'download-failed' };
	}
}

/** Whether the bot can post in a channel, judged from the cached guild (no REST call). */
export function channelInfo(
	guild: Guild | null,
	channel: GuildBasedChannel | APIInteractionDataResolvedChannel,
): { id: string; writable: boolean; text: boolean } {
	const text = channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement;
	const cached = guild?.channels.cache.get(channel.id);
	const me = guild?.members.me;
	let writable = false;
	if (cached && me && 'permissionsFor' in cached) {
		const perms = cached.permissionsFor(me);
		writable =
			perms?.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks]) ??
			false;
	}
	return { id: channel.id, writable, text };
}

/** Coordinator-only suggestions are empty for everyone else: titles and unit names are not public. */
async function mayCoordinate(ctx: AutocompleteContext): Promise<boolean> {
	return isCoordinator(ctx.actor, await ctx.deps.settings.get(ctx.guildId));
}

/** Autocomplete for a round option: a coordinator's recent rounds, or the open rounds a member may answer. */
export async function autocompleteRounds(ctx: AutocompleteContext, scope: 'coordinator' | 'member'): Promise<void> {
	if (scope === 'coordinator' && !(await mayCoordinate(ctx))) return ctx.interaction.respond([]);
	const typed = ctx.interaction.options.getFocused().trim().toLowerCase();
	const rounds =
		scope === 'member'
			? await roundsForMember(ctx.deps, ctx.guildId, ctx.actor)
			: await ctx.deps.rounds.list(ctx.guildId, { limit: 25 });
	const choices = rounds
		.filter((r) => !typed || r.code.toLowerCase().includes(typed) || r.title.toLowerCase().includes(typed))
		.slice(0, 25)
		.map((r) => ({
			name: clip(
				ctx.t.round.autocompleteLabel({ id: r.code, title: r.title, state: ctx.t.round.states[r.state] ?? r.state }),
				100,
			),
			value: r.code,
		}));
	await ctx.interaction.respond(choices);
}

/** Autocomplete for a unit option: active units of this server. */
export async function autocompleteUnits(ctx: AutocompleteContext): Promise<void> {
	if (!(await mayCoordinate(ctx))) return ctx.interaction.respond([]);
	const typed = ctx.interaction.options.getFocused().trim().toLowerCase();
	const units = await ctx.deps.units.list(ctx.guildId);
	const choices = units
		.filter((u) => !typed || u.code.toLowerCase().includes(typed) || u.name.toLowerCase().includes(typed))
		.slice(0, 25)
		.map((u) => ({ name: clip(`${u.code} – ${u.name}`, 100), value: u.code }));
	await ctx.interaction.respond(choices);
}
