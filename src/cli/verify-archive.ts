/**
 * `npm run verify-archive -- FICHIER.zip`: checks a Comptoir archive without the app (CGI art.
 * 286-I-3° bis, archivage: verifiable by a tool independent of the till). Exit code 0 when the
 * archive holds, 1 when it does not, 2 when called wrongly.
 */
import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { verifyArchive } from '../lib/domain/archive';
import { anyKeyVerifier, publicKeyFromSpki } from '../lib/signature';
import { technicalText } from '../lib/errors';

async function main(path: string | undefined): Promise<number> {
	if (!path) {
		console.error('Usage : npm run verify-archive -- comptoir-archive-AAAA-MM.zip');
		return 2;
	}
	let files: Map<string, Uint8Array>;
	try {
		files = new Map(Object.entries(unzipSync(new Uint8Array(await readFile(path)))));
	} catch (failure) {
		const reason = technicalText(failure);
		console.error(`Impossible de lire ${path} comme une archive ZIP : ${reason}`);
		return 1;
	}
	// Former keys (a till replaced, a backup restored) are named by the signed manifest.
	const verdict = await verifyArchive(files, async (spki, former = []) =>
		anyKeyVerifier(await Promise.all([spki, ...former].map((key) => publicKeyFromSpki(key))))
	);
	for (const fact of verdict.facts) console.log(fact);
	if (verdict.problems.length > 0) {
		console.log(`\nARCHIVE NON CONFORME : ${verdict.problems.length} problème(s).`);
		for (const problem of verdict.problems) console.log(`- ${problem}`);
		return 1;
	}
	console.log('\nArchive intègre : empreintes, chaînage et signatures vérifiés.');
	return 0;
}

process.exitCode = await main(process.argv[2]);
