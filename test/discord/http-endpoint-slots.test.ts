import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { REST } from 'discord.js';
import { ComponentType, InteractionType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { interactionsEndpoint, MAX_BUSY } from '../../src/discord/http-interactions.ts';
import type { HttpTransport } from '../../src/discord/http-transport.ts';
import type { Router } from '../../src/discord/router.ts';

// The endpoint lets MAX_BUSY acknowledged interactions work towards their answer at once. A slot is free again once
// the answer has reached Discord, even though the handler goes on (a click's paced edit of its public post).

const keys = generateKeyPairSync('ed25519');
const publicKey = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('hex');
const silent = { info() {}, warn() {}, error() {}, debug() {} };
let server: Server | null = null;
afterEach(async () => {
	await new Promise((resolve) => server?.close(resolve));
	server = null;
});

function click(i: number): string {
	return JSON.stringify({
		id: String(1000 + i),
		application_id: '2',
		token: `tok${i}`,
		type: InteractionType.MessageComponent,
		guild_id: '3',
		locale: 'vi',
		member: { user: { id: '4', username: 'u' }, roles: [], permissions: '0' },
		data: { component_type: ComponentType.Button, custom_id: 'x' },
	});
}

async function post(url: string, body: string): Promise<number> {
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), keys.privateKey);
	const res = await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-signature-ed25519': signature.toString('hex'),
			'x-signature-timestamp': timestamp,
		},
		body,
	});
	await res.arrayBuffer();
	return res.status;
}

describe('the endpoint frees a work slot once its interaction is answered', () => {
	it(`GIVEN ${MAX_BUSY + 3} clicks deferred at once whose handlers go on after answering (announcing, without end) WHEN they run THEN every one gets its answer`, async () => {
		const edited: string[] = [];
		const rest = {
			patch: async (route: string) => {
				edited.push(route);
				return {};
			},
		} as unknown as REST;
		const forever = new Promise<void>(() => {});
		// A click's handler as the router runs it in a burst: deferred, answered by an edit, then the announcement.
		const router = {
			handleIncoming: async (_incoming: unknown, transport: HttpTransport) => {
				await transport.defer();
				await transport.edit('Đã ghi nhận');
				await forever;
			},
		} as unknown as Router;
		const endpoint = interactionsEndpoint({
			publicKey,
			rest,
			snapshot: async () => null,
			router,
			log: silent,
			accepting: () => true,
		});
		server = createServer((req, res) => void endpoint(req, res));
		await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`;
		const n = MAX_BUSY + 3;
		const statuses = await Promise.all(Array.from({ length: n }, (_, i) => post(url, click(i))));
		expect(statuses).toEqual(Array.from({ length: n }, () => 200));
		const until = Date.now() + 2000;
		while (edited.length < n && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
		expect(edited).toHaveLength(n);
		expect(new Set(edited).size).toBe(n);
	});
});
