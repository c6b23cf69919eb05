/** @module The pipeline's raw stage, pure: what keeps a signal from being a candidate at all today. */
import { daysBetween } from '../../../domain/time/ny-dates.ts';
import type { LatestPrice } from '../../../domain/account.ts';
import { entryPrice, type AssetFacts } from '../plan-entries.ts';
import type { RankedSignal } from '../../rank/rank-signals.ts';
import type { SignalSource } from './pipeline-candidate.ts';

export interface RawFacts {
  readonly day: string;
  readonly heldSymbols: ReadonlySet<string>;
  readonly openOrderSymbols: ReadonlySet<string>;
  readonly disabledStrategies: ReadonlySet<string>;
  readonly maxSignalAgeDays: number;
  /** undefined: the broker does not know the symbol. */
  readonly assets: ReadonlyMap<string, AssetFacts | undefined>;
  readonly prices: ReadonlyMap<string, LatestPrice>;
}

export interface RawBlock {
  readonly code: string;
  readonly reason: string;
  readonly sizingReject?: boolean;
}

/** The first rule that applies, or undefined; `seen` holds the tickers already taken at a better rank. */
export function rawBlock(
  s: RankedSignal,
  source: SignalSource,
  f: RawFacts,
  seen: ReadonlySet<string>,
): RawBlock | undefined {
  const age = daysBetween(s.signalDate, f.day);
  if (f.disabledStrategies.has(s.strategy))
    return { code: 'strategy_disabled', reason: `strategy ${s.strategy} is disabled` };
  if (f.heldSymbols.has(s.ticker)) return { code: 'already_held', reason: 'already held' };
  if (f.openOrderSymbols.has(s.ticker))
    return { code: 'open_orders', reason: 'open orders on the symbol (wash-trade rule)' };
  if (seen.has(s.ticker))
    return { code: 'duplicate', reason: 'ticker already planned at a better rank' };
  // A pending signal's age is its decay window's business, not the ranker's.
  if (source === 'csv' && (age > f.maxSignalAgeDays || age < 0))
    return { code: 'stale_signal', reason: `signal of ${s.signalDate} is stale for ${f.day}` };
  const asset = f.assets.get(s.ticker);
  if (asset === undefined)
    return {
      code: 'unknown_asset',
      reason: 'unknown asset: the broker does not list this symbol',
      sizingReject: true,
    };
  if (!asset.tradable)
    return { code: 'not_tradable', reason: 'asset is not tradable', sizingReject: true };
  if (entryPrice(f.prices.get(s.ticker)) === null)
    return {
      code: 'no_price',
      reason: 'no price: the broker has neither an ask nor a last trade',
      sizingReject: true,
    };
  return undefined;
}
