/** Domain fixtures for the daemon's unit and property tests (Nautilus test_kit style): `stubs.fill({...})`. */
import type { ClockReport, PositionReport } from '../../src/domain/account.ts';
import type {
  DaemonInput,
  Envelope,
  Snapshot,
  Submit,
  SubmitAcked,
} from '../../src/domain/holdings/daemon-inputs.ts';
import type { TradeUpdate, TradeUpdateName } from '../../src/domain/events.ts';
import { DEFAULT_EXIT_RULES } from '../../src/config/exit-rules-config.ts';
import {
  emptyHoldings,
  type HoldingsOptions,
  type HoldingsState,
} from '../../src/domain/holdings/draft.ts';
import { reduceHoldings, type HoldingsStep } from '../../src/domain/holdings/reducer.ts';
import { price, qty } from '../../src/domain/money.ts';
import type { OrderReport } from '../../src/domain/orders.ts';

export const T0 = Date.parse('2024-05-01T13:31:00Z');

export const OPTIONS: HoldingsOptions = {
  rules: DEFAULT_EXIT_RULES,
  protect: 'all',
  ownPrefix: 'sl-entry-',
  exitRetryMs: 60_000,
  retryBaseMs: 2_000,
  retryMaxMs: 60_000,
  unknownTimeoutMs: 5_000,
};

/** The session open from 13:30Z to 20:00Z on 2024-05-01. */
export const OPEN_CLOCK: ClockReport = {
  kind: 'ClockReport',
  tsNow: T0,
  isOpen: true,
  tsNextOpen: Date.parse('2024-05-02T13:30:00Z'),
  tsNextClose: Date.parse('2024-05-01T20:00:00Z'),
};

export function order(fields: Partial<OrderReport> = {}): OrderReport {
  return {
    kind: 'OrderReport',
    id: 'o-1',
    clientOrderId: 'c-1',
    symbol: 'AAPL',
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    orderClass: 'simple',
    status: 'filled',
    qty: qty(10),
    notional: null,
    filledQty: qty(10),
    filledAvgPrice: price(100),
    limitPrice: null,
    stopPrice: null,
    tsCreated: T0,
    tsUpdated: T0,
    tsFilled: T0,
    legs: [],
    ...fields,
  };
}

export interface FillFields {
  readonly symbol?: string;
  readonly orderId?: string;
  readonly clientOrderId?: string;
  readonly side?: 'buy' | 'sell';
  readonly qty: number;
  readonly price: number;
  readonly positionQty: number;
  /** Cumulative of the order after this execution; default = qty (one execution). */
  readonly filledQty?: number;
  readonly orderQty?: number;
  readonly avg?: number;
  readonly executionId?: string;
  readonly tsEvent?: number;
  readonly tsReceived?: number;
}

export function fill(f: FillFields): TradeUpdate {
  const filledQty = f.filledQty ?? f.qty;
  const orderQty = f.orderQty ?? filledQty;
  const event: TradeUpdateName = filledQty < orderQty ? 'partial_fill' : 'fill';
  return {
    kind: 'TradeUpdate',
    event,
    order: order({
      id: f.orderId ?? 'o-1',
      clientOrderId: f.clientOrderId ?? 'c-1',
      symbol: f.symbol ?? 'AAPL',
      side: f.side ?? 'buy',
      qty: qty(orderQty),
      filledQty: qty(filledQty),
      filledAvgPrice: price(f.avg ?? f.price),
      status: event === 'fill' ? 'filled' : 'partially_filled',
    }),
    tsEvent: f.tsEvent ?? T0,
    price: price(f.price),
    qty: qty(f.qty),
    positionQty: qty(f.positionQty),
    executionId: f.executionId ?? `x-${f.orderId ?? 'o-1'}-${filledQty}`,
    tsReceived: f.tsReceived ?? 1_000,
  };
}

/** A trade update without an execution (new, canceled, expired, ...). */
export function update(event: TradeUpdateName, o: OrderReport, tsEvent = T0): TradeUpdate {
  return {
    kind: 'TradeUpdate',
    event,
    order: o,
    tsEvent,
    price: null,
    qty: null,
    positionQty: null,
    executionId: null,
    tsReceived: 1_000,
  };
}

export function position(symbol: string, q: number, avg: number): PositionReport {
  return {
    kind: 'PositionReport',
    symbol,
    qty: qty(q),
    qtyAvailable: qty(q),
    avgEntryPrice: price(avg),
    currentPrice: price(avg),
    marketValue: q * avg,
    costBasis: q * avg,
    unrealizedPl: 0,
    unrealizedPlpc: 0,
    lastdayPrice: price(avg),
  };
}

export function snapshot(
  positions: PositionReport[],
  openOrders: OrderReport[] = [],
  tsRequested = T0,
  recentOrders: OrderReport[] = [],
): Snapshot {
  return { kind: 'Snapshot', positions, openOrders, recentOrders, tsRequested };
}

export const env = (input: DaemonInput, now = T0, halted = false): Envelope => ({
  input,
  now,
  halted,
});

/** A synced state with the session open: what the daemon has after its clock sync and first audit. */
export function syncedState(options: HoldingsOptions = OPTIONS): HoldingsState {
  const s1 = reduceHoldings(
    emptyHoldings(),
    env({ kind: 'ClockSynced', report: OPEN_CLOCK }),
    options,
  ).state;
  return reduceHoldings(s1, env(snapshot([])), options).state;
}

/** Folds inputs one after the other, returning every step. */
export function run(
  state: HoldingsState,
  inputs: readonly (DaemonInput | Envelope)[],
  options: HoldingsOptions = OPTIONS,
): HoldingsStep[] {
  const steps: HoldingsStep[] = [];
  let s = state;
  for (const i of inputs) {
    const step = reduceHoldings(s, 'input' in i ? i : env(i), options);
    steps.push(step);
    s = step.state;
  }
  return steps;
}

/** The broker's report of a submitted order (an OCO with its stop leg), as acknowledged. */
export function acked(c: Submit, id: string): OrderReport {
  const o = c.order;
  const legs =
    o.orderClass === 'oco'
      ? [
          order({
            id: `${id}-leg`,
            clientOrderId: `${id}-leg`,
            side: 'sell',
            type: 'stop',
            status: 'new',
            qty: o.qty ?? qty(0),
            filledQty: qty(0),
            stopPrice: o.stopLoss?.stopPrice ?? null,
            symbol: o.symbol,
          }),
        ]
      : [];
  return order({
    id,
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: 'sell',
    type: o.type,
    timeInForce: o.timeInForce,
    orderClass: o.orderClass ?? 'simple',
    status: 'new',
    qty: o.qty ?? qty(0),
    filledQty: qty(0),
    filledAvgPrice: null,
    limitPrice: o.limitPrice ?? null,
    stopPrice: o.stopPrice ?? null,
    legs,
  });
}

export const ack = (c: Submit, id: string, tsSent = 1_000.5, tsAck = 1_004): SubmitAcked => ({
  kind: 'SubmitAcked',
  command: c,
  report: acked(c, id),
  tsSent,
  tsAck,
  adopted: false,
});

/** The same order, canceled (legs too). */
export const canceled = (r: OrderReport): OrderReport => ({
  ...r,
  status: 'canceled',
  legs: r.legs.map((l) => ({ ...l, status: 'canceled' as const })),
});
