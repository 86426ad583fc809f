import { normaliseHeader } from './catalogue-csv';
import { validateElectronicAddress, validateSiren, validateSiret } from './identifiers';
import { err, ok, type Result } from './result';

/**
 * The national e-invoicing directory's addresses, imported from the CSV a company's directory
 * search exports (docs/invoices.md#directory): each line a company's SIREN, maybe a SIRET, and the
 * electronic address (BT-49, scheme 0225) invoices to it are sent to. The address is either a
 * column of its own, or made as the directory makes its « identifiant d'adressage »: the SIREN,
 * then the SIRET, then the routing code, joined by « _ », or the SIREN and a suffix.
 */
export interface DirectoryEntry {
	/** Line number in the file, as a spreadsheet shows it (header = line 1). */
	readonly line: number;
	readonly siren: string;
	readonly siret: string;
	readonly address: string;
}

type Column = 'siren' | 'siret' | 'address' | 'routing' | 'suffix';

/** Header names as `normaliseHeader` gives them. */
const HEADERS: Readonly<Record<Column, readonly string[]>> = {
	siren: ['siren', 'identifiantsiren', 'sirendelentreprise'],
	siret: ['siret', 'identifiantsiret', 'siretdeletablissement'],
	address: [
		'adresseelectronique',
		'adressedefacturationelectronique',
		'adressedefacturation',
		'identifiantdadressage',
		'identifiantadressage',
		'lignedadressage',
		'identifiantdelalignedadressage'
	],
	routing: ['coderoutage', 'codederoutage'],
	suffix: ['suffixe', 'suffixeadressage', 'suffixedadressage']
};

/** A line's problem as the import names it: « ligne 3 : … », without its own full stop. */
function atLine(line: number, message: string): string {
	return `ligne ${line} : ${message.replace(/\.$/u, '')}`;
}

/** More lines than a bookshop has companies for customers: a file this long is another file. */
export const MAX_DIRECTORY_LINES = 10_000;

/**
 * The entries of a directory export (rows as parsed, header first), or every problem with its
 * line: a file with one bad line imports nothing, so nothing is half-written.
 */
export function directoryEntries(rows: readonly (readonly string[])[]): Result<DirectoryEntry[]> {
	const [header, ...lines] = rows;
	const columns: Partial<Record<Column, number>> = {};
	(header ?? []).forEach((name, index) => {
		const key = normaliseHeader(name);
		for (const [column, names] of Object.entries(HEADERS) as [Column, readonly string[]][]) {
			if (columns[column] === undefined && names.includes(key)) columns[column] = index;
		}
	});
	if (columns.siren === undefined) {
		return err(
			'DIRECTORY_COLUMNS',
			'Ce fichier n’a pas de colonne « SIREN » : exportez la recherche de l’annuaire en CSV avec ses en-têtes.',
			'directory'
		);
	}
	if (
		columns.address === undefined &&
		columns.siret === undefined &&
		columns.suffix === undefined
	) {
		return err(
			'DIRECTORY_COLUMNS',
			'Ce fichier n’a ni colonne « Adresse électronique » ni « SIRET », « Code routage » ou « Suffixe » pour la former.',
			'directory'
		);
	}
	if (lines.length > MAX_DIRECTORY_LINES) {
		return err(
			'DIRECTORY_SIZE',
			`Ce fichier a ${lines.length} lignes : ${MAX_DIRECTORY_LINES} au plus (les clients entreprises de la librairie).`,
			'directory'
		);
	}
	const entries: DirectoryEntry[] = [];
	const problems: string[] = [];
	lines.forEach((row, index) => {
		const line = index + 2;
		const cell = (column: Column) => {
			const at = columns[column];
			return at === undefined ? '' : (row[at] ?? '').trim();
		};
		const siren = validateSiren(cell('siren'));
		if (!siren.ok) {
			problems.push(atLine(line, siren.error.message));
			return;
		}
		const siretText = cell('siret').replace(/\s/gu, '');
		const siret = siretText === '' ? ok('') : validateSiret(siretText);
		if (!siret.ok) {
			problems.push(atLine(line, siret.error.message));
			return;
		}
		const suffix = cell('suffix');
		const address =
			cell('address') ||
			(suffix
				? `${siren.value}_${suffix}`
				: [siren.value, siret.value, cell('routing')].filter(Boolean).join('_'));
		const checked = validateElectronicAddress(address, siren.value);
		if (!checked.ok) problems.push(atLine(line, checked.error.message));
		else entries.push({ line, siren: siren.value, siret: siret.value, address: checked.value });
	});
	if (problems.length > 0) {
		const shown = problems.slice(0, 5).join(' ; ');
		const more = problems.length > 5 ? ` (et ${problems.length - 5} autres)` : '';
		return err('DIRECTORY_LINES', `Rien n’a été importé. ${shown}${more}.`, 'directory');
	}
	return ok(entries);
}

/** A company customer as the import matches it. */
export interface DirectoryCustomer {
	readonly id: number;
	readonly siren: string;
	readonly siret: string;
	readonly einvoiceAddress: string;
}

/**
 * Which customer gets which address: a company's entry for its own SIRET first, else the entry
 * for its SIREN alone (no SIRET), else its SIREN's first; a customer whose address is already that
 * one is left as it is. Also the SIRENs of the file no customer has.
 */
export function matchDirectoryEntries(
	entries: readonly DirectoryEntry[],
	customers: readonly DirectoryCustomer[]
): { updates: { customerId: number; address: string }[]; unknown: string[] } {
	const bySiren = new Map<string, DirectoryEntry[]>();
	for (const entry of entries)
		bySiren.set(entry.siren, [...(bySiren.get(entry.siren) ?? []), entry]);
	const updates: { customerId: number; address: string }[] = [];
	const known = new Set<string>();
	for (const customer of customers) {
		const candidates = bySiren.get(customer.siren);
		if (!candidates) continue;
		known.add(customer.siren);
		const chosen =
			candidates.find((entry) => customer.siret !== '' && entry.siret === customer.siret) ??
			candidates.find((entry) => entry.siret === '') ??
			(candidates[0] as DirectoryEntry);
		// The SIREN alone is every company's default address: stored as « empty ».
		const address = chosen.address === customer.siren ? '' : chosen.address;
		if (address !== customer.einvoiceAddress) updates.push({ customerId: customer.id, address });
	}
	return { updates, unknown: [...bySiren.keys()].filter((siren) => !known.has(siren)) };
}
