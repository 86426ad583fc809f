import { chainHash, type ChainHeads } from './chain';
import type { PeerChain, ReplicaVerdict } from './replication';

/**
 * A till replaced after its computer was lost or broke (docs/replication.md#lost-till). Its
 * signing key died with the device (the private half is non-extractable), so the new computer
 * continues the till's chains with a key of its own. The change is itself a sealed record: an
 * entry of the till's events journal, signed by the new key, that
 * - follows the last journal entry the shop's server held for that till (its `previousHash`),
 * - carries the heads of the tickets, invoices and closings as the server held them (`heads`, the
 *   anchors every journal entry carries) and the last ticket's number and hash,
 * - names the keys it replaces, the new one, and who authorised the change.
 * The other tills, « Vérifier l'intégrité » and the archive verifier accept the records signed by
 * the former keys up to it, and only through it (CGI art. 286-I-3° bis: sécurisation).
 */

/** The journal entry's type. */
export const KEY_CHANGE_EVENT = 'till-key-changed';

export interface KeyChangeDetail {
	readonly tillId: string;
	/** The new key, SubjectPublicKeyInfo in base64. */
	readonly publicKeySpki: string;
	/** The keys it replaces: their records stay valid up to this entry. */
	readonly keys: readonly string[];
	/** The till's last ticket as the server held it (null before its first ticket). */
	readonly lastTicket: { readonly number: number; readonly hash: string } | null;
	/** Who authorised the replacement, as typed with the manager's PIN. */
	readonly by: string;
	/** The fingerprint of the manager PIN set on the new computer (domain pinFingerprint). */
	readonly pinFingerprint: string;
}

/** The key change as sealed in the journal, and as it travels. */
export interface KeyChangeRecord {
	readonly at: string;
	readonly type: typeof KEY_CHANGE_EVENT;
	readonly detail: KeyChangeDetail;
	readonly heads?: ChainHeads;
	readonly previousHash: string;
	readonly hash: string;
	readonly signature: string;
}

/** On the till's key subject: the other tills take the new key from it. */
export interface KeyChangeMessage {
	readonly type: 'key-change';
	readonly record: KeyChangeRecord;
}

/** Whether a value read from the stream has the shape of a key change. */
export function isKeyChangeRecord(value: unknown): value is KeyChangeRecord {
	const record = value as Partial<KeyChangeRecord> | null;
	const detail = record?.detail as Partial<KeyChangeDetail> | undefined;
	return (
		typeof record === 'object' &&
		record !== null &&
		record.type === KEY_CHANGE_EVENT &&
		typeof record.hash === 'string' &&
		typeof record.previousHash === 'string' &&
		typeof record.signature === 'string' &&
		typeof detail?.tillId === 'string' &&
		typeof detail.publicKeySpki === 'string' &&
		Array.isArray(detail.keys) &&
		detail.keys.every((key) => typeof key === 'string') &&
		(detail.lastTicket === null ||
			(typeof detail.lastTicket?.number === 'number' && typeof detail.lastTicket.hash === 'string'))
	);
}

/**
 * What another till does with a key change received on a till's key subject (only that till's
 * credentials may publish there). `signatureValid`: whether the record's signature holds for the
 * new key it names (WebCrypto is asynchronous: checked apart). Kept, the peer's key becomes the
 * new one; refused, that till's records are no longer taken (as for a fork) and the reason is
 * journaled.
 */
export function checkKeyChange(
	peer: PeerChain | undefined,
	subjectTill: string,
	record: KeyChangeRecord,
	signatureValid: boolean
): ReplicaVerdict {
	const label = `Changement de clé de la caisse ${subjectTill}`;
	if (!peer) {
		return refused('NO_KEY', `${label}\u00a0: la clé qu’il remplace n’a jamais été reçue ici.`);
	}
	if (record.detail.tillId !== subjectTill) {
		return refused('WRONG_TILL', `${label}\u00a0: il nomme une autre caisse.`);
	}
	if (peer.publicKeySpki === record.detail.publicKeySpki) return { action: 'skip' };
	if (chainHash(record.previousHash, record) !== record.hash || !signatureValid) {
		return refused(
			'ALTERED',
			`${label}\u00a0: son contenu ne correspond pas à son empreinte ou à la signature de la nouvelle clé\u00a0; il est refusé.`
		);
	}
	if (!record.detail.keys.includes(peer.publicKeySpki)) {
		return refused(
			'UNLINKED',
			`${label}\u00a0: il ne remplace pas la clé connue ici pour cette caisse\u00a0; il est refusé.`
		);
	}
	const last = record.detail.lastTicket;
	const linked =
		last === null
			? peer.lastNumber === undefined
			: last.number === peer.lastNumber && last.hash === peer.lastHash;
	if (!linked) {
		return refused(
			'UNLINKED',
			`${label}\u00a0: il ne suit pas le dernier ticket reçu de cette caisse (n°\u00a0${peer.lastNumber ?? '—'})\u00a0; il est refusé.`
		);
	}
	return { action: 'keep' };
}

function refused(code: 'NO_KEY' | 'WRONG_TILL' | 'ALTERED' | 'UNLINKED', message: string) {
	return { action: 'refuse' as const, code, message };
}

/**
 * The next number of each of a till's invoice series, from the numbers it gave while syncing
 * (« CAISSE1-12 », « CAISSE1-AV-3 »): a replaced till goes on from there, without a gap nor a
 * repeat (CGI ann. II art. 242 nonies A; docs/replication.md#invoices).
 */
export function lastSeriesNumbers(
	tillId: string,
	numbers: readonly string[]
): { invoice: number; creditNote: number } {
	let invoice = 0;
	let creditNote = 0;
	const prefix = `${tillId}-`;
	for (const number of numbers) {
		if (!number.startsWith(prefix)) continue;
		const rest = number.slice(prefix.length);
		const credit = /^AV-(\d+)$/u.exec(rest);
		if (credit) creditNote = Math.max(creditNote, Number(credit[1]));
		else if (/^\d+$/u.test(rest)) invoice = Math.max(invoice, Number(rest));
	}
	return { invoice, creditNote };
}
