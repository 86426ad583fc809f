// The shop's IndexedDB read (or tampered with) behind the app's back, as the browser's developer
// tools would: what a scanner would type, and what the till really wrote.
import type { Page } from '@playwright/test';

export interface Book {
	ean: string;
	title: string;
	stock: number;
}

export interface TillFacts {
	/** CAISSE1's real ticket numbers, in order. */
	numbers: number[];
	/** Tickets missing their list row, their seal or anything sold. */
	broken: number[];
	/** Tickets counted in the day totals. */
	counted: number;
}

/** The first `count` books of the demo catalogue, with their stock. */
export function books(page: Page, count: number): Promise<Book[]> {
	return page.evaluate(
		(count) =>
			new Promise<Book[]>((resolve) => {
				const open = indexedDB.open(
					localStorage.getItem('comptoir-database') === 'demo' ? 'comptoir-demo' : 'comptoir'
				);
				open.onsuccess = () => {
					const tx = open.result.transaction(['articles', 'stock']);
					const found: { ean: string; title: string }[] = [];
					const cursor = tx.objectStore('articles').openCursor(IDBKeyRange.lowerBound('9782'));
					cursor.onsuccess = () => {
						const current = cursor.result;
						if (current && found.length < count) {
							found.push({ ean: String(current.key), title: current.value.title });
							current.continue();
							return;
						}
						const stock = tx.objectStore('stock');
						void Promise.all(
							found.map(
								(book) =>
									new Promise<Book>((done) => {
										const request = stock.get(book.ean);
										request.onsuccess = () =>
											done({ ...book, stock: request.result?.quantity ?? 0 });
									})
							)
						).then((result) => {
							// Closed at once: an open connection would block deleting the database later.
							open.result.close();
							resolve(result);
						});
					};
				};
			}),
		count
	);
}

/** The first book of the catalogue: what a scanner would type. */
export async function firstBookEan(page: Page): Promise<string> {
	const [book] = await books(page, 1);
	if (!book) throw new Error('no book in the catalogue');
	return book.ean;
}

/** CAISSE1's tickets as stored: numbers, whole or not, counted in the day totals. */
export function tillFacts(page: Page): Promise<TillFacts> {
	return page.evaluate(
		() =>
			new Promise<TillFacts>((resolve) => {
				const open = indexedDB.open(
					localStorage.getItem('comptoir-database') === 'demo' ? 'comptoir-demo' : 'comptoir'
				);
				open.onsuccess = () => {
					const tx = open.result.transaction(['tickets', 'ticketHeads', 'dailyTotals']);
					const all = (store: string) =>
						new Promise<Record<string, unknown>[]>((done) => {
							const request = tx.objectStore(store).getAll();
							request.onsuccess = () => done(request.result);
						});
					void Promise.all([all('tickets'), all('ticketHeads'), all('dailyTotals')]).then(
						([tickets, heads, days]) => {
							open.result.close();
							const real = tickets.filter((t) => t.tillId === 'CAISSE1' && t.training === 0);
							resolve({
								numbers: real.map((t) => Number(t.number)).sort((a, b) => a - b),
								broken: real
									.filter(
										(t) =>
											!heads.some((h) => h.id === t.id && h.number === t.number) ||
											(t.lines as unknown[]).length + ((t.issues as unknown[])?.length ?? 0) ===
												0 ||
											typeof t.hash !== 'string' ||
											typeof t.signature !== 'string'
									)
									.map((t) => Number(t.number)),
								counted: days
									.filter((d) => d.tillId === 'CAISSE1')
									.reduce((sum, d) => sum + Number(d.ticketCount), 0)
							});
						}
					);
				};
			})
	);
}

/**
 * Deletes the till's last real ticket and sets back everything that counts it (list row, chain
 * head, sequence, day totals): the tampering a merchant could try with the developer tools.
 * Answers the deleted ticket's number.
 */
export function truncateLastTicket(page: Page): Promise<number | null> {
	return page.evaluate(
		() =>
			new Promise<number | null>((resolve, reject) => {
				const name =
					localStorage.getItem('comptoir-database') === 'demo' ? 'comptoir-demo' : 'comptoir';
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const stores = ['tickets', 'ticketHeads', 'chainHeads', 'sequences', 'dailyTotals'];
					const tx = db.transaction(stores, 'readwrite');
					let number: number | null = null;
					tx.oncomplete = () => {
						db.close();
						resolve(number);
					};
					tx.onerror = () => reject(tx.error);
					const cursor = tx.objectStore('tickets').openCursor(null, 'prev');
					cursor.onsuccess = () => {
						const found = cursor.result;
						if (!found) return;
						const ticket = found.value;
						if (ticket.training !== 0 || ticket.tillId !== 'CAISSE1') {
							found.continue();
							return;
						}
						number = ticket.number;
						found.delete();
						tx.objectStore('ticketHeads').delete(ticket.id);
						tx.objectStore('sequences').put({ name: 'ticket:CAISSE1', last: ticket.number - 1 });
						const heads = tx.objectStore('chainHeads');
						heads.get('tickets').onsuccess = (event) => {
							const head = (event.target as IDBRequest).result;
							heads.put({ chain: 'tickets', hash: ticket.previousHash, count: head.count - 1 });
						};
						const days = tx.objectStore('dailyTotals');
						days.get(['CAISSE1', ticket.day]).onsuccess = (event) => {
							const day = (event.target as IDBRequest).result;
							days.put({
								...day,
								ticketCount: day.ticketCount - 1,
								ttcCents: day.ttcCents - ticket.totalCents
							});
						};
					};
				};
			})
	);
}

/** Makes every IndexedDB write fail as a full disk does, until `diskFull(page, false)`. */
export async function diskFull(page: Page, full: boolean): Promise<void> {
	await page.evaluate((full) => {
		const patched = window as unknown as { diskFull?: boolean; diskPatched?: boolean };
		if (!patched.diskPatched) {
			for (const method of ['add', 'put'] as const) {
				const original = IDBObjectStore.prototype[method];
				IDBObjectStore.prototype[method] = function (
					this: IDBObjectStore,
					...args: Parameters<IDBObjectStore['put']>
				) {
					if (patched.diskFull) {
						throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
					}
					return original.apply(this, args);
				};
			}
			patched.diskPatched = true;
		}
		patched.diskFull = full;
	}, full);
}

/**
 * From the next page load, every IndexedDB open waits until `openDatabases(page)`: what a shop's
 * large database does for up to a second after a browser restart, held here as long as the test
 * needs. The requests the app gets answer as the real ones do once let through.
 */
export async function holdDatabases(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const held: (() => void)[] = [];
		const state = window as unknown as { openDatabases: () => void; databasesHeld: boolean };
		state.databasesHeld = true;
		state.openDatabases = () => {
			state.databasesHeld = false;
			for (const open of held.splice(0)) open();
		};
		const realOpen = IDBFactory.prototype.open;
		IDBFactory.prototype.open = function (this: IDBFactory, ...args: [string, number?]) {
			let real: IDBOpenDBRequest | null = null;
			const handlers: Record<string, ((event: Event) => void) | null> = {};
			const later = {
				get result() {
					return real?.result;
				},
				get error() {
					return real?.error ?? null;
				},
				get transaction() {
					return real?.transaction ?? null;
				},
				get readyState() {
					return real?.readyState ?? 'pending';
				}
			};
			for (const type of ['success', 'error', 'upgradeneeded', 'blocked']) {
				Object.defineProperty(later, `on${type}`, {
					get: () => handlers[type] ?? null,
					set: (handler: ((event: Event) => void) | null) => (handlers[type] = handler)
				});
			}
			const open = () => {
				real = realOpen.apply(this, args);
				for (const type of ['success', 'error', 'upgradeneeded', 'blocked']) {
					real.addEventListener(type, (event) => handlers[type]?.call(real, event));
				}
			};
			if (state.databasesHeld) held.push(open);
			else open();
			return later as unknown as IDBOpenDBRequest;
		};
	});
}

/** Lets the IndexedDB opens held by `holdDatabases` through. */
export async function openDatabases(page: Page): Promise<void> {
	await page.evaluate(() => (window as unknown as { openDatabases: () => void }).openDatabases());
}

/** Closes CAISSE1's open session behind the till's back, as another window's closing would. */
export function closeSessionBehindTheTill(page: Page): Promise<void> {
	return page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open(
					localStorage.getItem('comptoir-database') === 'demo' ? 'comptoir-demo' : 'comptoir'
				);
				open.onsuccess = () => {
					const tx = open.result.transaction('tillSessions', 'readwrite');
					tx.objectStore('tillSessions').openCursor().onsuccess = (event) => {
						const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
						if (!cursor) return;
						if (cursor.value.closedAt === null) {
							cursor.update({ ...cursor.value, closedAt: new Date().toISOString() });
						}
						cursor.continue();
					};
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error ?? new Error('tillSessions'));
				};
			})
	);
}
