import { base64ToBytes, bytesToBase64 } from './base64';

/**
 * The till's signatures (CGI art. 286-I-3° bis, sécurisation): ECDSA P-256 with SHA-256 through
 * WebCrypto, signatures in IEEE P1363 form (r ‖ s) as base64. Browser and Node (the archive
 * verifier) share this code: both have `crypto.subtle`.
 */

export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNATURE = { name: 'ECDSA', hash: 'SHA-256' } as const;

export async function signText(privateKey: CryptoKey, text: string): Promise<string> {
	return bytesToBase64(
		await crypto.subtle.sign(SIGNATURE, privateKey, new TextEncoder().encode(text))
	);
}

/** False for a signature that does not match, or is not even base64. */
export async function verifyText(
	publicKey: CryptoKey,
	text: string,
	signature: string
): Promise<boolean> {
	try {
		return await crypto.subtle.verify(
			SIGNATURE,
			publicKey,
			base64ToBytes(signature),
			new TextEncoder().encode(text)
		);
	} catch {
		return false;
	}
}

/**
 * A checker that accepts a signature made by any of the keys (a database restored from another
 * computer holds records signed by that till's key as well as by this one).
 */
export function anyKeyVerifier(
	keys: readonly CryptoKey[]
): (text: string, signature: string) => Promise<boolean> {
	return async (text, signature) => {
		for (const key of keys) if (await verifyText(key, text, signature)) return true;
		return false;
	};
}

/** The public key from its SubjectPublicKeyInfo in base64, as shown in Paramètres. */
export function publicKeyFromSpki(spki: string): Promise<CryptoKey> {
	return crypto.subtle.importKey('spki', base64ToBytes(spki), KEY_ALGORITHM, true, ['verify']);
}

/** The same key as a PEM file, what OpenSSL and other tools read. */
export function publicKeyPem(spki: string): string {
	const lines = spki.match(/.{1,64}/gu) ?? [];
	return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}
