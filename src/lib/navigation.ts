/** The product's areas, in the order a bookseller uses them. */
export const AREAS = [
	{ href: '/caisse', label: 'Caisse' },
	{ href: '/tickets', label: 'Tickets de caisse' },
	{ href: '/clients', label: 'Clients' },
	{ href: '/commandes', label: 'Commandes' },
	{ href: '/devis', label: 'Devis' },
	{ href: '/prets', label: 'Prêts' },
	{ href: '/factures', label: 'Factures' },
	{ href: '/echeances', label: 'Échéances' },
	{ href: '/chorus-pro', label: 'Chorus Pro' },
	{ href: '/rapports', label: 'Rapports et clôtures' },
	{ href: '/catalogue', label: 'Catalogue' },
	{ href: '/parametres', label: 'Paramètres' }
] as const;
