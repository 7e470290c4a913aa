import { STATUS_CODES, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from './core.ts';
import { ApiError, methodNotAllowed, notFound, unauthorized } from './errors.ts';
import type { Interactions } from './interactions.ts';
import { parseBody } from './multipart.ts';
import { Buckets, GlobalLimiter, bucketHash, rateLimitBody } from './rate-limit.ts';
import { buildRoutes, matchRoute, type Route } from './routes.ts';
import type { Json, RecordedRequest } from './types.ts';

/**
 * HTTP side of the fake: one node:http server on 127.0.0.1 serving REST under /api/v10, attachment downloads under
 * /attachments, and the gateway WebSocket (upgrade on /gateway). Every request goes through the same pipeline:
 *
 *   route -> injected faults -> auth -> global limit -> route bucket -> handler -> record
 *
 * Faults come first because they model the network/Cloudflare/Discord infrastructure failing, which happens before
 * Discord looks at the request at all.
 */

interface Fault {
	kind: 'error' | 'storm' | 'slow';
	re: RegExp;
	remaining: number;
	status: number;
	retryAfter: number;
	delayMs: number;
	afterHandling: boolean;
}

interface Outcome {
	status: number;
	body?: Json;
	headers: Record<string, string>;
	route?: Route;
	unknown: boolean;
}

export class HttpServer {
	private readonly server: Server;
	private readonly routes: Route[];
	private readonly global: GlobalLimiter;
	private readonly buckets = new Buckets();
	private readonly faults: Fault[] = [];
	private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	readonly requests: RecordedRequest[] = [];
	/** When each TCP connection was accepted (ms since the epoch), REST and gateway alike. */
	readonly connections: number[] = [];
	/** 401, 403 and 429 answers: Discord bans IPs that make 10 000 of these in 10 minutes. */
	invalidRequests = 0;
	private stopped = false;

	constructor(
		private readonly core: Core,
		private readonly interactions: Interactions,
	) {
		this.routes = buildRoutes(core, interactions);
		this.global = new GlobalLimiter(core.opts.globalRateLimit);
		this.server = createServer((req, res) => {
			// Discord's edge (Cloudflare) answers `Connection: keep-alive` without a `Keep-Alive: timeout=` hint, so a
			// client keeps an idle connection as long as it chooses (undici: 4 s unless told otherwise). Node would add
			// the hint for its keepAliveTimeout below; an explicit Connection header leaves it out.
			if (req.headers.connection?.toLowerCase() !== 'close') res.setHeader('Connection', 'keep-alive');
			// A client aborting mid-request must not become an unhandled rejection in the test process.
			this.handle(req, res).catch(() => res.destroy());
		});
		this.server.on('connection', () => this.connections.push(Date.now()));
		this.server.on('upgrade', (req, socket, head) => core.gateway.handleUpgrade(req, socket, head));
		// Cloudflare closes an idle HTTP/1.1 client connection after 400 s. stop() closes every connection itself.
		this.server.keepAliveTimeout = 400_000;
	}

	async listen(): Promise<number> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return (this.server.address() as AddressInfo).port;
	}

	async close(): Promise<void> {
		this.stopped = true;
		for (const t of this.timers) {
			clearTimeout(t.timer);
			t.resolve();
		}
		this.timers.clear();
		await this.core.gateway.close();
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await closed;
	}

	// -- faults -------------------------------------------------------------------------------------------------------

	addFault(f: Partial<Fault> & Pick<Fault, 'kind' | 're'>): void {
		this.faults.push({
			remaining: Number.POSITIVE_INFINITY,
			status: 500,
			retryAfter: 0.05,
			delayMs: 0,
			afterHandling: false,
			...f,
		});
	}

	clearFaults(): void {
		this.faults.length = 0;
	}

	private takeFault(kind: Fault['kind'], method: string, path: string, afterHandling?: boolean): Fault | undefined {
		for (const f of this.faults) {
			if (f.kind !== kind || f.remaining <= 0) continue;
			if (afterHandling !== undefined && f.afterHandling !== afterHandling) continue;
			f.re.lastIndex = 0;
			const hit = f.re.test(path) || ((f.re.lastIndex = 0), f.re.test(`${method} ${path}`));
			if (!hit) continue;
			f.remaining--;
			return f;
		}
		return undefined;
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					this.timers.delete(entry);
					resolve();
				}, ms),
				resolve,
			};
			this.timers.add(entry);
		});
	}

	// -- pipeline -----------------------------------------------------------------------------------------------------

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		// discord.js sends `@original` URL-encoded (%40original): decode each segment before routing.
		const segments = url.pathname
			.split('/')
			.filter(Boolean)
			.map((s) => {
				try {
					return decodeURIComponent(s);
				} catch {
					return s;
				}
			});
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks);

		let outcome: Outcome;
		let apiPath = `/${segments.join('/')}`;
		try {
			if (segments[0] === 'attachments' && method === 'GET') {
				// A CDN can be slow too (a large upload on a poor line): `faults.slow(/^\/attachments\//, ms)`.
				const slow = this.takeFault('slow', method, apiPath);
				if (slow) await this.sleep(slow.delayMs);
				this.serveAttachment(segments, res, started, apiPath);
				return;
			}
			if (segments[0] !== 'api' || segments[1] !== 'v10') {
				outcome = { ...this.errorOutcome(notFound()), unknown: true };
			} else {
				apiPath = `/${segments.slice(2).join('/')}`;
				outcome = await this.process(method, segments.slice(2), apiPath, url.searchParams, raw, req);
			}
		} catch (e) {
			outcome = { ...this.errorOutcome(e), unknown: false };
		}
		if (this.stopped) {
			res.destroy();
			return;
		}
		this.send(res, outcome);
		if ([401, 403, 429].includes(outcome.status)) this.invalidRequests++;
		const record: RecordedRequest = {
			method,
			path: apiPath,
			query: url.search,
			status: outcome.status,
			at: started,
			unknown: outcome.unknown,
			durationMs: Date.now() - started,
		};
		if (outcome.route) record.route = `${outcome.route.method} ${outcome.route.pattern}`;
		this.requests.push(record);
		if (outcome.status >= 400 && outcome.status !== 429 && outcome.status < 500) {
			// Attach the rejection to its interaction so handle.reply() can explain a timeout.
			const isCallback = segments[2] === 'interactions';
			const isWebhook = segments[2] === 'webhooks';
			if (isCallback || isWebhook) {
				this.interactions.recordError(isWebhook ? segments[4] : undefined, isCallback ? segments[3] : undefined, {
					method,
					path: apiPath,
					status: outcome.status,
					body: outcome.body,
					at: started,
				});
			}
		}
	}

	private async process(
		method: string,
		segments: string[],
		path: string,
		query: URLSearchParams,
		raw: Buffer,
		req: IncomingMessage,
	): Promise<Outcome> {
		const { route, params, methodMismatch } = matchRoute(this.routes, method, segments);
		if (!route)
			return { ...this.errorOutcome(methodMismatch ? methodNotAllowed() : notFound()), unknown: !methodMismatch };

		const slow = this.takeFault('slow', method, path);
		if (slow) await this.sleep(slow.delayMs);
		const before = this.injected(method, path, false);
		if (before) return { ...before, route };

		if (route.auth && req.headers.authorization !== `Bot ${this.core.token}`) {
			return { ...this.errorOutcome(unauthorized()), route, unknown: false };
		}
		const now = Date.now();
		if (route.global) {
			const wait = this.global.take(now);
			if (wait > 0) {
				return {
					status: 429,
					body: rateLimitBody(wait, true),
					headers: {
						'Retry-After': wait.toFixed(3),
						'X-RateLimit-Global': 'true',
						'X-RateLimit-Scope': 'global',
					},
					route,
					unknown: false,
				};
			}
		}
		let bucketHeaders: Record<string, string> = {};
		const choice = route.bucket?.(params);
		if (choice) {
			const verdict = this.buckets.take(choice.name, choice.major, choice.cfg, now);
			bucketHeaders = verdict.headers;
			if (verdict.retryAfter !== undefined) {
				return {
					status: 429,
					body: rateLimitBody(verdict.retryAfter, false),
					headers: { ...bucketHeaders, 'Retry-After': verdict.retryAfter.toFixed(3) },
					route,
					unknown: false,
				};
			}
		}
		try {
			const { json, files } = await parseBody(raw, req.headers['content-type']);
			const result = await route.handler({ params, query, body: json, files });
			const after = this.injected(method, path, true);
			if (after) return { ...after, route };
			return { status: result.status, body: result.body, headers: bucketHeaders, route, unknown: false };
		} catch (e) {
			const out = this.errorOutcome(e);
			return { ...out, headers: { ...bucketHeaders, ...out.headers }, route, unknown: false };
		}
	}

	/** A serverError / rateLimitStorm fault, if one matches. */
	private injected(method: string, path: string, afterHandling: boolean): Omit<Outcome, 'route'> | undefined {
		const error = this.takeFault('error', method, path, afterHandling);
		if (error) {
			const message = `${error.status}: ${STATUS_CODES[error.status] ?? 'Server Error'}`;
			return { status: error.status, body: { message, code: 0 }, headers: {}, unknown: false };
		}
		if (afterHandling) return undefined;
		const storm = this.takeFault('storm', method, path);
		if (storm) {
			const ra = storm.retryAfter;
			return {
				status: 429,
				body: rateLimitBody(ra, false),
				headers: {
					'Retry-After': ra.toFixed(3),
					'X-RateLimit-Limit': '1',
					'X-RateLimit-Remaining': '0',
					'X-RateLimit-Reset': ((Date.now() + ra * 1000) / 1000).toFixed(3),
					'X-RateLimit-Reset-After': ra.toFixed(3),
					'X-RateLimit-Bucket': bucketHash(`storm ${path}`),
					'X-RateLimit-Scope': 'shared',
				},
				unknown: false,
			};
		}
		return undefined;
	}

	private errorOutcome(e: unknown): Omit<Outcome, 'unknown'> & { unknown: boolean } {
		if (e instanceof ApiError) return { status: e.status, body: e.body, headers: e.headers, unknown: false };
		// A bug in the fake itself: surface it loudly rather than as a plausible Discord error.
		console.error('fake-discord internal error:', e);
		return {
			status: 500,
			body: { message: `fake-discord internal error: ${String(e)}`, code: 0 },
			headers: {},
			unknown: false,
		};
	}

	private send(res: ServerResponse, o: Outcome): void {
		const headers: Record<string, string> = { ...o.headers, Via: '1.1 fake-discord' };
		if (o.status === 204 || o.body === undefined) {
			res.writeHead(o.status, headers);
			res.end();
			return;
		}
		const payload = Buffer.from(JSON.stringify(o.body));
		res.writeHead(o.status, {
			...headers,
			'Content-Type': 'application/json',
			'Content-Length': String(payload.length),
		});
		res.end(payload);
	}

	private serveAttachment(segments: string[], res: ServerResponse, started: number, path: string): void {
		const a = this.core.store.attachments.get(segments[1] ?? '');
		const status = a ? 200 : 404;
		if (a) {
			res.writeHead(200, {
				'Content-Type': a.contentType ?? 'application/octet-stream',
				'Content-Length': String(a.data.length),
			});
			res.end(a.data);
		} else {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('Not Found');
		}
		this.requests.push({
			method: 'GET',
			path,
			query: '',
			status,
			at: started,
			unknown: false,
			durationMs: Date.now() - started,
		});
	}
}
