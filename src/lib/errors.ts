/**
 * The one way an error reaches the bookseller: in French. Comptoir's own errors already speak
 * French and pass as they are; errors of the browser, IndexedDB (Dexie) or WebUSB, whose messages
 * are English and technical, become a French sentence saying what to do, and their cause is
 * logged in the browser's console for whoever investigates.
 */

const BY_NAME: Readonly<Record<string, string>> = {
	QuotaExceededError:
		'Espace de stockage plein\u00a0: rien n’a été enregistré. Libérez de la place puis recommencez.',
	ConstraintError:
		'Cet enregistrement existe déjà (numéro ou code en double)\u00a0: rien n’a été enregistré.',
	BulkError:
		'Un des enregistrements existe déjà (numéro ou code en double)\u00a0: rien n’a été enregistré.',
	DatabaseClosedError:
		'La base de données a été fermée (mise à jour ou autre fenêtre)\u00a0: rechargez la page puis recommencez.',
	AbortError: 'L’opération a été interrompue et rien n’a été enregistré\u00a0: recommencez.',
	TransactionInactiveError:
		'L’opération a été interrompue et rien n’a été enregistré\u00a0: recommencez.',
	PrematureCommitError:
		'L’opération a été interrompue et rien n’a été enregistré\u00a0: recommencez.',
	InvalidStateError:
		'La base de données n’est plus disponible dans cette fenêtre\u00a0: rechargez la page.',
	OpenFailedError:
		'La base de données n’a pas pu s’ouvrir\u00a0: fermez les autres fenêtres de Comptoir puis rechargez la page.',
	VersionError:
		'La base de données a été ouverte par une version plus récente de Comptoir\u00a0: rechargez la page.',
	UpgradeError:
		'La mise à jour de la base de données a échoué, rien n’a été modifié\u00a0: rechargez la page.',
	MissingAPIError:
		'Ce navigateur ne permet pas d’enregistrer les données (navigation privée\u00a0?)\u00a0: utilisez Chrome, Edge ou Chromium en fenêtre normale.',
	NotAllowedError: 'Le navigateur a refusé l’accès demandé (autorisation non accordée).',
	SecurityError: 'Le navigateur a refusé l’accès demandé (autorisation non accordée).',
	NotFoundError: 'Appareil ou élément introuvable (aucun choisi, ou débranché).',
	NetworkError:
		'Le périphérique ne répond pas (débranché ou occupé)\u00a0: vérifiez-le puis recommencez.'
};

/** Errors that mean a fault in the program, never in what the bookseller did. */
const FAULTS: ReadonlySet<string> = new Set([
	'TypeError',
	'RangeError',
	'ReferenceError',
	'SyntaxError',
	'DataError',
	'DataCloneError',
	'SchemaError',
	'InvalidTableError',
	'SubTransactionError',
	'ReadOnlyError',
	'UnknownError'
]);

const FAULT_MESSAGE =
	'Erreur inattendue, l’opération n’a pas été faite. Le détail technique est dans la console du navigateur (F12).';

/**
 * The French message for an error, logging the technical cause when it is not one of Comptoir's
 * own (those are refusals already explained to the bookseller).
 */
export function errorMessage(error: unknown): string {
	const name = error instanceof Error || error instanceof DOMException ? error.name : '';
	const known = BY_NAME[name];
	if (known !== undefined || FAULTS.has(name) || !(error instanceof Error)) {
		console.error('Comptoir:', error);
		return known ?? (error instanceof Error && !FAULTS.has(name) ? error.message : FAULT_MESSAGE);
	}
	return error.message;
}

/**
 * The technical text of an error, as a log or the shop server's command line shows it to whoever
 * runs it (never to the bookseller at the till: that is errorMessage).
 */
export function technicalText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
