import { parisDay } from '$lib/domain';

/** Today in Europe/Paris (YYYY-MM-DD): the shop's day, whatever the device's time zone. */
export function parisToday(): string {
	return parisDay(new Date());
}
