/**
 * Pieces of the nats-server configurations `npm run shop-server` writes (a shop's server, a
 * chain's hub): one way to write TLS, the WebSocket listener, an account and its users, and the
 * files holding passwords.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/u;
/** A till's or a shop's id: what NATS accepts in a subject and a JetStream domain. */
export const NAME = /^[A-Z0-9_-]{1,16}$/u;

/** A JSON string is a valid NATS configuration string. */
export const quoted = (text: string) => JSON.stringify(text);

/** The `tls { … }` lines of a listener, or null on loopback without a certificate. */
export function tlsLines(options: { tlsCert?: string; tlsKey?: string }): string | null {
	return options.tlsCert && options.tlsKey
		? `  tls {\n    cert_file: ${quoted(resolve(options.tlsCert))}\n    key_file: ${quoted(resolve(options.tlsKey))}\n  }`
		: null;
}

/** The WebSocket listener the browsers (or the head office's tools) connect to. */
export function websocketBlock(host: string, port: number, tls: string | null): string {
	const security =
		tls ?? '  # Loopback only: the browser and the server are on this computer.\n  no_tls: true';
	return `websocket {\n  host: ${quoted(host)}\n  port: ${port}\n${security}\n}`;
}

/** One account with JetStream and its users (each line already written). */
export function accountBlock(account: string, users: readonly string[]): string {
	return `accounts {\n  ${account} {\n    jetstream: enabled\n    users: [\n${users.join('\n')}\n    ]\n  }\n}`;
}

/** Each port out of range, in French. */
export function portFaults(ports: readonly (readonly [string, number])[]): string[] {
	return ports.flatMap(([name, port]) =>
		!Number.isInteger(port) || port < 1 || port > 65_535 ? [`${name} : port entre 1 et 65535.`] : []
	);
}

/** A file only its owner reads: it holds passwords. */
export function writePrivate(file: string, text: string): string {
	writeFileSync(file, text, { mode: 0o600 });
	chmodSync(file, 0o600);
	return file;
}
