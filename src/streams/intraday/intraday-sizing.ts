/**
 * @module How many shares an intraday entry buys: the one sizing function of the daemon's intraday entries, so
 * the trade pipeline's sizing can replace it in one place. Today it is `trade`'s equal allocation for a single
 * entry (capital caps, cash buffer, max position % and $), scaled by the risk authority's drawdown scalar, in
 * whole shares (the protective OCO covers whole shares).
 */
import { allocate, wholeShares } from '../../domain/rules/allocation.ts';

export interface IntradaySizingInput {
  readonly equity: number;
  readonly buyingPower: number;
  readonly longMarketValue: number;
  /** TRADING_CAPITAL or capital.total_capital; undefined for the whole account. */
  readonly capitalCap: number | undefined;
  readonly cashBufferPct: number;
  readonly maxPositionPct: number;
  readonly maxPositionUsd: number;
  /** The risk authority's size scalar (1, or the drawdown scale while REDUCING). */
  readonly scalar: number;
  readonly price: number;
}

export type IntradaySize =
  { readonly qty: number; readonly allocation: number } | { readonly reason: string };

export function sizeIntradayEntry(i: IntradaySizingInput): IntradaySize {
  const allocation = allocate({ ...i, count: 1 }).perEntry * i.scalar;
  if (!(allocation > 0)) return { reason: 'no buying power left after the cash buffer' };
  const qty = wholeShares(allocation, i.price);
  if (qty < 1)
    return {
      reason: `allocation ${allocation.toFixed(2)} buys less than one share at ${i.price.toFixed(2)}`,
    };
  return { qty, allocation };
}
