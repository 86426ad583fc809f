import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	applyOrderStep,
	arrivalMessage,
	copiesToReceive,
	createOrder,
	daysSinceNotified,
	depositApplied,
	groupByPublisher,
	isLate,
	linesWithStatus,
	TO_ORDER_CSV_HEADER,
	toOrderCsvRows,
	orderIsOpen,
	orderLineStatus,
	orderStatusLabel,
	reservedCopies,
	type CustomerOrder,
	type NewOrder,
	type NewOrderLine,
	type OrderStep
} from './customer-order';
import { assertCents, type Cents } from './money';
import { assertVatRateBp } from './vat';

const at = (day: string, time = '10:00') => ({ at: `${day}T${time}:00.000Z`, day, by: 'Anne' });

const book = (title: string, quantity = 1): NewOrderLine => ({
	ean: '9782070000001',
	title,
	authors: 'A. Auteur',
	publisher: 'Gallimard',
	kind: 'livre',
	vatRateBp: assertVatRateBp(550),
	unitPriceCents: assertCents(2000),
	quantity
});

const form: NewOrder = {
	customerId: 12,
	contactName: '',
	contactPhone: '',
	contactEmail: '',
	note: ' pour Noël ',
	depositCode: '2888400000015',
	lines: [book('Le Jardin', 2), book('La Mer')]
};

function created(input: NewOrder = form): CustomerOrder {
	const order = createOrder(27846, input, at('2026-12-01'));
	if (!order.ok) throw new Error(order.error.message);
	return order.value;
}

function step(order: CustomerOrder, next: OrderStep, day = '2026-12-02', time = '10:00') {
	const result = applyOrderStep(order, next, at(day, time));
	if (!result.ok) throw new Error(result.error.message);
	return result.value;
}

describe('createOrder', () => {
	it('opens the order « à commander », dated and signed', () => {
		const order = created();
		expect(order).toMatchObject({
			number: 27846,
			createdOn: '2026-12-01',
			closedOn: null,
			note: 'pour Noël',
			history: [{ by: 'Anne', text: 'Commande enregistrée' }]
		});
		expect(order.lines.map(orderLineStatus)).toEqual(['a-commander', 'a-commander']);
		expect(orderStatusLabel(order)).toBe('commande en cours');
	});

	it.each([
		[
			'no customer and no name',
			{ ...form, customerId: null },
			'ORDER_CUSTOMER_MISSING',
			'customer'
		],
		[
			'a passing customer with no way to be told',
			{ ...form, customerId: null, contactName: 'Mme Roux' },
			'ORDER_CONTACT_MISSING',
			'contactPhone'
		],
		['no title', { ...form, lines: [] }, 'ORDER_EMPTY', 'lines'],
		['a blank title', { ...form, lines: [book('  ')] }, 'ORDER_TITLE_MISSING', 'lines.0.title'],
		[
			'no copy',
			{ ...form, lines: [book('Le Jardin', 0)] },
			'ORDER_QUANTITY_INVALID',
			'lines.0.quantity'
		],
		[
			'half a copy',
			{ ...form, lines: [book('Le Jardin', 1.5)] },
			'ORDER_QUANTITY_INVALID',
			'lines.0.quantity'
		],
		[
			'a thousand copies',
			{ ...form, lines: [book('Le Jardin', 1000)] },
			'ORDER_QUANTITY_INVALID',
			'lines.0.quantity'
		]
	])('refuses %s at its field', (_, input, code, field) => {
		const result = createOrder(1, input, at('2026-12-01'));
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatchObject({ code, field });
	});

	it('takes a passing customer with an e-mail only', () => {
		const order = created({
			...form,
			customerId: null,
			contactName: ' Mme Roux ',
			contactEmail: 'roux@example.fr'
		});
		expect(order.contactName).toBe('Mme Roux');
	});
});

describe('the life of an order', () => {
	it('ordered, partly received, notified, collected, the rest cancelled: each line says where it is', () => {
		let order = created();
		order = step(order, {
			kind: 'order',
			lines: [0, 1],
			supplier: ' Sodis ',
			expectedOn: '2026-12-10'
		});
		expect(order.lines.map(orderLineStatus)).toEqual(['commandee', 'commandee']);
		expect(order.lines[0]).toMatchObject({ supplier: 'Sodis', orderedOn: '2026-12-02' });
		order = step(order, { kind: 'receive', line: 0, quantity: 1 }, '2026-12-05');
		expect(orderLineStatus(order.lines[0]!)).toBe('recue');
		expect(reservedCopies(order.lines[0]!)).toBe(1);
		expect(copiesToReceive(order.lines[0]!)).toBe(1);
		order = step(order, { kind: 'notify', channel: 'sms' }, '2026-12-05', '11:00');
		expect(orderLineStatus(order.lines[0]!)).toBe('prevenue');
		expect(orderLineStatus(order.lines[1]!)).toBe('commandee');
		// A copy arriving after the customer was told must be told again.
		order = step(order, { kind: 'receive', line: 1, quantity: 1 }, '2026-12-06');
		expect(orderLineStatus(order.lines[1]!)).toBe('recue');
		order = step(order, { kind: 'collect', line: 0, quantity: 1 }, '2026-12-07');
		expect(orderLineStatus(order.lines[0]!)).toBe('commandee');
		order = step(order, { kind: 'cancel', line: 0, quantity: 1, reason: ' épuisé ' }, '2026-12-08');
		expect(orderLineStatus(order.lines[0]!)).toBe('retiree');
		expect(order.lines[0]!.cancelReason).toBe('épuisé');
		expect(orderIsOpen(order)).toBe(true);
		order = step(
			order,
			{ kind: 'cancel', line: 1, quantity: 1, reason: 'plus voulu' },
			'2026-12-09'
		);
		// The set-aside copy goes back on the shelf.
		expect(order.lines[1]).toMatchObject({ released: 1, cancelled: 0 });
		expect(orderLineStatus(order.lines[1]!)).toBe('annulee');
		expect(order).toMatchObject({ closedOn: '2026-12-09', updatedOn: '2026-12-09' });
		expect(orderStatusLabel(order)).toBe('commande terminée');
		expect(order.history.map((event) => event.text)).toEqual([
			'Commande enregistrée',
			'Commandé chez Sodis\u00a0: «\u00a0Le Jardin\u00a0», «\u00a0La Mer\u00a0»',
			'Reçu 1\u00a0exemplaire de «\u00a0Le Jardin\u00a0», mis de côté',
			'Client prévenu par SMS',
			'Reçu 1\u00a0exemplaire de «\u00a0La Mer\u00a0», mis de côté',
			'Retiré 1\u00a0exemplaire de «\u00a0Le Jardin\u00a0»',
			'Annulé 1\u00a0exemplaire de «\u00a0Le Jardin\u00a0»\u00a0: épuisé',
			'Annulé 1\u00a0exemplaire de «\u00a0La Mer\u00a0»\u00a0: plus voulu'
		]);
	});

	it('an order cancelled whole is « commande annulée »', () => {
		let order = created({ ...form, lines: [book('La Mer', 2)] });
		order = step(order, { kind: 'cancel', line: 0, quantity: 2, reason: 'erreur' });
		expect(orderStatusLabel(order)).toBe('commande annulée');
	});

	const ordered = () =>
		step(created(), { kind: 'order', lines: [0], supplier: 'Sodis', expectedOn: null });

	it.each<[string, () => CustomerOrder, OrderStep, string, string]>([
		[
			'ordering without a supplier',
			created,
			{ kind: 'order', lines: [0], supplier: ' ', expectedOn: null },
			'ORDER_SUPPLIER_MISSING',
			'Donnez le fournisseur ou le distributeur.'
		],
		[
			'an expected day already past',
			created,
			{ kind: 'order', lines: [0], supplier: 'Sodis', expectedOn: '2026-12-01' },
			'ORDER_EXPECTED_PAST',
			'La date de livraison prévue ne peut pas être déjà passée.'
		],
		[
			'ordering no line',
			created,
			{ kind: 'order', lines: [], supplier: 'Sodis', expectedOn: null },
			'ORDER_NOTHING_CHOSEN',
			'Choisissez au moins une ligne à commander.'
		],
		[
			'ordering a line that is not there',
			created,
			{ kind: 'order', lines: [5], supplier: 'Sodis', expectedOn: null },
			'ORDER_LINE_UNKNOWN',
			'Cette ligne n’est pas dans la commande.'
		],
		[
			'ordering twice',
			ordered,
			{ kind: 'order', lines: [0], supplier: 'Sodis', expectedOn: null },
			'ORDER_ALREADY_ORDERED',
			'«\u00a0Le Jardin\u00a0» n’est pas à commander (commandée).'
		],
		[
			'receiving before ordering',
			created,
			{ kind: 'receive', line: 0, quantity: 1 },
			'ORDER_NOT_ORDERED',
			'«\u00a0Le Jardin\u00a0» n’est pas encore commandé chez un fournisseur\u00a0: passez-le d’abord en «\u00a0Commandée\u00a0».'
		],
		[
			'receiving more than ordered',
			ordered,
			{ kind: 'receive', line: 0, quantity: 3 },
			'ORDER_STEP_TOO_MANY',
			'Au plus 2\u00a0exemplaires à recevoir pour «\u00a0Le Jardin\u00a0» (ici 3).'
		],
		[
			'receiving no copy',
			ordered,
			{ kind: 'receive', line: 0, quantity: 0 },
			'ORDER_STEP_QUANTITY',
			'Quantité à recevoir\u00a0: un nombre entier d’au moins 1.'
		],
		[
			'receiving on a line that is not there',
			ordered,
			{ kind: 'receive', line: 9, quantity: 1 },
			'ORDER_LINE_UNKNOWN',
			'Cette ligne n’est pas dans la commande.'
		],
		[
			'collecting what has not arrived',
			ordered,
			{ kind: 'collect', line: 0, quantity: 1 },
			'ORDER_STEP_IMPOSSIBLE',
			'Rien à retirer pour «\u00a0Le Jardin\u00a0».'
		],
		[
			'notifying before anything arrived',
			ordered,
			{ kind: 'notify', channel: 'telephone' },
			'ORDER_NOTHING_ARRIVED',
			'Rien n’est arrivé pour cette commande\u00a0: le client n’a rien à venir chercher.'
		],
		[
			'cancelling with no reason',
			ordered,
			{ kind: 'cancel', line: 0, quantity: 1, reason: ' ' },
			'ORDER_CANCEL_REASON',
			'Donnez la raison de l’annulation.'
		],
		[
			'cancelling more than is open',
			ordered,
			{ kind: 'cancel', line: 0, quantity: 3, reason: 'x' },
			'ORDER_STEP_TOO_MANY',
			'Au plus 2\u00a0exemplaires à annuler pour «\u00a0Le Jardin\u00a0» (ici 3).'
		]
	])('refuses %s, with its reason', (_, start, next, code, message) => {
		const result = applyOrderStep(start(), next, at('2026-12-02'));
		expect(result).toEqual({ ok: false, error: expect.objectContaining({ code, message }) });
	});
});

describe('orders under any sequence of steps (properties)', () => {
	const stepArbitrary: fc.Arbitrary<OrderStep> = fc.oneof(
		fc.record({
			kind: fc.constant('order' as const),
			lines: fc.subarray([0, 1, 2], { minLength: 1 }),
			supplier: fc.constant('Sodis'),
			expectedOn: fc.constant(null)
		}),
		fc.record({
			kind: fc.constant('receive' as const),
			line: fc.nat(2),
			quantity: fc.integer({ min: 1, max: 3 })
		}),
		fc.record({ kind: fc.constant('notify' as const), channel: fc.constant('email' as const) }),
		fc.record({
			kind: fc.constant('collect' as const),
			line: fc.nat(2),
			quantity: fc.integer({ min: 1, max: 3 })
		}),
		fc.record({
			kind: fc.constant('cancel' as const),
			line: fc.nat(2),
			quantity: fc.integer({ min: 1, max: 3 }),
			reason: fc.constant('annulée')
		})
	);

	it('reserved copies never exceed received ones, nor fall below zero; a refused step changes nothing', () => {
		fc.assert(
			fc.property(fc.array(stepArbitrary, { maxLength: 30 }), (steps) => {
				let order = created({ ...form, lines: [book('A', 3), book('B', 2), book('C', 1)] });
				for (const next of steps) {
					const result = applyOrderStep(order, next, at('2026-12-02'));
					if (result.ok) order = result.value;
					for (const line of order.lines) {
						expect(reservedCopies(line)).toBeGreaterThanOrEqual(0);
						expect(reservedCopies(line)).toBeLessThanOrEqual(line.received);
						expect(copiesToReceive(line)).toBeGreaterThanOrEqual(0);
						expect(line.collected + line.cancelled + line.released).toBeLessThanOrEqual(
							line.quantity
						);
					}
				}
			})
		);
	});

	it('a deposit is spent exactly once across collections, whatever the order of steps', () => {
		fc.assert(
			fc.property(
				fc.array(stepArbitrary, { maxLength: 30 }),
				fc.integer({ min: 0, max: 20_000 }),
				(steps, depositCents) => {
					let order = created({ ...form, lines: [book('A', 3), book('B', 2), book('C', 1)] });
					let left = assertCents(depositCents);
					let spent = 0;
					for (const next of steps) {
						const result = applyOrderStep(order, next, at('2026-12-02'));
						if (!result.ok) continue;
						order = result.value;
						if (next.kind === 'collect') {
							const due = assertCents(next.quantity * 2000);
							const applied = depositApplied(left, due);
							expect(applied).toBeLessThanOrEqual(due);
							left = assertCents(left - applied);
							spent += applied;
						}
					}
					// Whatever is left when the order closes is refunded or becomes a credit note.
					const settled = orderIsOpen(order) ? 0 : left;
					expect(left).toBeGreaterThanOrEqual(0);
					expect(spent + left).toBe(depositCents);
					expect(spent + settled).toBeLessThanOrEqual(depositCents);
				}
			)
		);
	});

	it('depositApplied never pays more than the deposit holds nor more than is due', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -100, max: 10_000 }),
				fc.integer({ min: -100, max: 10_000 }),
				(left, due) => {
					const applied = depositApplied(left as Cents, due as Cents);
					expect(applied).toBeGreaterThanOrEqual(0);
					expect(applied).toBeLessThanOrEqual(Math.max(0, left));
					expect(applied).toBeLessThanOrEqual(Math.max(0, due));
				}
			)
		);
	});
});

describe('the lists a bookseller works from', () => {
	const other = created({
		...form,
		lines: [
			{ ...book('Zazie', 3), publisher: '' },
			{ ...book('Alice'), publisher: 'Albin Michel' }
		]
	});
	const first = step(created(), {
		kind: 'order',
		lines: [1],
		supplier: 'Sodis',
		expectedOn: '2026-12-04'
	});

	it('lists the lines to order by publisher, A to Z, unnamed publishers together', () => {
		const groups = groupByPublisher(linesWithStatus([first, other], 'a-commander'));
		expect(groups.map((g) => [g.publisher, g.lines.map((l) => l.line.title)])).toEqual([
			['Albin Michel', ['Alice']],
			['Éditeur non renseigné', ['Zazie']],
			['Gallimard', ['Le Jardin']]
		]);
	});

	it('writes the CSV for the distributor: what is still to arrive, with the order number', () => {
		expect(TO_ORDER_CSV_HEADER).toContain('Quantité');
		expect(toOrderCsvRows(linesWithStatus([first], 'a-commander'))).toEqual([
			['9782070000001', 'Le Jardin', 'A. Auteur', 'Gallimard', '2', '27846']
		]);
	});

	it('an awaited line is late once its expected day has passed', () => {
		const line = first.lines[1]!;
		expect(isLate(line, '2026-12-04')).toBe(false);
		expect(isLate(line, '2026-12-05')).toBe(true);
		expect(isLate(first.lines[0]!, '2027-01-01')).toBe(false);
	});

	it('counts the days since the customer was told', () => {
		let order = step(first, { kind: 'receive', line: 1, quantity: 1 }, '2026-12-03');
		expect(daysSinceNotified(order.lines[1]!, '2026-12-20')).toBeNull();
		order = step(order, { kind: 'notify', channel: 'telephone' }, '2026-12-03', '11:00');
		expect(daysSinceNotified(order.lines[1]!, '2026-12-20')).toBe(17);
	});

	it('tells the customer which books wait for them, and under which number', () => {
		let order = step(first, { kind: 'receive', line: 1, quantity: 1 }, '2026-12-03');
		expect(
			arrivalMessage({ order, customerName: 'M. Vasseur', shopName: 'Les Trois Ourses' })
		).toEqual({
			subject: 'Votre commande n°\u00a027846 est arrivée',
			text: 'Bonjour M. Vasseur,\n\nVotre livre «\u00a0La Mer\u00a0» est arrivé. Il vous attend à la caisse de Les Trois Ourses, au nom de la commande n°\u00a027846.\n\nÀ bientôt,\nLes Trois Ourses'
		});
		order = step(order, { kind: 'order', lines: [0], supplier: 'Sodis', expectedOn: null });
		order = step(order, { kind: 'receive', line: 0, quantity: 2 });
		expect(
			arrivalMessage({ order, customerName: 'M. Vasseur', shopName: 'Les Trois Ourses' }).text
		).toContain('Vos livres «\u00a0Le Jardin\u00a0», «\u00a0La Mer\u00a0» sont arrivés');
	});
});
