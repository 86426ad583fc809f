import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { element, escapeXml, textElement, xmlDocument } from './xml';

const unescape = (text: string) =>
	text
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&quot;', '"')
		.replaceAll('&apos;', "'")
		.replaceAll('&amp;', '&');

describe('escapeXml', () => {
	it.each([
		['Tom & Jerry', 'Tom &amp; Jerry'],
		['<l’intégrale>', '&lt;l’intégrale&gt;'],
		[`"collector" l'œuvre`, '&quot;collector&quot; l&apos;œuvre'],
		['100 € 📚', '100 € 📚'],
		['tab\there\u0007bell', 'tab\there' + 'bell']
	])('%s → %s', (text, escaped) => {
		expect(escapeXml(text)).toBe(escaped);
	});

	it('gives back any text (minus forbidden control characters) once unescaped', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				const escaped = escapeXml(text);
				expect(escaped).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|apos;)/u);
				expect(unescape(escaped)).toBe(
					// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
					text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
				);
			})
		);
	});
});

describe('element and textElement', () => {
	it('writes attributes escaped, leaves out empty attributes and empty elements', () => {
		expect(element('a', { id: 'x&y', empty: '', none: undefined }, 'b')).toBe(
			'<a id="x&amp;y">b</a>'
		);
		expect(element('a', {}, '', null, false, undefined, [null, ['']])).toBe('');
		expect(element('a', {}, ['<b/>', ['<c/>']])).toBe('<a><b/><c/></a>');
	});

	it('trims text and leaves out blank or missing text', () => {
		expect(textElement('n', ' 5 < 6 ')).toBe('<n>5 &lt; 6</n>');
		expect(textElement('n', '  ')).toBe('');
		expect(textElement('n', null)).toBe('');
		expect(textElement('n', undefined)).toBe('');
	});

	it('puts the XML declaration first', () => {
		expect(xmlDocument('<r/>')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<r/>\n');
	});
});
