import { describe, expect, it } from 'vitest';
import {
	ARCHIVE_ALGORITHMS,
	ARCHIVE_FORMAT,
	ARCHIVED_CHAINS,
	archiveFileName,
	archiveReadme,
	archiveTicketCsvRows,
	jsonArrayPart,
	publicKeyFingerprint,
	sha256Hex,
	verifyArchive,
	wrapJsonArray,
	type ArchiveManifest,
	type TextVerifier
} from './archive';
import { chainHash, GENESIS_HASH } from './chain';

const encode = (text: string) => new TextEncoder().encode(text);
/** A stand-in for ECDSA: a "signature" is the text reversed. */
const sign = (text: string) => [...text].reverse().join('');
const verifier: TextVerifier = (text, signature) => Promise.resolve(signature === sign(text));
const KEY = btoa('clé publique de test');

function sealed(
	records: readonly Record<string, unknown>[],
	start = GENESIS_HASH,
	signer: (hash: string, index: number) => string = sign
) {
	let previousHash = start;
	return records.map((record, index) => {
		const hash = chainHash(previousHash, record);
		const result = { ...record, previousHash, hash, signature: signer(hash, index) };
		previousHash = hash;
		return result;
	});
}

/** A former key of the till (a till replaced on a new computer): its "signature" is prefixed. */
const FORMER_KEY = btoa('ancienne clé de test');
const signedBefore = (text: string) => `avant:${sign(text)}`;
const verifierFor = (_key: string, former: readonly string[] = []): Promise<TextVerifier> =>
	Promise.resolve((text, signature) =>
		Promise.resolve(
			signature === sign(text) || (former.includes(FORMER_KEY) && signature === signedBefore(text))
		)
	);

/**
 * A small archive: two tickets after a previous archive, nothing else. `former`: the first
 * ticket was signed by the till's former key, named by the manifest (or not: null).
 */
function archive(
	edit: (files: Map<string, Uint8Array>) => void = () => {},
	former?: { readonly named: readonly unknown[] | null }
) {
	const start = 'a'.repeat(64);
	const tickets = sealed(
		[
			{ tillId: 'CAISSE1', number: 7, totalCents: 1720 },
			{ tillId: 'CAISSE1', number: 8, totalCents: 860 }
		],
		start,
		(hash, index) => (former && index === 0 ? signedBefore(hash) : sign(hash))
	);
	const files = new Map<string, Uint8Array>();
	const empty = { startHash: GENESIS_HASH, endHash: GENESIS_HASH, count: 0 };
	const chains = Object.fromEntries(
		ARCHIVED_CHAINS.map((chain) => [chain, empty])
	) as ArchiveManifest['chains'];
	const text = (records: readonly object[]) =>
		`${wrapJsonArray.open}${jsonArrayPart(records.slice(0, 1), true)}${jsonArrayPart(records.slice(1), false)}${wrapJsonArray.close}`;
	files.set('tickets.json', encode(text(tickets)));
	files.set('journal.json', encode(text([])));
	const manifest: ArchiveManifest = {
		format: ARCHIVE_FORMAT,
		kind: 'month',
		period: '2026-10',
		throughDay: '2026-10-31',
		createdAt: '2026-11-02T09:00:00Z',
		shop: {
			name: 'Librairie',
			siret: '12345678900017',
			vatNumber: 'FR00123456789',
			tillId: 'CAISSE1'
		},
		software: 'Comptoir',
		// Archives made before the fiscal version was recorded have none (the former-key cases).
		...(former ? {} : { fiscal: { version: '2026.12.1', fingerprint: 'f'.repeat(64) } }),
		publicKeySpki: KEY,
		...(former?.named ? { formerKeys: former.named as string[] } : {}),
		algorithms: ARCHIVE_ALGORITHMS,
		chains: {
			...chains,
			tickets: { startHash: start, endHash: tickets[1]?.hash as string, count: 2 }
		},
		files: Object.fromEntries([...files].map(([name, bytes]) => [name, sha256Hex(bytes)]))
	};
	const manifestText = JSON.stringify(manifest);
	files.set('manifeste.json', encode(manifestText));
	files.set('manifeste.sig', encode(`${sign(manifestText)}\n`));
	edit(files);
	return verifyArchive(files, former ? verifierFor : () => Promise.resolve(verifier));
}

describe('verifying an archive', () => {
	it('holds when every file, link and signature holds, and says what it checked [ARC-02]', async () => {
		const verdict = await archive();
		expect(verdict.problems).toEqual([]);
		expect(verdict.facts[0]).toBe(
			'Archive mensuelle 2026-10 de Librairie (SIRET 12345678900017, caisse CAISSE1).'
		);
		expect(verdict.facts[1]).toMatch(
			/^Tickets de caisse\s: 2 enregistrement\(s\), fin [0-9a-f]{16}…$/u
		);
		expect(verdict.facts.at(-1)).toContain(publicKeyFingerprint(KEY));
		expect(verdict.facts).toContain(
			`Faite par Comptoir, version fiscale 2026.12.1 (empreinte du périmètre ${'f'.repeat(64)}).`
		);
	});

	it.each([
		[
			'a missing manifest',
			(files: Map<string, Uint8Array>) => files.delete('manifeste.json'),
			'Le fichier manifeste.json manque\u00a0: ce n’est pas une archive Comptoir.'
		],
		[
			'an unreadable manifest',
			(files: Map<string, Uint8Array>) => files.set('manifeste.json', encode('{')),
			'manifeste.json est illisible ou n’est pas au format comptoir-archive/1.'
		],
		[
			'another format',
			(files: Map<string, Uint8Array>) => files.set('manifeste.json', encode('{"format":"zip"}')),
			'manifeste.json est illisible ou n’est pas au format comptoir-archive/1.'
		],
		[
			'a missing signature',
			(files: Map<string, Uint8Array>) => files.delete('manifeste.sig'),
			'La signature du manifeste (manifeste.sig) manque ou ne correspond pas.'
		],
		[
			'an added file',
			(files: Map<string, Uint8Array>) => files.set('notes.txt', encode('x')),
			'Le fichier notes.txt a été ajouté\u00a0: le manifeste ne le connaît pas.'
		],
		[
			'a modified file',
			(files: Map<string, Uint8Array>) => files.set('journal.json', encode('[]')),
			'Le fichier journal.json a été modifié (empreinte SHA-256 différente).'
		],
		[
			'a missing file',
			(files: Map<string, Uint8Array>) => files.delete('journal.json'),
			'Le fichier journal.json manque.'
		],
		[
			'a chain file that is not JSON',
			(files: Map<string, Uint8Array>) => files.set('tickets.json', encode('pas du JSON')),
			'tickets.json n’est pas un tableau JSON lisible.'
		]
	])('names %s', async (_case, edit, problem) => {
		expect((await archive(edit)).problems).toContain(problem);
	});

	it('accepts records signed by a former key only when the signed manifest names it', async () => {
		const named = await archive(undefined, { named: [FORMER_KEY] });
		expect(named.problems).toEqual([]);
		expect(named.facts.at(-1)).toBe(
			`Clé antérieure de la caisse (caisse remplacée ou sauvegarde restaurée, changement scellé au journal)\u00a0: ${publicKeyFingerprint(FORMER_KEY)}.`
		);
		const unnamed = await archive(undefined, { named: null });
		expect(unnamed.problems).toEqual([
			'Tickets de caisse\u00a0: enregistrement modifié après coup — ticket n° 7 (CAISSE1).'
		]);
		const malformed = await archive(undefined, { named: [42] });
		expect(malformed.problems).toEqual([
			'manifeste.json est illisible ou n’est pas au format comptoir-archive/1.'
		]);
	});

	it('says an annual archive is one', async () => {
		const verdict = await archive((files) => {
			const manifest = new TextDecoder()
				.decode(files.get('manifeste.json'))
				.replace('"month"', '"year"');
			files.set('manifeste.json', encode(manifest));
		});
		expect(verdict.facts[0]).toMatch(/^Archive annuelle 2026-10/u);
		expect(verdict.problems).toEqual([
			'La signature du manifeste (manifeste.sig) manque ou ne correspond pas.'
		]);
	});

	it('names a record whose chain fields are gone', async () => {
		const verdict = await archive((files) =>
			files.set('tickets.json', encode(JSON.stringify([{ tillId: 'CAISSE1', number: 7 }, null])))
		);
		expect(verdict.problems).toContain(
			'Tickets de caisse\u00a0: enregistrement modifié après coup — ticket n° 7 (CAISSE1).'
		);
	});

	it('refuses a manifest whose public key cannot be read', async () => {
		const files = new Map([
			[
				'manifeste.json',
				encode(
					JSON.stringify({
						format: ARCHIVE_FORMAT,
						publicKeySpki: 'x',
						files: {},
						chains: Object.fromEntries(ARCHIVED_CHAINS.map((c) => [c, { startHash: '' }]))
					})
				)
			]
		]);
		const verdict = await verifyArchive(files, () => Promise.reject(new Error('bad key')));
		expect(verdict.problems).toEqual(['La clé publique du manifeste est illisible.']);
	});
});

describe('archive contents', () => {
	it('names the file, writes the readme and the tickets CSV [ARC-03]', () => {
		expect(archiveFileName('2026')).toBe('comptoir-archive-2026.zip');
		expect(jsonArrayPart([], true)).toBe('');
		const base = {
			format: ARCHIVE_FORMAT,
			kind: 'year',
			period: '2026',
			throughDay: '2026-12-31',
			createdAt: '2027-01-02T09:00:00Z',
			shop: { name: 'Librairie', siret: '12345678900017', vatNumber: '', tillId: 'CAISSE1' },
			software: 'Comptoir',
			publicKeySpki: KEY,
			algorithms: ARCHIVE_ALGORITHMS,
			chains: Object.fromEntries(
				ARCHIVED_CHAINS.map((chain) => [chain, { startHash: '', endHash: '', count: 3 }])
			) as ArchiveManifest['chains']
		} as const;
		const readme = archiveReadme(base);
		expect(archiveReadme({ ...base, kind: 'month' })).toContain('(mensuelle)');
		expect(
			archiveReadme({ ...base, fiscal: { version: '2026.12.1', fingerprint: 'f'.repeat(64) } })
		).toContain('Logiciel\u00a0: Comptoir, version fiscale 2026.12.1, empreinte du périmètre fff');
		expect(readme).not.toContain('version fiscale');
		expect(readme).toContain('Archive fiscale Comptoir (annuelle) — période 2026');
		expect(readme).toContain('enregistrements écrits jusqu’au 31/12/2026 inclus');
		expect(readme).toContain('- factures.json\u00a0: Factures et avoirs, 3 enregistrement(s)');
		expect(readme).toContain('npm run verify-archive -- comptoir-archive-2026.zip');
		expect(
			archiveTicketCsvRows([
				{
					tillId: 'CAISSE1',
					number: 9,
					createdAt: '2026-10-30T10:00:00Z',
					day: '2026-10-30',
					cashier: 'Anne',
					totalCents: -1720,
					rates: [{ htCents: -1630, vatCents: -90 }],
					payments: [
						{ method: 'especes', amountCents: -1720 },
						{ method: 'troc', amountCents: 0 }
					],
					changeCents: 0,
					cancelsTicketId: 3
				},
				{
					tillId: 'CAISSE1',
					number: 10,
					createdAt: '2026-10-30T10:05:00Z',
					day: '2026-10-30',
					cashier: 'Anne',
					totalCents: 860,
					rates: [],
					payments: [],
					changeCents: 0,
					cancelsTicketId: null,
					hash: 'abc'
				}
			])
		).toEqual([
			[
				'CAISSE1',
				'9',
				'30/10/2026',
				'11:00',
				'30/10/2026',
				'Anne',
				'-17,20',
				'-16,30',
				'-0,90',
				'Espèces -17,20 + troc 0,00',
				'0,00',
				'3',
				''
			],
			expect.arrayContaining(['10', '8,60', '', 'abc'])
		]);
	});
});
