import type { jsPDF } from 'jspdf';
import { bytesToBase64 } from '$lib/base64';
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';

/**
 * DejaVu Sans, embedded in every PDF we make: the 14 standard PDF fonts are not embedded (PDF/A
 * and Factur-X forbid that) and cannot write œ, €, or most non-Latin names. The files ship with
 * the app (precached by the service worker), so PDFs are made offline.
 */
export const PDF_FONT = 'DejaVuSans';

let cache: Promise<{ regular: string; bold: string }> | undefined;

/** A file shipped with the app (font, colour profile), precached by the service worker. */
export async function fetchAsset(url: string): Promise<Uint8Array> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`Fichier de l’application introuvable (${response.status}).`);
	return new Uint8Array(await response.arrayBuffer());
}

async function base64Of(url: string): Promise<string> {
	return bytesToBase64(await fetchAsset(url));
}

/** Adds DejaVu Sans (regular and bold) to a document and makes it the current font. */
export async function embedFonts(doc: jsPDF): Promise<void> {
	cache ??= Promise.all([base64Of(regularUrl), base64Of(boldUrl)]).then(([regular, bold]) => ({
		regular,
		bold
	}));
	const fonts = await cache.catch((error: unknown) => {
		cache = undefined;
		throw error;
	});
	doc.addFileToVFS('DejaVuSans.ttf', fonts.regular);
	doc.addFileToVFS('DejaVuSans-Bold.ttf', fonts.bold);
	doc.addFont('DejaVuSans.ttf', PDF_FONT, 'normal');
	doc.addFont('DejaVuSans-Bold.ttf', PDF_FONT, 'bold');
	doc.setFont(PDF_FONT, 'normal');
}
