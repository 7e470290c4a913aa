import {
	ApplicationCommandOptionType,
	ChannelType,
	type APIApplicationCommandBasicOption,
	type APIApplicationCommandOption,
	type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { commandsEn } from '../i18n/commands-en.ts';
import { commandsVi } from '../i18n/commands-vi.ts';

/**
 * Builds slash-command JSON from a compact spec; every name, description and choice label comes from the catalogs
 * (English as Discord's base, Vietnamese as its localization), so commands never drift from the translations.
 */
type OptText = { name: string; description: string; choices?: Record<string, string> };
type CmdText = {
	name: string;
	description: string;
	options?: Record<string, OptText>;
	subcommands?: Record<string, CmdText>;
};

export type OptionSpec = {
	key: string;
	type: 'string' | 'integer' | 'number' | 'boolean' | 'user' | 'channel' | 'role' | 'attachment';
	required?: boolean;
	autocomplete?: boolean;
	maxLength?: number;
	minLength?: number;
	min?: number;
	max?: number;
	choices?: readonly string[];
	textChannelsOnly?: boolean;
};

export type CommandKey = keyof typeof commandsEn;

const TYPES = {
	string: ApplicationCommandOptionType.String,
	integer: ApplicationCommandOptionType.Integer,
	number: ApplicationCommandOptionType.Number,
	boolean: ApplicationCommandOptionType.Boolean,
	user: ApplicationCommandOptionType.User,
	channel: ApplicationCommandOptionType.Channel,
	role: ApplicationCommandOptionType.Role,
	attachment: ApplicationCommandOptionType.Attachment,
} as const;

function text(source: unknown, path: string): CmdText {
	if (!source || typeof source !== 'object') throw new Error(`missing command text ${path}`);
	return source as CmdText;
}

function option(spec: OptionSpec, base: CmdText, local: CmdText, path: string): APIApplicationCommandBasicOption {
	const b = base.options?.[spec.key];
	const l = local.options?.[spec.key];
	if (!b || !l) throw new Error(`missing option text ${path}.${spec.key}`);
	const result: Record<string, unknown> = {
		type: TYPES[spec.type],
		name: b.name,
		name_localizations: { vi: l.name },
		description: b.description,
		description_localizations: { vi: l.description },
		required: spec.required ?? false,
	};
	if (spec.autocomplete) result['autocomplete'] = true;
	if (spec.maxLength !== undefined) result['max_length'] = spec.maxLength;
	if (spec.minLength !== undefined) result['min_length'] = spec.minLength;
	if (spec.min !== undefined) result['min_value'] = spec.min;
	if (spec.max !== undefined) result['max_value'] = spec.max;
	if (spec.textChannelsOnly) result['channel_types'] = [ChannelType.GuildText];
	if (spec.choices) {
		result['choices'] = spec.choices.map((value) => {
			const bl = b.choices?.[value];
			const ll = l.choices?.[value];
			if (!bl || !ll) throw new Error(`missing choice text ${path}.${spec.key}.${value}`);
			return { name: bl, name_localizations: { vi: ll }, value };
		});
	}
	// Required options must come first (Discord's rule); the spec order is kept otherwise.
	return result as unknown as APIApplicationCommandBasicOption;
}

function options(specs: readonly OptionSpec[], base: CmdText, local: CmdText, path: string) {
	const sorted = [...specs].sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
	return sorted.map((s) => option(s, base, local, path));
}

/** A command with options only. */
export function buildCommand(
	key: CommandKey,
	specs: readonly OptionSpec[],
	opts: { guildOnly?: boolean } = {},
): RESTPostAPIChatInputApplicationCommandsJSONBody {
	const base = text(commandsEn[key], key);
	const local = text(commandsVi[key], key);
	return {
		name: base.name,
		name_localizations: { vi: local.name },
		description: base.description,
		description_localizations: { vi: local.description },
		options: options(specs, base, local, key),
		contexts: opts.guildOnly === false ? [0, 1] : [0],
	};
}

/** A command made of subcommands. */
export function buildCommandWithSubcommands(
	key: CommandKey,
	subs: Record<string, readonly OptionSpec[]>,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
	const base = text(commandsEn[key], key);
	const local = text(commandsVi[key], key);
	const subcommands: APIApplicationCommandOption[] = Object.entries(subs).map(([subKey, specs]) => {
		const b = base.subcommands?.[subKey];
		const l = local.subcommands?.[subKey];
		if (!b || !l) throw new Error(`missing subcommand text ${key}.${subKey}`);
		return {
			type: ApplicationCommandOptionType.Subcommand,
			name: b.name,
			name_localizations: { vi: l.name },
			description: b.description,
			description_localizations: { vi: l.description },
			options: options(specs, b, l, `${key}.${subKey}`),
		};
	});
	return {
		name: base.name,
		name_localizations: { vi: local.name },
		description: base.description,
		description_localizations: { vi: local.description },
		options: subcommands,
		contexts: [0],
	};
}
