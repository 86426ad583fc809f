// npm start serves the build as a shop should serve it (README): each file compressed when the
// browser accepts it, fingerprinted files kept a year, the rest asked again so a new version shows.
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandler } from '../../src/cli/serve.mjs';

const PAGE = '<!doctype html><title>Comptoir</title>';
const SCRIPT = 'export const till = "prête";'.repeat(20);

/** A build as the adapter writes it: each file with its .br and .gz copies. */
async function builtApp(): Promise<string> {
	const root = await mkdtemp(join(tmpdir(), 'comptoir-serve-'));
	await mkdir(join(root, '_app/immutable/entry'), { recursive: true });
	const files: [string, string][] = [
		['200.html', PAGE],
		['service-worker.js', 'self.addEventListener("fetch", () => {});'],
		['_app/immutable/entry/app.D5tZeT25.js', SCRIPT]
	];
	for (const [path, text] of files) {
		await writeFile(join(root, path), text);
		await writeFile(join(root, `${path}.br`), brotliCompressSync(text));
		await writeFile(join(root, `${path}.gz`), gzipSync(text));
	}
	return root;
}

describe('the server npm start runs', () => {
	let root: string;
	let server: Server;
	let url: string;
	beforeAll(async () => {
		root = await builtApp();
		const handler = buildHandler(root);
		server = createServer((req, res) => handler(req, res));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
		await rm(root, { recursive: true, force: true });
	});

	it.each([
		['br, gzip', 'br'],
		['gzip', 'gzip']
	])('sends the %s copy, marked as such', async (accepted, encoding) => {
		const response = await fetch(`${url}/_app/immutable/entry/app.D5tZeT25.js`, {
			headers: { 'Accept-Encoding': accepted }
		});
		expect(response.headers.get('content-encoding')).toBe(encoding);
		expect(await response.text()).toBe(SCRIPT);
	});

	it('keeps fingerprinted files a year, and asks again for pages and the service worker', async () => {
		const script = await fetch(`${url}/_app/immutable/entry/app.D5tZeT25.js`);
		expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		for (const path of ['/caisse', '/', '/service-worker.js']) {
			const response = await fetch(`${url}${path}`);
			expect(response.status).toBe(200);
			expect(response.headers.get('cache-control'), path).toBe('no-cache');
		}
	});

	it('answers every route of the app with its page, and « 304 » when nothing changed', async () => {
		const first = await fetch(`${url}/clients/12`);
		expect(await first.text()).toBe(PAGE);
		const again = await fetch(`${url}/clients/12`, {
			headers: { 'If-None-Match': first.headers.get('etag') ?? '' }
		});
		expect(again.status).toBe(304);
	});
});

describe('a missing build', () => {
	it('is named, with the command that makes it', () => {
		expect(() => buildHandler(join(tmpdir(), 'comptoir-no-build'))).toThrow(/npm run build/);
	});
});
