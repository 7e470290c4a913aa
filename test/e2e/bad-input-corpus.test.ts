import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LADDER_SYNTAX_EXAMPLE } from '../../src/domain/time/ladder.ts';
import { en } from '../../src/i18n/en.ts';
import { vi } from '../../src/i18n/vi.ts';
import type { Catalog } from '../../src/i18n/index.ts';
import { labelOf } from '../../src/i18n/keys.ts';
import { ManualClock } from '../support/clock.ts';
import { dbSnapshot } from '../support/db-snapshot.ts';
import { setUpSeedServer, startE2E, type E2E } from '../support/e2e-harness.ts';
import type { SlashOptionValue } from '../support/fake-discord/index.ts';
import { bombWorkbook, buildZip, storedPart } from '../support/zip-builder.ts';
import { CORPUS, type Case, type FileSpec } from '../fixtures/bad-input/corpus.ts';
import { expectCleanDiscord, file } from '../fixtures/e2e/discord.ts';

/**
 * Issue 11: every row of the bad-input corpus (test/fixtures/bad-input/corpus.ts), end to end on one bot: the
 * answer is private, is exactly the expected localized refusal, and the database is byte-for-byte unchanged.
 */

const clock = new ManualClock('2026-03-02T02:00:00Z'); // Monday 02/03/2026 09:00 in Hà Nội
let e: E2E;
let honestXlsx: Buffer;

beforeAll(async () => {
	e = await startE2E({ clock });
	await setUpSeedServer(e);
	const created = await e.run(e.coordinatorId, 'round', 'create', {
		title: 'Đợt mở',
		deadline: '30/03/2026 17:00',
		text: 'D',
	});
	expect(created.content).toContain('**R1**');
	expect((await e.run(e.coordinatorId, 'round', 'publish', { round: 'R1' })).content).toContain('R1');
	const workbook = new ExcelJS.Workbook();
	workbook.addWorksheet('Data').addRow(['code', 'name', 'channel', 'role']);
	honestXlsx = Buffer.from(await workbook.xlsx.writeBuffer());
}, 60_000);

afterAll(async () => {
	try {
		await expectCleanDiscord(e);
	} finally {
		await e.stop();
	}
});

/** Deterministic bytes that are no text and no zip. */
function noise(n: number): Buffer {
	const out = Buffer.alloc(n);
	let s = 12345;
	for (let i = 0; i < n; i++) {
		s = (s * 1103515245 + 12345) & 0x7fffffff;
		out[i] = (s >> 16) & 0xff;
	}
	return out;
}

async function fileData(spec: FileSpec): Promise<Buffer> {
	if ('text' in spec) return Buffer.from(spec.text, 'utf8');
	if ('utf16le' in spec) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(spec.utf16le, 'utf16le')]);
	if ('bytes' in spec) return Buffer.from(spec.bytes);
	if ('xlsx' in spec) {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Data');
		for (const row of spec.xlsx) sheet.addRow(row);
		return Buffer.from(await workbook.xlsx.writeBuffer());
	}
	const n = spec.n ?? 0;
	switch (spec.gen) {
		case 'random':
			return noise(n);
		case 'zip-bomb':
			return bombWorkbook(honestXlsx, n);
		case 'csv-rows':
			return Buffer.from(
				[
					'code,name,kind,channel,role',
					...Array.from({ length: n }, (_, i) => `C${i},Đơn vị ${i},department,chung,TKG`),
				].join('\n'),
			);
		case 'over-size': {
			const head = 'code,name,channel,role\nNEW,';
			return Buffer.concat([Buffer.from(head), Buffer.alloc(n - head.length, 0x61)]);
		}
		case 'truncated-xlsx':
			return honestXlsx.subarray(0, Math.floor(honestXlsx.length / 2));
		case 'encrypted-zip': {
			const part = storedPart('xl/workbook.xml', Buffer.from('<workbook/>'));
			part.flags = 1;
			return buildZip([part]);
		}
		case 'empty-zip':
			return buildZip([]);
	}
}

function resolveOption(value: unknown, c: Case): SlashOptionValue | Promise<SlashOptionValue> {
	if (typeof value === 'string' && value.startsWith('@channel:')) {
		return { type: 'channel', id: value === '@channel:report' ? e.reportChannelId : e.generalChannelId };
	}
	if (typeof value === 'string' && value.startsWith('@role:')) {
		const which = value.slice('@role:'.length);
		const id =
			which === 'everyone'
				? e.guildId
				: which === 'coordinator'
					? e.coordRoleId
					: e.units.find((u) => u.code === which)!.roleId;
		return { type: 'role', id };
	}
	if (value && typeof value === 'object' && 'name' in value) {
		const spec = value as FileSpec;
		return fileData(spec).then((data) => file(spec.name, data, 'contentType' in spec ? spec.contentType : undefined));
	}
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	throw new Error(`case ${c.about}: cannot pass option ${JSON.stringify(value)}`);
}

function lookup(t: Catalog, path: string): unknown {
	return path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], t);
}

/** The exact refusal a case expects, in the reader's catalog. */
function expectedMessage(t: Catalog, key: string, params: Record<string, unknown> = {}): string {
	const resolved = Object.fromEntries(
		Object.entries(params).map(([k, v]) => {
			if (v === 'mention:everyone') return [k, `<@&${e.guildId}>`];
			if (typeof v === 'string' && v.startsWith('catalog:')) return [k, lookup(t, v.slice('catalog:'.length))];
			return [k, v];
		}),
	);
	if (key === '@ladder.bad-token') {
		return t.reminders.badLadder({
			token: t.reminders.badLadderToken({ token: String(resolved['token']) }),
			example: LADDER_SYNTAX_EXAMPLE,
		});
	}
	const entry = lookup(t, key);
	if (typeof entry === 'function') return (entry as (p: Record<string, unknown>) => string)(resolved);
	if (typeof entry !== 'string') throw new Error(`no catalog entry ${key}`);
	return entry;
}

describe(`bad-input corpus (${CORPUS.length} cases)`, () => {
	it('GIVEN the corpus WHEN counted THEN it holds at least 200 cases', () => {
		expect(CORPUS.length).toBeGreaterThanOrEqual(200);
	});

	it.each(CORPUS.map((c, i) => [i + 1, c.command, c.about, c] as const))(
		'case %i: /%s with %s is refused privately, by name, and changes nothing',
		async (_n, _command, _about, c) => {
			const [name, sub] = c.command.split(' ');
			const userId =
				c.who === 'admin'
					? e.adminId
					: c.who === 'member'
						? e.units.find((u) => u.code === 'TKG')!.memberId
						: e.coordinatorId;
			const t = c.who === 'admin' ? en : vi;
			const options: Record<string, SlashOptionValue> = {};
			for (const [key, value] of Object.entries(c.options)) options[key] = await resolveOption(value, c);
			const before = dbSnapshot(e.dbUrl);
			const reply = await e.run(userId, name!, sub, options);
			expect(reply.ephemeral).toBe(true);
			if (Array.isArray(c.expect)) {
				expect(reply.content).toBe(expectedMessage(t, c.expect[0], c.expect[1]));
			} else {
				expect(reply.content.startsWith(t.importFile.rejected({ count: c.expect.rows })), reply.content).toBe(true);
				expect(reply.content).toContain(labelOf(t.importFile.problems, c.expect.reason));
			}
			expect(dbSnapshot(e.dbUrl), 'the database is unchanged').toBe(before);
		},
	);
});
