import { wrap, type Remote } from 'comlink';
import type { DomainApi } from './domain.worker';
import DomainWorker from './domain.worker?worker';

let remote: Remote<DomainApi> | undefined;

/** The one domain worker of the page, started on first use. */
export function domainWorker(): Remote<DomainApi> {
	remote ??= wrap<DomainApi>(new DomainWorker({ name: 'comptoir-domain' }));
	return remote;
}
