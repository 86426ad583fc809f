/**
 * `npm run conformite` writes docs/conformite/plan-de-tests.md from the tests themselves: each
 * requirement of docs/conformite/exigences.md (its id in the table's first column) with the tests
 * whose names carry that id in brackets, « … [INA-02] ». A requirement without a test is listed
 * as such; `tests/unit/conformite.test.ts` fails on it and on a plan out of date.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const PLAN_FILE = 'docs/conformite/plan-de-tests.md';
const REQUIREMENTS_FILE = 'docs/conformite/exigences.md';
const TEST_FOLDERS = ['src', 'tests'];
const TEST_FILE = /\.(spec|test)\.ts$/u;
/** A string literal (quotes, apostrophes or backquotes) holding at least one tag. */
const TAGGED_TITLE = /(['"`])((?:(?!\1)[^\n])*?\[[A-Z]{3}-\d{2}\](?:(?!\1)[^\n])*?)\1/gu;
const TAG = /\[([A-Z]{3}-\d{2})\]/gu;

export interface Requirement {
	readonly id: string;
	readonly title: string;
	readonly tests: readonly { readonly file: string; readonly title: string }[];
}

function testFiles(root: string, folder: string): string[] {
	return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && TEST_FILE.test(entry.name))
		.map((entry) => relative(root, join(entry.parentPath, entry.name)))
		.filter((path) => !path.includes('node_modules'))
		.sort();
}

/** The requirements and the tests that prove each, read from the repository at `root`. */
export function requirementsWithTests(root: string): Requirement[] {
	const table = readFileSync(join(root, REQUIREMENTS_FILE), 'utf8');
	const requirements = [...table.matchAll(/^\| ([A-Z]{3}-\d{2}) \| ([^|]+) \|/gmu)].map(
		([, id, title]) => ({ id: id as string, title: (title as string).trim() })
	);
	const tests = new Map<string, { file: string; title: string }[]>();
	for (const file of TEST_FOLDERS.flatMap((folder) => testFiles(root, folder))) {
		const source = readFileSync(join(root, file), 'utf8');
		for (const [, , title] of source.matchAll(TAGGED_TITLE)) {
			const text = (title as string).replace(TAG, '').replace(/\s+/gu, ' ').trim();
			for (const [, id] of (title as string).matchAll(TAG)) {
				tests.set(id as string, [...(tests.get(id as string) ?? []), { file, title: text }]);
			}
		}
	}
	return requirements.map((requirement) => ({
		...requirement,
		tests: tests.get(requirement.id) ?? []
	}));
}

/** The plan as Markdown, in French. */
export function testPlan(requirements: readonly Requirement[]): string {
	const sections = requirements.map((requirement) => {
		const lines =
			requirement.tests.length === 0
				? ['- **AUCUN TEST** : exigence non prouvée.']
				: requirement.tests.map((test) => `- \`${test.file}\` — ${test.title}`);
		return `## ${requirement.id} — ${requirement.title}\n\n${lines.join('\n')}\n`;
	});
	return `# Plan de tests

Généré par \`npm run conformite\` depuis les noms des tests automatisés : chaque exigence de
[exigences.md](exigences.md) et les tests qui portent son identifiant. Tous tournent à chaque
intégration continue (\`npm test\`), sur un clone neuf ; un test qui échoue bloque la livraison.

${sections.join('\n')}`;
}

// Run as `npm run conformite`; imported by the test, it only gives its functions.
if (process.argv[1]?.endsWith('test-plan.ts')) {
	const root = process.cwd();
	writeFileSync(join(root, PLAN_FILE), testPlan(requirementsWithTests(root)));
	console.log(`${PLAN_FILE} écrit.`);
}
