import {
	CUSTOMER_FIELDS,
	customerDisplayName,
	changedFields,
	customerRef,
	customerSearchFields,
	fieldsRevision,
	mergeFields,
	parseCustomerRef,
	SHOP_FIELDS,
	type CustomerFields,
	type RecordMessage,
	type RecordRevision,
	type RevisionConflict,
	type ShopFields,
	type ShopSettings
} from '$lib/domain';
import { syncingTill } from './catalogue-sync';
import { addJournalEntry } from './chain-repository';
import { getDb, type ComptoirDb } from './db';
import { queueRecords } from './outbox';
import { keepOverdraftFix } from './overdraft-repository';
import type { CustomerRow } from './schema';

/**
 * Customer files and the shop's identity between the shop's tills (docs/replication.md#records):
 * each change goes out as a revision of the fields it changed, queued in the change's own
 * transaction; revisions from the other tills are merged field by field, as the catalogue's are.
 *
 * A customer file is named across the shop by its reference at the till that created it
 * (customerRef). Each till keeps it under an id of its own and announces that id as an alias, so
 * that every till finds the customer a ticket of another till names.
 */

/** The tables a write that queues record revisions adds to its transaction. */
export function recordTables(db: ComptoirDb) {
	return [db.settings, db.outbox];
}

/** The tables keepRecords writes. */
export function keptRecordTables(db: ComptoirDb) {
	return [
		db.customers,
		db.settings,
		db.outbox,
		db.revisions,
		db.balanceAccounts,
		db.balanceMovements,
		db.journal,
		db.chainHeads
	];
}

/** The customer file another till names by `ref`, or this till's own customer `ref` names. */
export async function customerOfRef(
	ref: string,
	ownTill: string | null
): Promise<CustomerRow | undefined> {
	const parsed = parseCustomerRef(ref);
	if (!parsed) return undefined;
	const db = getDb();
	if (parsed.tillId === ownTill) return db.customers.get(parsed.customerId);
	return db.customers.where('refs').equals(ref).first();
}

/** The reference under which the shop knows a customer file kept here. */
export function customerKey(row: Pick<CustomerRow, 'id' | 'origin'>, ownTill: string): string {
	return row.origin ?? customerRef(ownTill, row.id);
}

/** The fields of a customer file as they travel. */
export function customerFields(row: CustomerRow): CustomerFields {
	return Object.fromEntries(
		CUSTOMER_FIELDS.map((field) => [field, row[field] ?? emptyField(field)])
	) as unknown as CustomerFields;
}

/** Files older than these fields travel with their defaults. */
function emptyField(field: (typeof CUSTOMER_FIELDS)[number]) {
	return field === 'paymentTermDays' ? null : '';
}

function shopFields(shop: ShopSettings): ShopFields {
	return Object.fromEntries(
		// A shop saved before a field existed travels with it empty, as customer files do (the
		// e-invoicing address: empty is the shop's SIREN); null (no share capital) stays null.
		SHOP_FIELDS.map((field) => [field, shop[field] === undefined ? '' : shop[field]])
	) as unknown as ShopFields;
}

/**
 * Queues the change of a customer file, inside the caller's transaction (with recordTables): sent
 * once it commits, lost only with it. A till alone queues nothing.
 */
export function queueCustomerChange(
	before: CustomerRow | null,
	after: CustomerRow,
	at: string
): Promise<void> {
	return queueChange(
		'customer',
		CUSTOMER_FIELDS,
		(till) => customerKey(after, till),
		before && customerFields(before),
		customerFields(after),
		at
	);
}

/** Queues the change of the shop's identity, inside the caller's transaction (recordTables). */
export function queueShopChange(
	before: ShopSettings | null,
	after: ShopSettings,
	at: string
): Promise<void> {
	return queueChange(
		'shop',
		SHOP_FIELDS,
		() => 'shop',
		before && shopFields(before),
		shopFields(after),
		at
	);
}

async function queueChange<F extends object>(
	kind: RecordMessage['kind'],
	names: readonly (keyof F & string)[],
	key: (till: string) => string,
	before: F | null,
	after: F,
	at: string
): Promise<void> {
	const till = await syncingTill();
	if (!till) return;
	const revision = fieldsRevision(names, key(till), before, after);
	if (revision) await queueRecords(kind, [{ ...revision, editedAt: at }], till, at);
}

/**
 * Applies another till's message of customer files or shop identity inside the caller's
 * transaction (keptRecordTables): each record merged field by field (domain mergeFields), each
 * conflict journaled where Paramètres › Synchronisation shows it. A message already applied
 * changes nothing.
 */
export async function keepRecords(
	message: RecordMessage,
	tillId: string,
	ownTill: string
): Promise<void> {
	const db = getDb();
	if ((await db.revisions.where('uid').equals(message.uid).count()) > 0) return;
	const conflicts: NamedConflict[] = [];
	for (const item of message.items) {
		if (message.kind === 'balance-fix') await keepOverdraftFix(item, message, tillId);
		else
			conflicts.push(
				...(message.kind === 'shop'
					? await keepShopRevision(item, message.at, tillId)
					: await keepCustomerRevision(item, message.at, ownTill))
			);
	}
	for (const conflict of conflicts) {
		await addJournalEntry({
			at: new Date().toISOString(),
			type: 'revision-conflict',
			detail: {
				record: message.kind,
				title: conflict.name,
				tillId,
				field: conflict.field,
				here: conflict.here,
				received: conflict.received,
				kept: conflict.kept
			}
		});
	}
	await db.revisions.add({
		uid: message.uid,
		eans: [],
		tillId,
		at: message.at,
		by: message.by,
		items: [],
		count: message.items.length,
		conflicts: []
	});
}

type NamedConflict = RevisionConflict & { name: string };

async function keepShopRevision(
	item: RecordRevision,
	at: string,
	tillId: string
): Promise<NamedConflict[]> {
	const db = getDb();
	const row = await db.settings.get('shop');
	const here = row?.key === 'shop' ? row : undefined;
	const merged = mergeFields(
		SHOP_FIELDS,
		here
			? { fields: shopFields(here.value), updatedAt: here.updatedAt ?? '' }
			: // A till with no shop yet takes the received identity whole.
				null,
		item as { base: ShopFields | null; fields: Partial<ShopFields>; editedAt?: string },
		at
	);
	const editedAt = item.editedAt ?? at;
	const till = here ? null : await syncingTill();
	if (merged.fields && !here && till) {
		// A till replaced on a new computer has no identity yet: it takes the shop's whole
		// (docs/replication.md#lost-till).
		await db.settings.put({
			key: 'shop',
			value: { ...merged.fields, tillId: till },
			updatedAt: editedAt
		});
		await addJournalEntry({
			at: new Date().toISOString(),
			type: 'settings-changed',
			detail: { section: 'shop', fields: [...SHOP_FIELDS], fromTill: tillId }
		});
	} else if (merged.fields && here) {
		const changed = changedFields(SHOP_FIELDS, shopFields(here.value), merged.fields);
		if (changed.length > 0) {
			await db.settings.put({
				key: 'shop',
				value: { ...here.value, ...merged.fields },
				updatedAt: later(here.updatedAt, editedAt)
			});
			// A settings change is an event the tax administration may ask about
			// (BOI-TVA-DECLA-30-10-30), here with the till it came from.
			await addJournalEntry({
				at: new Date().toISOString(),
				type: 'settings-changed',
				detail: { section: 'shop', fields: changed, fromTill: tillId }
			});
		}
	}
	return merged.conflicts.map(named('la boutique'));
}

async function keepCustomerRevision(
	item: RecordRevision,
	at: string,
	ownTill: string
): Promise<NamedConflict[]> {
	const db = getDb();
	const found = (await customerOfRef(item.key, ownTill)) ?? (await sameCustomer(item));
	// This till's own file, or another's it had named, read back by the till that replaced it on a
	// new computer: it keeps the id the till's tickets name it by (docs/replication.md#lost-till).
	const reference = parseCustomerRef(item.key);
	const created = reference?.tillId === ownTill;
	// Read only for a file new here: the id a replaced till had given it (its replay plan).
	const keptId = created
		? reference.customerId
		: found
			? undefined
			: await replayedCustomerId(item.key);
	// Another till's copy of this till's own file (one backup, the demonstration) came first to the
	// till that replaced it: it takes the id this till's own tickets name.
	const here =
		created && found && found.id !== reference.customerId
			? await moveCustomer(found, reference.customerId)
			: found;
	const merged = mergeFields(
		CUSTOMER_FIELDS,
		here ? { fields: customerFields(here), updatedAt: here.updatedAt ?? here.createdAt } : null,
		item as { base: CustomerFields | null; fields: Partial<CustomerFields>; editedAt?: string },
		at
	);
	const editedAt = item.editedAt ?? at;
	const refs = [...new Set([...(here?.refs ?? []), item.key, ...(item.aliases ?? [])])].filter(
		(ref) => parseCustomerRef(ref)?.tillId !== ownTill
	);
	if (!merged.fields) return [];
	// A customer's number is given once, by the till that created the file; here it may carry
	// that till's name after it (freeNumber): it is never merged.
	const number = here ? here.number : await freeNumber(merged.fields.number, item.key);
	const fields = { ...merged.fields, number };
	const conflicts = merged.conflicts.filter((conflict) => conflict.field !== 'number');
	const unchanged =
		here !== undefined && changedFields(CUSTOMER_FIELDS, customerFields(here), fields).length === 0;
	if (unchanged && refs.length === (here.refs ?? []).length) {
		return conflicts.map(named(customerDisplayName(fields)));
	}
	const row = {
		...(here ?? (keptId === undefined ? {} : { id: keptId })),
		...fields,
		addresses: fields.addresses.map((address) => ({ ...address })),
		number,
		...customerSearchFields(fields, number),
		createdAt: here?.createdAt ?? editedAt,
		updatedAt: later(here?.updatedAt, editedAt),
		refs,
		...(here || created ? {} : { origin: item.key })
	};
	const id = await db.customers.put(row);
	if (!here && keptId === undefined) {
		// Received here for the first time: the other tills learn the id this till's tickets
		// will name it by.
		await queueRecords(
			'customer',
			[{ key: item.key, base: null, fields: {}, aliases: [customerRef(ownTill, id)] }],
			ownTill,
			at
		);
	}
	return conflicts.map(named(customerDisplayName(fields)));
}

/**
 * The id a replaced till had given another till's customer file, as its own history told it
 * (docs/replication.md#lost-till): its tickets name the customer by it.
 */
async function replayedCustomerId(ref: string): Promise<number | undefined> {
	const row = await getDb().settings.get('sync');
	const replay = (row?.value as { replay?: { customerIds?: Record<string, number> } } | undefined)
		?.replay;
	return replay?.customerIds?.[ref];
}

/** A customer file under another id, with the accounts that name it, in the caller's transaction. */
async function moveCustomer(row: CustomerRow, id: number): Promise<CustomerRow> {
	const db = getDb();
	if (await db.customers.get(id)) return row;
	await db.customers.delete(row.id);
	const moved = { ...row, id };
	await db.customers.add(moved);
	await db.balanceAccounts.where('customerId').equals(row.id).modify({ customerId: id });
	return moved;
}

function named(name: string) {
	return (conflict: RevisionConflict): NamedConflict => ({ ...conflict, name });
}

/**
 * The file kept here that a customer new to this till is a copy of: the same number and the same
 * name (both tills restored one backup, or loaded the same demonstration). Linked rather than
 * kept twice: each till then finds it under the other's reference.
 */
async function sameCustomer(item: RecordRevision): Promise<CustomerRow | undefined> {
	const whole = { ...item.base, ...item.fields } as Partial<CustomerFields>;
	if (typeof whole.number !== 'string' || typeof whole.lastName !== 'string') return undefined;
	const local = await getDb().customers.where('number').equals(whole.number).first();
	const received = customerDisplayName({
		professionalName: String(whole.professionalName ?? ''),
		lastName: whole.lastName,
		firstName: String(whole.firstName ?? '')
	});
	return local && customerDisplayName(local) === received ? local : undefined;
}

/**
 * A customer number another till gave may already be one of this till's customers (both tills
 * created files before they shared them): the received one is kept here with its till's
 * reference after it, so that no two files answer to one number.
 */
async function freeNumber(number: string, ref: string): Promise<string> {
	const taken = await getDb().customers.where('number').equals(number).count();
	return taken === 0 ? number : `${number}-${parseCustomerRef(ref)?.tillId ?? ''}`;
}

function later(a: string | undefined, b: string): string {
	return a !== undefined && a > b ? a : b;
}

/** Set in the sync settings once this till's customer files and identity went into the outbox. */
const PUBLISHED = 'recordsPublished';

/**
 * Publishes this till's customer files and shop identity once, as it joins the shop's server,
 * each dated by its last change so that the other tills keep the later of two values. Returns the
 * records queued (0 once done, or for a till alone).
 */
export async function publishRecords(): Promise<number> {
	const db = getDb();
	const before = await db.settings.get('sync');
	if (!before || (before.value as Record<string, unknown>)[PUBLISHED]) return 0;
	return db.transaction('rw', [db.customers, ...recordTables(db)], async () => {
		const settings = await db.settings.get('sync');
		const till = await syncingTill();
		if (!settings || !till || (settings.value as Record<string, unknown>)[PUBLISHED]) return 0;
		const at = new Date().toISOString();
		const shop = await db.settings.get('shop');
		if (shop?.key === 'shop') {
			const revision = fieldsRevision(SHOP_FIELDS, 'shop', null, shopFields(shop.value));
			if (revision) {
				await queueRecords('shop', [{ ...revision, editedAt: shop.updatedAt ?? '' }], till, at);
			}
		}
		const customers = await db.customers.toArray();
		const items = customers.flatMap((row) => {
			const revision = fieldsRevision(
				CUSTOMER_FIELDS,
				customerKey(row, till),
				null,
				customerFields(row)
			);
			return revision
				? [{ ...revision, editedAt: row.updatedAt ?? row.createdAt, aliases: row.refs ?? [] }]
				: [];
		});
		for (let start = 0; start < items.length; start += PER_MESSAGE) {
			await queueRecords('customer', items.slice(start, start + PER_MESSAGE), till, at);
		}
		await db.settings.put({ key: 'sync', value: { ...settings.value, [PUBLISHED]: at } });
		return items.length + (shop ? 1 : 0);
	});
}

/** Customer files per message as a till publishes them. */
const PER_MESSAGE = 200;
