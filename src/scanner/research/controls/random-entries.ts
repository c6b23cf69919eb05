/**
 * @module The random-entry control: for a strategy's out-of-sample trades on a ticker, the same number of
 * entries with the same holding periods (shuffled) at random, non-overlapping sessions of the same window.
 * Random entries have no edge by construction, so an honest verdict must call them PROFITABLE about as often
 * as its false-discovery rate allows, and no more.
 */
import type { BacktestOptions } from '../../backtest/backtest.ts';
import type { BacktestResult } from '../../backtest/trade.ts';
import type { Series } from '../../series.ts';
import { shuffled, type Rng } from '../random/rng.ts';
import { fixedHoldBacktest, type HeldEntry } from './fixed-hold-backtest.ts';

export interface ControlTrade {
  readonly entryIndex: number;
  readonly exitIndex: number;
}

/** Random entries in (from, n): k holds placed in order with random gaps that use up the free sessions. */
export function randomEntries(
  n: number,
  from: number,
  trades: readonly ControlTrade[],
  rng: Rng,
): HeldEntry[] {
  const holds = shuffled(
    rng,
    trades.map((t) => t.exitIndex - t.entryIndex),
  );
  const first = from + 1;
  const span = n - first;
  const used = holds.reduce((a, h) => a + h + 1, 0);
  const free = span - used;
  if (free < 0 || holds.length === 0) return [];
  // k sorted uniform cut points in [0, free] split the free sessions into k + 1 random gaps.
  const cuts = Array.from({ length: holds.length }, () => rng.int(free + 1)).sort((a, b) => a - b);
  const out: HeldEntry[] = [];
  let cursor = first;
  let previousCut = 0;
  holds.forEach((hold, k) => {
    const cut = cuts[k] as number;
    cursor += cut - previousCut;
    previousCut = cut;
    out.push({ entry: cursor, hold });
    cursor += hold + 1;
  });
  return out;
}

export function randomEntryControl(
  series: Series,
  trades: readonly ControlTrade[],
  from: number,
  rng: Rng,
  options: BacktestOptions,
): BacktestResult {
  const counted = trades.filter((t) => t.entryIndex > from);
  return fixedHoldBacktest(series, randomEntries(series.close.length, from, counted, rng), options);
}
