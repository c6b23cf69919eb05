/** @module pairs_trading (seed 001): long the cheap leg of a cointegrated pair when its spread z-score is below -2. */
import { formPairs, FORMATION_WINDOW } from './pairs-formation.ts';
import type { Strategy, StrategyContext } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const ENTRY_Z = -2;

/** The scan-wide data this strategy reads, computed once per scan. */
const spreadsOf = (ctx: StrategyContext): Map<string, Float64Array> =>
  ctx.shared('pairs_trading', () => formPairs(ctx.market));

export const pairsTrading: Strategy = {
  name: 'pairs_trading',
  rule: 'partner = best return correlation over 252 sessions, Engle-Granger cointegrated (5%), spread z < -2 (re-formed every 126 sessions)',
  warmup: FORMATION_WINDOW,
  unavailable: (ctx) =>
    ctx.market.symbols.length < 2 ? 'needs at least 2 symbols in the universe' : null,
  prepare(ctx) {
    spreadsOf(ctx);
  },
  signals(s, ctx) {
    const z = spreadsOf(ctx).get(s.symbol);
    return signalsWhere(
      s.close.length,
      FORMATION_WINDOW,
      (i) => z !== undefined && (z[s.start + i] as number) < ENTRY_Z,
    );
  },
};
