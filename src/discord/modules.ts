import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import {
	buildCommand,
	buildCommandWithSubcommands,
	type CommandKey,
	type OptionSpecs,
	type OptionValues,
} from './command-spec.ts';
import type { Context } from './context.ts';
import type { CustomId } from './custom-id.ts';

/**
 * Command and component modules. A subcommand is its option spec and a handler that receives the options typed
 * from that spec; one dispatcher (the router) reads, checks and hands them over. A component (button, modal) is the
 * kind of custom id it answers and a handler that receives the decoded id.
 */
export interface Subcommand<S extends OptionSpecs = OptionSpecs> {
	options: S;
	// A method, so that subcommands of different specs sit in one table: the dispatcher only ever passes a handler
	// the options parsed from its own spec.
	run(ctx: Context, options: OptionValues<S>): Promise<void>;
}

/** Declares a subcommand (or a command's only body): `subcommand({ round: {...} }, (ctx, { round }) => …)`. */
export function subcommand<const S extends OptionSpecs>(
	options: S,
	run: (ctx: Context, options: OptionValues<S>) => Promise<void>,
): Subcommand<S> {
	return { options, run };
}

/** The option a person is typing, for autocomplete. */
export interface Focus {
	subcommand: string | null;
	option: string;
	value: string;
}

/** One slash command, statically registered in commands/index.ts. */
export interface CommandModule {
	/** The JSON registered with Discord, built from the specs and the catalogs. */
	data: RESTPostAPIChatInputApplicationCommandsJSONBody;
	/** Its body by subcommand name (`null` for a command without subcommands). */
	find(subcommand: string | null): Subcommand | undefined;
	autocomplete?(ctx: Context, focus: Focus): Promise<void>;
}

type Autocomplete = CommandModule['autocomplete'];

/** A command made of subcommands. */
export function commandWithSubcommands(
	key: CommandKey,
	subs: Readonly<Record<string, Subcommand>>,
	autocomplete?: Autocomplete,
): CommandModule {
	const byName = new Map(Object.entries(subs));
	return {
		data: buildCommandWithSubcommands(key, Object.fromEntries([...byName].map(([name, s]) => [name, s.options]))),
		find: (name) => (name === null ? undefined : byName.get(name)),
		...(autocomplete ? { autocomplete } : {}),
	};
}

/** A command with options only. */
export function command(key: CommandKey, body: Subcommand, autocomplete?: Autocomplete): CommandModule {
	return {
		data: buildCommand(key, body.options),
		find: (name) => (name === null ? body : undefined),
		...(autocomplete ? { autocomplete } : {}),
	};
}

/** A button or modal, registered in commands/index.ts beside the commands. */
export interface ComponentModule {
	kind: CustomId['kind'];
	type: 'button' | 'modal';
	/**
	 * May be acknowledged privately ("thinking…") when its work is slow; it reads the server's language first. Quick
	 * work is answered in the initial callback (the router's `deferringLate`). A button that opens a modal cannot:
	 * the modal must be the first answer, so nothing slow may come before it.
	 */
	defer: boolean;
	run(ctx: Context, id: CustomId, fields: ReadonlyMap<string, string>): Promise<void>;
}

/** Declares a component for one kind of custom id; its handler gets that kind's decoded fields. */
export function component<K extends CustomId['kind']>(spec: {
	kind: K;
	type: 'button' | 'modal';
	defer: boolean;
	run(ctx: Context, id: Extract<CustomId, { kind: K }>, fields: ReadonlyMap<string, string>): Promise<void>;
}): ComponentModule {
	return {
		kind: spec.kind,
		type: spec.type,
		defer: spec.defer,
		// The router only calls a component with an id of its own kind.
		run: (ctx, id, fields) => spec.run(ctx, id as Extract<CustomId, { kind: K }>, fields),
	};
}

/** Who acts where: the part of every use case's input that comes from the interaction. */
export function who(ctx: Context): { guildId: string; actor: Context['actor'] } {
	return { guildId: ctx.guildId, actor: ctx.actor };
}

/** The option every round subcommand starts with. */
export const ROUND_OPTION = { type: 'string', required: true, autocomplete: true } as const;
