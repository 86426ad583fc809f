/**
 * One invoice's screen (invoice, credit note or pro forma): the document, what is owed on it, its
 * exports and what the bookseller does to it. Each change is journaled with its author and goes
 * through the invoices' services; the exports of a public buyer's invoice wait for the Chorus Pro
 * pre-flight (docs/invoices.md).
 */
import {
	checkReissue,
	chorusPreflight,
	ciiXml,
	dueState,
	eInvoiceOf,
	formatDay,
	formatEuros,
	issueBlockers,
	platformPreflight,
	preflightPasses,
	ublXml,
	type ChorusStatus,
	type Result
} from '$lib/domain';
import { downloadBlob } from '$lib/export/files';
import { sendDocument } from '$lib/export/send';
import { parisDayOf, parisToday } from '$lib/services/clock';
import {
	createCreditNote,
	deleteProforma,
	finalizeProforma,
	getInvoiceView,
	invoiceSends,
	markProformaSent,
	recordChorusStatus,
	recordInvoicePayment,
	recordInvoiceSent,
	reissueInvoice,
	type InvoiceView
} from '$lib/services/invoices';
import { AuthoredChange } from './authored-change.svelte';

type Sends = Awaited<ReturnType<typeof invoiceSends>>;
type CreditSelection = Parameters<typeof createCreditNote>[0]['selection'];
type InvoiceDetailsInput = Parameters<typeof reissueInvoice>[0]['details'];
type PaymentInput = Parameters<typeof recordInvoicePayment>[0]['payment'];

export class InvoicePage {
	id = $state(0);
	view = $state.raw<InvoiceView | null | undefined>(undefined);
	sends = $state.raw<Sends>([]);
	panel = $state<'credit' | 'payment' | 'reissue' | null>(null);
	readonly change = new AuthoredChange();
	readonly today = parisToday();

	readonly einvoice = $derived(
		this.view && this.view.invoice.document.lines.length > 0 ? eInvoiceOf(this.view.invoice) : null
	);
	/** A company's invoice is an e-invoice for the shop's plateforme agréée (docs/invoices.md#channels). */
	readonly forPlatform = $derived(
		this.view?.invoice.kind !== 'proforma' && this.einvoice?.channel === 'plateforme'
	);
	/** Pre-flight: a public buyer's or a company's exports wait until every check passes. */
	readonly checks = $derived(
		this.view && this.einvoice && this.view.forChorus
			? chorusPreflight(this.view.invoice, this.einvoice, this.today)
			: this.view && this.einvoice && this.forPlatform
				? platformPreflight(this.view.invoice, this.einvoice, this.today)
				: []
	);
	readonly blocked = $derived(!preflightPasses(this.checks));
	/** An issued invoice missing a mandatory mention: it is fixed by a credit note and a new one. */
	readonly blockers = $derived(
		this.view?.invoice.kind === 'invoice' ? issueBlockers(this.view.invoice, this.today) : []
	);
	readonly due = $derived(
		this.view?.invoice.kind === 'invoice'
			? dueState(this.view.account, this.view.invoice.dueDate?.slice(0, 10) ?? null, this.today)
			: null
	);
	/** Replaced by a credit note and a new invoice only while nothing was credited or received. */
	readonly reissuable = $derived(
		this.view?.invoice.kind === 'invoice' && checkReissue(this.view.account).ok
	);
	readonly recipient = $derived(
		this.view?.customer?.email || this.view?.invoice.document.buyer?.email || ''
	);
	readonly kindLabel = $derived(
		this.view?.invoice.kind === 'proforma'
			? 'Facture pro forma'
			: this.view?.invoice.kind === 'credit-note'
				? 'Avoir'
				: 'Facture'
	);
	readonly fileStem = $derived(
		this.view
			? `${this.view.invoice.kind === 'credit-note' ? 'avoir' : 'facture'}-${this.view.invoice.number}`
			: ''
	);

	async load(invoiceId: number): Promise<void> {
		this.id = invoiceId;
		const view = Number.isSafeInteger(invoiceId) ? await getInvoiceView(invoiceId) : null;
		this.sends = view ? await invoiceSends(invoiceId) : [];
		this.view = view;
	}

	/** A change journaled with its author, then its panel closed and the invoice shown again. */
	/** Runs an action on this invoice, then closes the open panel and shows the invoice again. */
	private act<T>(action: (by: string) => Promise<Result<T>>, notice: (value: T) => string) {
		return this.change.act(action, notice, {
			after: () => {
				this.panel = null;
				return this.load(this.id);
			}
		});
	}

	async downloadPdf(): Promise<void> {
		if (!this.view) return;
		const { invoicePdf } = await import('$lib/pdf/invoice-pdf');
		downloadBlob(await invoicePdf(this.view.invoice), `${this.fileStem}.pdf`);
		this.change.notice = `PDF ${this.fileStem}.pdf téléchargé.`;
	}

	async downloadFacturX(): Promise<void> {
		if (!this.view) return;
		const { facturXPdf } = await import('$lib/pdf/invoice-pdf');
		downloadBlob(await facturXPdf(this.view.invoice), `${this.fileStem}-facturx.pdf`);
		this.change.notice = `Factur-X ${this.fileStem}-facturx.pdf téléchargé.`;
	}

	/**
	 * « Télécharger pour la plateforme agréée »: the Factur-X to upload to the shop's PA, its export
	 * journaled with who made it.
	 */
	async downloadForPlatform(): Promise<void> {
		const view = this.view;
		if (!view || !this.einvoice || this.blocked) return;
		const { facturXPdf } = await import('$lib/pdf/invoice-pdf');
		const name = `${this.fileStem}-plateforme-facturx.pdf`;
		const pdf = await facturXPdf(view.invoice);
		const id = this.id;
		// Journaled first (an « envoi » of the invoice): a file handed over is always in the journal.
		await this.act(
			async (by) => {
				const recorded = await recordInvoiceSent({
					invoiceId: id,
					to: '',
					channel: 'plateforme',
					by
				});
				if (recorded.ok) downloadBlob(pdf, name);
				return recorded;
			},
			() => `${name} téléchargé\u00a0: déposez-le sur votre plateforme agréée.`
		);
	}

	downloadXml(format: 'cii' | 'ubl'): void {
		if (!this.einvoice) return;
		const xml = format === 'cii' ? ciiXml(this.einvoice) : ublXml(this.einvoice);
		const name = `${this.fileStem}-${format}.xml`;
		downloadBlob(new Blob([xml], { type: 'application/xml' }), name);
		this.change.notice = `${format.toUpperCase()} ${name} téléchargé.`;
	}

	/** « Envoyer »: the PDF through the device's share sheet, else downloaded with an e-mail ready. */
	async send(): Promise<void> {
		const view = this.view;
		if (!view) return;
		const { invoice } = view;
		const { kindLabel, fileStem, recipient } = this;
		const { invoicePdf } = await import('$lib/pdf/invoice-pdf');
		const file = new File([await invoicePdf(invoice)], `${fileStem}.pdf`, {
			type: 'application/pdf'
		});
		const shop = invoice.document.seller;
		const subject = `${kindLabel} n° ${invoice.number} — ${shop.tradeName || shop.legalName}`;
		const owed =
			view.leftCents > 0 && invoice.dueDate
				? `, d’un montant de ${formatEuros(view.leftCents)} à régler avant le ${formatDay(invoice.dueDate.slice(0, 10))}`
				: '';
		const body = [
			'Bonjour,',
			'',
			`Veuillez trouver ci-joint notre ${kindLabel.toLowerCase()} n° ${invoice.number} du ${formatDay(parisDayOf(invoice.issueDate))}${owed}.`,
			'',
			'Cordialement,',
			shop.tradeName || shop.legalName
		].join('\n');
		const channel = await sendDocument({ file, to: recipient, subject, body });
		if (channel === null) return;
		const id = this.id;
		await this.act(
			(by) => recordInvoiceSent({ invoiceId: id, to: recipient, channel, by }),
			() =>
				channel === 'partage'
					? `${kindLabel} n° ${invoice.number} partagée.`
					: `PDF ${fileStem}.pdf téléchargé et courriel préparé${recipient ? ` pour ${recipient}` : ''}\u00a0: joignez-y le PDF.`
		);
	}

	markSent() {
		const id = this.id;
		return this.act(
			(by) => markProformaSent({ id, by }),
			() => 'Pro forma marquée comme envoyée.'
		);
	}

	/** Issues the final invoice of a pro forma; gives its id, or null when it was not issued. */
	async finalize(): Promise<number | null> {
		const id = this.id;
		let final: number | null = null;
		await this.change.act(
			(by) => finalizeProforma({ id, by }),
			(invoice) => {
				final = invoice.id;
				return `Facture définitive n° ${invoice.number} produite.`;
			}
		);
		return final;
	}

	/** Deletes a pro forma; true when it was deleted. */
	async remove(): Promise<boolean> {
		const { id } = this;
		const number = this.view?.invoice.number;
		const failure = await this.change.act(
			(by) => deleteProforma({ id, by }),
			() => `Pro forma ${number} supprimée.`
		);
		return failure === null;
	}

	credit(selection: CreditSelection) {
		const id = this.id;
		return this.act(
			(by) => createCreditNote({ invoiceId: id, selection, by }),
			(note) => `Avoir n° ${note.number} émis (${formatEuros(Math.abs(note.totalCents))}).`
		);
	}

	/** Credits the invoice and issues it again corrected; gives the new invoice's id. */
	async reissue(
		details: InvoiceDetailsInput
	): Promise<{ failure: string | null; created?: number }> {
		const id = this.id;
		let created: number | undefined;
		const failure = await this.act(
			(by) => reissueInvoice({ invoiceId: id, details, by }),
			(done) => {
				created = done.invoice.id;
				return `Avoir n° ${done.creditNote.number} et facture n° ${done.invoice.number} émis.`;
			}
		);
		return created === undefined ? { failure } : { failure, created };
	}

	pay(payment: PaymentInput) {
		const id = this.id;
		return this.act(
			(by) => recordInvoicePayment({ invoiceId: id, payment, by }),
			() =>
				`Règlement de ${formatEuros(payment.amountCents)} du ${formatDay(payment.day)} enregistré.`
		);
	}

	recordChorus(entry: {
		status: ChorusStatus;
		day: string;
		certificateNumber: string;
		note: string;
	}) {
		const id = this.id;
		return this.act(
			(by) => recordChorusStatus({ invoiceId: id, entry, by }),
			() => 'Statut Chorus Pro enregistré.'
		);
	}
}
