import type { TicketListEntry } from '$lib/domain';

/**
 * The tickets list last shown (period or search), kept while the user opens tickets from it, so
 * "Ticket précédent / suivant" walk that list and "Retour à la liste" finds it as it was
 * (docs/features.md).
 */
class TicketBrowseState {
	caption = $state('');
	entries = $state.raw<readonly TicketListEntry[]>([]);
	filter = $state('');
	/** What produced the list, to refresh it after a change (a cancellation adds a row). */
	reload: (() => Promise<void>) | null = null;

	show(caption: string, entries: readonly TicketListEntry[], reload: () => Promise<void>): void {
		this.caption = caption;
		this.entries = entries;
		this.reload = reload;
	}

	/** The neighbour of a ticket in the list, or undefined when the ticket is not in it. */
	neighbour(id: number, direction: -1 | 1): number | null | undefined {
		const index = this.entries.findIndex((entry) => entry.id === id);
		if (index < 0) return undefined;
		return this.entries[index + direction]?.id ?? null;
	}
}

export const ticketBrowse = new TicketBrowseState();
