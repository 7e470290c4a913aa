import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { commandsEn } from '../../src/i18n/commands-en.ts';
import { commandsVi } from '../../src/i18n/commands-vi.ts';
import { en } from '../../src/i18n/en.ts';
import { labelOf } from '../../src/i18n/keys.ts';
import { vi } from '../../src/i18n/vi.ts';

// Discord's rules for application commands (https://discord.com/developers/docs/interactions/application-commands).
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Json = Record<string, unknown>;

function walkOptions(options: Json[] | undefined, visit: (o: Json, path: string) => void, path: string) {
	for (const option of options ?? []) {
		visit(option, `${path} ${String(option['name'])}`);
		walkOptions(option['options'] as Json[] | undefined, visit, `${path} ${String(option['name'])}`);
	}
}

function allEntries(): Array<{ path: string; o: Json }> {
	const out: Array<{ path: string; o: Json }> = [];
	for (const command of commands) {
		const data = command.data as unknown as Json;
		out.push({ path: `/${String(data['name'])}`, o: data });
		walkOptions(
			data['options'] as Json[] | undefined,
			(o, path) => out.push({ path: `/${String(data['name'])}${path}`, o }),
			'',
		);
	}
	return out;
}

describe('command catalogs against Discord limits', () => {
	it.each(allEntries())('GIVEN $path WHEN registered THEN names, descriptions and choices fit Discord', ({ o }) => {
		const names = [o['name'], ...Object.values((o['name_localizations'] as Json | undefined) ?? {})] as string[];
		for (const name of names) {
			expect(name).toMatch(NAME);
			expect(name).toBe(name.toLowerCase());
		}
		const descriptions = [
			o['description'],
			...Object.values((o['description_localizations'] as Json | undefined) ?? {}),
		] as string[];
		for (const d of descriptions) {
			expect(d.length).toBeGreaterThanOrEqual(1);
			expect(d.length).toBeLessThanOrEqual(100);
		}
		expect(Object.keys((o['name_localizations'] as Json | undefined) ?? {})).toEqual(['vi']);
		for (const choice of (o['choices'] as Json[] | undefined) ?? []) {
			const labels = [
				choice['name'],
				...Object.values((choice['name_localizations'] as Json | undefined) ?? {}),
			] as string[];
			for (const label of labels) {
				expect(label.length).toBeGreaterThanOrEqual(1);
				expect(label.length).toBeLessThanOrEqual(100);
			}
		}
		expect(((o['options'] as Json[] | undefined) ?? []).length).toBeLessThanOrEqual(25);
	});

	it('GIVEN every command WHEN serialized THEN the whole command stays within 8,000 characters of names and descriptions', () => {
		// Discord's rule: the names, descriptions and choice values of a command, its subcommands and options, counting
		// the longest of each field's localizations, add up to at most 8,000 characters.
		const longest = (o: Json, field: string): number =>
			Math.max(
				typeof o[field] === 'string' ? o[field].length : 0,
				...Object.values((o[`${field}_localizations`] as Record<string, string> | undefined) ?? {}).map(
					(v) => v.length,
				),
			);
		const size = (o: Json): number =>
			longest(o, 'name') +
			longest(o, 'description') +
			((o['choices'] as Json[] | undefined) ?? []).reduce(
				(n, c) => n + longest(c, 'name') + String(c['value']).length,
				0,
			) +
			((o['options'] as Json[] | undefined) ?? []).reduce((n, option) => n + size(option), 0);
		for (const command of commands) expect(size(command.data as unknown as Json)).toBeLessThanOrEqual(8000);
	});

	// The public contract of the issues: these English names must exist (more may be added, none renamed).
	const CONTRACT: Record<string, Record<string, string[]>> = {
		ping: { '': [] },
		setup: {
			'': ['coordinator_role', 'report_channel', 'language', 'timezone', 'office_hours', 'working_days', 'reminders'],
		},
		unit: {
			add: ['code', 'name', 'channel', 'role', 'kind'],
			edit: ['code', 'name', 'channel', 'role', 'kind'],
			remove: ['code'],
			list: [],
			import: ['file'],
		},
		round: {
			create: ['title', 'deadline', 'units', 'campaign', 'draft', 'text', 'reminders', 'silence', 'late', 'from'],
			draft: ['round', 'unit', 'file', 'text'],
			publish: ['round'],
			status: ['round', 'post'],
			list: [],
			extend: ['round', 'deadline'],
			close: ['round'],
			remind: ['round'],
			items: ['round', 'file'],
			baseline: ['round', 'file'],
			report: ['round', 'format', 'post'],
		},
		feedback: {
			agree: ['round', 'unit', 'note'],
			comment: ['round', 'unit', 'text', 'file', 'items'],
			show: ['round', 'unit'],
			record: ['round', 'unit', 'answer', 'text', 'source'],
		},
		calendar: { 'holiday-add': ['date', 'name'], 'holiday-remove': ['date'], list: ['year'], import: ['file'] },
		comment: { resolve: ['comment', 'outcome', 'note'] },
		audit: { export: ['round', 'format'] },
	};

	it.each(Object.entries(CONTRACT))(
		'GIVEN the public contract WHEN /%s is built THEN its documented names all exist',
		(name, subs) => {
			const command = commands.find((c) => c.data.name === name);
			expect(command).toBeDefined();
			const options = command?.data.options ?? [];
			for (const [sub, expected] of Object.entries(subs)) {
				const list =
					sub === ''
						? options
						: ((options.find((o) => o.name === sub) as { options?: Array<{ name: string }> } | undefined)?.options ??
							null);
				expect(list, `/${name} ${sub}`).not.toBeNull();
				expect((list ?? []).map((o) => o.name)).toEqual(expect.arrayContaining(expected));
			}
		},
	);

	it('GIVEN both catalogs WHEN compared THEN they have exactly the same keys', () => {
		const keys = (o: unknown, prefix = ''): string[] =>
			o && typeof o === 'object' && !Array.isArray(o)
				? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}.${k}`))
				: [prefix];
		expect(keys(en).sort()).toEqual(keys(vi).sort());
		expect(keys(commandsEn).sort()).toEqual(keys(commandsVi).sort());
	});

	it('GIVEN the command metadata WHEN read THEN it lives apart from the messages', () => {
		expect(Object.keys(vi)).not.toContain('commands');
		expect(Object.keys(en)).not.toContain('commands');
	});

	it('GIVEN the Vietnamese catalog WHEN read THEN it uses Vietnamese diacritics (not stripped ASCII)', () => {
		expect(vi.post.agree).toBe('Nhất trí');
		expect(vi.post.comment).toBe('Có ý kiến');
		expect(commandsVi.feedback.name).toBe('ý-kiến');
	});
});

describe('audit action names', () => {
	it('GIVEN every action the code writes to the audit trail WHEN exported THEN each has a description in both languages', async () => {
		const { readFileSync, readdirSync } = await import('node:fs');
		const path = await import('node:path');
		const root = path.resolve(import.meta.dirname, '../../src');
		const files = (readdirSync(root, { recursive: true }) as string[]).filter(
			(f) => f.endsWith('.ts') && (f.startsWith('app') || f.startsWith('infra')),
		);
		const actions = new Set<string>();
		for (const f of files) {
			const text = readFileSync(path.join(root, f), 'utf8');
			const names = /'((?:settings|unit|round|delivery|answer|items|comment|reminder|holiday)\.[a-z-]+)'/g;
			for (const m of text.matchAll(names)) if (m[1]) actions.add(m[1]);
			if (text.includes('action: `notice.${kind}`')) {
				for (const k of ['complete', 'deadline', 'final', 'escalation', 'failure']) actions.add(`notice.${k}`);
			}
		}
		expect(actions.size).toBeGreaterThanOrEqual(30);
		for (const action of actions) {
			expect(labelOf(vi.audit.actions, action), `vi ${action}`).toBeTruthy();
			expect(labelOf(en.audit.actions, action), `en ${action}`).toBeTruthy();
		}
	});
});
