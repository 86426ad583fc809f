// The conformity file (docs/conformite/) kept true: its test plan is the tests' own names, every
// requirement has a test, its perimeter page lists the perimeter, its manual quotes what the app
// and the verifier say, and no code purges a sealed record.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FISCAL_FILES } from '../../src/cli/fiscal-files';
import { PLAN_FILE, requirementsWithTests, testPlan } from '../../src/cli/test-plan';

const ROOT = process.cwd();
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** Typographic apostrophes and spaces as plain ones: the docs and the code write them apart. */
const plain = (text: string) => text.replace(/[’]/gu, "'").replace(/[\u00a0\u202f]/gu, ' ');

describe('the conformity file', () => {
	const requirements = requirementsWithTests(ROOT);

	it('has its test plan generated from the tests as they are (npm run conformite)', () => {
		expect(requirements.length).toBeGreaterThanOrEqual(15);
		expect(read(PLAN_FILE), 'Régénérez le plan : npm run conformite').toBe(testPlan(requirements));
	});

	it('proves every requirement by at least one test', () => {
		expect(
			requirements.filter((requirement) => requirement.tests.length === 0).map(({ id }) => id)
		).toEqual([]);
	});

	it('lists every file of the fiscal perimeter on its perimeter page', () => {
		const page = read('docs/conformite/perimetre.md');
		expect(FISCAL_FILES.filter((path) => !page.includes(`\`${path}\``))).toEqual([]);
	});

	it('quotes in its manual what the app and the verifier really say', () => {
		const manual = plain(read('docs/conformite/manuel.md'));
		const sources = plain(
			[
				'src/cli/verify-archive.ts',
				'src/lib/domain/archive.ts',
				'src/lib/printing/receipt-model.ts',
				'src/routes/caisse/+page.svelte',
				'src/lib/components/reports/ClosingsToDo.svelte',
				'src/lib/components/reports/ArchivesPanel.svelte',
				'src/lib/components/IntegrityCheck.svelte',
				'src/lib/components/ComplianceSettings.svelte'
			]
				.map(read)
				.join('\n')
		);
		const quoted = [
			'Archive intègre : empreintes, chaînage et signatures vérifiés.',
			'ARCHIVE NON CONFORME',
			'a été modifié (empreinte SHA-256 différente).',
			'(à comparer avec Paramètres → Inaltérabilité)',
			'FORMATION – ticket factice',
			'Passer en mode formation',
			'Quitter le mode formation',
			"Clôturer la journée d'aujourd'hui (Z)",
			'Confirmer la clôture',
			'Archives fiscales',
			"Vérifier l'intégrité",
			"Imprimer l'attestation (PDF)",
			'Préparer le dossier de contrôle (ZIP)'
		];
		expect(quoted.filter((text) => !manual.includes(text))).toEqual([]);
		expect(quoted.filter((text) => !sources.includes(text))).toEqual([]);
	});
});

/**
 * The sealed tables' rows are never deleted (six years at least, LPF art. L102 B): the only
 * deletions in the data layer are a pro forma (not an invoice), a restore into an empty database
 * and the rebuild of a new till from the shop server, each already refused otherwise.
 */
describe('no purge of fiscal data [CON-02]', () => {
	it('deletes no ticket, numbered invoice, closing, journal entry, duplicate or archive', () => {
		const sealed =
			/\b(?:db\.(?:tickets|invoices|closings|journal|reprints|archives)|table)\.(?:delete|bulkDelete|clear)\(/gu;
		const folder = 'src/lib/db';
		const found = Object.fromEntries(
			readdirSync(join(ROOT, folder))
				.filter((name) => name.endsWith('.ts'))
				.map((name) => [name, read(`${folder}/${name}`).match(sealed)?.length ?? 0])
				.filter(([, count]) => count !== 0)
		);
		expect(found).toEqual({
			// deleteProforma and finalizeProforma: a pro forma is not an invoice.
			'invoice-repository.ts': 2,
			// restoreBackup: only into a database that has never sold.
			'backup-repository.ts': 1,
			// A till rebuilt on a new computer: its history comes back from the shop server.
			'till-rebuild-repository.ts': 1
		});
	});
});
