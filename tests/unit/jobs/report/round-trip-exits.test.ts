/**
 * A closed trade as the trader sees it: the broker's sell orders (an OCO's stop or target leg, a fractional DAY
 * stop, a soft exit the daemon journaled, a halt's liquidation) walked by the fill ledger, grouped into one trade
 * per position, with its entry and exit time, holding period and exit reason.
 */
import { describe, expect, it } from 'vitest';
import { protectiveClientOrderId } from '../../../../src/domain/ids/client-order-ids.ts';
import { price, qty } from '../../../../src/domain/money.ts';
import type { OrderReport } from '../../../../src/domain/orders.ts';
import type { JournalEntry } from '../../../../src/domain/ports.ts';
import { DEFAULT_COST_MODEL } from '../../../../src/domain/rules/costs.ts';
import { walkFills } from '../../../../src/jobs/report/fill-ledger.ts';
import { toReportTrade } from '../../../../src/jobs/report/report-trades.ts';
import { roundTrips } from '../../../../src/jobs/report/round-trips.ts';
import type { ReportTrade } from '../../../../src/jobs/report/report-data.ts';

const T0 = Date.parse('2024-05-01T13:35:00Z');
const MIN = 60_000;
let n = 0;
function order(
  o: Partial<OrderReport> & Pick<OrderReport, 'side'>,
  q: number,
  p: number,
  ts: number,
): OrderReport {
  n += 1;
  return {
    kind: 'OrderReport',
    id: `o${n}`,
    clientOrderId: `c${n}`,
    symbol: 'AAPL',
    type: 'market',
    timeInForce: 'day',
    orderClass: 'simple',
    status: 'filled',
    qty: qty(q),
    notional: null,
    filledQty: qty(q),
    filledAvgPrice: price(p),
    limitPrice: null,
    stopPrice: null,
    tsCreated: ts,
    tsUpdated: ts,
    tsFilled: ts,
    legs: [],
    ...o,
  };
}
const cid = (role: 'oco' | 'stop' | 'exit' | 'fexit', q: number): string =>
  protectiveClientOrderId({ role, symbol: 'AAPL', anchor: 'entry-1', qty: q, n: 0 });
const buy = (q: number, p: number, ts = T0): OrderReport => order({ side: 'buy' }, q, p, ts);

/** An OCO of `q` shares whose stop leg filled at `p` (or whose target, the parent, filled). */
function oco(q: number, p: number, ts: number, leg: 'stop' | 'target', stop = 95): OrderReport {
  const filled = (on: boolean) =>
    on
      ? { filledQty: qty(q), filledAvgPrice: price(p), tsFilled: ts }
      : { filledQty: qty(0), filledAvgPrice: null, tsFilled: null };
  const stopLeg = order(
    {
      side: 'sell',
      type: 'stop',
      stopPrice: price(stop),
      status: leg === 'stop' ? 'filled' : 'canceled',
      ...filled(leg === 'stop'),
    },
    q,
    p,
    ts,
  );
  return order(
    {
      side: 'sell',
      type: 'limit',
      orderClass: 'oco',
      clientOrderId: cid('oco', q),
      limitPrice: price(120),
      status: leg === 'target' ? 'filled' : 'canceled',
      ...filled(leg === 'target'),
      legs: [stopLeg],
    },
    q,
    p,
    ts,
  );
}

function trades(orders: OrderReport[], journal: JournalEntry[] = []): ReportTrade[] {
  const ledger = walkFills(orders);
  return roundTrips(ledger.sales).map((s) =>
    toReportTrade(
      s,
      journal,
      DEFAULT_COST_MODEL,
      ledger.open.get('AAPL')?.tsOpened === s[0]?.tsOpened,
    ),
  );
}

describe('closed trades: one per position, with its exit reason', () => {
  it('reports the whole-share OCO and the fractional DAY stop that sold together as ONE stop-out', () => {
    const dayStop = order(
      { side: 'sell', type: 'stop', stopPrice: price(95), clientOrderId: cid('stop', 0.5) },
      0.5,
      94.9,
      T0 + 90 * MIN + 1,
    );
    const [t, ...rest] = trades([buy(10.5, 100), oco(10, 95, T0 + 90 * MIN, 'stop'), dayStop]);
    expect(rest).toEqual([]);
    expect(t).toMatchObject({
      qty: 10.5,
      entryPrice: 100,
      exitReason: 'stop',
      legs: 2,
      partial: false,
      entryAt: '2024-05-01T09:35:00-04:00',
      holdingMs: 90 * MIN + 1,
    });
    expect(t?.exitPrice).toBeCloseTo((10 * 95 + 0.5 * 94.9) / 10.5, 9);
    expect(t?.realizedPl).toBe(-52.55);
    expect(t?.legOrderIds).toHaveLength(2);
  });

  it('tells the OCO target leg from its stop leg, and a raised stop (break-even, trailing) from the hard stop', () => {
    expect(trades([buy(10, 100), oco(10, 120, T0 + MIN, 'target')])[0]?.exitReason).toBe('target');
    expect(trades([buy(10, 100), oco(10, 100.1, T0 + MIN, 'stop', 100.1)])[0]?.exitReason).toBe(
      'break_even',
    );
    expect(trades([buy(10, 100), oco(10, 104, T0 + MIN, 'stop', 104)])[0]?.exitReason).toBe(
      'trailing',
    );
  });

  it("takes a soft exit's rule from the journal: time, trailing, break-even, or a strategy's own exit", () => {
    const rules: Array<[string, ReportTrade['exitReason'], string]> = [
      ['time_stop', 'time', 'time_stop'],
      ['trailing', 'trailing', 'trailing'],
      ['break_even', 'break_even', 'break_even'],
      ['rsi_above_50', 'strategy', 'rsi_above_50'],
    ];
    for (const [rule, reason, detail] of rules) {
      const sale = order(
        { side: 'sell', clientOrderId: `${cid('exit', 10)}${rule}`.slice(0, 48) },
        10,
        101,
        T0 + MIN,
      );
      const journal: JournalEntry[] = [
        {
          ts: T0 + MIN,
          actor: 'stream',
          action: 'exit_submitted',
          reason: 'r',
          symbol: 'AAPL',
          clientOrderId: sale.clientOrderId,
          data: { qty: 10, rule },
        },
      ];
      expect(trades([buy(10, 100), sale], journal)[0]).toMatchObject({
        exitReason: reason,
        exitDetail: detail,
      });
    }
  });

  it("names a halt's liquidation, and a sale nobody journaled as manual", () => {
    const halted = order({ side: 'sell' }, 10, 99, T0 + 5 * MIN);
    const journal: JournalEntry[] = [
      {
        ts: T0 + 4 * MIN,
        actor: 'halt',
        action: 'halt_flatten',
        reason: 'r',
        data: { closing: [{ symbol: 'AAPL', qty: 10 }] },
      },
    ];
    expect(trades([buy(10, 100), halted], journal)[0]).toMatchObject({
      exitReason: 'halt',
      exitDetail: 'halt',
    });
    expect(
      trades([buy(10, 100), order({ side: 'sell' }, 10, 99, T0 + 5 * MIN)])[0]?.exitReason,
    ).toBe('manual');
  });

  it('keeps a fraction sold at its target as a partial trade until the rest is sold, then as one trade', () => {
    const fx = order(
      { side: 'sell', type: 'limit', clientOrderId: cid('fexit', 0.5) },
      0.5,
      120,
      T0 + MIN,
    );
    expect(trades([buy(10.5, 100), fx])[0]).toMatchObject({
      qty: 0.5,
      exitReason: 'target',
      partial: true,
    });
    const both = trades([buy(10.5, 100), fx, oco(10, 120, T0 + 2 * MIN, 'target')]);
    expect(both).toHaveLength(1);
    expect(both[0]).toMatchObject({
      qty: 10.5,
      exitReason: 'target',
      legs: 2,
      partial: false,
      holdingMs: 2 * MIN,
    });
  });

  it('keeps two positions of one symbol, opened apart, as two trades', () => {
    const t = trades([
      buy(5, 100),
      oco(5, 120, T0 + MIN, 'target'),
      buy(5, 110, T0 + 2 * MIN),
      oco(5, 95, T0 + 3 * MIN, 'stop'),
    ]);
    expect(t.map((x) => [x.exitReason, x.entryPrice])).toEqual([
      ['target', 100],
      ['stop', 110],
    ]);
  });
});
