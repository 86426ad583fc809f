import { tillSubject, type RecordMessage, type RecordRevision } from '$lib/domain';
import { getDb } from './db';

/** Queues a message of records, inside the caller's transaction (recordTables). */
export async function queueRecords(
	kind: RecordMessage['kind'],
	items: readonly RecordRevision[],
	till: string,
	at: string,
	by = ''
): Promise<void> {
	const message: RecordMessage = {
		type: 'records',
		kind,
		uid: crypto.randomUUID(),
		at,
		by,
		items
	};
	await getDb().outbox.add({ subject: tillSubject(till, 'records'), message });
}
