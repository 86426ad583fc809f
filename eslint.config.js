import prettier from 'eslint-config-prettier';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: { 'no-undef': 'off' }
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: { allowDefaultProject: ['src/service-worker.ts'] },
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
		}
	},
	{
		// Only the data layer talks to Dexie (../shared/STYLE.md §5).
		files: ['src/**'],
		ignores: ['src/lib/db/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: [{ name: 'dexie', message: 'Only src/lib/db imports Dexie.' }] }
			]
		}
	},
	{
		// Screens reach storage through the services, never a repository (docs/architecture.md).
		files: [
			'src/routes/**',
			'src/lib/components/**',
			'src/lib/state/**',
			'src/lib/printing/**',
			'src/lib/pdf/**',
			'src/lib/export/**',
			'src/lib/pwa/**',
			'src/hooks.client.ts'
		],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/db', '$lib/db/*', 'dexie'],
							message:
								'Screens call src/lib/services; only services and src/lib/db use the repositories.'
						}
					]
				}
			]
		}
	},
	{
		// The domain is the single source of truth for amounts: pure TypeScript, no app layer.
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['dexie', 'svelte', 'svelte/*', '$app/*', '$lib/*', '!$lib/domain', '../*/**'],
							message: 'src/lib/domain stays pure: no Dexie, Svelte, SvelteKit or app imports.'
						}
					]
				}
			],
			'no-restricted-globals': ['error', 'document', 'window', 'indexedDB', 'localStorage']
		}
	},
	{
		// The domain's specs take their fixtures from tests/fixtures; nothing else outside.
		files: ['src/lib/domain/**/*.spec.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex:
								'^(?:dexie|svelte(?:/.*)?|\\$app/.*|\\$lib/(?!domain).*|\\.\\./(?!\\.\\./\\.\\./tests/fixtures/).*)$',
							message: 'Domain specs use the domain and tests/fixtures only.'
						}
					]
				}
			]
		}
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'dist/',
			'coverage/',
			'node_modules/',
			'tests/bench/results/'
		]
	}
);
