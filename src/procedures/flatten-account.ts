/** @module Flatten the account: cancel every open order, then close every position at market (halt and safety mode). */
import type { Broker } from '../domain/ports.ts';
import { epochNow } from '../domain/time/wall-clock.ts';

export interface FlattenOptions {
  /** How long to wait for the cancels to be confirmed before closing positions. */
  readonly cancelSettleMs?: number;
  readonly pollMs?: number;
}

export interface ClosingPosition {
  readonly symbol: string;
  readonly qty: number;
}

export interface FlattenResult {
  /** Whether the market was open when the account was flattened. */
  readonly marketOpen: boolean;
  /** When the market is closed, liquidating market orders wait for this open (epoch ms). */
  readonly tsNextOpen: number;
  /** The broker's clock as the flatten began (epoch ms): its liquidating sells fill at or after it. */
  readonly tsBroker: number;
  readonly canceledOrders: number;
  readonly closing: readonly ClosingPosition[];
  /** Open orders left after the flatten: the liquidating sells (queued when the market is closed). */
  readonly liquidatingOrders: number;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Cancels all open orders, waits (bounded) until the broker shows none, then closes all positions.
 * Rejects with the broker's error when REST is unreachable before anything was sent.
 */
export async function flattenAccount(
  broker: Broker,
  options: FlattenOptions = {},
): Promise<FlattenResult> {
  const clock = await broker.getClock();
  const [orders, positions] = await Promise.all([
    broker.listOrders({ status: 'open', limit: 500 }),
    broker.listPositions(),
  ]);
  await broker.cancelAllOrders();
  // A position still reserved by a pending cancel cannot be sold ("insufficient qty available").
  const deadline = epochNow() + (options.cancelSettleMs ?? 5_000);
  while (
    (await broker.listOrders({ status: 'open', limit: 500 })).length > 0 &&
    epochNow() < deadline
  ) {
    await sleep(options.pollMs ?? 100);
  }
  if (positions.length > 0) await broker.closeAllPositions();
  const left = positions.length > 0 ? await broker.listOrders({ status: 'open', limit: 500 }) : [];
  return {
    marketOpen: clock.isOpen,
    tsNextOpen: clock.tsNextOpen,
    tsBroker: clock.tsNow,
    canceledOrders: orders.length,
    closing: positions.map((p) => ({ symbol: p.symbol, qty: p.qty })),
    liquidatingOrders: left.length,
  };
}

/** One line for a person: what was canceled and closed, and whether the sells wait for the open. */
export function describeFlatten(result: FlattenResult, nyIso: (ts: number) => string): string {
  const closing = result.closing.map((p) => `${p.symbol} ${p.qty}`).join(', ');
  const positions =
    result.closing.length === 0
      ? 'no positions to close'
      : `closing ${result.closing.length} position${result.closing.length === 1 ? '' : 's'} at market (${closing})`;
  const queued =
    result.closing.length > 0 && !result.marketOpen
      ? `; market closed: the liquidating orders are queued for the open at ${nyIso(result.tsNextOpen)}`
      : '';
  return `canceled ${result.canceledOrders} open order${result.canceledOrders === 1 ? '' : 's'}, ${positions}${queued}`;
}
