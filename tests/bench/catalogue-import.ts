import { importCatalogue } from '$lib/db/article-repository';
import type { CatalogueGenerator } from './catalogue-generator';

/**
 * The first `titles` titles of the generated catalogue imported into the app's database as the
 * import screen does, 5 000 at a time, each with its stock (a till that syncs queues them as
 * revisions in the import's transactions).
 */
export async function importGeneratedCatalogue(
	generator: CatalogueGenerator,
	titles: number
): Promise<void> {
	let handed = 0;
	await importCatalogue(
		async () => {
			if (handed >= titles) return null;
			const size = Math.min(5_000, titles - handed);
			const batch = Array.from({ length: size }, (_, i) => ({
				article: generator.article(handed + i),
				hasStock: true
			}));
			handed += size;
			return batch;
		},
		() => {}
	);
}
