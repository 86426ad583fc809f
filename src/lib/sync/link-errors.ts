// What a failed exchange with the shop server means to the bookseller: read from the error's
// name and text alone, so that the screens can say it without loading the NATS client.
import { technicalText } from '$lib/errors';

/** A failure of the link as the bookseller reads it. */
export function frenchError(error: unknown): string {
	// The error's name too: a NATS timeout or permission error says what it is there.
	const text = `${error instanceof Error ? error.name : ''} ${technicalText(error)}`;
	if (refusesAccess(error)) {
		return 'Le serveur de la boutique refuse les accès de cette caisse (accès révoqué ou remplacé, clé ou droits)\u00a0: demandez au gérant son fichier d’accès actuel.';
	}
	if (/timeout|timed out/iu.test(text)) {
		return 'Le serveur de la boutique ne répond pas à temps\u00a0: nouvel essai dans quelques secondes.';
	}
	if (/connect|websocket|closed|disconnect/iu.test(text)) {
		return 'Serveur de la boutique injoignable\u00a0: nouvelle tentative en cours.';
	}
	return `Échange avec le serveur de la boutique interrompu (${text}).`;
}

/** Whether the server refused the credentials or their rights (not a link down). */
export function refusesAccess(error: unknown): boolean {
	// The error's name too: a NATS permission error says what it is there.
	const text = `${error instanceof Error ? error.name : ''} ${technicalText(error)}`;
	return /authoriz|authentic|permission/iu.test(text);
}
