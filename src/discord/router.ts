import { randomBytes } from 'node:crypto';
import type { Deps, Log } from '../app/deps.ts';
import type { AppError } from '../app/errors.ts';
import { serverLanguage } from '../app/queries.ts';
import { catalog, langOf, localeLang, type Lang } from '../i18n/index.ts';
import { MalformedOptions, parseOptions } from './command-spec.ts';
import type { Context, Incoming, Transport } from './context.ts';
import { decodeCustomId } from './custom-id.ts';
import type { CommandModule, ComponentModule } from './modules.ts';
import { errorReply } from './views/errors.ts';

/** A short id a user can read out to an administrator; the same id is in the log line. */
export function newIncidentId(): string {
	return randomBytes(4).toString('hex').toUpperCase();
}

/** What the router reports about each interaction (the bot's metrics listen). */
export interface InteractionObserver {
	(kind: InteractionKind, outcome: 'ok' | 'error' | 'refused', seconds: number): void;
}
export type InteractionKind = Incoming['type'];

/**
 * What every log line of an interaction carries: its id, the command (with subcommand), the server, the person,
 * and the round and unit when the interaction names them (options, or a draft's button).
 */
export function interactionBindings(incoming: Incoming, transport: Transport): Record<string, string> {
	const b: Record<string, string> = { interaction: transport.id, user: transport.actor.userId };
	if (transport.guildId) b['guild'] = transport.guildId;
	if (incoming.type === 'command' || incoming.type === 'autocomplete') {
		b['command'] = [incoming.name, incoming.subcommand].filter(Boolean).join(' ');
		for (const key of ['round', 'unit'] as const) {
			const value =
				incoming.type === 'command'
					? incoming.options.get(key)
					: incoming.focused.name === key
						? incoming.focused.value
						: undefined;
			if (typeof value === 'string' || typeof value === 'number') b[key] = String(value);
		}
	} else {
		const id = decodeCustomId(incoming.customId);
		b['command'] = id?.kind ?? 'component';
		if (id) {
			b['round'] = String(id.roundId);
			b['unit'] = String(id.unitId);
		}
	}
	return b;
}

/**
 * The child logger of `log` with `bindings`, made when it first writes a line (or is asked for a child): most
 * interactions log nothing, and a pino child serialises its bindings when it is made. Without `log.child` (plain test
 * loggers), `log` itself.
 */
export function lazyChild(log: Log, bindings: () => object): Log {
	const make = log.child?.bind(log);
	if (!make) return log;
	let child: Log | null = null;
	const get = () => (child ??= make(bindings()));
	return {
		info: (...args) => get().info(...args),
		warn: (...args) => get().warn(...args),
		error: (...args) => get().error(...args),
		child: (more) => get().child?.(more) ?? get(),
	};
}

/**
 * How long a component's work may run before the router acknowledges it ("thinking…") and lets the answer follow as
 * an edit. Work that finishes sooner is answered in the initial callback: one request instead of two, and nothing
 * waits behind a queue of webhook edits. Well inside Discord's 3-second deadline, even with a loaded event loop.
 */
export const DEFER_AFTER_MS = 1000;

/**
 * Interactions in flight (this one included) up to which the bot is calm. Beyond, it is busy with a burst: a
 * component's work then waits behind the others' (their database reads and writes are grouped), so each is given
 * {@link BURST_DEFER_AFTER_MS} instead of {@link DEFER_AFTER_MS} to answer in the initial callback before it is
 * acknowledged, and so are the ones already under way.
 */
export const QUICK_ANSWER_MAX_IN_FLIGHT = 2;

/** How long a component's work may run during a burst before it is acknowledged and its answer follows as an edit. */
export const BURST_DEFER_AFTER_MS = 150;

/**
 * The transport of a component whose answer may come straight away: if nothing has answered by `afterMs`, it defers;
 * every answer made after that waits for the deferral, then edits it. `hurry(ms)` brings the deadline forward to
 * `ms` after the start (a burst began). `settle()` stops the timer and waits for a deferral under way, so that an
 * apology written after it sees the interaction as deferred.
 */
export function deferringLate(
	transport: Transport,
	afterMs: number,
): { transport: Transport; settle(): Promise<void>; hurry(ms: number): void } {
	const started = performance.now();
	let answered = false;
	let deferral: Promise<void> | null = null;
	const deferNow = () => {
		if (answered || deferral) return;
		// A failed deferral is seen by the next answer, which then fails the same way (the error boundary apologizes).
		deferral = transport.defer();
		deferral.catch(() => {});
	};
	let timer = setTimeout(deferNow, afterMs);
	let deadline = afterMs;
	const first = async (): Promise<void> => {
		answered = true;
		clearTimeout(timer);
		if (deferral) await deferral;
	};
	return {
		transport: {
			...transport,
			reply: async (...args) => first().then(() => transport.reply(...args)),
			edit: async (...args) => first().then(() => transport.edit(...args)),
			followUp: async (...args) => first().then(() => transport.followUp(...args)),
			showModal: async (...args) => first().then(() => transport.showModal(...args)),
			defer: async () => first().then(() => transport.defer()),
		},
		async settle() {
			clearTimeout(timer);
			await deferral?.catch(() => {});
		},
		hurry(ms) {
			if (answered || deferral || ms >= deadline) return;
			deadline = ms;
			clearTimeout(timer);
			timer = setTimeout(deferNow, Math.max(0, started + ms - performance.now()));
		},
	};
}

/**
 * The transport of a slash command, acknowledged at once without waiting for the acknowledgement to come back: the
 * command's work starts while the deferral travels (a round trip sooner: the first draft of a publish leaves before
 * Discord has answered), and every answer waits for the deferral, then edits it. A deferral that fails is seen by
 * the next answer, which then fails the same way (the error boundary apologizes); the work done meanwhile stays, as
 * every command can be repeated (publishing and reminding send once, creating refuses a code that exists).
 * `settle()` waits for the deferral, so that an apology written after it sees the interaction as deferred.
 */
export function deferredAtOnce(transport: Transport): { transport: Transport; settle(): Promise<void> } {
	const deferral = transport.defer();
	deferral.catch(() => {});
	return {
		transport: {
			...transport,
			reply: async (...args) => deferral.then(() => transport.reply(...args)),
			edit: async (...args) => deferral.then(() => transport.edit(...args)),
			followUp: async (...args) => deferral.then(() => transport.followUp(...args)),
			showModal: async (...args) => deferral.then(() => transport.showModal(...args)),
			defer: async () => deferral,
		},
		settle: () => deferral.catch(() => {}),
	};
}

/**
 * The longest a public edit that follows an answer (a draft post showing it) waits for the people still waiting for
 * their own first answer (see `Router.calm`): under a never-ending stream of clicks, edits still go out.
 */
export const CALM_MAX_WAIT_MS = 2000;

/**
 * How long nothing must arrive or be answered, once nobody waits for an answer, before the bot counts as calm: the
 * clicks of a burst reach it in several reads of the socket tens of milliseconds apart (more in the first burst after
 * a start, when the code is still cold), and nobody waits for the public edits that calm lets go.
 */
export const CALM_QUIET_MS = 100;

/** How many recent interaction ids are remembered to handle each once (Discord may deliver one again on RESUME). */
const REMEMBERED_IDS = 10_000;

export interface Router {
	/** Handles an interaction read by its transport. */
	handleIncoming(incoming: Incoming, transport: Transport): Promise<void>;
	/** Answers an interaction that arrives while the bot is stopping, without touching the database. */
	refuse(incoming: Incoming, transport: Transport): Promise<void>;
	/** Resolves when no interaction is being handled (graceful shutdown). */
	idle(): Promise<void>;
	/**
	 * Resolves once every interaction being handled has had its first answer (a reply, a deferral, a modal), or after
	 * `maxWaitMs`: work that can wait (editing public posts after an answer) goes after the people still waiting.
	 */
	calm(maxWaitMs?: number): Promise<void>;
	readonly inFlight: number;
}

/**
 * The one entry for every interaction: slash commands, autocomplete, buttons and modals, whatever the transport. It
 * is the one dispatcher (command → subcommand → options checked against the spec → handler; custom id → component)
 * and the error boundary: whatever happens, the person gets an answer (the requested one, a localized refusal,
 * "no longer available", or an apology with an incident id), and each interaction id is handled once.
 */
export function createRouter(
	deps: Deps,
	commands: readonly CommandModule[],
	components: readonly ComponentModule[],
	observe?: InteractionObserver,
): Router {
	const byName = new Map(commands.map((c) => [c.data.name, c]));
	const seen = new Set<string>();
	let inFlight = 0;
	let waiters: Array<() => void> = [];
	/** Interactions in flight that have not had their first answer yet, and who waits for there to be none. */
	let unanswered = 0;
	const calmWaiters = new Set<() => void>();
	/** When an interaction last arrived or had its first answer (performance.now()). */
	let lastActivity = Number.NEGATIVE_INFINITY;
	let quietTimer: NodeJS.Timeout | null = null;
	/**
	 * Wakes who waits for calm once nobody waits for an answer and none has arrived or been answered for
	 * CALM_QUIET_MS: a burst's clicks come in several reads of the socket, and the gaps between them are not calm.
	 */
	function wakeWhenQuiet(): void {
		if (quietTimer || calmWaiters.size === 0) return;
		const check = () => {
			quietTimer = null;
			if (unanswered > 0) return;
			const left = lastActivity + CALM_QUIET_MS - performance.now();
			if (left > 0) {
				quietTimer = setTimeout(check, left);
				return;
			}
			for (const wake of [...calmWaiters]) wake();
		};
		check();
	}
	/** Components being worked on in the hope of answering in the initial callback; a burst hurries them. */
	const quick = new Set<{ hurry(ms: number): void }>();

	// The functions below take the interaction's own `deps`: its logger tags every line with the interaction.
	/**
	 * The person's Discord locale decides when the bot speaks it (Discord sends one with every interaction): the
	 * server's language is read only for the others, so a click waits for no read before its own work. Without the
	 * read (a modal must be opened before anything slow), Vietnamese.
	 */
	async function languageOf(deps: Deps, transport: Transport, readServer = true): Promise<Lang> {
		return localeLang(transport.locale) ?? (readServer ? await serverLanguage(deps, transport.guildId) : 'vi');
	}

	async function contextOf(deps: Deps, transport: Transport, guildId: string, readServer = true): Promise<Context> {
		const lang = await languageOf(deps, transport, readServer);
		const t = catalog(lang);
		const fail = (error: AppError) => {
			const { content, files } = errorReply(t, error);
			return transport.reply(content, files);
		};
		return { ...transport, deps, guildId, lang, t, fail };
	}

	/** A refusal before any handler runs (unknown command, stale button, outside a server). */
	async function refuseWith(deps: Deps, transport: Transport, error: AppError): Promise<void> {
		const t = catalog(await languageOf(deps, transport));
		await transport.reply(errorReply(t, error).content);
	}

	async function command(
		deps: Deps,
		incoming: Extract<Incoming, { type: 'command' }>,
		transport: Transport,
	): Promise<void> {
		// Acknowledge first, privately: the 3-second deadline is then never at risk, whatever the command does. The
		// work does not wait for Discord's answer to the acknowledgement; the command's own answers do.
		const acked = deferredAtOnce(transport);
		try {
			await commandBody(deps, incoming, acked.transport);
		} finally {
			await acked.settle();
		}
	}

	async function commandBody(
		deps: Deps,
		incoming: Extract<Incoming, { type: 'command' }>,
		transport: Transport,
	): Promise<void> {
		const body = byName.get(incoming.name)?.find(incoming.subcommand);
		if (!body) {
			deps.log.warn({ command: incoming.name, user: transport.actor.userId }, 'unknown command');
			return refuseWith(deps, transport, { code: 'unavailable' });
		}
		if (!transport.guildId) return refuseWith(deps, transport, { code: 'guild-only' });
		const ctx = await contextOf(deps, transport, transport.guildId);
		let options;
		try {
			options = parseOptions(body.options, incoming.options);
		} catch (error) {
			if (!(error instanceof MalformedOptions)) throw error;
			deps.log.warn({ command: incoming.name, reason: error.message }, 'options do not match the command');
			return ctx.fail({ code: 'unavailable' });
		}
		await body.run(ctx, options);
	}

	async function autocomplete(deps: Deps, incoming: Extract<Incoming, { type: 'autocomplete' }>, transport: Transport) {
		const module = byName.get(incoming.name);
		if (!module?.autocomplete || !transport.guildId) return transport.respond([]);
		const ctx = await contextOf(deps, transport, transport.guildId);
		const { subcommand, focused } = incoming;
		await module.autocomplete(ctx, { subcommand, option: focused.name, value: focused.value });
	}

	async function component(
		deps: Deps,
		incoming: Extract<Incoming, { type: 'button' | 'modal' }>,
		transport: Transport,
	) {
		const id = decodeCustomId(incoming.customId);
		const module = id && components.find((c) => c.kind === id.kind && c.type === incoming.type);
		if (!id || !module || !transport.guildId) {
			deps.log.warn({ customId: incoming.customId, user: transport.actor.userId }, 'stale or unknown component');
			return refuseWith(deps, transport, { code: 'unavailable' });
		}
		if (!module.defer) {
			// A modal must be the first answer: nothing slow before it (the person's locale decides the language).
			const ctx = await contextOf(deps, transport, transport.guildId, false);
			return module.run(ctx, id, incoming.type === 'modal' ? incoming.fields : new Map());
		}
		// Answered in the initial callback when the work is quick; acknowledged after DEFER_AFTER_MS when it is not,
		// or after BURST_DEFER_AFTER_MS during a burst (the clicks already under way too), when work waits for work.
		const busy = inFlight > QUICK_ANSWER_MAX_IN_FLIGHT;
		if (busy) for (const q of quick) q.hurry(BURST_DEFER_AFTER_MS);
		const late = deferringLate(transport, busy ? BURST_DEFER_AFTER_MS : DEFER_AFTER_MS);
		quick.add(late);
		try {
			const ctx = await contextOf(deps, late.transport, transport.guildId);
			await module.run(ctx, id, incoming.type === 'modal' ? incoming.fields : new Map());
		} finally {
			quick.delete(late);
			await late.settle();
		}
	}

	function dispatch(deps: Deps, incoming: Incoming, transport: Transport): Promise<void> {
		if (incoming.type === 'command') return command(deps, incoming, transport);
		if (incoming.type === 'autocomplete') return autocomplete(deps, incoming, transport);
		return component(deps, incoming, transport);
	}

	/** True the first time an id is seen; the oldest ids are forgotten first. */
	function firstTime(id: string): boolean {
		if (seen.has(id)) return false;
		seen.add(id);
		if (seen.size > REMEMBERED_IDS) seen.delete(seen.values().next().value as string);
		return true;
	}

	async function handleIncoming(incoming: Incoming, transport: Transport): Promise<void> {
		if (!firstTime(transport.id)) {
			deps.log.warn({ interaction: transport.id, type: incoming.type }, 'interaction delivered again: ignored');
			return;
		}
		inFlight++;
		unanswered++;
		lastActivity = performance.now();
		let waiting = true;
		// Counted as answered as soon as it gives its first answer (the call, not its completion: over http a deferral
		// then waits for a slot of the endpoint's work in progress, which announcing handlers may hold), or when its
		// handling ends.
		const answered = () => {
			if (!waiting) return;
			waiting = false;
			unanswered--;
			lastActivity = performance.now();
			if (unanswered === 0) wakeWhenQuiet();
		};
		const tracked: Transport = {
			...transport,
			reply: (...args) => (answered(), transport.reply(...args)),
			edit: (...args) => (answered(), transport.edit(...args)),
			defer: () => (answered(), transport.defer()),
			followUp: (...args) => (answered(), transport.followUp(...args)),
			showModal: (...args) => (answered(), transport.showModal(...args)),
			respond: (...args) => (answered(), transport.respond(...args)),
		};
		const started = process.hrtime.bigint();
		let outcome: 'ok' | 'error' = 'ok';
		const log = lazyChild(deps.log, () => interactionBindings(incoming, transport));
		const own = { ...deps, log };
		try {
			await dispatch(own, incoming, tracked);
		} catch (error) {
			outcome = 'error';
			const incident = newIncidentId();
			// Without a child logger (plain test loggers), the line itself says which interaction failed.
			const who = deps.log.child ? {} : { interaction: transport.id, user: transport.actor.userId };
			log.error({ err: error, incident, type: incoming.type, ...who }, 'interaction failed');
			await apologize(incoming, transport, incident, own).catch((replyError: unknown) =>
				log.error({ err: replyError, incident }, 'could not answer a failed interaction'),
			);
		} finally {
			answered();
			observe?.(incoming.type, outcome, Number(process.hrtime.bigint() - started) / 1e9);
			inFlight--;
			if (inFlight === 0) {
				const done = waiters;
				waiters = [];
				done.forEach((w) => w());
			}
		}
	}

	async function refuse(incoming: Incoming, transport: Transport): Promise<void> {
		observe?.(incoming.type, 'refused', 0);
		try {
			if (incoming.type === 'autocomplete') await transport.respond([]);
			else await transport.reply(catalog(langOf(transport.locale, 'vi')).errors.busy);
		} catch (error) {
			deps.log.warn({ err: error, interaction: transport.id }, 'could not refuse an interaction during shutdown');
		}
	}

	return {
		handleIncoming,
		refuse,
		idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
		calm(maxWaitMs = CALM_MAX_WAIT_MS) {
			if (unanswered === 0 && performance.now() - lastActivity >= CALM_QUIET_MS) return Promise.resolve();
			return new Promise<void>((resolve) => {
				const wake = () => {
					clearTimeout(timer);
					calmWaiters.delete(wake);
					if (calmWaiters.size === 0 && quietTimer) {
						clearTimeout(quietTimer);
						quietTimer = null;
					}
					resolve();
				};
				const timer = setTimeout(wake, maxWaitMs);
				calmWaiters.add(wake);
				if (unanswered === 0) wakeWhenQuiet();
			});
		},
		get inFlight() {
			return inFlight;
		},
	};
}

/**
 * The apology after a failure. No database call here: the failure may be the database itself. When the answer
 * itself cannot be written (every edit of a deferred reply failing), a follow-up carries the apology instead, so
 * nobody is left with "thinking…".
 */
async function apologize(incoming: Incoming, transport: Transport, incident: string, deps: Deps): Promise<void> {
	if (incoming.type === 'autocomplete') return transport.respond([]);
	const content = catalog(langOf(transport.locale, 'vi')).errors.internal({ incident });
	try {
		await transport.reply(content);
	} catch (error) {
		deps.log.warn({ err: error, incident }, 'the apology could not be written in place: sending it as a follow-up');
		await transport.followUp(content);
	}
}
