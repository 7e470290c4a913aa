import {
	ApplicationCommandOptionType,
	ChannelType,
	MessageFlags,
	PermissionFlagsBits,
	type APIInteractionDataResolvedChannel,
	type CommandInteractionOption,
	type Guild,
	type GuildBasedChannel,
	type Interaction,
} from 'discord.js';
import type { Actor } from '../domain/model.ts';
import type { ChannelOption, OptionValue } from './command-spec.ts';
import type { Incoming, Transport } from './context.ts';
import { clip, MESSAGE_LIMIT } from './views/text.ts';

/**
 * The gateway transport: reads a discord.js interaction into the transport-independent shape the router and the
 * handlers use, and answers it through discord.js. Discord's HTTP interactions endpoint would be a second file like
 * this one; nothing else would change.
 */
export function fromDiscordJs(interaction: Interaction): { incoming: Incoming; transport: Transport } | null {
	const incoming = read(interaction);
	return incoming && { incoming, transport: transport(interaction) };
}

function read(interaction: Interaction): Incoming | null {
	if (interaction.isChatInputCommand()) {
		return {
			type: 'command',
			name: interaction.commandName,
			subcommand: interaction.options.getSubcommand(false),
			options: new Map(leafOptions(interaction.options.data).flatMap((o) => optionEntry(interaction.guild, o))),
		};
	}
	if (interaction.isAutocomplete()) {
		const focused = interaction.options.getFocused(true);
		return {
			type: 'autocomplete',
			name: interaction.commandName,
			subcommand: interaction.options.getSubcommand(false),
			focused: { name: focused.name, value: focused.value },
		};
	}
	if (interaction.isButton()) return { type: 'button', customId: interaction.customId };
	if (interaction.isModalSubmit()) {
		const fields = new Map(
			[...interaction.fields.fields.keys()].map((k) => [k, interaction.fields.getTextInputValue(k)]),
		);
		return { type: 'modal', customId: interaction.customId, fields };
	}
	return null;
}

/** The options of the subcommand (or of the command itself when it has none). */
function leafOptions(data: readonly CommandInteractionOption[]): readonly CommandInteractionOption[] {
	const sub = data.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
	return sub ? (sub.options ?? []) : data;
}

function optionEntry(guild: Guild | null, o: CommandInteractionOption): Array<[string, OptionValue]> {
	if (o.channel) return [[o.name, channelOption(guild, o.channel)]];
	if (o.role) return [[o.name, { type: 'role', id: o.role.id, managed: o.role.managed }]];
	if (o.attachment) {
		const { name, url, size, contentType } = o.attachment;
		return [[o.name, { type: 'attachment', name, url, size, contentType }]];
	}
	if (o.user) return [[o.name, { type: 'user', id: o.user.id }]];
	return o.value === undefined ? [] : [[o.name, o.value]];
}

/** Whether the bot can post in a channel, judged from the cached guild (no REST call). */
function channelOption(
	guild: Guild | null,
	channel: GuildBasedChannel | APIInteractionDataResolvedChannel,
): ChannelOption {
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
	return { type: 'channel', id: channel.id, writable, text };
}

/** The person acting, from the interaction's member data (no extra REST call, no privileged intent). */
function actorOf(interaction: Interaction): Actor {
	const member = interaction.member;
	let roleIds: string[] = [];
	if (member) roleIds = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
	return {
		userId: interaction.user.id,
		userName: interaction.user.globalName ?? interaction.user.username,
		roleIds,
		canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
	};
}

const NO_PINGS = { parse: [] };

function transport(interaction: Interaction): Transport {
	const guild = interaction.guild;
	const notRepliable = () => new Error(`interaction ${interaction.type} cannot be answered this way`);
	return {
		id: interaction.id,
		guildId: interaction.guildId,
		locale: interaction.locale,
		actor: actorOf(interaction),
		async reply(content, files = []) {
			if (!interaction.isRepliable()) throw notRepliable();
			const payload = { content: clip(content, MESSAGE_LIMIT), files: [...files], allowedMentions: NO_PINGS };
			if (interaction.deferred && !interaction.replied) await interaction.editReply(payload);
			else if (interaction.replied) await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
			else await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
		},
		async defer() {
			if (!interaction.isRepliable()) throw notRepliable();
			await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		},
		async followUp(content) {
			if (!interaction.isRepliable()) throw notRepliable();
			const payload = { content: clip(content, MESSAGE_LIMIT), allowedMentions: NO_PINGS };
			await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
		},
		async showModal(modal) {
			if (!interaction.isButton() && !interaction.isChatInputCommand()) throw notRepliable();
			await interaction.showModal(modal);
		},
		async respond(choices) {
			if (!interaction.isAutocomplete()) throw notRepliable();
			if (!interaction.responded) await interaction.respond([...choices]);
		},
		channels: () =>
			guild ? [...guild.channels.cache.values()].map((c) => ({ ...channelOption(guild, c), name: c.name })) : [],
		roles: () =>
			guild
				? [...guild.roles.cache.values()]
						.filter((r) => r.id !== guild.id && !r.managed)
						.map((r) => ({ id: r.id, name: r.name }))
				: [],
		latencyMs: () => interaction.client.ws.ping,
	};
}
