// @ts-check
/**
 * The layer boundaries, checked by ESLint (eslint.config.js uses them; test/lint/boundaries.test.ts shows each one
 * firing on a small offending file). Dependencies point inwards: commands → discord → app → domain; infra
 * implements the ports of app; only src/bot.ts (the composition root) and the entry points know every layer.
 */
import importX from 'eslint-plugin-import-x';

const clockReads = (message) => [
	{ selector: "NewExpression[callee.name='Date'][arguments.length=0]", message },
	{ selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message },
	{ selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']", message },
];
const dynamicImport = {
	selector: 'ImportExpression',
	message: 'no dynamic imports here: the layer rules could not see them',
};
const discordPackages = ['discord.js', '@discordjs/*', 'discord-api-types', 'discord-api-types/*'];
const databasePackages = ['@prisma/*', '**/generated/**', 'better-sqlite3', 'pg'];

/** @type {import('eslint').Linter.Config[]} */
export const boundaries = [
	{
		files: ['src/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [...discordPackages, ...databasePackages, 'node-cron', 'exceljs', 'csv-parse', 'pino'],
							message: 'domain/ is pure',
						},
						{
							group: ['**/app/**', '**/infra/**', '**/discord/**', '**/i18n/**'],
							message: 'domain/ depends on nothing',
						},
					],
				},
			],
			'no-restricted-globals': ['error', { name: 'process', message: 'domain/ does not read the environment' }],
			'no-restricted-syntax': ['error', ...clockReads('pass `now` in; never read the clock'), dynamicImport],
		},
	},
	{
		files: ['src/app/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: [...discordPackages, ...databasePackages, 'node-cron'], message: 'app/ talks to ports only' },
						{ group: ['**/infra/**', '**/discord/**'], message: 'app/ talks to ports only' },
					],
				},
			],
			'no-restricted-syntax': ['error', ...clockReads('use deps.clock.now()'), dynamicImport],
		},
	},
	{
		files: ['commands/**/*.ts', 'src/discord/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/infra/db/**', ...databasePackages],
							message: 'the Discord layer reaches the database through use cases (src/app), never directly',
						},
					],
				},
			],
		},
	},
	{
		// Configuration is read once, in one place.
		files: ['src/**/*.ts', 'commands/**/*.ts'],
		ignores: ['src/config/**'],
		rules: {
			'no-restricted-properties': [
				'error',
				{ object: 'process', property: 'env', message: 'read the environment through src/config only' },
			],
		},
	},
	{
		files: ['src/**/*.ts', 'commands/**/*.ts'],
		plugins: { 'import-x': importX },
		settings: { 'import-x/extensions': ['.ts', '.js'] },
		rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
	},
];
