/**
 * @module A backtest's statistics after costs (the domain's metric definitions): trades, win rate, profit
 * factor, average return, expectancy, max drawdown and Sharpe/Sortino of the daily mark-to-market equity
 * (from the strategy's warm-up on, idle days included). Description only: the verdict is decided across
 * the whole scan from out-of-sample evidence (research/verdict/).
 */
import { profitFactor, winRate } from '../../domain/rules/metrics.ts';
import { equityMetrics } from './equity-metrics.ts';
import type { BacktestResult } from './trade.ts';

export interface BacktestStats {
  readonly trades: number;
  readonly wins: number;
  /** 0..1; 0 without trades. */
  readonly winRate: number;
  /** Gross profit / gross loss; null when there were profits and no losses (infinite); 0 without trades. */
  readonly profitFactor: number | null;
  /** Mean net return per trade, percent: the expectancy per trade after costs. */
  readonly avgReturnPct: number;
  /** Mean net P/L per trade, dollars (at the backtest's notional). */
  readonly expectancyUsd: number;
  readonly avgWinPct: number;
  readonly avgLossPct: number;
  readonly totalReturnPct: number;
  readonly maxDrawdownPct: number;
  readonly sharpe: number | null;
  readonly sortino: number | null;
  /** Mean sessions from entry to exit. */
  readonly avgBarsHeld: number;
}

const meanOf = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

export function backtestStats(result: BacktestResult, warmup: number): BacktestStats {
  const t = result.trades;
  const pnls = t.map((x) => x.pnl);
  const returns = t.map((x) => x.returnPct);
  const wins = returns.filter((r) => r > 0);
  const losses = returns.filter((r) => r <= 0);
  const from = Math.min(warmup, Math.max(0, result.equity.length - 1));
  const curve = equityMetrics(result.equity, from);
  const pf = t.length === 0 ? 0 : profitFactor(pnls);
  const expectancyUsd = meanOf(pnls);
  const first = result.equity[from];
  const last = result.equity[result.equity.length - 1];
  return {
    trades: t.length,
    wins: wins.length,
    winRate: winRate(pnls) ?? 0,
    profitFactor: pf === Infinity ? null : (pf ?? 0),
    avgReturnPct: meanOf(returns),
    expectancyUsd,
    avgWinPct: meanOf(wins),
    avgLossPct: meanOf(losses),
    totalReturnPct:
      first !== undefined && last !== undefined && first > 0 ? (last / first - 1) * 100 : 0,
    maxDrawdownPct: curve.maxDrawdown * 100,
    sharpe: curve.sharpe,
    sortino: curve.sortino,
    avgBarsHeld: meanOf(t.map((x) => x.exitIndex - x.entryIndex)),
  };
}
