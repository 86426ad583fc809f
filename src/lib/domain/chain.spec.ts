import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	canonicalJson,
	chainBreakText,
	chainRecordLabel,
	chainHash,
	ChainWalk,
	findChainBreak,
	GENESIS_HASH,
	headFingerprint,
	headLines,
	closingAnchorLines,
	closingAnchorProblems,
	ChainPositions,
	type ChainAnchor,
	type CheckedRecord
} from './chain';

describe('canonicalJson', () => {
	it.each([
		[{ b: 1, a: [2, { d: 3, c: 4 }], id: 9 }, '{"a":[2,{"c":4,"d":3}],"b":1}'],
		[{ hash: 'x', previousHash: 'y', signature: 'z', n: null }, '{"n":null}'],
		[
			{ nested: { id: 1, hash: 'kept below the top' } },
			'{"nested":{"hash":"kept below the top","id":1}}'
		],
		[{ skip: undefined, text: 'é & "œ" 😀' }, '{"text":"é & \\"œ\\" 😀"}'],
		[{ list: [undefined, 1] }, '{"list":[null,1]}']
	])('%j → %s', (record, json) => {
		expect(canonicalJson(record)).toBe(json);
	});

	it('refuses numbers JSON cannot carry', () => {
		expect(() => canonicalJson({ amount: Number.NaN })).toThrow(RangeError);
	});

	it('does not depend on the order keys were written in [INA-02]', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
				const reversed = Object.fromEntries(Object.entries(record).reverse());
				expect(canonicalJson(reversed)).toBe(canonicalJson(record));
			})
		);
	});
});

describe('chainHash', () => {
	it('is SHA-256 of the previous hash then the canonical JSON (known value) [INA-02]', () => {
		// printf '%s' "$(printf '0%.0s' $(seq 1 64)){\"a\":1}" | sha256sum
		expect(chainHash(GENESIS_HASH, { a: 1, id: 3 })).toBe(
			'fc6cee09194dd2578bd7664604fcb72a539066fd34544cea0009c43eb6cdc289'
		);
		expect(chainHash(GENESIS_HASH, { a: 1 })).toMatch(/^[0-9a-f]{64}$/u);
		expect(chainHash(GENESIS_HASH, { a: 1 })).not.toBe(chainHash(GENESIS_HASH, { a: 2 }));
	});
});

/** A chain of n intact records, as the app writes them. */
function chain(n: number): CheckedRecord[] {
	const records: CheckedRecord[] = [];
	let previous = GENESIS_HASH;
	for (let id = 1; id <= n; id++) {
		const hash = chainHash(previous, { id, n: id });
		records.push({
			id,
			label: `ticket n° ${id}`,
			previousHash: previous,
			hash,
			recomputed: hash,
			signatureValid: true
		});
		previous = hash;
	}
	return records;
}
const headOf = (records: CheckedRecord[]) => ({
	hash: records.at(-1)?.hash ?? GENESIS_HASH,
	count: records.length
});

describe('findChainBreak', () => {
	const intact = chain(5);
	const head = headOf(intact);

	it('holds for an intact chain, and for an empty one', () => {
		expect(findChainBreak(intact, head)).toBeNull();
		expect(findChainBreak([], undefined)).toBeNull();
	});

	it.each([
		[
			'a changed record',
			intact.map((r) => (r.id === 3 ? { ...r, recomputed: 'f'.repeat(64) } : r)),
			{ kind: 'modified', id: 3 }
		],
		[
			'a bad signature',
			intact.map((r) => (r.id === 2 ? { ...r, signatureValid: false } : r)),
			{ kind: 'modified', id: 2 }
		],
		[
			'the last record changed',
			intact.map((r) => (r.id === 5 ? { ...r, recomputed: 'f'.repeat(64) } : r)),
			{ kind: 'modified', id: 5 }
		],
		['a deleted record', intact.filter((r) => r.id !== 3), { kind: 'deleted-before', id: 4 }],
		[
			'an inserted record',
			[
				...intact.slice(0, 2),
				{ ...intact[0], id: 9, label: 'ticket n° 99', signatureValid: false } as CheckedRecord,
				...intact.slice(2)
			],
			{ kind: 'inserted', id: 9 }
		],
		[
			'a record inserted at the end',
			[...intact, { ...intact[0], id: 9, label: 'x', signatureValid: false } as CheckedRecord],
			{ kind: 'inserted', id: 9 }
		],
		['records deleted at the end', intact.slice(0, 3), { kind: 'deleted-at-end', missing: 2 }]
	])('finds %s', (_name, records, expected) => {
		expect(findChainBreak(records, head)).toMatchObject(expected);
	});

	it('keeps its first verdict when fed further', () => {
		const walk = new ChainWalk();
		expect(walk.push({ ...(intact[1] as CheckedRecord) })).toBe(true);
		expect(walk.push(intact[2] as CheckedRecord)).toBe(true);
		expect(walk.finish(head)).toMatchObject({ kind: 'deleted-before', id: 2 });
	});

	it('notices a head that the records do not reach', () => {
		expect(findChainBreak(intact, { hash: 'e'.repeat(64), count: 5 })).toEqual({
			kind: 'head-mismatch'
		});
	});
});

describe('ChainPositions: every anchor held against the chain', () => {
	const intact = chain(5);
	const placed = (records: readonly CheckedRecord[]) => {
		const positions = new ChainPositions();
		for (const record of records) positions.add(record.id, record.recomputed);
		return positions;
	};
	const anchorAt = (count: number, source = 'la clôture du 01/12/2026'): ChainAnchor => ({
		count,
		hash: (intact[count - 1] as CheckedRecord).hash as string,
		source
	});

	it('holds when the record at each anchor gives its hash', () => {
		const positions = placed(intact);
		expect(positions.length).toBe(5);
		for (const count of [1, 2, 5]) expect(positions.check(anchorAt(count))).toBeNull();
		expect(positions.check({ count: 0, hash: GENESIS_HASH, source: 'x' })).toBeNull();
	});

	it('finds records deleted at the end, whatever the head was set back to', () => {
		expect(placed(intact.slice(0, 3)).check(anchorAt(5, 'la clôture (Z)'))).toEqual({
			kind: 'truncated',
			missing: 2,
			source: 'la clôture (Z)'
		});
	});

	it('finds a chain cut and continued: the anchors written before the cut no longer agree', () => {
		// Records 4 and 5 replaced by others that link and are signed (the till's own key).
		let previous = (intact[2] as CheckedRecord).hash as string;
		const continued = intact.map((record, index) => {
			if (index < 3) return record;
			const hash = chainHash(previous, { id: record.id, n: -record.id });
			previous = hash;
			return { ...record, id: record.id + 10, recomputed: hash };
		});
		const positions = placed(continued);
		expect(positions.check(anchorAt(3))).toBeNull();
		expect(positions.check(anchorAt(4, 'l’événement du journal'))).toEqual({
			kind: 'rewritten',
			id: 14,
			source: 'l’événement du journal'
		});
		// Differs only beyond the first 32 bits: still seen.
		const near = `${anchorAt(5).hash.slice(0, 8)}${'0'.repeat(56)}`;
		expect(placed(intact).check({ count: 5, hash: near, source: 's' })).toMatchObject({
			kind: 'rewritten'
		});
	});

	it('ChainWalk is clean while every record pushed is intact and in place', () => {
		const walk = new ChainWalk();
		walk.push(intact[0] as CheckedRecord);
		expect(walk.clean).toBe(true);
		walk.push({ ...(intact[1] as CheckedRecord), signatureValid: false });
		expect(walk.clean).toBe(false);
	});

	it('grows past its first thousand records', () => {
		const positions = new ChainPositions();
		for (let id = 1; id <= 3000; id++) positions.add(id, id.toString(16).padStart(16, '0'));
		expect(positions.length).toBe(3000);
		expect(
			positions.check({ count: 2500, hash: (2500).toString(16).padStart(16, '0'), source: 's' })
		).toBeNull();
	});
});

describe('closingAnchorProblems', () => {
	const previous = {
		source: 'la clôture journalière (Z) du 20/11/2026 (CAISSE1)',
		lastTicket: { number: 6, hash: 'aa' },
		heads: { tickets: { count: 6, hash: 'aa' }, journal: { count: 40, hash: 'bb' } }
	};

	it('is silent when the last ticket is still there and no chain got shorter', () => {
		expect(
			closingAnchorProblems(previous, {
				lastTicketHash: 'aa',
				heads: { tickets: { count: 9, hash: 'cc' }, journal: { count: 52, hash: 'dd' } }
			})
		).toEqual([]);
		expect(closingAnchorProblems({ source: 'x' }, { lastTicketHash: null, heads: {} })).toEqual([]);
	});

	it('names a last ticket replaced (its number given again) or gone, and chains cut short', () => {
		expect(
			closingAnchorProblems(previous, {
				lastTicketHash: 'ee',
				heads: { tickets: { count: 6, hash: 'ee' }, journal: { count: 52, hash: 'dd' } }
			})
		).toEqual([
			'Tickets de caisse\u00a0: le ticket n°\u00a06 ne correspond plus à ce que la clôture journalière (Z) du 20/11/2026 (CAISSE1) a scellé.'
		]);
		expect(closingAnchorProblems(previous, { lastTicketHash: null, heads: {} })).toEqual([
			'Tickets de caisse\u00a0: le ticket n°\u00a06, scellé par la clôture journalière (Z) du 20/11/2026 (CAISSE1), a disparu.',
			'Tickets de caisse\u00a0: 6 enregistrements supprimés à la fin de la chaîne (attestés par la clôture journalière (Z) du 20/11/2026 (CAISSE1)).',
			'Journal des événements\u00a0: 40 enregistrements supprimés à la fin de la chaîne (attestés par la clôture journalière (Z) du 20/11/2026 (CAISSE1)).'
		]);
	});
});

describe('headLines', () => {
	it('prints one line per chain a closing sealed, in a fixed order', () => {
		expect(
			headLines({
				journal: { count: 3, hash: 'abcdef0123456789' },
				tickets: { count: 12, hash: '0011223344556677' }
			})
		).toEqual([
			'Tickets\u00a0: 12\u00a0·\u00a00011\u00a02233\u00a04455',
			'Journal\u00a0: 3\u00a0·\u00a0abcd\u00a0ef01\u00a02345'
		]);
		expect(headLines({})).toEqual([]);
	});

	it('heads the lines and names the last ticket on a closing that sealed them', () => {
		const heads = { tickets: { count: 2, hash: '0011223344556677' } };
		expect(closingAnchorLines({ heads, lastTicket: { number: 2 } })).toEqual([
			'Empreintes scellées (à garder\u00a0; à comparer lors d’un contrôle)\u00a0:',
			'Dernier ticket\u00a0: n°\u00a02',
			'Tickets\u00a0: 2\u00a0·\u00a00011\u00a02233\u00a04455'
		]);
		expect(closingAnchorLines({ heads, lastTicket: null })).toHaveLength(2);
		expect(closingAnchorLines({})).toEqual([]);
	});
});

describe('headFingerprint', () => {
	it('prints the count and the first twelve hex digits by fours', () => {
		expect(headFingerprint({ count: 1204, hash: '3f9a07c2b1d4' + 'e'.repeat(52) })).toBe(
			'1\u202f204\u00a0·\u00a03f9a\u00a007c2\u00a0b1d4'
		);
	});
});

describe('chainBreakText', () => {
	it.each([
		[
			{ kind: 'modified', id: 2, label: 'ticket n° 2 (CAISSE1)' },
			'Tickets de caisse\u00a0: enregistrement modifié après coup — ticket n° 2 (CAISSE1).'
		],
		[
			{ kind: 'inserted', id: 9, label: 'ticket n° 99 (CAISSE1)' },
			'Tickets de caisse\u00a0: enregistrement inséré hors de la caisse — ticket n° 99 (CAISSE1).'
		],
		[
			{ kind: 'deleted-before', id: 3, label: 'ticket n° 3 (CAISSE1)' },
			'Tickets de caisse\u00a0: enregistrement supprimé juste avant — ticket n° 3 (CAISSE1).'
		],
		[
			{ kind: 'deleted-at-end', missing: 1 },
			'Tickets de caisse\u00a0: 1 enregistrement supprimé à la fin de la chaîne.'
		],
		[
			{ kind: 'deleted-at-end', missing: 2 },
			'Tickets de caisse\u00a0: 2 enregistrements supprimés à la fin de la chaîne.'
		],
		[
			{ kind: 'head-mismatch' },
			'Tickets de caisse\u00a0: la fin de la chaîne ne correspond pas au dernier enregistrement connu.'
		],
		[
			{
				kind: 'anchor-mismatch',
				id: 4,
				label: 'ticket n° 4 (CAISSE1)',
				source: 'la clôture journalière (Z) du 01/12/2026 (CAISSE1)'
			},
			'Tickets de caisse\u00a0: chaîne réécrite — ticket n° 4 (CAISSE1) ne correspond plus à ce que la clôture journalière (Z) du 01/12/2026 (CAISSE1) a scellé.'
		],
		[
			{
				kind: 'truncated',
				missing: 1,
				source: 'la clôture journalière (Z) du 01/12/2026 (CAISSE1)'
			},
			'Tickets de caisse\u00a0: 1 enregistrement supprimé à la fin de la chaîne (attesté par la clôture journalière (Z) du 01/12/2026 (CAISSE1)).'
		],
		[
			{ kind: 'truncated', missing: 3, source: 'l’événement «\u00a0ticket-printed\u00a0»' },
			'Tickets de caisse\u00a0: 3 enregistrements supprimés à la fin de la chaîne (attestés par l’événement «\u00a0ticket-printed\u00a0»).'
		]
	] as const)('%j', (found, text) => {
		expect(chainBreakText('tickets', found)).toBe(text);
	});
});

describe('chainRecordLabel', () => {
	it.each([
		['tickets', { number: 12, tillId: 'CAISSE1' }, 'ticket n° 12 (CAISSE1)'],
		['training-tickets', { number: 3 }, 'ticket de formation n° 3'],
		['invoices', { kind: 'invoice', number: '42' }, 'facture n° 42'],
		['invoices', { kind: 'credit-note', number: 'AV-2' }, 'avoir n° AV-2'],
		[
			'reprints',
			{ count: 2, documentType: 'ticket', documentId: 5 },
			'impression n° 2 du ticket interne 5'
		],
		[
			'reprints',
			{ count: 1, documentType: 'x', documentId: 5 },
			'impression n° 1 du document interne 5'
		],
		[
			'closings',
			{ kind: 'day', periodStart: '2026-11-02', tillId: 'CAISSE1' },
			'clôture journalière (Z) du 02/11/2026 (CAISSE1)'
		],
		[
			'closings',
			{ kind: 'x', periodStart: '2026-11-02', tillId: 'C' },
			'clôture du 02/11/2026 (C)'
		],
		[
			'journal',
			{ type: 'app-start', at: '2026-11-02T08:00:00Z' },
			'événement «\u00a0app-start\u00a0» du 02/11/2026 à 09:00'
		],
		['journal', { type: 'x', at: 'hier' }, 'événement «\u00a0x\u00a0» du hier'],
		['archives', { period: '2026-10' }, 'archive 2026-10']
	] as const)('names a record of %s', (chain, record, label) => {
		expect(chainRecordLabel(chain, record)).toBe(label);
	});
});
