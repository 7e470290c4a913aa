import { PermissionFlagsBits as P } from 'discord.js';
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';

/** GET /healthz, /readyz and /metrics of a running bot; the metrics parsed as Prometheus parses them. */

let e: E2E | undefined;
afterEach(async () => {
	await e?.stop();
	e = undefined;
});

const url = (bot: E2E, path: string) => `http://127.0.0.1:${bot.bot.http.port}${path}`;

async function scrape(bot: E2E): Promise<ParsedFamily[]> {
	const res = await fetch(url(bot, '/metrics'));
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toContain('text/plain');
	return parsePrometheusTextFormat(await res.text());
}

function family(families: ParsedFamily[], name: string): ParsedFamily {
	const f = families.find((x) => x.name === name);
	if (!f) throw new Error(`no metric ${name} in ${families.map((x) => x.name).join(', ')}`);
	return f;
}

/** A counter's or gauge's value for exactly these labels (0 when the series does not exist yet). */
function value(families: ParsedFamily[], name: string, labels: Record<string, string> = {}): number {
	const sample = family(families, name).metrics.find(
		(m) => JSON.stringify(Object.entries(m.labels ?? {}).sort()) === JSON.stringify(Object.entries(labels).sort()),
	);
	return Number(sample?.value ?? 0);
}

/** How many observations a histogram has, over all its label sets (its +Inf bucket counts every one). */
function observations(families: ParsedFamily[], name: string): number {
	return family(families, name).metrics.reduce((n, m) => n + Number(m.buckets?.['+Inf'] ?? 0), 0);
}

describe('health endpoints and Prometheus metrics', () => {
	it('GIVEN a running bot THEN /healthz is 200, /readyz names its checks, unknown paths are 404', async () => {
		e = await startE2E();
		expect((await fetch(url(e, '/healthz'))).status).toBe(200);
		const ready = await fetch(url(e, '/readyz'));
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ ok: true, checks: { database: true, discord: true } });
		expect((await fetch(url(e, '/nothing'))).status).toBe(404);
	});

	it('GIVEN METRICS=off THEN /metrics is 404 while /healthz still answers', async () => {
		e = await startE2E({ env: { METRICS: 'off' } });
		expect((await fetch(url(e, '/metrics'))).status).toBe(404);
		expect((await fetch(url(e, '/healthz'))).status).toBe(200);
	});

	it('GIVEN a scenario (set-up, a round published to 9 units, one channel refusing posts, a sweep) THEN the counters move', async () => {
		e = await startE2E();
		const before = await scrape(e);
		expect(family(before, 'gopy_deliveries_total').type).toBe('COUNTER');
		expect(family(before, 'gopy_interaction_duration_seconds').type).toBe('HISTOGRAM');
		expect(family(before, 'gopy_outbox_depth').type).toBe('GAUGE');
		expect(value(before, 'gopy_deliveries_total', { outcome: 'sent' })).toBe(0);

		await setUpSeedServer(e);
		const blocked = e.units[0]!;
		e.fake.setBotOverwrite(blocked.channelId, { deny: P.SendMessages });
		await e.run(e.coordinatorId, 'round', 'create', {
			title: 'Kế hoạch 2022',
			deadline: '2099-01-01 08:00',
			text: 'D',
		});
		await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' });
		await e.bot.tick();

		const after = await scrape(e);
		// Set-up (1) + 9 unit adds + create + publish: every one answered without an incident.
		expect(value(after, 'gopy_interactions_total', { kind: 'command', outcome: 'ok' })).toBe(12);
		expect(value(after, 'gopy_interactions_total', { kind: 'command', outcome: 'error' })).toBe(0);
		expect(observations(after, 'gopy_interaction_duration_seconds')).toBe(12);
		expect(value(after, 'gopy_deliveries_total', { outcome: 'sent' })).toBe(e.units.length - 1);
		// The unit whose channel refuses posts is skipped by the preflight: no attempt, so no failure either.
		expect(value(after, 'gopy_deliveries_total', { outcome: 'failed' })).toBe(0);
		expect(value(after, 'gopy_outbox_depth')).toBe(0);
		expect(observations(after, 'gopy_sweep_duration_seconds')).toBe(1);
		expect(observations(after, 'gopy_db_query_duration_seconds')).toBeGreaterThan(
			observations(before, 'gopy_db_query_duration_seconds'),
		);
		expect(value(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
	});

	it('GIVEN Discord answers 429 and 500 THEN gopy_discord_http_errors_total counts them', async () => {
		e = await startE2E();
		e.fake.faults.rateLimitStorm(/\/users\/@me$/, 1);
		e.fake.faults.serverError(/\/users\/@me$/, 1, 502);
		await e.bot.client.rest.get('/users/@me');
		const after = await scrape(e);
		expect(value(after, 'gopy_discord_http_errors_total', { status: '429' })).toBe(1);
		expect(value(after, 'gopy_discord_http_errors_total', { status: '5xx' })).toBe(1);
	});
});
