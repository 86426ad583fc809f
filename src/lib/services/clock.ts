import { parisDay } from '$lib/domain';

/** Today in Europe/Paris (YYYY-MM-DD): the shop's day, whatever the device's time zone. */
export function parisToday(): string {
	return parisDay(new Date());
}

/** The day in Europe/Paris of an ISO date-time (a record's `createdAt`, an invoice's issue). */
export function parisDayOf(isoDateTime: string): string {
	return parisDay(new Date(isoDateTime));
}
