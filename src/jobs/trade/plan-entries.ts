/**
 * @module The trader's plan, pure: which ranked signals become entries (skips: disabled strategy, already
 * held, open orders on the symbol, duplicate, stale, no free slot) and how each entry is sized.
 */
import type { LatestPrice } from '../../domain/account.ts';
import {
  allocate,
  wholeShares,
  type Allocation,
  type AllocationInput,
} from '../../domain/rules/allocation.ts';
import { entryClientOrderId } from '../../domain/ids/client-order-ids.ts';
import { daysBetween } from '../../domain/time/ny-dates.ts';
import { usd } from '../format/text-table.ts';
import type { RankedSignal } from '../rank/rank-signals.ts';

export interface SelectInput {
  readonly day: string;
  readonly signals: readonly RankedSignal[];
  readonly heldSymbols: ReadonlySet<string>;
  readonly openOrderSymbols: ReadonlySet<string>;
  readonly disabledStrategies: ReadonlySet<string>;
  readonly maxPositions: number;
  readonly maxSignalAgeDays: number;
}

export interface Skip {
  readonly kind: 'skip';
  readonly signal: RankedSignal;
  readonly reason: string;
}

export interface Selection {
  readonly candidates: readonly RankedSignal[];
  readonly skipped: readonly Skip[];
  readonly freeSlots: number;
}

/** Walks the signals in rank order; the first rule that applies explains each skip. */
export function selectCandidates(i: SelectInput): Selection {
  const freeSlots = Math.max(0, i.maxPositions - i.heldSymbols.size);
  const candidates: RankedSignal[] = [];
  const skipped: Skip[] = [];
  const seen = new Set<string>();
  for (const s of [...i.signals].sort((a, b) => a.rank - b.rank)) {
    const age = daysBetween(s.signalDate, i.day);
    const reason = i.disabledStrategies.has(s.strategy)
      ? `strategy ${s.strategy} is disabled`
      : i.heldSymbols.has(s.ticker)
        ? 'already held'
        : i.openOrderSymbols.has(s.ticker)
          ? 'open orders on the symbol (wash-trade rule)'
          : seen.has(s.ticker)
            ? 'ticker already planned at a better rank'
            : age > i.maxSignalAgeDays || age < 0
              ? `signal of ${s.signalDate} is stale for ${i.day}`
              : candidates.length >= freeSlots
                ? `no free position slot (max_positions ${i.maxPositions}, held ${i.heldSymbols.size})`
                : undefined;
    if (reason === undefined) {
      candidates.push(s);
      seen.add(s.ticker);
    } else skipped.push({ kind: 'skip', signal: s, reason });
  }
  return { candidates, skipped, freeSlots };
}

export interface AssetFacts {
  readonly tradable: boolean;
  readonly fractionable: boolean;
}

export interface Entry {
  readonly kind: 'buy';
  readonly signal: RankedSignal;
  /** The New York trading day the entry is for. */
  readonly day: string;
  readonly clientOrderId: string;
  readonly allocation: number;
  /** Latest ask, else last trade; null when the broker has neither. */
  readonly price: number | null;
  readonly fractionable: boolean;
  /** Set for fractionable assets: dollars to buy. */
  readonly notional?: number;
  /** Set for whole-share entries: floor(allocation / price). */
  readonly qty?: number;
  /** Set when a breaker scaled the entry: which, and by how much. */
  readonly riskNote?: string;
}

export interface Reject {
  readonly kind: 'reject';
  readonly signal: RankedSignal;
  readonly reason: string;
}

export type PlanItem = Entry | Reject | Skip;

export interface SizeInput {
  readonly day: string;
  readonly candidates: readonly RankedSignal[];
  readonly account: Omit<AllocationInput, 'count'>;
  /** undefined: the broker does not know the symbol. */
  readonly assets: ReadonlyMap<string, AssetFacts | undefined>;
  readonly prices: ReadonlyMap<string, LatestPrice>;
}

/** Alpaca's smallest notional order. */
export const MIN_NOTIONAL = 1;

export const entryPrice = (p: LatestPrice | undefined): number | null =>
  p?.ask != null && p.ask > 0 ? p.ask : p?.last != null && p.last > 0 ? p.last : null;

/** Sizes one whole-share entry; the reason when the allocation buys less than one share. */
export function sizeWhole(
  allocation: number,
  price: number | null,
): { qty: number } | { reason: string } {
  if (price === null) return { reason: 'no price: the broker has neither an ask nor a last trade' };
  const qty = wholeShares(allocation, price);
  if (qty < 1)
    return {
      reason: `allocation ${usd(allocation)} buys less than one whole share at ${usd(price)}`,
    };
  return { qty };
}

export function sizeEntries(i: SizeInput): { allocation: Allocation; items: PlanItem[] } {
  const allocation = allocate({ ...i.account, count: i.candidates.length });
  const items = i.candidates.map((signal): PlanItem => {
    const asset = i.assets.get(signal.ticker);
    const price = entryPrice(i.prices.get(signal.ticker));
    const base = { signal, day: i.day, allocation: allocation.perEntry, price };
    if (asset === undefined)
      return {
        kind: 'reject',
        signal,
        reason: 'unknown asset: the broker does not list this symbol',
      };
    if (!asset.tradable) return { kind: 'reject', signal, reason: 'asset is not tradable' };
    if (allocation.pool <= 0)
      return { kind: 'reject', signal, reason: 'no buying power left after the cash buffer' };
    const clientOrderId = entryClientOrderId({
      day: i.day,
      ticker: signal.ticker,
      strategy: signal.strategy,
    });
    if (asset.fractionable) {
      if (allocation.perEntry < MIN_NOTIONAL)
        return {
          kind: 'reject',
          signal,
          reason: `allocation ${usd(allocation.perEntry)} is below the $1.00 notional minimum`,
        };
      return {
        kind: 'buy',
        ...base,
        clientOrderId,
        fractionable: true,
        notional: allocation.perEntry,
      };
    }
    const whole = sizeWhole(allocation.perEntry, price);
    if ('reason' in whole) return { kind: 'reject', signal, reason: whole.reason };
    return { kind: 'buy', ...base, clientOrderId, fractionable: false, qty: whole.qty };
  });
  return { allocation, items };
}
