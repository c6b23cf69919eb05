/** Splits and dividends applied by the exchange at the open: positions, orders, cash, prices, activities. */
import { describe, expect, it } from 'vitest';
import type { SimCorporateAction } from '../../../../src/sim/contracts.ts';
import { createHarness, et, OCO_EXIT } from '../../../support/exchange-harness.ts';

const action = (
  a: Partial<SimCorporateAction> & Pick<SimCorporateAction, 'kind' | 'exDate'>,
): SimCorporateAction => ({
  id: `ca-${a.kind}-${a.exDate}`,
  symbol: 'AAPL',
  declarationDate: '2024-04-15',
  recordDate: a.exDate,
  payableDate: a.exDate,
  ratio: 1,
  cash: 0,
  previousClose: 100,
  ...a,
});

describe('a split at the open of its ex-date', () => {
  const split = action({
    kind: 'split',
    exDate: '2024-05-02',
    payableDate: '2024-05-01',
    ratio: 4,
  });

  it("multiplies the shares, divides the average price, restates prices and cancels the symbol's open orders", () => {
    const h = createHarness({ market: { corporateActions: [split] } });
    h.submit({ qty: 10 });
    const exit = h.submit(OCO_EXIT);
    h.ex.printTrade('AAPL', 100, 1);
    h.ex.advanceTo(et('2024-05-02', '09:31'), { quiet: true });
    // The market's own history is per new share from the ex-date.
    h.market.setPrice('AAPL', 25);
    expect(h.ex.position('AAPL')).toMatchObject({
      qty: 40,
      avg_entry_price: 25,
      cost_basis: 1000,
      lastday_price: 25,
    });
    expect(h.eventsOf(exit.id)).toEqual(['new', 'canceled']);
    expect(h.ex.getOrder(exit.legs[0]?.id ?? '')?.status).toBe('canceled');
    expect(h.ex.activities().filter((a) => a.kind === 'split')).toEqual([
      expect.objectContaining({
        kind: 'split',
        symbol: 'AAPL',
        qty: 40,
        ratio: 4,
        date: '2024-05-02',
        ts: et('2024-05-02', '09:30'),
      }),
    ]);
  });

  it('leaves an account without the symbol alone', () => {
    const h = createHarness({ market: { corporateActions: [split] } });
    h.ex.advanceTo(et('2024-05-02', '10:00'), { quiet: true });
    expect(h.ex.activities()).toEqual([]);
  });
});

describe('a dividend', () => {
  const dividend = action({
    kind: 'dividend',
    exDate: '2024-05-02',
    payableDate: '2024-05-06',
    cash: 0.24,
  });

  it("is earned by the shares held at the close before its ex-date and paid at its payable date's open", () => {
    const h = createHarness({ market: { corporateActions: [dividend] } });
    h.submit({ qty: 10 });
    const cash = h.ex.account().cash;
    h.ex.advanceTo(et('2024-05-03', '12:00'), { quiet: true });
    h.submit({ side: 'sell', qty: 10 });
    expect(h.ex.account().cash).toBeCloseTo(cash + 1000, 6);
    h.ex.advanceTo(et('2024-05-06', '09:31'), { quiet: true });
    expect(h.ex.account().cash).toBeCloseTo(cash + 1000 + 2.4, 6);
    expect(h.ex.activities().at(-1)).toMatchObject({
      kind: 'dividend',
      symbol: 'AAPL',
      qty: 10,
      perShare: 0.24,
      netAmount: 2.4,
      date: '2024-05-06',
    });
  });

  it('is not earned by shares bought on the ex-date', () => {
    const h = createHarness({ market: { corporateActions: [dividend] } });
    h.ex.advanceTo(et('2024-05-02', '10:00'), { quiet: true });
    h.submit({ qty: 10 });
    h.ex.advanceTo(et('2024-05-07', '10:00'), { quiet: true });
    expect(h.ex.activities().map((a) => a.kind)).toEqual(['fill']);
  });
});

describe('fill activities', () => {
  it('record every execution with cumulative and leaves quantities and the order status after it', () => {
    const h = createHarness();
    h.ex.injectPartialFills(2);
    const o = h.submit({ qty: 10 });
    const fills = h.ex.activities();
    expect(fills).toEqual([
      expect.objectContaining({
        kind: 'fill',
        orderId: o.id,
        qty: 5,
        cumQty: 5,
        leavesQty: 5,
        orderStatus: 'partially_filled',
        type: 'partial_fill',
        side: 'buy',
        price: 100,
      }),
      expect.objectContaining({
        kind: 'fill',
        orderId: o.id,
        qty: 5,
        cumQty: 10,
        leavesQty: 0,
        orderStatus: 'filled',
        type: 'fill',
      }),
    ]);
    const executionIds = h.updates
      .filter((u) => u.execution_id !== undefined)
      .map((u) => u.execution_id);
    expect(fills.map((f) => f.id.split('::')[1])).toEqual(executionIds);
    expect(fills[0]?.id).toMatch(/^20240501140000000::/);
  });
});
