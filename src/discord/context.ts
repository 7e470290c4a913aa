import type { APIEmbed, APIModalInteractionResponseCallbackData } from 'discord.js';
import type { AppError } from '../app/errors.ts';
import type { Deps } from '../app/deps.ts';
import type { Actor } from '../domain/model.ts';
import type { Catalog, Lang } from '../i18n/index.ts';
import type { OptionValue } from './command-spec.ts';
import type { ReplyFile } from './views/text.ts';

/** A suggestion offered while a person types an option (autocomplete). */
export interface Choice {
	name: string;
	value: string;
}

/** A channel of the server as the bot sees it (for imports that name channels). */
export interface ServerChannel {
	id: string;
	name: string;
	writable: boolean;
	text: boolean;
}

/**
 * What one interaction is, whichever way it came (the gateway, or Discord's HTTP interactions endpoint): the
 * transport reads and resolves it into this shape.
 */
export type Incoming =
	| { type: 'command'; name: string; subcommand: string | null; options: ReadonlyMap<string, OptionValue> }
	| { type: 'autocomplete'; name: string; subcommand: string | null; focused: { name: string; value: string } }
	| { type: 'button'; customId: string }
	| { type: 'modal'; customId: string; fields: ReadonlyMap<string, string> };

/**
 * How to answer one interaction. A transport implements it once; handlers only ever see these methods, so a second
 * transport is an adapter, not new handlers. Every message to a person is private and pings nobody.
 */
export interface Transport {
	/** The interaction's id: the router handles each id once. */
	readonly id: string;
	readonly guildId: string | null;
	/** The person's Discord locale. */
	readonly locale: string | null;
	readonly actor: Actor;
	/**
	 * Answers privately, whatever state the interaction is in (fresh, deferred or already answered); embeds (a card)
	 * may show an attached picture by `attachment://<file name>`.
	 */
	reply(content: string, files?: readonly ReplyFile[], embeds?: readonly APIEmbed[]): Promise<void>;
	/**
	 * Rewrites the private answer already shown (a deferred or answered interaction) in place: progress of long work,
	 * then the final answer over it. Before any answer, it answers.
	 */
	edit(content: string, files?: readonly ReplyFile[], embeds?: readonly APIEmbed[]): Promise<void>;
	/** Acknowledges now (privately, "thinking…"); the answer comes later through `reply`. */
	defer(): Promise<void>;
	/** A further private message; after `defer` the first one takes the deferred answer's place. */
	followUp(content: string): Promise<void>;
	/** Opens a modal: only as the first answer. */
	showModal(modal: APIModalInteractionResponseCallbackData): Promise<void>;
	/** Answers an autocomplete (once; later calls do nothing). */
	respond(choices: readonly Choice[]): Promise<void>;
	/** The server's channels and roles as the bot sees them, and the gateway latency when there is one. */
	channels(): readonly ServerChannel[];
	roles(): ReadonlyArray<{ id: string; name: string }>;
	latencyMs(): number;
}

/** Everything a command, autocomplete or component handler gets: the same for every transport. */
export interface Context extends Transport {
	readonly deps: Deps;
	/** Never empty: interactions outside a server are answered before any handler runs. */
	readonly guildId: string;
	/** The person's language. */
	readonly lang: Lang;
	readonly t: Catalog;
	/** Answers a use case's expected failure with its one localized message. */
	fail(error: AppError): Promise<void>;
}
