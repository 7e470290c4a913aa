import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandsEn } from '../../src/i18n/commands-en.ts';
import { commandsVi } from '../../src/i18n/commands-vi.ts';
import { en } from '../../src/i18n/en.ts';
import { vi } from '../../src/i18n/vi.ts';

// The glossary is the one source: its tables say which words are retired and which concepts pair up.
const glossary = readFileSync(path.resolve(import.meta.dirname, '../../docs/GLOSSARY.md'), 'utf8');

function table(marker: string): string[][] {
	const start = glossary.indexOf(`<!-- glossary:${marker}`);
	if (start < 0) throw new Error(`no ${marker} table in docs/GLOSSARY.md`);
	const rows: string[][] = [];
	for (const line of glossary.slice(start).split('\n').slice(1)) {
		if (line.trim() === '') {
			if (rows.length > 0) break;
			continue;
		}
		if (!line.startsWith('|')) break;
		const cells = line
			.split('|')
			.slice(1, -1)
			.map((c) => c.trim());
		if (cells.every((c) => /^-+$/.test(c))) continue;
		rows.push(cells);
	}
	return rows.slice(1); // the header row
}

/** Every string of a catalog with its key path; functions are called with placeholder parameters. */
function strings(catalog: unknown, prefix = ''): Array<{ key: string; text: string }> {
	if (typeof catalog === 'string') return [{ key: prefix, text: catalog }];
	if (typeof catalog === 'function') {
		const params = new Proxy(
			{},
			{ get: (_t, name) => (name === 'items' ? ['A', 'B'] : typeof name === 'string' ? `{${name}}` : undefined) },
		);
		const texts = [(catalog as (p: unknown) => unknown)(params)];
		// Counted phrases: one rendering with every count at 2 (no zero clause), as readers mostly see them.
		const counts = new Proxy({}, { get: (_t, name) => (name === 'items' ? ['A', 'B'] : 2) });
		try {
			texts.push((catalog as (p: unknown) => unknown)(counts));
		} catch {
			// A function that needs strings, not numbers.
		}
		return texts.flatMap((t, i) => strings(t, `${prefix}()${i}`));
	}
	if (Array.isArray(catalog)) return catalog.flatMap((v, i) => strings(v, `${prefix}[${i}]`));
	if (catalog && typeof catalog === 'object')
		return Object.entries(catalog).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
	return [];
}

/** Whole-word, case-insensitive match (Vietnamese letters count as letters). */
function has(text: string, word: string): boolean {
	const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text.normalize('NFC'));
}

/** The sections of the messages catalog that units see in their channels. */
const POSTS = ['post', 'modal', 'reminders.before', 'reminders.after', 'reminders.manual', 'reminders.extended'];

const messagesVi = strings(vi);
const commandTextsVi = strings(commandsVi);
const retired = table('retired');
const terms = table('terms');

describe('the glossary (docs/GLOSSARY.md)', () => {
	it('GIVEN the glossary WHEN read THEN it lists retired words and paired terms', () => {
		expect(retired.length).toBeGreaterThanOrEqual(10);
		expect(terms.length).toBeGreaterThanOrEqual(20);
		expect(terms.filter((r) => r[4] === '✓').length).toBeGreaterThanOrEqual(15);
		expect(retired.map((r) => r[0])).toEqual(expect.arrayContaining(['im lặng', 'chiến dịch', 'nạp', 'Hãy', 'bạn']));
	});

	it.each(retired.map((r) => ({ word: r[0] ?? '', instead: r[1] ?? '', where: r[2] ?? '' })))(
		'GIVEN the retired word “$word” WHEN the Vietnamese catalog is searched ($where) THEN it is not there (say “$instead”)',
		({ word, where }) => {
			const scope =
				where === 'posts'
					? messagesVi.filter((s) =>
							POSTS.some((p) => s.key === p || s.key.startsWith(`${p}.`) || s.key.startsWith(`${p}(`)),
						)
					: where === 'messages'
						? messagesVi
						: [...messagesVi, ...commandTextsVi];
			expect(scope.length).toBeGreaterThan(0);
			const found = scope.filter((s) => has(s.text, word)).map((s) => `${s.key}: ${s.text}`);
			expect(found).toEqual([]);
		},
	);

	it('GIVEN a retired word WHEN it appears in a string THEN the check finds it (the check can fail)', () => {
		expect(has('Dự thảo góp ý: Kế hoạch', 'Dự thảo góp ý')).toBe(true);
		expect(has('Hãy nhập tiêu đề', 'hãy')).toBe(true);
		expect(has('các bạn', 'bạn')).toBe(true);
		expect(has('Nhập đầu báo cáo', 'nạp')).toBe(false);
	});

	// Where the Vietnamese text names a concept, the English text at the same key names the same concept.
	const pairs = terms.filter((r) => r[4] === '✓').map((r) => ({ vi: r[1] ?? '', en: r[2] ?? '' }));
	it.each(pairs)(
		'GIVEN the concept “$vi” WHEN the English catalog says it THEN it uses “$en”',
		({ vi: term, en: word }) => {
			const english = new Map([...strings(en), ...strings(commandsEn)].map((s) => [s.key, s.text]));
			// "agree" matches agreed/agreeing, "comment" comments, "item" items: a stem, case-insensitive.
			const stems = word.split(' / ').map((w) => w.toLowerCase().replace(/(e|s)$/, ''));
			const missing = [...messagesVi, ...commandTextsVi]
				.filter((s) => has(s.text, term))
				.filter((s) => !stems.some((stem) => (english.get(s.key) ?? '').toLowerCase().includes(stem)))
				.map((s) => `${s.key}: “${s.text}” ≠ “${english.get(s.key) ?? ''}”`);
			expect(missing).toEqual([]);
		},
	);
});
