/**
 * « Remplacer une caisse » (docs/replication.md#lost-till) against a real nats-server: a till with
 * 100 000 sealed tickets and 100 000 titles sends everything to its shop server, then a new,
 * empty database takes its place — every ticket checked (hash, link, signature) and written back,
 * the key change sealed, then the catalogue and the rest taken from the stream by the usual
 * synchronisation. Beside it, a raw pull of the same messages (read and parsed, nothing checked
 * nor stored), in the same run. Results go to tests/bench/results/till-rebuild.json.
 */
import { serverLogin } from '$lib/sync/server-login';
import { commands } from 'vitest/browser';
import './shop-server-commands';
import { expect, it } from 'vitest';
import { wsconnect } from '@nats-io/nats-core';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { seal } from '$lib/db/chain-repository';
import { createDatabase, useDatabaseForTests } from '$lib/db/db';
import {
	getSyncSettings,
	noteTicketsSent,
	outboxEntries,
	removeFromOutbox,
	saveSyncSettings,
	streamPosition,
	tillKeyMessage,
	ticketsToSend
} from '$lib/db/replication-repository';
import { ShopSync } from '$lib/sync/shop-sync';
import { replaceTill } from '$lib/sync/till-rebuild';
import {
	SHOP_STREAM,
	SHOP_SUBJECTS,
	ticketMessageId,
	tillSubject,
	type SyncCredentials
} from '$lib/domain';
import type { TicketRow } from '$lib/db/schema';
import { catalogueGenerator } from './catalogue-generator';
import { importGeneratedCatalogue } from './catalogue-import';
import { ticketHistory } from './ticket-generator';
import { summarize, type Figure } from './stats';

const SCALE = Number(import.meta.env.BENCH_SCALE ?? '1000000');
/** The shop: 100 000 tickets and 100 000 titles (a tenth of the scale, below a million). */
const SIZE = Math.min(100_000, Math.max(1_000, Math.round(SCALE / 10)));

it(
	`a lost till replaced from the shop server: ${SIZE} tickets and ${SIZE} titles`,
	{ timeout: 2 * 60 * 60_000 },
	async () => {
		const shop = await commands.startShopServer();
		const one = shop['CAISSE1'] as SyncCredentials;
		const stamp = Date.now();
		const lost = createDatabase(`bench-rebuild-lost-${stamp}`);
		useDatabaseForTests(lost);
		await saveSyncSettings(one, 'bench');

		// The lost till's catalogue (queued as revisions) and its sealed tickets.
		const generator = catalogueGenerator();
		await importGeneratedCatalogue(generator, SIZE);
		let pending: TicketRow[] = [];
		const sealBatch = async () => {
			const rows = pending;
			pending = [];
			await lost.transaction('rw', [lost.tickets, lost.chainHeads], async () => {
				for (const row of rows) {
					// Sealed as the till seals a sale: without its id, given by the database.
					const ticket: Partial<TicketRow> = { ...row };
					delete ticket.id;
					await lost.tickets.add((await seal('tickets', ticket)) as TicketRow);
				}
			});
		};
		for (const day of ticketHistory(generator, SIZE, SIZE)) {
			pending.push(...day.tickets);
			if (pending.length >= 2_000) await sealBatch();
		}
		await sealBatch();

		// Everything it sent to its server, as ShopSync sends it.
		const connection = await wsconnect({
			servers: one.server,
			...serverLogin(one)
		});
		await (
			await jetstreamManager(connection)
		).streams.add({ name: SHOP_STREAM, subjects: [SHOP_SUBJECTS], duplicate_window: 86_400e9 });
		const publisher = jetstream(connection);
		await publisher.publish(
			tillSubject('CAISSE1', 'key'),
			JSON.stringify(await tillKeyMessage('CAISSE1'))
		);
		for (let entries = await outboxEntries(100); entries.length > 0;) {
			for (const entry of entries) {
				await publisher.publish(entry.subject, JSON.stringify(entry.message));
				await removeFromOutbox(entry.seq);
			}
			entries = await outboxEntries(100);
		}
		for (;;) {
			const { messages, examined, throughId } = await ticketsToSend('CAISSE1', 2_000);
			if (examined === 0) break;
			await Promise.all(
				messages.map((message) =>
					publisher.publish(tillSubject('CAISSE1', 'ticket'), JSON.stringify(message), {
						msgID: ticketMessageId('CAISSE1', message.ticket.number)
					})
				)
			);
			await noteTicketsSent(throughId);
		}
		const stream = await (await jetstreamManager(connection)).streams.info(SHOP_STREAM);
		const lastSeq = stream.state.last_seq;

		// Raw: the same messages pulled and parsed, nothing checked nor stored.
		const rawStart = performance.now();
		const consumer = await publisher.consumers.get(SHOP_STREAM, {
			filter_subjects: 'comptoir.CAISSE1.>',
			deliver_policy: DeliverPolicy.All
		});
		const messages = await consumer.consume();
		let parsed = 0;
		for await (const message of messages) {
			JSON.parse(message.string());
			parsed += 1;
			if (message.info.pending === 0) break;
		}
		const rawMs = performance.now() - rawStart;
		expect(parsed).toBe(lastSeq);
		await connection.close();

		// The new computer: its history back and checked, then the rest through the synchronisation.
		const replacing = createDatabase(`bench-rebuild-new-${stamp}`);
		useDatabaseForTests(replacing);
		const start = performance.now();
		const summary = await replaceTill({ credentials: one, pin: '2468', by: 'bench' });
		const historyMs = performance.now() - start;
		const settings = await getSyncSettings();
		if (!settings) throw new Error('no sync settings after the replacement');
		const link = new ShopSync(settings, () => {});
		void link.start();
		while ((await streamPosition()) < lastSeq) {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		const wholeMs = performance.now() - start;
		await link.stop();
		await commands.stopShopServer();
		expect(summary.tickets).toBe(SIZE);
		expect(await replacing.tickets.count()).toBe(SIZE);
		expect(await replacing.articles.count()).toBe(SIZE);

		const raw = {
			name: `NATS brut : les ${lastSeq.toLocaleString('fr-FR')} messages de la caisse lus et décodés`,
			...pick(summarize([rawMs]))
		};
		const figures: Figure[] = [
			{
				name: `Remplacer une caisse : ${SIZE.toLocaleString('fr-FR')} tickets repris et vérifiés (empreinte, chaînage, signature), clé changée`,
				...summarize([historyMs]),
				baseline: raw
			},
			{
				name: `Remplacer une caisse : la boutique entière (${SIZE.toLocaleString('fr-FR')} tickets et ${SIZE.toLocaleString('fr-FR')} titres, jusqu’au dernier message)`,
				...summarize([wholeMs]),
				baseline: raw,
				note: 'Une seule mesure (la reprise part d’une base vide).'
			}
		];
		await commands.writeFile(
			'tests/bench/results/till-rebuild.json',
			JSON.stringify(figures, null, 2)
		);
	}
);

function pick(s: { p50: number; p95: number; p99: number }) {
	return { p50: s.p50, p95: s.p95, p99: s.p99 };
}
