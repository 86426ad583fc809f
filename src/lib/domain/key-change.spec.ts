import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainHash } from './chain';
import {
	checkKeyChange,
	isKeyChangeRecord,
	KEY_CHANGE_EVENT,
	lastSeriesNumbers,
	type KeyChangeDetail,
	type KeyChangeRecord
} from './key-change';
import { parseShopMessage, type PeerChain } from './replication';

const OLD_KEY = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEancienne';
const NEW_KEY = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEnouvelle';
const LAST_HASH = 'a'.repeat(64);

/** A key change of CAISSE1 sealed after the journal entry `previousHash`. */
function keyChange(
	detail: Partial<KeyChangeDetail> = {},
	previousHash = 'b'.repeat(64)
): KeyChangeRecord {
	const content = {
		at: '2026-12-04T09:00:00.000Z',
		type: KEY_CHANGE_EVENT,
		detail: {
			tillId: 'CAISSE1',
			publicKeySpki: NEW_KEY,
			keys: [OLD_KEY],
			lastTicket: { number: 41, hash: LAST_HASH },
			by: 'Marie (gérante)',
			pinFingerprint: 'f'.repeat(64),
			...detail
		}
	} as const;
	return {
		...content,
		previousHash,
		hash: chainHash(previousHash, content),
		signature: 'c2ln'
	};
}

const peer = (overrides: Partial<PeerChain> = {}): PeerChain => ({
	tillId: 'CAISSE1',
	publicKeySpki: OLD_KEY,
	lastNumber: 41,
	lastHash: LAST_HASH,
	...overrides
});

describe('checkKeyChange: another till takes a replaced till’s new key only through its sealed change', () => {
	it.each([
		[
			'links to the last ticket kept and replaces the key known here',
			peer(),
			keyChange(),
			true,
			'keep'
		],
		[
			'the till had sold nothing yet',
			peer({ lastNumber: undefined, lastHash: undefined }),
			keyChange({ lastTicket: null }),
			true,
			'keep'
		],
		['already taken (read again)', peer({ publicKeySpki: NEW_KEY }), keyChange(), true, 'skip']
	] as const)('%s → %s', (_, known, record, signed, action) => {
		expect(checkKeyChange(known, 'CAISSE1', record, signed).action).toBe(action);
	});

	it.each([
		['no key known for that till', undefined, keyChange(), true, 'NO_KEY'],
		[
			'on another till’s subject',
			peer({ tillId: 'CAISSE2' }),
			keyChange(),
			true,
			'WRONG_TILL',
			'CAISSE2'
		],
		['signature of the new key does not hold', peer(), keyChange(), false, 'ALTERED'],
		[
			'content changed after sealing',
			peer(),
			{ ...keyChange(), detail: { ...keyChange().detail, by: 'Quelqu’un' } },
			true,
			'ALTERED'
		],
		['does not name the key known here', peer(), keyChange({ keys: ['autre'] }), true, 'UNLINKED'],
		[
			'does not follow the last ticket kept',
			peer({ lastNumber: 42, lastHash: 'c'.repeat(64) }),
			keyChange(),
			true,
			'UNLINKED'
		],
		[
			'names a ticket where none was kept',
			peer({ lastNumber: undefined, lastHash: undefined }),
			keyChange(),
			true,
			'UNLINKED'
		],
		[
			'claims no ticket where some were kept',
			peer(),
			keyChange({ lastTicket: null }),
			true,
			'UNLINKED'
		]
	] as const)(
		'refused when %s (%s)',
		(_, known, record, signed, code, subject: string = 'CAISSE1') => {
			const verdict = checkKeyChange(known, subject, record, signed);
			expect(verdict).toMatchObject({ action: 'refuse', code });
			if (verdict.action === 'refuse')
				expect(verdict.message).toMatch(/^Changement de clé de la caisse/u);
		}
	);

	it('refuses any change of its content, whatever the field', () => {
		fc.assert(
			fc.property(
				fc.constantFrom<keyof KeyChangeDetail>('tillId', 'publicKeySpki', 'by', 'pinFingerprint'),
				fc.string({ minLength: 1, maxLength: 12 }),
				(field, suffix) => {
					const record = keyChange();
					const altered = {
						...record,
						detail: { ...record.detail, [field]: `${String(record.detail[field])}${suffix}` }
					};
					const verdict = checkKeyChange(peer(), altered.detail.tillId, altered, true);
					expect(verdict.action).toBe(
						// A change of the key itself is refused too: it no longer gives the hash.
						'refuse'
					);
				}
			)
		);
	});
});

describe('a key change as it travels', () => {
	it('is read back from the stream, and only with its whole shape', () => {
		const record = keyChange();
		const parsed = parseShopMessage(JSON.stringify({ type: 'key-change', record }));
		expect(parsed.ok && parsed.value.type).toBe('key-change');
		expect(isKeyChangeRecord(record)).toBe(true);
		expect(isKeyChangeRecord({ ...record, detail: { ...record.detail, keys: 'x' } })).toBe(false);
		expect(isKeyChangeRecord({ ...record, type: 'restore' })).toBe(false);
		expect(
			isKeyChangeRecord({ ...record, detail: { ...record.detail, lastTicket: { number: 1 } } })
		).toBe(false);
		expect(isKeyChangeRecord(null)).toBe(false);
		expect(parseShopMessage(JSON.stringify({ type: 'key-change', record: {} })).ok).toBe(false);
	});
});

describe('lastSeriesNumbers: a replaced till goes on with its invoice series', () => {
	it.each([
		[['CAISSE1-1', 'CAISSE1-2', 'CAISSE1-AV-1'], { invoice: 2, creditNote: 1 }],
		[
			['CAISSE1-12', 'CAISSE2-40', 'CAISSE1-AV-3', 'CAISSE1-AV-10', '7', 'PF-2'],
			{ invoice: 12, creditNote: 10 }
		],
		[[], { invoice: 0, creditNote: 0 }],
		[['CAISSE10-5', 'CAISSE1-X'], { invoice: 0, creditNote: 0 }]
	])('%j → %j', (numbers, expected) => {
		expect(lastSeriesNumbers('CAISSE1', numbers)).toEqual(expected);
	});

	it('gives the highest number of each series, whatever their order', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 1, max: 99_999 }), { minLength: 1 }), (numbers) => {
				const mixed = numbers.flatMap((n) => [`CAISSE1-${n}`, `CAISSE1-AV-${n}`]);
				const highest = { invoice: Math.max(...numbers), creditNote: Math.max(...numbers) };
				expect(lastSeriesNumbers('CAISSE1', mixed)).toEqual(highest);
				expect(lastSeriesNumbers('CAISSE1', mixed.toReversed())).toEqual(highest);
			})
		);
	});
});
