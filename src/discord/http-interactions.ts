import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	InteractionResponseType,
	InteractionType,
	MessageFlags,
	type APIInteraction,
	type APIInteractionResponse,
} from 'discord.js';
import type { Log } from '../app/deps.ts';
import { catalog, langOf } from '../i18n/index.ts';
import { handledKind, HttpTransport, readIncoming, type HttpTransportDeps } from './http-transport.ts';
import type { Router } from './router.ts';

/**
 * `POST /interactions`: Discord's interactions endpoint. Every request is checked first: the Ed25519 signature
 * (`X-Signature-Ed25519`, hex) over `X-Signature-Timestamp` + the raw body, with the application's public key, and
 * the timestamp no further than `MAX_SKEW_SECONDS` from now (a replayed request is refused); anything else is
 * answered 401 before the body is even parsed. A PING is answered PONG; everything else goes through the router,
 * and the first answer it gives is the HTTP response, at the latest after `deferAfterMs` (then a private "thinking…",
 * well inside Discord's 3 seconds).
 */

/** How far the signed timestamp may be from this machine's clock (either way). */
export const MAX_SKEW_SECONDS = 300;
/** The answer Discord waits for is due in 3 s: acknowledge by then whatever the handler is doing. */
export const DEFER_AFTER_MS = 2_500;
/**
 * How many acknowledged interactions may work towards their answer at once in one process. Each HTTP request needs
 * several turns of the event loop before its handler runs; with much work in progress those turns come late and the
 * last requests of a burst miss Discord's 3 s. Measured (bench, one process on SQLite, a loaded 2-core machine, 100
 * simultaneous clicks): 43 answered too late without this limit, 8 with it; two replicas: none. Work beyond the
 * limit waits, idle, after its acknowledgement. A slot is free again once its interaction's answer has reached
 * Discord: what the handler does after that (a click's paced edit of the public draft post, which may wait seconds
 * for the channel's limit) is mostly waiting, and held the slots of a burst's deferred answers (two replicas on
 * PostgreSQL, 100 clicks: their confirmation p99 1.8 s against 0.35 s for the acknowledgements).
 */
export const MAX_BUSY = 8;
/** Interaction payloads are a few kilobytes; a megabyte is far beyond any. */
const MAX_BODY_BYTES = 1024 * 1024;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519PublicKey(hex: string): KeyObject {
	const raw = Buffer.from(hex, 'hex');
	if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes (64 hex characters)');
	return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Whether Discord signed this request, recently. */
export function verifySignature(
	key: KeyObject,
	headers: { signature: string | undefined; timestamp: string | undefined },
	body: Buffer,
	nowMs: number,
): boolean {
	const { signature, timestamp } = headers;
	if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return false;
	if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
	try {
		return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
	} catch {
		return false;
	}
}

export interface InteractionsEndpointOptions extends HttpTransportDeps {
	publicKey: string;
	router: Router;
	log: Log;
	/** False while stopping: interactions get "busy, try again" without touching the database. */
	accepting(): boolean;
	now?: () => number;
	deferAfterMs?: number;
}

function header(req: IncomingMessage, name: string): string | undefined {
	const v = req.headers[name];
	return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				resolve(null);
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function sendJson(res: ServerResponse, status: number, body: unknown): Promise<void> {
	return new Promise((resolve) => {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body), () => resolve());
		res.once('close', () => resolve());
	});
}

/** The route for the bot's HTTP server (`extra`): answers POST /interactions, leaves every other request. */
export function interactionsEndpoint(opts: InteractionsEndpointOptions) {
	const key = ed25519PublicKey(opts.publicKey);
	const now = opts.now ?? (() => Date.now());
	const deferAfter = opts.deferAfterMs ?? DEFER_AFTER_MS;
	let working = 0;
	const waiting: Array<() => void> = [];
	const release = () => {
		const next = waiting.shift();
		if (next) next();
		else working--;
	};
	const acquire = (): Promise<void> => {
		if (working < MAX_BUSY) {
			working++;
			return Promise.resolve();
		}
		return new Promise((resolve) => waiting.push(resolve));
	};

	return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
		const path = (req.url ?? '/').split('?', 1)[0];
		if (path !== '/interactions') return false;
		if (req.method !== 'POST') {
			res.writeHead(405, { allow: 'POST' }).end();
			return true;
		}
		const body = await readBody(req);
		if (body === null) {
			res.writeHead(413).end();
			return true;
		}
		const signed = verifySignature(
			key,
			{ signature: header(req, 'x-signature-ed25519'), timestamp: header(req, 'x-signature-timestamp') },
			body,
			now(),
		);
		if (!signed) {
			opts.log.warn({ path }, 'interaction refused: bad signature or stale timestamp');
			await sendJson(res, 401, { error: 'invalid request signature' });
			return true;
		}
		let raw: APIInteraction;
		try {
			raw = JSON.parse(body.toString('utf8')) as APIInteraction;
		} catch {
			res.writeHead(400).end();
			return true;
		}
		if (raw.type === InteractionType.Ping) {
			await sendJson(res, 200, { type: InteractionResponseType.Pong });
			return true;
		}
		if (!opts.accepting()) {
			await sendJson(res, 200, busy(raw));
			return true;
		}
		if (!handledKind(raw)) {
			opts.log.warn({ interaction: raw.id, type: raw.type }, 'interaction of a kind the bot does not handle');
			res.writeHead(400).end();
			return true;
		}
		const transport = new HttpTransport(raw, opts.rest);
		let holding = false;
		const free = () => {
			if (!holding) return;
			holding = false;
			release();
		};
		transport.afterDefer = async () => {
			await acquire();
			holding = true;
		};
		transport.afterAnswer = free;
		// Whatever is slow (reading the server, the database), Discord gets its answer in time.
		const timer = setTimeout(() => {
			if (transport.fresh) transport.acknowledgeLate();
		}, deferAfter);
		const handled = (async () => {
			const incoming = await readIncoming(raw, transport, opts);
			if (incoming) await opts.router.handleIncoming(incoming, transport);
		})()
			.catch((error: unknown) => opts.log.error({ err: error, interaction: raw.id }, 'interaction could not be read'))
			.finally(free);
		const first = await Promise.race([
			transport.initial,
			handled.then(() => (transport.fresh ? null : transport.initial)),
		]);
		clearTimeout(timer);
		if (first === null) {
			// The router gave no answer at all (an interaction id it had already handled): Discord shows a failure.
			res.writeHead(500).end();
			transport.delivered();
			return true;
		}
		await sendJson(res, 200, first);
		transport.delivered();
		return true;
	};
}

/** The answer while stopping: "busy", privately, in the person's language (no database read). */
function busy(raw: APIInteraction): APIInteractionResponse {
	if (raw.type === InteractionType.ApplicationCommandAutocomplete) {
		return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
	}
	const content = catalog(langOf('locale' in raw ? raw.locale : null, 'vi')).errors.busy;
	return {
		type: InteractionResponseType.ChannelMessageWithSource,
		data: { content, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } },
	};
}
