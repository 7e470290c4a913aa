import type { Clock, Notifier, Repositories } from './ports.ts';
import type { AccessProbe } from './access-ports.ts';
import type { ReportStore } from './report-ports.ts';

/** A minimal structured logger (pino satisfies it). */
export interface Log {
	info(obj: object, msg?: string): void;
	warn(obj: object, msg?: string): void;
	error(obj: object, msg?: string): void;
	/** A logger whose every line carries `bindings` too (pino's child loggers). */
	child?(bindings: object): Log;
}

/** What every use case may use; built once in the composition root. */
export interface Deps extends Repositories {
	clock: Clock;
	notifier: Notifier;
	log: Log;
	/** Plan items, comment outcomes, reports and audit exports. */
	reports: ReportStore;
	/** The permission preflight's view of a server; absent (e.g. in use-case tests), the preflight is skipped. */
	access?: AccessProbe;
	/** How long an outbox claim protects a post in flight (src/app/outbox.ts); 2 minutes unless configured. */
	outboxLeaseMs?: number;
	/** How long the outcome of a fan-out's post waits for others to be written with it (src/app/outbox.ts); 40 ms unless set. */
	finishLingerMs?: number;
	/** Posts in flight at once during a publish or a sweep (src/app/fan-out.ts); 8 unless configured. */
	fanOut?: number;
	/**
	 * Resolves when nobody is waiting for the first answer to an interaction (or after a bounded wait): public edits
	 * that follow an answer (a draft post showing it) go after the people still waiting for their own. Absent (use-case
	 * tests, no Discord), nothing waits.
	 */
	calm?: () => Promise<void>;
}
