/** The product's areas, in the order a bookseller uses them. */
export const AREAS = [
	{ href: '/caisse', label: 'Caisse' },
	{ href: '/tickets', label: 'Tickets de caisse' },
	{ href: '/clients', label: 'Clients' },
	{ href: '/commandes', label: 'Commandes' },
	{ href: '/factures', label: 'Factures' },
	{ href: '/echeances', label: 'Échéances' },
	{ href: '/chorus-pro', label: 'Chorus Pro' },
	{ href: '/rapports', label: 'Rapports et clôtures' },
	{ href: '/catalogue', label: 'Catalogue' },
	{ href: '/parametres', label: 'Paramètres' }
] as const;

/**
 * The seed's « Commandes - Devis - Prêts »: three screens under one area of the navigation, each
 * reached from the others' tabs (docs/orders.md#customer-file).
 */
export const ORDER_AREAS = [
	{ href: '/commandes', label: 'Commandes' },
	{ href: '/devis', label: 'Devis' },
	{ href: '/prets', label: 'Prêts' }
] as const;
