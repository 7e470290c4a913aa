// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['src/generated/**', 'node_modules/**', 'data/**', 'coverage/**', 'reports/**', '.stryker-tmp/**'] },
	js.configs.recommended,
	...tseslint.configs.strictTypeChecked,
	{
		languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
			'@typescript-eslint/no-confusing-void-expression': 'off',
			'@typescript-eslint/no-unnecessary-condition': 'off',
			'@typescript-eslint/no-non-null-assertion': 'off',
			'@typescript-eslint/no-unnecessary-type-parameters': 'off',
			'@typescript-eslint/no-extraneous-class': 'off',
			// Spreading a string counts code points, which is how Discord counts characters: intended.
			'@typescript-eslint/no-misused-spread': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'@typescript-eslint/no-unsafe-enum-assignment': 'off',
		},
	},
	{
		// Tests and the fake Discord handle raw JSON from the wire; `any` there is the protocol's shape.
		files: ['test/**/*.ts'],
		rules: {
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-member-access': 'off',
			'@typescript-eslint/no-unsafe-argument': 'off',
			'@typescript-eslint/no-unsafe-call': 'off',
			'@typescript-eslint/no-unsafe-return': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/require-await': 'off',
			'@typescript-eslint/no-empty-function': 'off',
			'@typescript-eslint/unbound-method': 'off',
		},
	},
	{
		// The core runs without Discord, Prisma or the scheduler: a slip is caught here, not in review.
		files: ['src/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['discord.js', '@prisma/*', '**/generated/**', 'node-cron', 'exceljs', 'csv-parse', 'pino'],
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
			'no-restricted-syntax': [
				'error',
				{
					selector: "NewExpression[callee.name='Date'][arguments.length=0]",
					message: 'pass `now` in; never read the clock',
				},
				{ selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'pass `now` in' },
				{
					selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']",
					message: 'pass `now` in',
				},
			],
		},
	},
	{
		files: ['src/app/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['discord.js', '@prisma/*', '**/generated/**', 'node-cron'], message: 'app/ talks to ports only' },
						{ group: ['**/infra/**', '**/discord/**'], message: 'app/ talks to ports only' },
					],
				},
			],
			'no-restricted-syntax': [
				'error',
				{ selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'use deps.clock.now()' },
				{
					selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
					message: 'use deps.clock.now()',
				},
			],
		},
	},
	{
		files: ['**/*.js'],
		...tseslint.configs.disableTypeChecked,
	},
);
