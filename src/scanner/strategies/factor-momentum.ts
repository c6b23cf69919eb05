/**
 * @module factor_momentum (seed 001): cross-sectional momentum. Each session the universe is ranked by 6-1
 * momentum (the return from 126 to 21 sessions ago); entry for a symbol in the top quintile with positive momentum.
 * The rank at date t uses every symbol's closes at or before t only.
 */
import { kthSmallest } from '../indicators/kth-smallest.ts';
import { rateOfChange } from '../indicators/rate-of-change.ts';
import type { MarketData } from '../market-data.ts';
import type { Strategy, StrategyContext } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

const LOOKBACK = 126;
const SKIP = 21;
const MIN_RANKED = 5;

/** Per grid date, the momentum a symbol needs to be in the top quintile (NaN when too few are ranked). */
export function topQuintileThresholds(market: MarketData): Float64Array {
  const g = market.dates.length;
  const columns: Float64Array[] = [];
  const starts: number[] = [];
  for (const sym of market.symbols) {
    const s = market.series.get(sym);
    if (s === undefined) continue;
    columns.push(rateOfChange(s.close, LOOKBACK, SKIP));
    starts.push(s.start);
  }
  const out = new Float64Array(g).fill(Number.NaN);
  const buf = new Float64Array(columns.length);
  for (let t = 0; t < g; t += 1) {
    let m = 0;
    for (let k = 0; k < columns.length; k += 1) {
      const v = (columns[k] as Float64Array)[t - (starts[k] as number)];
      if (v !== undefined && Number.isFinite(v)) buf[m++] = v;
    }
    if (m < MIN_RANKED) continue;
    out[t] = kthSmallest(buf.subarray(0, m), m - Math.ceil(m / 5));
  }
  return out;
}

/** The scan-wide data this strategy reads, computed once per scan. */
const thresholdsOf = (ctx: StrategyContext): Float64Array =>
  ctx.shared('factor_momentum', () => topQuintileThresholds(ctx.market));

export const factorMomentum: Strategy = {
  name: 'factor_momentum',
  rule: '6-1 momentum in the top quintile of the universe that day (at least 5 symbols ranked) and positive',
  warmup: LOOKBACK + 1,
  unavailable: (ctx) =>
    ctx.market.symbols.length < MIN_RANKED
      ? `needs at least ${MIN_RANKED} symbols in the universe`
      : null,
  prepare(ctx) {
    thresholdsOf(ctx);
  },
  signals(s, ctx) {
    const threshold = thresholdsOf(ctx);
    const mom = ctx.indicators(s).roc(LOOKBACK, SKIP);
    return signalsWhere(s.close.length, LOOKBACK, (i) => {
      const m = mom[i] as number;
      return m > 0 && m >= (threshold[s.start + i] as number);
    });
  },
};
