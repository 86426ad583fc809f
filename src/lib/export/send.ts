import { downloadBlob } from './files';

/** How a document left the till: through the device's share sheet, or by a prepared e-mail. */
export type SendChannel = 'partage' | 'courriel';

/**
 * « Envoyer » (docs/features.md « Envoyer par courriel »): nothing leaves the device but through the
 * user's own apps. Where the browser shares files (Web Share Level 2: Android, iOS, Chrome OS,
 * Windows), the PDF goes to the share sheet, e-mail included; elsewhere the PDF is downloaded
 * and the user's mail program opens with the address, subject and text ready, to attach it.
 * Returns null when the user closed the share sheet without sending.
 */
export async function sendDocument(input: {
	readonly file: File;
	readonly to: string;
	readonly subject: string;
	readonly body: string;
}): Promise<SendChannel | null> {
	const shared = { files: [input.file], title: input.subject, text: input.body };
	if (typeof navigator.canShare === 'function' && navigator.canShare(shared)) {
		try {
			await navigator.share(shared);
			return 'partage';
		} catch (error) {
			if (error instanceof DOMException && error.name === 'AbortError') return null;
			// Refused by the device (no app, no permission): fall back to the e-mail.
		}
	}
	downloadBlob(input.file, input.file.name);
	window.location.href = mailtoUrl(input.to, input.subject, input.body);
	return 'courriel';
}

/** A mailto: address with its subject and text (RFC 6068: each part percent-encoded). */
export function mailtoUrl(to: string, subject: string, body: string): string {
	return `mailto:${encodeURIComponent(to).replace(/%40/gu, '@')}?subject=${encodeURIComponent(
		subject
	)}&body=${encodeURIComponent(body)}`;
}

/** An sms: address with its text (RFC 5724), for the phone or the computer's messages app. */
export function smsUrl(phone: string, body: string): string {
	return `sms:${phone.replace(/[^+\d]/gu, '')}?body=${encodeURIComponent(body)}`;
}

/** Opens the user's own mail or messages app on `url` (mailto:, sms:): nothing is sent from here. */
export function openInUserApp(url: string): void {
	window.location.href = url;
}
