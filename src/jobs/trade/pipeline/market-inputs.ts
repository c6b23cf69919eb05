/**
 * @module What the pipeline reads from the broker besides the plan's facts: daily bars (correlation, ATR) of the
 * candidates and the held symbols, and the VIX level (the close of `vix_regimes.symbol`, or SPY's realised volatility).
 */
import type { Config } from '../../../config/schema.ts';
import type { Bar } from '../../../domain/account.ts';
import type { Broker } from '../../../domain/ports.ts';
import { averageTrueRange } from '../../../domain/rules/pipeline/average-true-range.ts';
import type { DailyClose } from '../../../domain/rules/pipeline/correlation.ts';

const DAY_MS = 86_400_000;
/** 60 trading days of returns and the ATR need about 90 sessions: 130 calendar days cover them with holidays. */
const HISTORY_DAYS = 130;
export const MARKET_SYMBOL = 'SPY';

export interface VixReading {
  readonly level: number;
  /** Where it came from, for the JSON and the regime log. */
  readonly source: string;
}

export interface MarketInputs {
  readonly closes: ReadonlyMap<string, readonly DailyClose[]>;
  readonly atr: ReadonlyMap<string, number | null>;
  /** Undefined when neither source answered. */
  readonly vix: VixReading | undefined;
}

/** Annualised 20-day realised volatility of daily returns, in percent: a VIX-like number. */
export function realisedVolatilityPct(
  closes: readonly DailyClose[],
  days = 20,
): number | undefined {
  const recent = closes.slice(-(days + 1));
  if (recent.length < days + 1) return undefined;
  const r = recent.slice(1).map((c, i) => Math.log(c.close / (recent[i]?.close ?? c.close)));
  const mean = r.reduce((s, v) => s + v, 0) / r.length;
  const variance = r.reduce((s, v) => s + (v - mean) ** 2, 0) / (r.length - 1);
  return Math.sqrt(variance * 252) * 100;
}

const closesOf = (bars: readonly Bar[]): DailyClose[] =>
  bars.map((b) => ({ ts: Math.floor(b.ts / DAY_MS) * DAY_MS, close: b.close }));

export async function readMarketInputs(
  broker: Broker,
  config: Config,
  symbols: readonly string[],
  now: number,
): Promise<MarketInputs> {
  const v = config.vix_regimes;
  const wanted = [...new Set([...symbols, MARKET_SYMBOL])];
  const bars = await broker.getBars(wanted, '1Day', now - HISTORY_DAYS * DAY_MS, now);
  const closes = new Map(Object.entries(bars).map(([s, b]) => [s, closesOf(b)]));
  const atr = new Map(Object.entries(bars).map(([s, b]) => [s, averageTrueRange(b)]));
  const fromVolatility = (): VixReading | undefined => {
    const level = realisedVolatilityPct(closes.get(MARKET_SYMBOL) ?? []);
    return level === undefined
      ? undefined
      : { level, source: `${MARKET_SYMBOL} 20-day realised volatility (%)` };
  };
  if (v.level_from === 'realized_volatility') return { closes, atr, vix: fromVolatility() };
  const latest = (await broker.getLatestPrices([v.symbol]))[v.symbol];
  const level =
    latest?.last != null && latest.last > 0
      ? latest.last
      : latest?.ask != null && latest.ask > 0
        ? latest.ask
        : undefined;
  return {
    closes,
    atr,
    vix: level === undefined ? fromVolatility() : { level, source: `${v.symbol} last` },
  };
}
