/** The home screen: today at a glance and the first steps of a new shop. */
export { firstRunSteps, shopDay, type FirstRunSteps, type ShopDay } from '$lib/db/home-repository';
