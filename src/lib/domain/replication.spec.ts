import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from './chain';
import { assertCents } from './money';
import { assertVatRateBp } from './vat';
import type { RecordedTicket } from './recorded';
import {
	articleRevision,
	balanceSequenceNumber,
	mergeArticleRevision,
	mergeHeadOfficeRevision,
	checkReplica,
	copyMessageId,
	CUSTOMER_FIELDS,
	customerRef,
	fieldsRevision,
	mergeFields,
	parseCustomerRef,
	parseShopMessage,
	parseSyncCredentials,
	SHOP_FIELDS,
	subjectParts,
	ticketMessageId,
	tillSubject,
	type ArticleFields,
	type PeerChain,
	type TicketMessage
} from './replication';

/** A ticket of `tillId` sealed after `previousHash` (the signature is checked apart). */
function sealed(
	number: number,
	previousHash = GENESIS_HASH,
	overrides: Partial<RecordedTicket> = {}
): TicketMessage['ticket'] {
	const ticket = {
		tillId: 'CAISSE1',
		number,
		createdAt: '2026-12-03T09:00:00.000Z',
		day: '2026-12-03',
		cashier: 'Anne',
		customerId: null,
		customerStatus: 'particulier',
		lines: [],
		ticketDiscount: null,
		rates: [],
		totalCents: 1_720,
		payments: [{ method: 'especes', amountCents: 1_720, reference: null }],
		changeCents: 0,
		dueDate: null,
		cancelsTicketId: null,
		references: [],
		training: 0,
		note: '',
		...overrides
	} as unknown as RecordedTicket;
	return { ...ticket, previousHash, hash: chainHash(previousHash, ticket), signature: 'c2ln' };
}

const key = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE';
const peer = (last?: TicketMessage['ticket']): PeerChain => ({
	tillId: 'CAISSE1',
	publicKeySpki: key,
	...(last ? { lastNumber: last.number, lastHash: last.hash } : {})
});

describe('checkReplica', () => {
	const first = sealed(1);
	const second = sealed(2, first.hash);

	it.each([
		['the first ticket of a till, signed', peer(), first, true, undefined, 'keep'],
		['the next one, linked', peer(first), second, true, undefined, 'keep'],
		[
			'a till that sold before the server: its first ticket kept starts the chain',
			peer(),
			second,
			true,
			undefined,
			'keep'
		],
		['the same ticket sent again', peer(second), second, true, second, 'skip']
	] as const)('%s: %s', (_, known, ticket, signed, kept, action) => {
		expect(checkReplica(known, 'CAISSE1', ticket, signed, kept)).toEqual({ action });
	});

	it.each([
		['no key received from that till', undefined, first, true, undefined, 'NO_KEY'],
		['a signature that does not hold', peer(), first, false, undefined, 'ALTERED'],
		[
			'a ticket sent without its link',
			peer(first),
			{ ...second, previousHash: undefined as unknown as string },
			true,
			undefined,
			'ALTERED'
		],
		['a total changed on the way', peer(), { ...first, totalCents: 1 }, true, undefined, 'ALTERED'],
		[
			'sent under another till’s subject',
			peer(),
			{ ...first, tillId: 'CAISSE2' },
			true,
			undefined,
			'WRONG_TILL'
		],
		[
			'a training ticket',
			peer(),
			{ ...first, training: 1 as const },
			true,
			undefined,
			'WRONG_TILL'
		],
		['a ticket missing before it', peer(first), sealed(3, second.hash), true, undefined, 'GAP'],
		[
			'a ticket that does not follow the last one kept',
			peer(first),
			sealed(2, GENESIS_HASH),
			true,
			undefined,
			'UNLINKED'
		],
		['an earlier number never kept', peer(second), first, true, undefined, 'UNLINKED'],
		[
			'another ticket under a number already kept (fork)',
			peer(first),
			sealed(1, GENESIS_HASH, { totalCents: assertCents(5) }),
			true,
			first,
			'FORK'
		]
	] as const)('refuses %s', (_, known, ticket, signed, kept, code) => {
		const verdict = checkReplica(known, 'CAISSE1', ticket as TicketMessage['ticket'], signed, kept);
		expect(verdict).toMatchObject({ action: 'refuse', code });
		if (verdict.action === 'refuse')
			expect(verdict.message).toMatch(/^Ticket n°\u00a0\d+ de la caisse CAISSE1\u00a0: /u);
	});

	it('keeps a whole chain in order, and refuses any change to any of its tickets', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 12 }),
				fc.nat(),
				fc.integer({ min: 1, max: 10_000 }),
				(length, pick, total) => {
					const chain: TicketMessage['ticket'][] = [];
					for (let n = 1; n <= length; n++)
						chain.push(
							sealed(n, chain.at(-1)?.hash ?? GENESIS_HASH, { totalCents: assertCents(n * 100) })
						);
					let known = peer();
					for (const ticket of chain) {
						expect(checkReplica(known, 'CAISSE1', ticket, true)).toEqual({ action: 'keep' });
						known = peer(ticket);
					}
					const target = chain[pick % length] as TicketMessage['ticket'];
					const before = target.number === 1 ? peer() : peer(chain[target.number - 2]);
					const changed = { ...target, totalCents: assertCents(target.totalCents + total) };
					expect(checkReplica(before, 'CAISSE1', changed, true)).toMatchObject({ code: 'ALTERED' });
				}
			)
		);
	});
});

describe('subjects and message ids', () => {
	it('names a till’s subjects, reads them back, and ignores any other', () => {
		expect(tillSubject('CAISSE2', 'ticket')).toBe('comptoir.CAISSE2.ticket');
		expect(subjectParts('comptoir.CAISSE2.ticket')).toEqual({ tillId: 'CAISSE2', kind: 'ticket' });
		expect(subjectParts('comptoir.caisse2.ticket')).toBeNull();
		expect(subjectParts('ailleurs.CAISSE2.ticket')).toBeNull();
		expect(ticketMessageId('CAISSE2', 17)).toBe('CAISSE2:ticket:17');
	});
});

describe('parseShopMessage', () => {
	it('reads a key and a ticket, and says in French what it cannot read', () => {
		const keyMessage = { type: 'till-key', tillId: 'CAISSE1', publicKeySpki: key, at: 'x' };
		expect(parseShopMessage(JSON.stringify(keyMessage))).toEqual({ ok: true, value: keyMessage });
		const ticketMessage = { type: 'ticket', originId: 4, ticket: sealed(1) };
		expect(parseShopMessage(JSON.stringify(ticketMessage))).toMatchObject({ ok: true });
		expect(parseShopMessage('{')).toMatchObject({
			ok: false,
			error: { message: 'Message illisible reçu du serveur de la boutique.' }
		});
		expect(parseShopMessage('{"type":"ticket","originId":"4"}')).toMatchObject({
			ok: false,
			error: { code: 'UNREADABLE' }
		});
		expect(parseShopMessage('null')).toMatchObject({ ok: false });
		const revisions = { type: 'revisions', uid: 'u', at: 'x', by: '', items: [] };
		expect(parseShopMessage(JSON.stringify(revisions))).toEqual({ ok: true, value: revisions });
		expect(parseShopMessage('{"type":"revisions","uid":"u"}')).toMatchObject({ ok: false });
		const records = {
			type: 'records',
			kind: 'customer',
			uid: 'u',
			at: 'x',
			by: '',
			items: [{ key: 'CAISSE1:4', base: null, fields: { lastName: 'Martin' } }]
		};
		expect(parseShopMessage(JSON.stringify(records))).toEqual({ ok: true, value: records });
		const fix = {
			...records,
			kind: 'balance-fix',
			items: [{ key: '2888', base: null, fields: {} }]
		};
		expect(parseShopMessage(JSON.stringify(fix))).toEqual({ ok: true, value: fix });
		expect(parseShopMessage(JSON.stringify({ ...records, kind: 'shop' }))).toMatchObject({
			ok: true
		});
		expect(parseShopMessage(JSON.stringify({ ...records, kind: 'article' }))).toMatchObject({
			ok: false
		});
		expect(parseShopMessage(JSON.stringify({ ...records, items: [{ fields: {} }] }))).toMatchObject(
			{ ok: false }
		);
		expect(parseShopMessage(JSON.stringify({ ...records, items: [null] }))).toMatchObject({
			ok: false
		});
		const copy = {
			type: 'copy',
			kind: 'closing',
			originId: 3,
			record: { hash: 'h', signature: 's' }
		};
		expect(parseShopMessage(JSON.stringify(copy))).toEqual({ ok: true, value: copy });
		expect(parseShopMessage(JSON.stringify({ ...copy, kind: 'ticket' }))).toMatchObject({
			ok: false
		});
		expect(parseShopMessage(JSON.stringify({ ...copy, record: null }))).toMatchObject({
			ok: false
		});
	});
});

const SEED = `SU${'A'.repeat(56)}`;

describe('parseSyncCredentials', () => {
	const good = {
		server: 'ws://127.0.0.1:9222',
		tillId: 'CAISSE2',
		tillIndex: 2,
		user: 'CAISSE2',
		password: 'secret'
	};
	const text = (change: Record<string, unknown>) => JSON.stringify({ ...good, ...change });

	it('reads the file the init command writes', () => {
		expect(parseSyncCredentials(JSON.stringify(good))).toEqual({ ok: true, value: good });
		expect(parseSyncCredentials(text({ trial: true }))).toEqual({
			ok: true,
			value: { ...good, trial: true }
		});
		expect(parseSyncCredentials(text({ trial: 'yes' }))).toEqual({ ok: true, value: good });
		expect(parseSyncCredentials(text({ server: 'wss://serveur.librairie.fr:9222' }))).toMatchObject(
			{ ok: true }
		);
		expect(parseSyncCredentials(text({ server: 'ws://localhost:9222' }))).toMatchObject({
			ok: true
		});
	});

	it('reads the key of a till on a server whose manager can revoke it', () => {
		const keyed = { ...good, user: undefined, password: undefined, jwt: 'a.b.c', seed: SEED };
		expect(parseSyncCredentials(JSON.stringify(keyed))).toEqual({
			ok: true,
			value: {
				server: good.server,
				tillId: 'CAISSE2',
				tillIndex: 2,
				user: 'CAISSE2',
				jwt: 'a.b.c',
				seed: SEED
			}
		});
		for (const broken of [{ jwt: 'a.b' }, { seed: 'SA' + SEED.slice(2) }, { jwt: '' }]) {
			const parsed = parseSyncCredentials(JSON.stringify({ ...keyed, ...broken }));
			expect(parsed).toMatchObject({
				ok: false,
				error: { message: expect.stringMatching(/clé de la caisse/u) }
			});
		}
	});

	it.each([
		['not JSON', 'serveur', /JSON attendu/u],
		['no address', text({ server: '' }), /ws:\/\/… ou wss:\/\/… attendu/u],
		['an address that is not text', text({ server: 9222 }), /ws:\/\/… ou wss:\/\/… attendu/u],
		['a till id that is not text', text({ tillId: 2 }), /Identifiant de caisse/u],
		['a user that is not text', text({ user: 2 }), /mot de passe, manquants/u],
		['a password that is not text', text({ password: 2 }), /mot de passe, manquants/u],
		[
			'an http address',
			text({ server: 'http://127.0.0.1:9222' }),
			/ws:\/\/… ou wss:\/\/… attendu/u
		],
		[
			'an unencrypted address beyond this computer',
			text({ server: 'ws://192.168.1.10:9222' }),
			/doit être chiffrée \(wss:\/\/\)/u
		],
		['a till id in lower case', text({ tillId: 'caisse2' }), /Identifiant de caisse/u],
		['no rank', text({ tillIndex: undefined }), /Rang de la caisse/u],
		['a rank of 100', text({ tillIndex: 100 }), /Rang de la caisse/u],
		['no password', text({ password: '' }), /mot de passe, manquants/u]
	])('refuses %s, saying why', (_, input, message) => {
		const parsed = parseSyncCredentials(input);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error.message).toMatch(message);
	});
});

describe('balanceSequenceNumber', () => {
	it('keeps a till alone on its sequence, and gives each till of a shop its own block', () => {
		expect(balanceSequenceNumber(null, 251)).toBe(251);
		expect(balanceSequenceNumber(1, 251)).toBe(100_251);
		expect(balanceSequenceNumber(2, 1)).toBe(200_001);
		expect(balanceSequenceNumber(99, 99_999)).toBe(9_999_999);
		expect(() => balanceSequenceNumber(3, 100_000)).toThrow(RangeError);
	});

	it('never gives two tills the same number', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 99 }),
				fc.integer({ min: 1, max: 99 }),
				fc.integer({ min: 1, max: 99_999 }),
				fc.integer({ min: 1, max: 99_999 }),
				(a, b, n, m) => {
					fc.pre(a !== b);
					expect(balanceSequenceNumber(a, n)).not.toBe(balanceSequenceNumber(b, m));
				}
			)
		);
	});
});

describe('catalogue revisions', () => {
	const book = {
		ean: '9782266248549',
		title: 'Perry Rhodan 318',
		authors: 'Scheer',
		publisher: 'Pocket',
		collection: '',
		priceCents: assertCents(860),
		vatRateBp: assertVatRateBp(550),
		kind: 'livre' as const
	};
	const { ean: _ean, ...fields } = book; // eslint-disable-line @typescript-eslint/no-unused-vars -- the fields without the key
	const here = (change: Partial<typeof fields> = {}, updatedAt = '2026-12-03T09:00:00.000Z') => ({
		fields: { ...fields, ...change },
		updatedAt
	});

	describe('a title as the head office sets it', () => {
		const fromHeadOffice = (change: Partial<typeof fields>) => ({
			ean: book.ean,
			base: null,
			fields: change,
			stockDelta: 0
		});
		const price = (cents: number) => ({ priceCents: assertCents(cents) });

		it('creates a title it sends whole, and leaves one it sends in part', () => {
			expect(mergeHeadOfficeRevision(null, fromHeadOffice(fields))).toEqual({
				fields,
				headOffice: fields,
				overridden: []
			});
			expect(mergeHeadOfficeRevision(null, fromHeadOffice(price(900)))).toEqual({
				fields: null,
				headOffice: price(900),
				overridden: []
			});
		});

		it('sets a price the shop had of its own, then keeps the shop’s override until the shop follows again', () => {
			const first = mergeHeadOfficeRevision({ fields: here().fields }, fromHeadOffice(price(900)));
			expect(first).toEqual({
				fields: { ...fields, ...price(900) },
				headOffice: price(900),
				overridden: []
			});
			// The shop sets its own price: the head office's next one leaves it.
			const overridden = mergeHeadOfficeRevision(
				{ fields: { ...fields, ...price(850) }, headOffice: first.headOffice },
				fromHeadOffice({ ...price(950), title: 'Perry Rhodan n° 318' })
			);
			expect(overridden).toEqual({
				fields: { ...fields, ...price(850), title: 'Perry Rhodan n° 318' },
				headOffice: { ...price(950), title: 'Perry Rhodan n° 318' },
				overridden: ['priceCents']
			});
			// Back to the head office's price: it follows the head office again.
			expect(
				mergeHeadOfficeRevision(
					{ fields: { ...fields, ...price(950) }, headOffice: overridden.headOffice },
					fromHeadOffice(price(990))
				).fields
			).toMatchObject(price(990));
			// Its own price equal to the head office's new one: nothing overridden.
			expect(
				mergeHeadOfficeRevision(
					{ fields: { ...fields, ...price(850) }, headOffice: price(900) },
					fromHeadOffice(price(850))
				).overridden
			).toEqual([]);
		});

		it('gives every till of a shop the same title, whatever it held of the head office', () => {
			fc.assert(
				fc.property(
					fc.array(fc.integer({ min: 100, max: 5_000 }), { minLength: 1, maxLength: 6 }),
					fc.integer({ min: 100, max: 5_000 }),
					(sent, own) => {
						// Two tills applying the same messages in the stream's order end alike.
						const run = () =>
							sent.reduce<{ fields: ArticleFields; headOffice?: Partial<ArticleFields> }>(
								(title, cents, index) => {
									const merged = mergeHeadOfficeRevision(title, fromHeadOffice(price(cents)));
									const next = {
										fields: merged.fields ?? title.fields,
										headOffice: merged.headOffice
									};
									return index === 0
										? { ...next, fields: { ...next.fields, ...price(own) } }
										: next;
								},
								{ fields }
							);
						expect(run()).toEqual(run());
						// The model: the shop's own price holds until the head office sends it too.
						let current = own;
						let overriding = own !== sent[0];
						for (const cents of sent.slice(1)) {
							if (!overriding) current = cents;
							else if (cents === own) overriding = false;
						}
						expect(run().fields.priceCents).toBe(current);
					}
				)
			);
		});
	});

	it('says what changed, and nothing when nothing that travels did', () => {
		expect(articleRevision(book, { ...book, priceCents: assertCents(900) }, 0)).toEqual({
			ean: book.ean,
			base: fields,
			fields: { priceCents: 900 },
			stockDelta: 0
		});
		expect(articleRevision(null, book, 3)).toEqual({
			ean: book.ean,
			base: null,
			fields,
			stockDelta: 3
		});
		expect(articleRevision(book, book, 0)).toBeNull();
		expect(articleRevision(book, book, -1)).toMatchObject({ fields: {}, stockDelta: -1 });
	});

	it.each([
		[
			'a field changed there only: taken',
			here(),
			{ base: fields, fields: { priceCents: assertCents(900) } },
			{ priceCents: 900 },
			[]
		],
		[
			'a field changed here only: kept',
			here({ title: 'Perry Rhodan n° 318' }),
			{ base: fields, fields: { priceCents: assertCents(900) } },
			{ title: 'Perry Rhodan n° 318', priceCents: 900 },
			[]
		],
		[
			'the same change on both: nothing to say',
			here({ priceCents: assertCents(900) }),
			{ base: fields, fields: { priceCents: assertCents(900) } },
			{ priceCents: 900 },
			[]
		],
		[
			'both changed the price, theirs later: theirs kept, both reported',
			here({ priceCents: assertCents(950) }, '2026-12-03T08:00:00.000Z'),
			{ base: fields, fields: { priceCents: assertCents(900) } },
			{ priceCents: 900 },
			[{ field: 'priceCents', here: 950, received: 900, kept: 'received' }]
		],
		[
			'both changed the price, ours later: ours kept',
			here({ priceCents: assertCents(950) }, '2026-12-03T11:00:00.000Z'),
			{ base: fields, fields: { priceCents: assertCents(900) } },
			{ priceCents: 950 },
			[{ field: 'priceCents', here: 950, received: 900, kept: 'here' }]
		]
	] as const)('%s', (_, current, change, expected, conflicts) => {
		const merged = mergeArticleRevision(
			current,
			{ ean: book.ean, stockDelta: 0, ...change },
			'2026-12-03T10:00:00.000Z'
		);
		expect(merged.fields).toEqual({ ...current.fields, ...expected });
		expect(merged.conflicts).toEqual(conflicts);
	});

	it('breaks an exact tie of times by the value, the same on both tills', () => {
		const tie = '2026-12-03T10:00:00.000Z';
		const change = (price: number) => ({
			ean: book.ean,
			base: fields,
			fields: { priceCents: assertCents(price) },
			stockDelta: 0
		});
		const onA = mergeArticleRevision(here({ priceCents: assertCents(950) }, tie), change(900), tie);
		const onB = mergeArticleRevision(here({ priceCents: assertCents(900) }, tie), change(950), tie);
		expect(onA.fields?.priceCents).toBe(950);
		expect(onB.fields?.priceCents).toBe(950);
	});

	it('creates a title it did not have only from a whole revision', () => {
		const whole = { ean: book.ean, base: null, fields, stockDelta: 0 };
		expect(mergeArticleRevision(null, whole, 'x').fields).toEqual(fields);
		const movement = { ean: book.ean, base: null, fields: {}, stockDelta: 2 };
		expect(mergeArticleRevision(null, movement, 'x').fields).toBeNull();
	});

	it('ends with the same title on two tills that both published it, whichever order', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 99_999 }),
				fc.integer({ min: 1, max: 99_999 }),
				fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
				fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
				(a, b, dateA, dateB) => {
					const atA = dateA.toISOString();
					const atB = dateB.toISOString();
					const tillA = here({ priceCents: assertCents(a) }, atA);
					const tillB = here({ priceCents: assertCents(b) }, atB);
					const published = (till: typeof tillA) => ({
						ean: book.ean,
						base: null,
						fields: till.fields,
						stockDelta: 0,
						editedAt: till.updatedAt
					});
					const onA = mergeArticleRevision(tillA, published(tillB), 'now').fields;
					const onB = mergeArticleRevision(tillB, published(tillA), 'now').fields;
					expect(onA).toEqual(onB);
				}
			)
		);
	});
});

describe('customer files and the shop identity as revisions', () => {
	const address = {
		id: 'a1',
		label: 'Principale',
		name: '',
		line1: '1 rue Haute',
		line2: '',
		postalCode: '44000',
		city: 'Nantes',
		country: 'FR',
		isDefaultBilling: true,
		isDefaultDelivery: true
	};
	const file = { lastName: 'Martin', phone: '', addresses: [address] };
	const names = ['lastName', 'phone', 'addresses'] as const;

	it('gives each off-site copy the message id it keeps when sent again', () => {
		expect(copyMessageId('CAISSE2', 'closing', 7)).toBe('CAISSE2:closing:7');
		expect(tillSubject('CAISSE2', 'journal')).toBe('comptoir.CAISSE2.journal');
	});

	it('names a customer across the shop by its till and its id there', () => {
		expect(customerRef('CAISSE1', 12)).toBe('CAISSE1:12');
		expect(parseCustomerRef('CAISSE1:12')).toEqual({ tillId: 'CAISSE1', customerId: 12 });
		expect(parseCustomerRef('CAISSE1:0')).toBeNull();
		expect(parseCustomerRef('caisse1:3')).toBeNull();
		expect(parseCustomerRef('shop')).toBeNull();
	});

	it('says which fields changed, by content (an address list is one field)', () => {
		expect(fieldsRevision(names, 'CAISSE1:4', null, file)).toEqual({
			key: 'CAISSE1:4',
			base: null,
			fields: file
		});
		const moved = { ...file, addresses: [{ ...address, city: 'Rezé', postalCode: '44400' }] };
		expect(fieldsRevision(names, 'CAISSE1:4', file, moved)).toEqual({
			key: 'CAISSE1:4',
			base: file,
			fields: { addresses: moved.addresses }
		});
		expect(
			fieldsRevision(names, 'CAISSE1:4', file, { ...file, addresses: [{ ...address }] })
		).toBeNull();
	});

	it('merges an address changed there with a phone changed here, and reports a field both changed', () => {
		const moved = [{ ...address, city: 'Rezé' }];
		const merged = mergeFields(
			names,
			{ fields: { ...file, phone: '02 40 00 00 00' }, updatedAt: '2026-12-03T09:00:00.000Z' },
			{ base: file, fields: { addresses: moved }, editedAt: '2026-12-03T10:00:00.000Z' },
			'x'
		);
		expect(merged).toEqual({
			fields: { ...file, phone: '02 40 00 00 00', addresses: moved },
			conflicts: []
		});
		const both = mergeFields(
			names,
			{ fields: { ...file, lastName: 'MARTIN' }, updatedAt: '2026-12-03T11:00:00.000Z' },
			{ base: file, fields: { lastName: 'Martin-Durand' }, editedAt: '2026-12-03T10:00:00.000Z' },
			'x'
		);
		expect(both).toEqual({
			fields: { ...file, lastName: 'MARTIN' },
			conflicts: [{ field: 'lastName', here: 'MARTIN', received: 'Martin-Durand', kept: 'here' }]
		});
	});

	it('lists every field of a customer file and of the shop but the till id', () => {
		expect(CUSTOMER_FIELDS).toContain('addresses');
		expect(CUSTOMER_FIELDS).toContain('number');
		expect(SHOP_FIELDS).toContain('siret');
		expect(SHOP_FIELDS).not.toContain('tillId');
	});
});
