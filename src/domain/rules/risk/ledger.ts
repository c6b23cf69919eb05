/**
 * @module The local ledger, pure: cash and shares moved by every fill the daemon receives, with each position's
 * average cost and the strategy that opened it, so a sale closes a trade whose P/L (net of the commission per
 * share on both sides) feeds the strategy breakers.
 */
import type { ClosedTrade } from './strategy-breakers.ts';

export interface Lot {
  readonly qty: number;
  readonly avgCost: number;
  /** The strategy whose entry opened it; null for a position strikeline did not open. */
  readonly strategy: string | null;
}

export interface Ledger {
  readonly cash: number;
  readonly lots: Readonly<Record<string, Lot>>;
}

export interface LedgerFill {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly price: number;
  readonly qty: number;
  readonly ts: number;
  /** For a buy: the strategy of its entry intent, if strikeline sent it. */
  readonly strategy: string | null;
}

const EPS = 5e-10;

export function applyFill(
  l: Ledger,
  f: LedgerFill,
  commissionPerShare: number,
): { ledger: Ledger; closed: ClosedTrade | null } {
  const lot = l.lots[f.symbol] ?? { qty: 0, avgCost: 0, strategy: null };
  const signed = f.side === 'buy' ? f.qty : -f.qty;
  const qty = lot.qty + signed;
  const cash = l.cash - signed * f.price;
  const rest = Object.fromEntries(Object.entries(l.lots).filter(([s]) => s !== f.symbol));
  if (f.side === 'buy') {
    const avgCost = qty > EPS ? (lot.avgCost * lot.qty + f.price * f.qty) / qty : 0;
    return {
      ledger: {
        cash,
        lots: {
          ...rest,
          [f.symbol]: { qty, avgCost, strategy: lot.qty > EPS ? lot.strategy : f.strategy },
        },
      },
      closed: null,
    };
  }
  const sold = Math.min(f.qty, Math.max(0, lot.qty));
  const closed: ClosedTrade | null =
    lot.strategy === null || sold <= EPS
      ? null
      : {
          strategy: lot.strategy,
          symbol: f.symbol,
          tsClosed: f.ts,
          pnl: (f.price - lot.avgCost) * sold - 2 * commissionPerShare * sold,
        };
  const lots = Math.abs(qty) <= EPS ? rest : { ...rest, [f.symbol]: { ...lot, qty } };
  return { ledger: { cash, lots }, closed };
}

/** Shares per symbol, for the reconciliation gate. */
export const positionsOf = (l: Ledger): Record<string, number> =>
  Object.fromEntries(Object.entries(l.lots).map(([s, lot]) => [s, lot.qty]));
