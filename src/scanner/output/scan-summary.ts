/**
 * @module data/scan/<date>.json: the whole night in one file: every ticker x strategy's statistics, state and
 * verdict, the strategies run, skipped or unavailable (with why), the rejected tickers, the settings, timings.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StrategyOutcome, TickerScan } from '../scan/judge-scan.ts';
import { round } from './round.ts';
import { verdictJson } from './verdict-json.ts';

export interface ScanReport {
  readonly date: string;
  readonly generatedAt: string;
  readonly asOf: string | null;
  readonly universe: { readonly source: string; readonly symbols: number };
  readonly strategies: {
    readonly run: readonly string[];
    readonly unavailable: ReadonlyArray<{ strategy: string; reason: string }>;
    readonly skipped: ReadonlyArray<{ strategy: string; reason: string }>;
  };
  readonly settings: Readonly<Record<string, unknown>>;
  readonly rejected: ReadonlyArray<{ ticker: string; reason: string }>;
  readonly notes: readonly string[];
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly bars: number;
  /** Bars received from the broker this run (0 when the cache was current) and data requests made. */
  readonly fetch: { readonly barsFetched: number; readonly requests: number };
  readonly tickers: readonly TickerScan[];
}

const num = (n: number | null, d = 4): number | null =>
  n === null || !Number.isFinite(n) ? null : round(n, d);

function outcomeJson(o: StrategyOutcome): Record<string, unknown> {
  const s = o.stats;
  return {
    strategy: o.strategy,
    state: o.state,
    verdict: o.verdict.verdict,
    trades: s.trades,
    win_rate: num(s.winRate),
    profit_factor: num(s.profitFactor),
    avg_return_pct: num(s.avgReturnPct),
    expectancy_usd: num(s.expectancyUsd, 2),
    avg_win_pct: num(s.avgWinPct),
    avg_loss_pct: num(s.avgLossPct),
    total_return_pct: num(s.totalReturnPct),
    max_drawdown_pct: num(s.maxDrawdownPct),
    sharpe: num(s.sharpe),
    sortino: num(s.sortino),
    avg_bars_held: num(s.avgBarsHeld, 2),
    signals: o.signals,
    last_signal_date: o.lastSignalDate,
    open_position:
      o.open === null
        ? null
        : {
            entry_date: o.open.entryDate,
            entry_price: num(o.open.entryPrice),
            stop: o.open.stop,
            target: o.open.target,
            high_water: num(o.open.highWater),
          },
    ...verdictJson(o),
  };
}

export function scanReportJson(r: ScanReport): Record<string, unknown> {
  return {
    date: r.date,
    generated_at: r.generatedAt,
    as_of: r.asOf,
    universe: r.universe,
    strategies: r.strategies,
    settings: r.settings,
    bars: r.bars,
    fetch: { bars_fetched: r.fetch.barsFetched, requests: r.fetch.requests },
    timings_ms: r.timingsMs,
    notes: r.notes,
    rejected: r.rejected,
    tickers: r.tickers.map((t) => ({
      ticker: t.symbol,
      bars: t.bars,
      last_date: t.lastDate,
      price: num(t.lastClose),
      best:
        t.best === null
          ? null
          : { strategy: t.best.strategy, state: t.best.state, verdict: t.best.verdict.verdict },
      results: t.outcomes.map(outcomeJson),
    })),
  };
}

/** Writes data/scan/<date>.json (atomically); returns its path. */
export function writeScanReport(dir: string, report: ScanReport): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.date}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(scanReportJson(report), null, 1)}\n`);
  renameSync(tmp, file);
  return file;
}
