/**
 * The controls of the honest verdict, on seeded test markets:
 * - random entries (the same count and holding periods as each strategy's trades, at random sessions) come
 *   out PROFITABLE in at most 5% of tickers, on a drifting market where the lax rule calls most tries PROFITABLE;
 * - a strategy with a planted edge (gap_fill on a market where gaps that stay open are followed by a drift
 *   up) is found: PROFITABLE on most tickers, while the strategies without an edge are not.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, STRATEGY_NAMES } from '../../../../src/config/schema.ts';
import { verdictStudy } from '../../../../src/scanner/research/verdicts/verdict-study.ts';
import { studyMarket } from '../../../../src/scanner/research/verdicts/study-market.ts';
import { judgeScan } from '../../../../src/scanner/scan/judge-scan.ts';
import { scanMarket } from '../../../../src/scanner/scan/scan-market.ts';
import { scanOptions } from '../../../../src/scanner/scan-setup.ts';
import { STATIC_SECTORS } from '../../../../src/scanner/strategies/sectors.ts';
import { plantedMarket } from '../../../support/planted-market.ts';

const settings = {
  vix: { symbol: 'VIXY', lowBelow: 15, highFrom: 25, extremeFrom: 35 },
  marketSymbol: 'SPY',
  sectors: STATIC_SECTORS,
  fundamentals: null,
};
const options = scanOptions(DEFAULT_CONFIG);

describe('honest verdicts: the controls', () => {
  it('calls random entries PROFITABLE in at most 5% of tickers, where the lax rule calls most tries PROFITABLE', () => {
    const market = plantedMarket({ seed: 11, symbols: 24, sessions: 1500, driftPct: 0.06 });
    const study = verdictStudy(
      studyMarket(market, STRATEGY_NAMES, settings, options, 17),
      options.verdict,
    );
    expect(study.tickers).toBe(24);
    expect(study.control.tickers.pct).toBeLessThanOrEqual(5);
    // Without an edge anywhere, the honest rules find nothing either...
    expect(study.honest.tickers.pct).toBeLessThanOrEqual(5);
    // ...while the old rule (expectancy > 0 over 5 trades, against zero) is fooled by the drift.
    expect(study.lax.tries.pct).toBeGreaterThan(40);
  });

  it('finds the planted edge: gap_fill PROFITABLE on most tickers, nothing else', () => {
    const market = plantedMarket({
      seed: 5,
      symbols: 12,
      sessions: 1500,
      edge: { probability: 0.03, followDays: 4, followDriftPct: 0.9 },
    });
    const scan = scanMarket(market, STRATEGY_NAMES, settings, options);
    const judged = judgeScan(scan.tickers, options.verdict);
    const profitable = judged.flatMap((t) =>
      t.outcomes.filter((o) => o.verdict.verdict === 'PROFITABLE').map((o) => o.strategy),
    );
    const gapFill = profitable.filter((s) => s === 'gap_fill').length;
    expect(gapFill).toBeGreaterThanOrEqual(10);
    expect(profitable.length - gapFill).toBeLessThanOrEqual(1);
    const speaking = judged.filter((t) => t.best?.strategy === 'gap_fill');
    expect(speaking.length).toBe(gapFill);
  });
});
