/**
 * @module A strategy's intraday backtest in numbers and its verdict: PROFITABLE only with at least `min_trades`
 * trades, a positive mean return after costs and a profit factor above 1 (after costs too).
 */
import type { IntradayTrade } from './intraday-backtest.ts';

export type IntradayVerdict = 'PROFITABLE' | 'UNPROFITABLE' | 'TOO_FEW_TRADES';

export interface IntradayStats {
  readonly trades: number;
  readonly winRate: number;
  /** Mean net return per trade, percent. */
  readonly avgNetReturnPct: number;
  readonly avgGrossReturnPct: number;
  /** Sum of net gains over sum of net losses; null without a losing trade. */
  readonly profitFactor: number | null;
  /** The mean net return over its standard error (0 below two trades). */
  readonly tStat: number;
  readonly byExit: Readonly<Record<IntradayTrade['reason'], number>>;
  readonly verdict: IntradayVerdict;
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

export function intradayStats(trades: readonly IntradayTrade[], minTrades: number): IntradayStats {
  const net = trades.map((t) => t.netReturnPct);
  const avg = mean(net);
  const gains = net.filter((r) => r > 0).reduce((a, b) => a + b, 0);
  const losses = -net.filter((r) => r < 0).reduce((a, b) => a + b, 0);
  const profitFactor = losses === 0 ? null : gains / losses;
  const sd =
    net.length < 2 ? 0 : Math.sqrt(net.reduce((a, r) => a + (r - avg) ** 2, 0) / (net.length - 1));
  const tStat = sd === 0 ? 0 : avg / (sd / Math.sqrt(net.length));
  const edge = avg > 0 && (profitFactor === null || profitFactor > 1);
  return {
    trades: trades.length,
    winRate: trades.length === 0 ? 0 : net.filter((r) => r > 0).length / trades.length,
    avgNetReturnPct: avg,
    avgGrossReturnPct: mean(trades.map((t) => t.grossReturnPct)),
    profitFactor,
    tStat,
    byExit: {
      stop: trades.filter((t) => t.reason === 'stop').length,
      target: trades.filter((t) => t.reason === 'target').length,
      market_close: trades.filter((t) => t.reason === 'market_close').length,
    },
    verdict: trades.length < minTrades ? 'TOO_FEW_TRADES' : edge ? 'PROFITABLE' : 'UNPROFITABLE',
  };
}
