/**
 * A tiny XML writer for the e-invoice exports: elements are written in the order the schemas
 * require (XSD sequences), text is escaped once here, empty optional elements are left out.
 */

const ESCAPES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;'
};

/**
 * Text or attribute value made safe for XML 1.0: the five markup characters escaped, and the
 * control characters XML 1.0 §2.2 forbids removed (they can come from a pasted title).
 * @example escapeXml(`Tom & Jerry <"l'été">`) // "Tom &amp; Jerry &lt;&quot;l&apos;été&quot;&gt;"
 */
export function escapeXml(text: string): string {
	return (
		text
			// eslint-disable-next-line no-control-regex -- these are exactly the characters removed
			.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
			.replace(/[&<>"']/g, (character) => ESCAPES[character] as string)
	);
}

/** A node of the document being written: a string is already-written XML. */
export type XmlNode = string | null | undefined | false | readonly XmlNode[];

function flatten(children: readonly XmlNode[]): string {
	let out = '';
	for (const child of children) {
		if (child === null || child === undefined || child === false) continue;
		out += typeof child === 'string' ? child : flatten(child);
	}
	return out;
}

/** `<name attrs>children</name>`, or nothing when it would be empty (optional elements). */
export function element(
	name: string,
	attributes: Readonly<Record<string, string | undefined>>,
	...children: readonly XmlNode[]
): string {
	const body = flatten(children);
	if (body === '') return '';
	const attrs = Object.entries(attributes)
		.filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
		.map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
		.join('');
	return `<${name}${attrs}>${body}</${name}>`;
}

/** An element holding text, left out when the text is empty. */
export function textElement(
	name: string,
	text: string | null | undefined,
	attributes: Readonly<Record<string, string | undefined>> = {}
): string {
	if (text === null || text === undefined || text.trim() === '') return '';
	return element(name, attributes, escapeXml(text.trim()));
}

export function xmlDocument(root: string): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
