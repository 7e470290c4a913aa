import { randomBytes } from 'node:crypto';
import { MessageFlags, type Interaction } from 'discord.js';
import type { Deps } from '../app/deps.ts';
import { catalog, langOf } from '../i18n/index.ts';
import { onAgreeButton, onCommentButton, onCommentModal } from './components/answer-buttons.ts';
import { decodeCustomId } from './custom-id.ts';
import { actorOf, languagesOf, type CommandModule } from './interaction-context.ts';
import { replyPrivately } from './respond.ts';

/** A short id a user can read out to an administrator; the same id is in the log line. */
export function newIncidentId(): string {
	return randomBytes(4).toString('hex').toUpperCase();
}

/** What the router reports about each interaction (the bot's metrics listen). */
export interface InteractionObserver {
	(kind: InteractionKind, outcome: 'ok' | 'error' | 'refused', seconds: number): void;
}
export type InteractionKind = 'command' | 'autocomplete' | 'button' | 'modal' | 'other';

export function interactionKind(interaction: Interaction): InteractionKind {
	if (interaction.isChatInputCommand()) return 'command';
	if (interaction.isAutocomplete()) return 'autocomplete';
	if (interaction.isButton()) return 'button';
	if (interaction.isModalSubmit()) return 'modal';
	return 'other';
}

/**
 * What every log line of an interaction carries: its id, the command (with subcommand), the server, the person,
 * and the round and unit when the interaction names them (options, or a draft's button).
 */
export function interactionBindings(interaction: Interaction): Record<string, string> {
	const b: Record<string, string> = { interaction: interaction.id, user: interaction.user.id };
	if (interaction.guildId) b['guild'] = interaction.guildId;
	if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
		const group = interaction.options.getSubcommandGroup(false);
		const sub = interaction.options.getSubcommand(false);
		b['command'] = [interaction.commandName, group, sub].filter(Boolean).join(' ');
		for (const [option, key] of [
			['round', 'round'],
			['unit', 'unit'],
		] as const) {
			const value = interaction.options.get(option)?.value;
			if (typeof value === 'string' || typeof value === 'number') b[key] = String(value);
		}
	} else if (interaction.isButton() || interaction.isModalSubmit()) {
		const id = decodeCustomId(interaction.customId);
		b['command'] = id?.kind ?? 'component';
		if (id) {
			b['round'] = String(id.roundId);
			b['unit'] = String(id.unitId);
		}
	}
	return b;
}

export interface Router {
	handle(interaction: Interaction): Promise<void>;
	/** Answers an interaction that arrives while the bot is stopping, without touching the database. */
	refuse(interaction: Interaction): Promise<void>;
	/** Resolves when no interaction is being handled (graceful shutdown). */
	idle(): Promise<void>;
	readonly inFlight: number;
}

/**
 * The one entry for every interaction: slash commands, autocomplete, buttons and modals. It is also the error
 * boundary: whatever happens, the person gets an answer (the requested one, a localized refusal, "no longer
 * available", or an apology with an incident id).
 */
export function createRouter(deps: Deps, commands: readonly CommandModule[], observe?: InteractionObserver): Router {
	const byName = new Map(commands.map((c) => [c.data.name, c]));
	let inFlight = 0;
	let waiters: Array<() => void> = [];

	// `deps` here is the interaction's own: its logger tags every line with the interaction (see `handle`).
	async function dispatch(interaction: Interaction, deps: Deps): Promise<void> {
		if (interaction.isAutocomplete()) {
			const command = byName.get(interaction.commandName);
			if (!command?.autocomplete || !interaction.guildId) {
				await interaction.respond([]);
				return;
			}
			const { lang, t } = await languagesOf(deps, interaction);
			await command.autocomplete({
				interaction,
				deps,
				guildId: interaction.guildId,
				actor: actorOf(interaction),
				lang,
				t,
			});
			return;
		}
		if (interaction.isChatInputCommand()) {
			// Acknowledge first, privately: the 3-second deadline is then never at risk, whatever the command does.
			await interaction.deferReply({ flags: MessageFlags.Ephemeral });
			const command = byName.get(interaction.commandName);
			const { lang, serverLang, t } = await languagesOf(deps, interaction);
			if (!command) {
				deps.log.warn({ command: interaction.commandName, user: interaction.user.id }, 'unknown command');
				return replyPrivately(interaction, t.errors.unavailable);
			}
			if (!interaction.guildId) return replyPrivately(interaction, t.errors.guildOnly);
			await command.execute({
				interaction,
				deps,
				guildId: interaction.guildId,
				actor: actorOf(interaction),
				lang,
				t,
				serverLang,
			});
			return;
		}
		if (interaction.isButton() || interaction.isModalSubmit()) {
			const id = decodeCustomId(interaction.customId);
			if (!id || !interaction.guildId) {
				const { t } = await languagesOf(deps, interaction);
				deps.log.warn({ customId: interaction.customId, user: interaction.user.id }, 'stale or unknown component');
				return replyPrivately(interaction, t.errors.unavailable);
			}
			if (interaction.isButton() && id.kind === 'agree') return onAgreeButton(deps, interaction, id);
			if (interaction.isButton() && id.kind === 'comment') return onCommentButton(deps, interaction, id);
			if (interaction.isModalSubmit() && id.kind === 'comment-modal') return onCommentModal(deps, interaction, id);
			const { t } = await languagesOf(deps, interaction);
			deps.log.warn({ customId: interaction.customId }, 'component of the wrong type');
			return replyPrivately(interaction, t.errors.unavailable);
		}
	}

	async function handle(interaction: Interaction): Promise<void> {
		inFlight++;
		const started = process.hrtime.bigint();
		let outcome: 'ok' | 'error' = 'ok';
		const log = deps.log.child?.(interactionBindings(interaction)) ?? deps.log;
		try {
			await dispatch(interaction, { ...deps, log });
		} catch (error) {
			outcome = 'error';
			const incident = newIncidentId();
			log.error({ err: error, incident, type: interaction.type }, 'interaction failed');
			await apologize(interaction, incident).catch((replyError: unknown) =>
				log.error({ err: replyError, incident }, 'could not answer a failed interaction'),
			);
		} finally {
			observe?.(interactionKind(interaction), outcome, Number(process.hrtime.bigint() - started) / 1e9);
			inFlight--;
			if (inFlight === 0) {
				const done = waiters;
				waiters = [];
				done.forEach((w) => w());
			}
		}
	}

	async function refuse(interaction: Interaction): Promise<void> {
		observe?.(interactionKind(interaction), 'refused', 0);
		try {
			if (interaction.isAutocomplete()) await interaction.respond([]);
			else if (interaction.isRepliable()) {
				const t = catalog(langOf(interaction.locale, 'vi'));
				await interaction.reply({ content: t.errors.busy, flags: MessageFlags.Ephemeral });
			}
		} catch (error) {
			deps.log.warn({ err: error, interaction: interaction.id }, 'could not refuse an interaction during shutdown');
		}
	}

	return {
		handle,
		refuse,
		idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
		get inFlight() {
			return inFlight;
		},
	};
}

async function apologize(interaction: Interaction, incident: string): Promise<void> {
	// No database call here: the failure may be the database itself.
	const t = catalog(langOf(interaction.locale, 'vi'));
	if (interaction.isAutocomplete()) {
		if (!interaction.responded) await interaction.respond([]);
		return;
	}
	if (!interaction.isRepliable()) return;
	const content = t.errors.internal({ incident });
	if (interaction.deferred && !interaction.replied)
		await interaction.editReply({ content, allowedMentions: { parse: [] } });
	else if (interaction.replied) await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
	else await interaction.reply({ content, flags: MessageFlags.Ephemeral });
}
