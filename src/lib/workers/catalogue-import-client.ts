import { wrap, type Remote } from 'comlink';
import type { CatalogueImportApi } from './catalogue-import.worker';
import ImportWorker from './catalogue-import.worker?worker';

/** A fresh import worker per import: it ends with the import, freeing its memory. */
export function startImportWorker(): { api: Remote<CatalogueImportApi>; terminate: () => void } {
	const worker = new ImportWorker({ name: 'comptoir-import' });
	return { api: wrap<CatalogueImportApi>(worker), terminate: () => worker.terminate() };
}
