import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaries } from '../../eslint.boundaries.js';

/** Small offending files, each in the layer whose rule it breaks, and the rule that must fire. */
const CASES: Array<{ name: string; file: string; code: string; rule: string }> = [
	{
		name: 'domain importing discord.js',
		file: 'src/domain/a.ts',
		code: "import 'discord.js';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'domain importing @discordjs/rest',
		file: 'src/domain/b.ts',
		code: "import '@discordjs/rest';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'domain importing discord-api-types',
		file: 'src/domain/c.ts',
		code: "import 'discord-api-types/v10';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'domain importing app',
		file: 'src/domain/d.ts',
		code: "import '../app/deps.ts';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'domain reading the clock',
		file: 'src/domain/e.ts',
		code: 'export const t = Date.now();',
		rule: 'no-restricted-syntax',
	},
	{
		name: 'domain importing dynamically',
		file: 'src/domain/f.ts',
		code: "export const m = import('node:fs');",
		rule: 'no-restricted-syntax',
	},
	{
		name: 'domain reading process',
		file: 'src/domain/g.ts',
		code: 'export const e = process.argv;',
		rule: 'no-restricted-globals',
	},
	{
		name: 'app importing infra',
		file: 'src/app/a.ts',
		code: "import '../infra/logger.ts';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'app importing @prisma/client',
		file: 'src/app/b.ts',
		code: "import '@prisma/client';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'app importing @discordjs/core',
		file: 'src/app/c.ts',
		code: "import '@discordjs/core';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'app importing dynamically',
		file: 'src/app/d.ts',
		code: "export const m = import('discord.js');",
		rule: 'no-restricted-syntax',
	},
	{
		name: 'app reading the clock',
		file: 'src/app/e.ts',
		code: 'export const t = new Date();',
		rule: 'no-restricted-syntax',
	},
	{
		name: 'a command importing infra/db',
		file: 'commands/a.ts',
		code: "import '../src/infra/db/database.ts';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'a command importing the generated client',
		file: 'commands/b.ts',
		code: "import '../src/generated/prisma/client.ts';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'the Discord layer importing @prisma/*',
		file: 'src/discord/a.ts',
		code: "import '@prisma/client';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'the Discord layer importing infra/db',
		file: 'src/discord/b.ts',
		code: "import '../infra/db/audit.ts';",
		rule: 'no-restricted-imports',
	},
	{
		name: 'main reading process.env',
		file: 'src/main.ts',
		code: "export const v = process.env['X'];",
		rule: 'no-restricted-properties',
	},
	{
		name: 'a command reading process.env',
		file: 'commands/c.ts',
		code: "export const v = process.env['X'];",
		rule: 'no-restricted-properties',
	},
	{
		name: 'an import cycle',
		file: 'src/infra/cycle-a.ts',
		code: "import { b } from './cycle-b.ts';\nexport const a = (): number => b();",
		rule: 'import-x/no-cycle',
	},
];
/** Files that must pass: the same kinds of code where they belong. */
const ALLOWED: Array<{ name: string; file: string; code: string }> = [
	{ name: 'config reading process.env', file: 'src/config/x.ts', code: "export const v = process.env['X'];" },
	{ name: 'infra importing @prisma/client', file: 'src/infra/x.ts', code: "import '@prisma/client';" },
	{ name: 'the Discord layer importing discord.js', file: 'src/discord/x.ts', code: "import 'discord.js';" },
	{ name: 'app importing domain', file: 'src/app/x.ts', code: "import '../domain/model.ts';" },
];

let dir: string;
let eslint: ESLint;

beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'gopy-lint-'));
	const files = [
		...CASES,
		...ALLOWED,
		{
			file: 'src/infra/cycle-b.ts',
			code: "import { a } from './cycle-a.ts';\nexport const b = (): number => (a.length > 9 ? a() : 1);",
		},
	];
	for (const f of files) {
		mkdirSync(path.dirname(path.join(dir, f.file)), { recursive: true });
		writeFileSync(path.join(dir, f.file), `${f.code}\n`);
	}
	eslint = new ESLint({
		cwd: dir,
		overrideConfigFile: true,
		overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...boundaries],
	});
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rulesFiredOn(file: string): Promise<string[]> {
	const [result] = await eslint.lintFiles([path.join(dir, file)]);
	return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('layer boundaries checked by the linter', () => {
	it.each(CASES)('GIVEN $name WHEN linted THEN $rule fires', async ({ file, rule }) => {
		expect(await rulesFiredOn(file)).toContain(rule);
	});

	it.each(ALLOWED)('GIVEN $name WHEN linted THEN no boundary rule fires', async ({ file }) => {
		expect(await rulesFiredOn(file)).toEqual([]);
	});
});
