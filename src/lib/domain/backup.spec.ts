import { describe, expect, it } from 'vitest';
import { sha256Hex } from './archive';
import {
	BACKUP_FORMAT,
	backupFileName,
	backupReminder,
	backupTableFile,
	checkBackupFiles,
	parseJsonLines
} from './backup';

const bytes = (text: string) => new TextEncoder().encode(text);

function files(manifest: unknown, extra: Record<string, string> = {}) {
	const text = bytes(JSON.stringify(manifest));
	return new Map<string, Uint8Array>([
		['sauvegarde.json', text],
		['sauvegarde.sha256', bytes(`${sha256Hex(text)}\n`)],
		...Object.entries(extra).map(([name, body]) => [name, bytes(body)] as const)
	]);
}

const tickets = '{"id":1}\n';
const good = {
	format: BACKUP_FORMAT,
	schemaVersion: 4,
	createdAt: '2026-11-23T10:00:00Z',
	shop: { name: 'Librairie', siret: '', tillId: 'CAISSE1' },
	publicKeySpki: 'AAAA',
	tables: {
		tickets: { file: backupTableFile('tickets'), count: 1, sha256: sha256Hex(bytes(tickets)) }
	}
};

describe('checking a backup file', () => {
	it('accepts a whole backup and gives its manifest', () => {
		expect(checkBackupFiles(files(good, { 'tables/tickets.jsonl': tickets }), 4)).toEqual({
			ok: true,
			value: good
		});
	});

	it.each([
		['no manifest', new Map<string, Uint8Array>(), /pas une sauvegarde Comptoir/u],
		[
			'a checksum that does not match',
			new Map([
				['sauvegarde.json', bytes('{}')],
				['sauvegarde.sha256', bytes('0')]
			]),
			/somme de contrôle ne correspond pas/u
		],
		[
			'another format',
			files({ ...good, format: 'zip' }),
			/n’est pas au format comptoir-sauvegarde\/1/u
		],
		['not an object', files(null), /n’est pas au format/u],
		[
			'a table entry that is not one',
			files({ ...good, tables: { tickets: 3 } }),
			/n’est pas au format/u
		],
		[
			'a newer version',
			files({ ...good, schemaVersion: 5 }, { 'tables/tickets.jsonl': tickets }),
			/version plus récente/u
		],
		[
			'a missing table',
			files(good),
			'La table «\u00a0tickets\u00a0» manque\u00a0: le fichier est incomplet.'
		],
		[
			'a changed table',
			files(good, { 'tables/tickets.jsonl': '{"id":2}\n' }),
			/«\stickets\s» a été modifiée ou tronquée/u
		]
	])('refuses %s', (_case, input, message) => {
		const checked = checkBackupFiles(input, 4);
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(checked.error.message).toMatch(message);
	});

	it('refuses a manifest that is not JSON, even with a matching checksum', () => {
		const input = new Map([
			['sauvegarde.json', bytes('{')],
			['sauvegarde.sha256', bytes(sha256Hex(bytes('{')))]
		]);
		expect(checkBackupFiles(input, 4)).toMatchObject({ ok: false });
	});
});

describe('reading a table file', () => {
	it('reads one record per line, blank lines aside, and checks the count', () => {
		expect(parseJsonLines('tickets', '{"id":1}\n\n{"id":2}\n', 2)).toEqual({
			ok: true,
			value: [{ id: 1 }, { id: 2 }]
		});
		expect(parseJsonLines('tickets', '{"id":1}\n', 2)).toMatchObject({
			ok: false,
			error: { message: 'La table «\u00a0tickets\u00a0» compte 1 enregistrements au lieu de 2.' }
		});
		expect(parseJsonLines('tickets', '{"id":1}\n[1]\n', 2)).toMatchObject({
			ok: false,
			error: { message: 'La table «\u00a0tickets\u00a0» est illisible à la ligne 2.' }
		});
		expect(parseJsonLines('tickets', '{"id":\n', 1)).toMatchObject({ ok: false });
	});
});

describe('the weekly reminder and the file name', () => {
	it.each([
		[null, true, 'Aucune sauvegarde n’a encore été faite sur cet ordinateur.'],
		['2026-11-23', false, 'Dernière sauvegarde\u00a0: aujourd’hui.'],
		['2026-11-22', false, 'Dernière sauvegarde\u00a0: hier.'],
		['2026-11-16', false, 'Dernière sauvegarde\u00a0: le 16/11/2026 (il y a 7 jours).'],
		['2026-11-15', true, 'Dernière sauvegarde\u00a0: le 15/11/2026 (il y a 8 jours).']
	])('last backup %s', (last, due, text) => {
		expect(backupReminder(last, '2026-11-23')).toEqual({ due, text });
	});

	it.each([
		// The shop keeps the weekly reminder although it syncs: as a till alone.
		[true, 0, null, true, 'Dernière sauvegarde\u00a0: le 15/11/2026 (il y a 8 jours).'],
		[false, 0, null, false, 'Copie continue\u00a0: tout est sur le serveur de la boutique.'],
		[false, 1, null, false, '1 enregistrement attend le serveur de la boutique.'],
		[
			false,
			3,
			'2026-11-21',
			false,
			'3 enregistrements attendent le serveur de la boutique depuis le 21/11/2026.'
		],
		[
			false,
			40,
			'2026-11-20',
			true,
			'40 enregistrements attendent le serveur de la boutique depuis le 20/11/2026.'
		]
	])(
		'a till that syncs, weekly reminder %s, %i records waiting since %s',
		(weeklyReminder, waiting, oldestWaitingDay, due, text) => {
			expect(
				backupReminder('2026-11-15', '2026-11-23', { weeklyReminder, waiting, oldestWaitingDay })
			).toEqual({ due, text });
		}
	);

	it('names the file by day and time', () => {
		expect(backupFileName('2026-11-23', '18:45')).toBe('comptoir-sauvegarde-2026-11-23-18h45.zip');
	});
});
