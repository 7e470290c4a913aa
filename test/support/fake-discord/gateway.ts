import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { randomHex } from './ids.ts';
import type { Store } from './state.ts';
import type { Json } from './types.ts';

/**
 * Gateway v10, JSON encoding, no compression (discord.js only asks for zlib-stream when the optional zlib-sync
 * package is installed). Implements what discord.js' WebSocketShard relies on:
 *
 * HELLO -> IDENTIFY -> READY (guilds unavailable) + one GUILD_CREATE per guild; heartbeats ACKed; RESUME replays the
 * events after the client's last sequence then sends RESUMED; op 9 INVALID_SESSION; op 8 member requests.
 * Sessions outlive their socket (like Discord's), so events that happen while a client is disconnected are queued
 * and replayed on resume: the situation a real bot meets on every network blip.
 */

export const Intents = {
	Guilds: 1 << 0,
	GuildMembers: 1 << 1,
	GuildPresences: 1 << 8,
	GuildMessages: 1 << 9,
	DirectMessages: 1 << 12,
	MessageContent: 1 << 15,
} as const;

const Op = {
	Dispatch: 0,
	Heartbeat: 1,
	Identify: 2,
	PresenceUpdate: 3,
	VoiceStateUpdate: 4,
	Resume: 6,
	Reconnect: 7,
	RequestGuildMembers: 8,
	InvalidSession: 9,
	Hello: 10,
	HeartbeatAck: 11,
} as const;

export const HEARTBEAT_INTERVAL_MS = 41_250;

interface LoggedEvent {
	s: number;
	t: string;
	d: Json;
}

interface Session {
	id: string;
	intents: number;
	seq: number;
	log: LoggedEvent[];
	conn: Connection | null;
	/** False once the session was invalidated or closed normally by the client. */
	alive: boolean;
}

interface Connection {
	ws: WebSocket;
	path: string;
	session: Session | null;
}

export interface DispatchOptions {
	/** Intent bit the session must have to receive the event (none = always). */
	intent?: number;
	/** MESSAGE_* payload: strip content for sessions without MessageContent (unless authored by / mentioning the bot). */
	messageContent?: boolean;
}

export interface GatewayStats {
	/** WebSocket connections accepted (initial + reconnects). */
	connections: number;
	identifies: number;
	/** Successful RESUMEs. */
	resumes: number;
	/** Connections opened on the resume_gateway_url from READY. */
	resumeUrlConnections: number;
	/** Sessions currently attached to an open socket. */
	connected: number;
}

export class Gateway {
	private readonly wss = new WebSocketServer({ noServer: true });
	private readonly sessions = new Map<string, Session>();
	private readonly conns = new Set<Connection>();
	private readonly listeners = new Set<(event: string, data: Json) => void>();
	readonly stats = { connections: 0, identifies: 0, resumes: 0, resumeUrlConnections: 0 };

	constructor(
		private readonly token: string,
		private readonly store: Store,
		private readonly wsBase: () => string,
	) {}

	get url(): string {
		return `${this.wsBase()}/gateway`;
	}

	get resumeUrl(): string {
		return `${this.wsBase()}/gateway/resume`;
	}

	snapshot(): GatewayStats {
		return { ...this.stats, connected: [...this.sessions.values()].filter((s) => s.conn !== null).length };
	}

	/** Observe every event the gateway emits (tests use this to await e.g. RESUMED). */
	onEvent(fn: (event: string, data: Json) => void): () => void {
		this.listeners.add(fn);
		return () => this.listeners.delete(fn);
	}

	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname !== '/gateway' && url.pathname !== '/gateway/resume') {
			socket.destroy();
			return;
		}
		this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url));
	}

	private accept(ws: WebSocket, url: URL): void {
		const conn: Connection = { ws, path: url.pathname, session: null };
		this.conns.add(conn);
		this.stats.connections++;
		if (url.pathname === '/gateway/resume') this.stats.resumeUrlConnections++;
		ws.on('message', (raw) => this.onMessage(conn, raw));
		ws.on('close', (code) => this.onClose(conn, code));
		ws.on('error', () => undefined);
		if (url.searchParams.get('v') !== '10') {
			ws.close(4012, 'Invalid API version');
			return;
		}
		if ((url.searchParams.get('encoding') ?? 'json') !== 'json') {
			ws.close(4002, 'Error while decoding payload.');
			return;
		}
		this.send(conn, {
			op: Op.Hello,
			d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS, _trace: ['["fake-gateway",{}]'] },
		});
	}

	private send(conn: Connection, payload: Json): void {
		if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(JSON.stringify({ s: null, t: null, ...payload }));
	}

	private onMessage(conn: Connection, raw: RawData): void {
		let payload: Json;
		try {
			const buf = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
			payload = JSON.parse(buf.toString('utf8'));
		} catch {
			conn.ws.close(4002, 'Error while decoding payload.');
			return;
		}
		switch (payload?.op) {
			case Op.Heartbeat:
				this.send(conn, { op: Op.HeartbeatAck, d: null });
				return;
			case Op.Identify:
				this.identify(conn, payload.d);
				return;
			case Op.Resume:
				this.resume(conn, payload.d);
				return;
			case Op.RequestGuildMembers:
				if (!conn.session) conn.ws.close(4003, 'Not authenticated.');
				else this.requestMembers(conn, payload.d);
				return;
			case Op.PresenceUpdate:
			case Op.VoiceStateUpdate:
				if (!conn.session) conn.ws.close(4003, 'Not authenticated.');
				return;
			default:
				conn.ws.close(4001, 'Unknown opcode.');
		}
	}

	private identify(conn: Connection, d: Json): void {
		if (conn.session) {
			conn.ws.close(4005, 'Already authenticated.');
			return;
		}
		if (d?.token !== this.token) {
			conn.ws.close(4004, 'Authentication failed.');
			return;
		}
		this.stats.identifies++;
		const session: Session = {
			id: randomHex(16),
			intents: Number(d.intents ?? 0),
			seq: 0,
			log: [],
			conn,
			alive: true,
		};
		this.sessions.set(session.id, session);
		conn.session = session;
		const guilds = [...this.store.guilds.values()].filter((g) => g.present);
		this.emitTo(session, 'READY', {
			v: 10,
			user_settings: {},
			user: { ...this.store.userJson(this.store.botUser), verified: true, mfa_enabled: false, email: null },
			guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
			guild_join_requests: [],
			relationships: [],
			private_channels: [],
			presences: [],
			session_id: session.id,
			session_type: 'normal',
			resume_gateway_url: this.resumeUrl,
			shard: [0, 1],
			application: { id: this.store.applicationId, flags: 0 },
			auth: {},
			geo_ordered_rtc_regions: [],
			_trace: ['["fake-gateway",{}]'],
		});
		const allMembers = (session.intents & Intents.GuildPresences) !== 0;
		for (const g of guilds) this.emitTo(session, 'GUILD_CREATE', this.store.guildCreateJson(g, allMembers));
	}

	private resume(conn: Connection, d: Json): void {
		const session = this.sessions.get(String(d?.session_id));
		if (!session || !session.alive || d?.token !== this.token) {
			this.send(conn, { op: Op.InvalidSession, d: false });
			return;
		}
		const old = session.conn;
		if (old && old !== conn) {
			old.session = null;
			old.ws.close(4009, 'Session superseded.');
		}
		session.conn = conn;
		conn.session = session;
		const since = Number(d.seq ?? 0);
		for (const e of session.log) if (e.s > since) this.send(conn, { op: Op.Dispatch, t: e.t, s: e.s, d: e.d });
		this.stats.resumes++;
		this.emitTo(session, 'RESUMED', { _trace: ['["fake-gateway",{}]'] });
	}

	private requestMembers(conn: Connection, d: Json): void {
		const session = conn.session;
		if (!session) return;
		const guildIds: string[] = Array.isArray(d?.guild_id) ? d.guild_id : [String(d?.guild_id)];
		for (const guildId of guildIds) {
			let members = this.store.guildMembers(guildId);
			if (Array.isArray(d?.user_ids)) members = members.filter((m) => d.user_ids.includes(m.userId));
			else if (typeof d?.query === 'string' && d.query !== '') {
				const q = d.query.toLowerCase();
				members = members.filter((m) => this.store.user(m.userId).username.toLowerCase().startsWith(q));
			}
			const limit = Number(d?.limit ?? 0);
			if (limit > 0) members = members.slice(0, limit);
			const notFound = Array.isArray(d?.user_ids)
				? d.user_ids.filter((id: string) => !members.some((m) => m.userId === id))
				: [];
			this.emitTo(session, 'GUILD_MEMBERS_CHUNK', {
				guild_id: guildId,
				members: members.map((m) => this.store.memberJson(m)),
				chunk_index: 0,
				chunk_count: 1,
				not_found: notFound,
				...(d?.nonce !== undefined ? { nonce: d.nonce } : {}),
			});
		}
	}

	private onClose(conn: Connection, code: number): void {
		this.conns.delete(conn);
		const session = conn.session;
		if (!session) return;
		if (session.conn === conn) session.conn = null;
		// A client closing with 1000/1001 ends its session (Discord does the same); anything else stays resumable.
		if (code === 1000 || code === 1001) {
			session.alive = false;
			this.sessions.delete(session.id);
		}
	}

	private emitTo(session: Session, t: string, d: Json): void {
		session.seq++;
		const e: LoggedEvent = { s: session.seq, t, d };
		session.log.push(e);
		if (session.log.length > 5000) session.log.shift();
		if (session.conn) this.send(session.conn, { op: Op.Dispatch, t, s: e.s, d });
		for (const fn of this.listeners) fn(t, d);
	}

	/** Send an event to every live session (queued for disconnected ones, replayed on RESUME). */
	dispatch(t: string, d: Json, opts: DispatchOptions = {}): void {
		for (const session of this.sessions.values()) {
			if (!session.alive) continue;
			if (opts.intent !== undefined && (session.intents & opts.intent) === 0) continue;
			let data = d;
			if (opts.messageContent && (session.intents & Intents.MessageContent) === 0)
				data = stripContent(d, this.store.botUser.id);
			this.emitTo(session, t, data);
		}
	}

	/** Close every socket abnormally (1006 on the client), as a network failure would. Sessions stay resumable. */
	dropConnections(): void {
		for (const conn of this.conns) conn.ws.terminate();
	}

	/** op 9. Not resumable: the session is forgotten, so the client has to IDENTIFY again. */
	invalidateSessions(resumable: boolean): void {
		for (const session of [...this.sessions.values()]) {
			if (!session.conn) continue;
			this.send(session.conn, { op: Op.InvalidSession, d: resumable });
			if (!resumable) {
				session.alive = false;
				session.conn.session = null;
				this.sessions.delete(session.id);
			}
		}
	}

	/** op 7: ask clients to reconnect and resume. */
	requestReconnect(): void {
		for (const session of this.sessions.values())
			if (session.conn) this.send(session.conn, { op: Op.Reconnect, d: null });
	}

	async close(): Promise<void> {
		for (const conn of this.conns) conn.ws.terminate();
		this.conns.clear();
		this.sessions.clear();
		await new Promise<void>((resolve) => this.wss.close(() => resolve()));
	}
}

/** Without the privileged MessageContent intent, Discord blanks content of messages not from/mentioning the bot. */
function stripContent(d: Json, botId: string): Json {
	if (!d || typeof d !== 'object' || d.author?.id === botId) return d;
	const mentionsBot = Array.isArray(d.mentions) && d.mentions.some((u: Json) => u?.id === botId);
	if (mentionsBot || d.guild_id === undefined) return d;
	return { ...d, content: '', embeds: [], attachments: [], components: [] };
}
