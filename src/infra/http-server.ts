import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

/**
 * The bot's small HTTP server on node:http (three read-only routes need no framework): `GET /healthz` (the process
 * is alive), `GET /readyz` (the database answers and Discord is connected; 503 otherwise), and `GET /metrics`
 * (Prometheus text format; 404 when METRICS=off). Other modules may add routes through `extra`.
 */

export interface Readiness {
	ok: boolean;
	checks: Record<string, boolean>;
}

export interface HttpServerOptions {
	port: number;
	host?: string;
	log: Logger;
	/** null: metrics are off. */
	metrics: Metrics | null;
	ready: () => Promise<Readiness>;
	/** Answers a request it knows (returns true), or leaves it (false). */
	extra?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export interface HttpServer {
	readonly port: number;
	close(): Promise<void>;
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
	res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
	res.end(body);
}

export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const path = (req.url ?? '/').split('?', 1)[0];
		if (req.method === 'GET' && path === '/healthz') return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
		if (req.method === 'GET' && path === '/readyz') {
			const r = await opts.ready().catch((): Readiness => ({ ok: false, checks: {} }));
			return send(res, r.ok ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(r)}\n`);
		}
		if (req.method === 'GET' && path === '/metrics' && opts.metrics) {
			const { contentType, body } = await opts.metrics.text();
			return send(res, 200, contentType, body);
		}
		if (opts.extra && (await opts.extra(req, res))) return;
		send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
	};
	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			opts.log.error({ err: error, path: req.url }, 'http request failed');
			if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
			else res.end();
		});
	});
	// Probes and scrapes are short: idle keep-alive sockets must not hold a shutdown.
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : opts.port;
	opts.log.info({ port, metrics: opts.metrics !== null }, 'http server listening');
	return {
		port,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
