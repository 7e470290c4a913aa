// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint.boundaries.js';

export default tseslint.config(
	{
		ignores: [
			'src/generated/**',
			'node_modules/**',
			'data/**',
			'coverage/**',
			'reports/**',
			'.stryker-tmp/**',
			'dist/**',
			'demo-output/**',
		],
	},
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
	// Layer boundaries, import cycles and the single reader of the environment.
	...boundaries,
	{
		files: ['**/*.js'],
		...tseslint.configs.disableTypeChecked,
	},
);
