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
 * A command's options are declared once, as a spec keyed by the option's key. The same spec builds the command JSON
 * that is registered with Discord (every name, description and choice label from the catalogs: English as Discord's
 * base, Vietnamese as its localization) and types the values a handler receives (`OptionValues<typeof spec>`).
 */
export interface OptionSpec {
	type: keyof OptionTypes;
	required?: boolean;
	autocomplete?: boolean;
	maxLength?: number;
	minLength?: number;
	min?: number;
	max?: number;
	choices?: readonly string[];
	textChannelsOnly?: boolean;
}

/** Options in the order they are shown (Discord puts required ones first; the order is kept otherwise). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** A channel option, resolved by the transport: can the bot post there, and is it a text channel. */
export interface ChannelOption {
	type: 'channel';
	id: string;
	writable: boolean;
	text: boolean;
}
/** A role option; `managed` roles belong to an integration and cannot be given to people. */
export interface RoleOption {
	type: 'role';
	id: string;
	managed: boolean;
}
export interface UserOption {
	type: 'user';
	id: string;
}
/** An uploaded file, not yet downloaded. */
export interface AttachmentOption {
	type: 'attachment';
	name: string;
	url: string;
	size: number;
	contentType: string | null;
}

/** The value each option type has once the transport has read and resolved it. */
export interface OptionTypes {
	string: string;
	integer: number;
	number: number;
	boolean: boolean;
	user: UserOption;
	channel: ChannelOption;
	role: RoleOption;
	attachment: AttachmentOption;
}
export type OptionValue = OptionTypes[keyof OptionTypes];

type ValueOf<S extends OptionSpec> = S['choices'] extends readonly (infer C)[] ? C : OptionTypes[S['type']];

/** What a handler receives for a spec: required options are always there, the others may be undefined. */
export type OptionValues<S extends OptionSpecs> = {
	[K in keyof S]: S[K]['required'] extends true ? ValueOf<S[K]> : ValueOf<S[K]> | undefined;
};

/** Thrown when an interaction's options do not match the registered spec (a stale or forged interaction). */
export class MalformedOptions extends Error {}

const PRIMITIVES: Partial<Record<OptionSpec['type'], 'string' | 'number' | 'boolean'>> = {
	string: 'string',
	integer: 'number',
	number: 'number',
	boolean: 'boolean',
};

function matches(spec: OptionSpec, value: OptionValue): boolean {
	const primitive = PRIMITIVES[spec.type];
	if (typeof value === 'object') return value.type === spec.type;
	return typeof value === primitive && (!spec.choices || spec.choices.includes(String(value)));
}

/** Checks the options a transport read against the spec, and types them. */
export function parseOptions<S extends OptionSpecs>(specs: S, raw: ReadonlyMap<string, OptionValue>): OptionValues<S> {
	const values: Record<string, OptionValue | undefined> = {};
	for (const [key, spec] of Object.entries(specs)) {
		const value = raw.get(key);
		if (value === undefined) {
			if (spec.required) throw new MalformedOptions(`missing option ${key}`);
		} else if (!matches(spec, value)) throw new MalformedOptions(`bad option ${key}`);
		values[key] = value;
	}
	return values as OptionValues<S>;
}

type OptText = { name: string; description: string; choices?: Record<string, string> };
type CmdText = {
	name: string;
	description: string;
	options?: Record<string, OptText>;
	subcommands?: Record<string, CmdText>;
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

function option(
	key: string,
	spec: OptionSpec,
	base: CmdText,
	local: CmdText,
	path: string,
): APIApplicationCommandBasicOption {
	const b = base.options?.[key];
	const l = local.options?.[key];
	if (!b || !l) throw new Error(`missing option text ${path}.${key}`);
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
			if (!bl || !ll) throw new Error(`missing choice text ${path}.${key}.${value}`);
			return { name: bl, name_localizations: { vi: ll }, value };
		});
	}
	return result as unknown as APIApplicationCommandBasicOption;
}

function options(specs: OptionSpecs, base: CmdText, local: CmdText, path: string) {
	// Required options must come first (Discord's rule); the spec order is kept otherwise.
	const sorted = Object.entries(specs).sort(
		([, a], [, b]) => Number(b.required ?? false) - Number(a.required ?? false),
	);
	return sorted.map(([key, spec]) => option(key, spec, base, local, path));
}

function head(base: CmdText, local: CmdText) {
	return {
		name: base.name,
		name_localizations: { vi: local.name },
		description: base.description,
		description_localizations: { vi: local.description },
	};
}

/** A command with options only. */
export function buildCommand(key: CommandKey, specs: OptionSpecs): RESTPostAPIChatInputApplicationCommandsJSONBody {
	const base = text(commandsEn[key], key);
	const local = text(commandsVi[key], key);
	return { ...head(base, local), options: options(specs, base, local, key), contexts: [0] };
}

/** A command made of subcommands. */
export function buildCommandWithSubcommands(
	key: CommandKey,
	subs: Readonly<Record<string, OptionSpecs>>,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
	const base = text(commandsEn[key], key);
	const local = text(commandsVi[key], key);
	const subcommands: APIApplicationCommandOption[] = Object.entries(subs).map(([subKey, specs]) => {
		const b = base.subcommands?.[subKey];
		const l = local.subcommands?.[subKey];
		if (!b || !l) throw new Error(`missing subcommand text ${key}.${subKey}`);
		return {
			type: ApplicationCommandOptionType.Subcommand,
			...head(b, l),
			options: options(specs, b, l, `${key}.${subKey}`),
		};
	});
	return { ...head(base, local), options: subcommands, contexts: [0] };
}
