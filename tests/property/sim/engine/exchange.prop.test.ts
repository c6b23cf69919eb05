/**
 * Model-based property test of the exchange (fast-check `fc.commands`): random sequences of submissions
 * (market, limit, stop, oco; buy and sell; whole and fractional), cancels, replaces, prints, clock moves
 * and position closes. Invariants checked after every step:
 * - cash changes only by fills: cash = start cash - sum(buy price x qty) + sum(sell price x qty) of fill events;
 * - position qty per symbol = signed sum of the fill events' qty, and each fill's position_qty agrees;
 * - shares reserved by open sells (oco/bracket exits once) = qty - qty_available, within [0, position qty];
 * - no fill event for an order after it reached a terminal state; filled_qty never exceeds qty;
 * - equity = cash + sum(qty x last trade price).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Exchange, SimOrder, SimOrderRequest } from '../../../../src/sim/contracts.ts';
import { SimRejection } from '../../../../src/sim/contracts.ts';
import { createExchange } from '../../../../src/sim/engine/exchange.ts';
import { et } from '../../../support/exchange-harness.ts';
import type { FakeMarket } from '../../../support/fake-market.ts';
import { createFakeMarket } from '../../../support/fake-market.ts';

const START_CASH = 50_000;
const SYMBOLS = ['AAPL', 'BRK.A'] as const;
const TERMINAL = new Set(['filled', 'canceled', 'expired', 'replaced', 'rejected']);

interface Model {
  cash: number;
  readonly positions: Map<string, number>;
  readonly terminal: Set<string>;
  readonly violations: string[];
}
interface Real {
  readonly ex: Exchange;
  readonly market: FakeMarket;
}

const close = (a: number, b: number, what: string): void => {
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(b)));
};

/** Shares the open sells hold, recomputed from the order list: exits of one advanced order count once. */
function reservedFromOrders(orders: readonly SimOrder[], symbol: string): number {
  const perGroup = new Map<string, number>();
  let total = 0;
  for (const o of orders) {
    if (o.symbol !== symbol || o.side !== 'sell' || TERMINAL.has(o.status) || o.status === 'held')
      continue;
    const remaining = (o.qty ?? o.filled_qty) - o.filled_qty;
    if (o.order_class === 'oco' || o.order_class === 'bracket') {
      const key = o.order_class === 'oco' ? (o.parent_id ?? o.id) : (o.parent_id ?? o.id);
      perGroup.set(key, Math.max(perGroup.get(key) ?? 0, remaining));
    } else {
      total += remaining;
    }
  }
  for (const v of perGroup.values()) total += v;
  return total;
}

function checkInvariants(model: Model, real: Real): void {
  const { ex } = real;
  expect(model.violations).toEqual([]);
  const account = ex.account();
  close(account.cash, model.cash, 'cash');
  let lmv = 0;
  const orders = ex.allOrders();
  for (const symbol of SYMBOLS) {
    const pos = ex.position(symbol);
    close(pos?.qty ?? 0, model.positions.get(symbol) ?? 0, `${symbol} position`);
    if (!pos) continue;
    const reserved = pos.qty - pos.qty_available;
    expect(reserved).toBeGreaterThanOrEqual(-1e-9);
    expect(reserved).toBeLessThanOrEqual(pos.qty + 1e-9);
    close(reserved, reservedFromOrders(orders, symbol), `${symbol} reserved`);
    lmv += pos.qty * ex.lastTrade(symbol).price;
  }
  close(account.equity, account.cash + lmv, 'equity');
  for (const o of orders)
    if (o.qty !== null) expect(o.filled_qty).toBeLessThanOrEqual(o.qty + 1e-9);
}

function attempt(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof SimRejection)) throw e;
  }
}

type Cmd = fc.Command<Model, Real>;
const command = (label: string, act: (real: Real) => void): Cmd => ({
  check: () => true,
  run(model, real) {
    attempt(() => {
      act(real);
    });
    checkInvariants(model, real);
  },
  toString: () => label,
});

const symbolArb = fc.constantFrom(...SYMBOLS);
const sideArb = fc.constantFrom<'buy' | 'sell'>('buy', 'sell');
const qtyArb = fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constantFrom(0.5, 1.25, 2.75));
const offsetArb = fc.integer({ min: -5, max: 5 });

const submit = (real: Real, req: SimOrderRequest): void => {
  real.ex.submitOrder(req);
};
const last = (real: Real, symbol: string): number => real.ex.lastTrade(symbol).price;
const pct = (real: Real, symbol: string, offset: number): number =>
  Math.round(last(real, symbol) * (100 + offset)) / 100;
const openOrders = (real: Real): SimOrder[] =>
  real.ex.allOrders().filter((o) => !TERMINAL.has(o.status));

const buyArb = fc.tuple(symbolArb, qtyArb).map(([symbol, qty]) =>
  command(`market buy ${qty} ${symbol}`, (r) => {
    submit(r, { symbol, side: 'buy', qty, type: 'market', time_in_force: 'day' });
  }),
);

const commands: Array<fc.Arbitrary<Cmd>> = [
  // Buys are listed twice: positions are what most other commands need.
  buyArb,
  buyArb,
  fc.tuple(symbolArb, sideArb, qtyArb).map(([symbol, side, qty]) =>
    command(`market ${side} ${qty} ${symbol}`, (r) => {
      submit(r, { symbol, side, qty, type: 'market', time_in_force: 'day' });
    }),
  ),
  fc
    .tuple(
      symbolArb,
      sideArb,
      qtyArb,
      offsetArb,
      fc.constantFrom<'day' | 'gtc' | 'ioc'>('day', 'gtc', 'ioc'),
    )
    .map(([symbol, side, qty, offset, tif]) =>
      command(`limit ${side} ${qty} ${symbol} ${offset}% ${tif}`, (r) => {
        submit(r, {
          symbol,
          side,
          qty,
          type: 'limit',
          limit_price: pct(r, symbol, offset),
          time_in_force: tif,
        });
      }),
    ),
  fc
    .tuple(symbolArb, sideArb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 5 }))
    .map(([symbol, side, qty, offset]) =>
      command(`stop ${side} ${qty} ${symbol}`, (r) => {
        const stop = pct(r, symbol, side === 'sell' ? -offset : offset);
        submit(r, { symbol, side, qty, type: 'stop', stop_price: stop, time_in_force: 'gtc' });
      }),
    ),
  fc
    .tuple(
      symbolArb,
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 5 }),
    )
    .map(([symbol, qty, up, down]) =>
      command(`oco ${qty} ${symbol} +${up}% -${down}%`, (r) => {
        submit(r, {
          symbol,
          side: 'sell',
          qty,
          type: 'limit',
          time_in_force: 'gtc',
          order_class: 'oco',
          take_profit: { limit_price: pct(r, symbol, up) },
          stop_loss: { stop_price: pct(r, symbol, -down) },
        });
      }),
    ),
  fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 4 })).map(([qty, parts]) =>
    command(`bracket ${qty} in ${parts} parts`, (r) => {
      r.ex.injectPartialFills(parts);
      submit(r, {
        symbol: 'AAPL',
        side: 'buy',
        qty,
        type: 'market',
        time_in_force: 'gtc',
        order_class: 'bracket',
        take_profit: { limit_price: pct(r, 'AAPL', 3) },
        stop_loss: { stop_price: pct(r, 'AAPL', -3) },
      });
    }),
  ),
  fc.nat().map((i) =>
    command(`cancel #${i}`, (r) => {
      const open = openOrders(r);
      const o = open[i % Math.max(1, open.length)];
      if (o) r.ex.cancelOrder(o.id);
    }),
  ),
  fc.tuple(fc.nat(), offsetArb).map(([i, offset]) =>
    command(`replace #${i} ${offset}%`, (r) => {
      const open = openOrders(r).filter((o) => o.type === 'limit');
      const o = open[i % Math.max(1, open.length)];
      if (o) r.ex.replaceOrder(o.id, { limit_price: pct(r, o.symbol, offset) });
    }),
  ),
  fc.tuple(symbolArb, fc.integer({ min: -60, max: 60 })).map(([symbol, bp]) =>
    command(`print ${symbol} ${bp}bp`, (r) => {
      r.ex.printTrade(
        symbol,
        Math.max(1, Math.round(last(r, symbol) * (10_000 + bp * 10)) / 10_000),
        100,
      );
    }),
  ),
  fc.tuple(fc.integer({ min: 60_000, max: 26 * 3_600_000 }), fc.boolean()).map(([ms, quiet]) =>
    command(`advance ${ms}ms${quiet ? ' quiet' : ''}`, (r) => {
      r.ex.advanceTo(r.ex.now() + ms, { quiet });
    }),
  ),
  fc
    .tuple(symbolArb, fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }))
    .map(([symbol, percentage]) =>
      command(`close ${symbol} ${percentage ?? 'all'}`, (r) => {
        r.ex.closePosition(symbol, percentage === undefined ? {} : { percentage });
      }),
    ),
];

function setup(seed: number, partialFillRate: number): () => { model: Model; real: Real } {
  return () => {
    const market = createFakeMarket({
      symbols: [
        { symbol: 'AAPL', price: 100 },
        { symbol: 'BRK.A', price: 600, fractionable: false },
      ],
    });
    const ex = createExchange({
      market,
      cash: START_CASH,
      startTs: et('2024-05-01', '10:00'),
      seed,
      spreadBps: 10,
      partialFillRate,
    });
    const model: Model = {
      cash: START_CASH,
      positions: new Map(),
      terminal: new Set(),
      violations: [],
    };
    ex.onTradeUpdate((u) => {
      const id = u.order.id;
      if (u.event === 'fill' || u.event === 'partial_fill') {
        if (model.terminal.has(id)) model.violations.push(`${u.event} after terminal for ${id}`);
        const price = u.price ?? NaN;
        const qty = u.qty ?? NaN;
        const sign = u.order.side === 'buy' ? 1 : -1;
        model.cash -= sign * price * qty;
        const pos =
          Math.round(((model.positions.get(u.order.symbol) ?? 0) + sign * qty) * 1e9) / 1e9;
        model.positions.set(u.order.symbol, pos);
        if (Math.abs(pos - (u.position_qty ?? NaN)) > 1e-9)
          model.violations.push(`position_qty ${u.position_qty} != ${pos}`);
      }
      if (TERMINAL.has(u.order.status)) model.terminal.add(id);
    });
    return { model, real: { ex, market } };
  };
}

describe('exchange bookkeeping (model-based)', () => {
  it('holds its invariants over random order, print and clock sequences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(0, 0.3, 1),
        fc.commands(commands, { maxCommands: 50, size: '+1' }),
        (seed, rate, cmds) => {
          fc.modelRun(setup(seed, rate), cmds);
        },
      ),
      { numRuns: 150 },
    );
  });
});
