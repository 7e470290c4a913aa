import {
	PermissionFlagsBits,
	type AutocompleteInteraction,
	type ChatInputCommandInteraction,
	type Interaction,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Deps } from '../app/deps.ts';
import type { Actor } from '../domain/model.ts';
import { catalog, langOf, type Catalog, type Lang } from '../i18n/index.ts';

/** Everything a command handler gets: the interaction, the use cases' dependencies, and the person's language. */
export interface CommandContext {
	interaction: ChatInputCommandInteraction;
	deps: Deps;
	guildId: string;
	actor: Actor;
	lang: Lang;
	t: Catalog;
	/** The server's language, for public posts. */
	serverLang: Lang;
}

export interface AutocompleteContext {
	interaction: AutocompleteInteraction;
	deps: Deps;
	guildId: string;
	actor: Actor;
	lang: Lang;
	t: Catalog;
}

/** One slash command, statically registered in commands/index.ts. */
export interface CommandModule {
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	execute(ctx: CommandContext): Promise<void>;
	autocomplete?(ctx: AutocompleteContext): Promise<void>;
}

/** The person acting, from the interaction's member data (no extra REST call, no privileged intent). */
export function actorOf(interaction: Interaction): Actor {
	const member = interaction.member;
	let roleIds: string[] = [];
	if (member) roleIds = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
	const permissions = interaction.memberPermissions;
	return {
		userId: interaction.user.id,
		userName: interaction.user.globalName ?? interaction.user.username,
		roleIds,
		canManageGuild: permissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
	};
}

/** The person's language (their Discord locale, falling back to the server's) and the server's. */
export async function languagesOf(
	deps: Deps,
	interaction: Interaction,
): Promise<{ lang: Lang; serverLang: Lang; t: Catalog }> {
	const settings = interaction.guildId ? await deps.settings.get(interaction.guildId) : null;
	const serverLang: Lang = settings?.language ?? 'vi';
	const lang = langOf(interaction.locale, serverLang);
	return { lang, serverLang, t: catalog(lang) };
}
