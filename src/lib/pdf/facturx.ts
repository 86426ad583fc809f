import { AFRelationship, PDFDocument, PDFHeader, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import iccUrl from './assets/sRGB.icc?url';
import { escapeXml } from '$lib/domain';
import { fetchAsset } from './fonts';

/**
 * Turns the invoice PDF jsPDF wrote into a Factur-X 1.0 EN 16931 file: PDF/A-3B with the CII XML
 * embedded as `factur-x.xml` (Factur-X §6, 1.08 and 1.09 alike: /AF on the catalog and the file specification,
 * AFRelationship /Data for EN 16931, MIME text/xml), XMP metadata with the PDF/A identification
 * and the Factur-X extension schema, an sRGB OutputIntent and a trailer /ID (ISO 19005-3 §6.1.3,
 * §6.2.3, §6.6). pdf-lib does the PDF object surgery; jsPDF already embeds every font. The
 * container is the one Factur-X 1.08 described and 1.09 kept; the embedded XML is held to the Factur-X 1.09.2
 * rules in force since 1 September 2026 (FNFE France_RFE 1.4.0.03), the XMP extension schema's
 * `fx:Version` staying 1.0 (the version of the schema, not of the XML).
 */

export const FACTURX_FILE_NAME = 'factur-x.xml';
const CONFORMANCE_LEVEL = 'EN 16931';

export interface FacturXMetadata {
	readonly title: string;
	readonly author: string;
	readonly subject: string;
	readonly createdAt: Date;
}

/** XMP date: ISO 8601 without milliseconds, in UTC. */
function xmpDate(date: Date): string {
	return `${date.toISOString().slice(0, 19)}Z`;
}

const FX_PROPERTIES = [
	['DocumentFileName', 'The name of the embedded XML document'],
	['DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER'],
	['Version', 'The actual version of the standard applying to the embedded XML document'],
	['ConformanceLevel', 'The conformance level of the embedded XML document']
] as const;

/** The XMP packet: PDF/A-3B identification, Dublin Core, and the Factur-X extension schema. */
export function facturXXmp(meta: FacturXMetadata, producer: string): string {
	const text = (value: string) => escapeXml(value);
	const date = xmpDate(meta.createdAt);
	const properties = FX_PROPERTIES.map(
		([name, description]) =>
			`<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`
	).join('');
	return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>3</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${text(meta.title)}</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>${text(meta.author)}</rdf:li></rdf:Seq></dc:creator><dc:description><rdf:Alt><rdf:li xml:lang="x-default">${text(meta.subject)}</rdf:li></rdf:Alt></dc:description></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${text(producer)}</pdf:Producer></rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>${text(producer)}</xmp:CreatorTool><xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema><pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI><pdfaSchema:prefix>fx</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>${properties}</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
<rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"><fx:DocumentType>INVOICE</fx:DocumentType><fx:DocumentFileName>${FACTURX_FILE_NAME}</fx:DocumentFileName><fx:Version>1.0</fx:Version><fx:ConformanceLevel>${CONFORMANCE_LEVEL}</fx:ConformanceLevel></rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

function randomId(): string {
	return [...crypto.getRandomValues(new Uint8Array(16))]
		.map((byte) => byte.toString(16).padStart(2, '0'))
		.join('');
}

export async function toFacturX(
	pdf: ArrayBuffer | Uint8Array,
	ciiXml: string,
	meta: FacturXMetadata
): Promise<Uint8Array> {
	const [doc, icc] = await Promise.all([
		PDFDocument.load(pdf, { updateMetadata: false }),
		fetchAsset(iccUrl)
	]);
	const producer = 'Comptoir';
	const context = doc.context;
	// Embedded files with /AF are PDF 1.7 (ISO 32000-1) features; jsPDF writes a 1.3 header.
	context.header = PDFHeader.forVersion(1, 7);
	doc.setTitle(meta.title, { showInWindowTitleBar: true });
	doc.setAuthor(meta.author);
	doc.setSubject(meta.subject);
	doc.setProducer(producer);
	doc.setCreator(producer);
	doc.setCreationDate(meta.createdAt);
	doc.setModificationDate(meta.createdAt);
	doc.setLanguage('fr-FR');

	// §6.6.2.1: the metadata stream, left unfiltered so any reader finds the PDF/A identification.
	const xmp = context.stream(new TextEncoder().encode(facturXXmp(meta, producer)), {
		Type: 'Metadata',
		Subtype: 'XML'
	});
	doc.catalog.set(PDFName.of('Metadata'), context.register(xmp));

	const profile = context.register(context.flateStream(icc, { N: 3 }));
	const intent = context.obj({
		Type: 'OutputIntent',
		S: 'GTS_PDFA1',
		OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
		Info: PDFString.of('sRGB IEC61966-2.1'),
		RegistryName: PDFString.of('http://www.color.org'),
		DestOutputProfile: profile
	});
	doc.catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));

	// Factur-X §6.2.2: EN 16931 files relate the XML to the PDF as /Data.
	await doc.attach(new TextEncoder().encode(ciiXml), FACTURX_FILE_NAME, {
		mimeType: 'text/xml',
		description: 'Factur-X invoice',
		creationDate: meta.createdAt,
		modificationDate: meta.createdAt,
		afRelationship: AFRelationship.Data
	});

	const id = PDFHexString.of(randomId());
	context.trailerInfo.ID = context.obj([id, id]);
	return doc.save({ useObjectStreams: false });
}
