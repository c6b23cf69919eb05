/**
 * @module quality_smallcap_value (seed 001): symbols that pass a fundamentals screen (data/fundamentals/
 * fundamentals.csv: market cap <= $2B, 0 < P/E <= 15, ROE >= 12%, debt/equity <= 1) are bought on a pullback
 * (RSI(14) < 45) inside a long-term uptrend (close above SMA(200)). The screen is a snapshot of today's
 * fundamentals applied to the whole history: the one input of the scanner that is not point-in-time.
 */
import type { Fundamentals, Strategy } from './strategy.ts';
import { signalsWhere } from './strategy.ts';

export const SCREEN = { maxMarketCap: 2e9, maxPe: 15, minRoe: 0.12, maxDebtToEquity: 1 } as const;

export function passesScreen(f: Fundamentals | undefined): boolean {
  return (
    f !== undefined &&
    f.marketCap > 0 &&
    f.marketCap <= SCREEN.maxMarketCap &&
    f.pe > 0 &&
    f.pe <= SCREEN.maxPe &&
    f.roe >= SCREEN.minRoe &&
    f.debtToEquity >= 0 &&
    f.debtToEquity <= SCREEN.maxDebtToEquity
  );
}

export const qualitySmallcapValue: Strategy = {
  name: 'quality_smallcap_value',
  rule: 'fundamentals screen (cap <= $2B, 0 < P/E <= 15, ROE >= 12%, D/E <= 1), close > SMA(200), RSI(14) < 45',
  warmup: 200,
  unavailable: (ctx) =>
    ctx.settings.fundamentals === null
      ? 'data/fundamentals/fundamentals.csv not found (header: symbol,market_cap,pe,roe,debt_to_equity)'
      : null,
  signals(s, ctx) {
    const n = s.close.length;
    if (!passesScreen(ctx.settings.fundamentals?.get(s.symbol))) return new Uint8Array(n);
    const ind = ctx.indicators(s);
    const trend = ind.sma(200);
    const r = ind.rsi(14);
    return signalsWhere(
      n,
      199,
      (i) => (s.close[i] as number) > (trend[i] as number) && (r[i] as number) < 45,
    );
  },
};
