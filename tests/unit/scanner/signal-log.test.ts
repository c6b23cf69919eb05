import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSignalLog } from '../../../src/jobs/rank/parse-signal-log.ts';
import type { BacktestStats } from '../../../src/scanner/backtest/stats.ts';
import type { Trade } from '../../../src/scanner/backtest/trade.ts';
import { formatBestTable } from '../../../src/scanner/output/best-table.ts';
import {
  signalLogName,
  summaryLine,
  writeSignalLog,
} from '../../../src/scanner/output/signal-log.ts';
import { writeSignalLogs } from '../../../src/scanner/output/write-signal-logs.ts';
import { pickBest } from '../../../src/scanner/scan/pick-best.ts';
import type { VerdictDecision } from '../../../src/scanner/research/verdict/judge-family.ts';
import type { VerdictEvidence } from '../../../src/scanner/research/verdict/verdict-evidence.ts';
import type { StrategyOutcome, TickerScan } from '../../../src/scanner/scan/judge-scan.ts';
import type { SignalState } from '../../../src/scanner/scan/signal-state.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'strikeline-signals-'));
  dirs.push(d);
  return d;
};

const stats = (over: Partial<BacktestStats> = {}): BacktestStats => ({
  trades: 12,
  wins: 8,
  winRate: 8 / 12,
  profitFactor: 2.5,
  avgReturnPct: 0.8,
  expectancyUsd: 120,
  avgWinPct: 2,
  avgLossPct: -1.6,
  totalReturnPct: 9.6,
  maxDrawdownPct: 4,
  sharpe: 1.1,
  sortino: 1.7,
  avgBarsHeld: 4,
  ...over,
});

const evidence: VerdictEvidence = {
  oosFrom: '2014-05-01',
  trades: 12,
  buyHoldDailyPct: 0.04,
  benchmarkPct: 0.2,
  excessReturnPct: 0.6,
  excessSdPct: 0.5,
  tStat: 4.157,
  pValue: 0.000797,
  exposurePct: 2,
};

const profitable: VerdictDecision = {
  verdict: 'PROFITABLE',
  reason: 'edge',
  qValue: 0.0012,
  familySize: 396,
};

const outcome = (
  strategy: StrategyOutcome['strategy'],
  state: SignalState,
  s: Partial<BacktestStats> = {},
  verdict: VerdictDecision = profitable,
): StrategyOutcome => ({
  strategy,
  state,
  stats: stats(s),
  evidence,
  signals: 20,
  lastSignalDate: '2024-04-30',
  open: null,
  paramsSource: 'default',
  params: { window: 20 },
  verdict,
});

const trade: Trade = {
  entryIndex: 10,
  exitIndex: 13,
  entryDate: '2024-03-01',
  exitDate: '2024-03-06',
  entryPrice: 100.075,
  exitPrice: 104.92,
  shares: 149.887584,
  reason: 'take_profit',
  pnl: 724.75,
  returnPct: 4.83,
  grossReturnPct: 5,
};

function scanOf(symbol: string, best: StrategyOutcome): TickerScan {
  return {
    symbol,
    bars: 2500,
    lastDate: '2024-04-30',
    lastClose: 187.2345678,
    outcomes: [best],
    best: { ...best, trades: [trade] },
  };
}

describe('signal log files', () => {
  it('names files <STATE>_live_qs_<TICKER>.log and refuses anything that is not a ticker', () => {
    expect(signalLogName('IN_TRADE', 'BRK.B')).toBe('IN_TRADE_live_qs_BRK.B.log');
    expect(() => signalLogName('FLAT', '../../etc/passwd')).toThrow(/not a ticker/);
    expect(() => signalLogName('FLAT', 'aapl')).toThrow(/not a ticker/);
  });

  it("writes one JSON line per trade then the summary, the contract's keys first then the verdict's statistics, accepted by rank's parser", () => {
    const dir = tempDir();
    const name = writeSignalLog(dir, scanOf('AAPL', outcome('mean_reversion', 'IN_TRADE')));
    expect(name).toBe('IN_TRADE_live_qs_AAPL.log');
    const text = readFileSync(join(dir, name), 'utf8');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(Object.keys(JSON.parse(lines[1]!) as object).slice(0, 10)).toEqual([
      'ticker',
      'strategy',
      'state',
      'verdict',
      'win_rate',
      'trades',
      'profit_factor',
      'avg_return_pct',
      'signal_date',
      'price',
    ]);
    expect(JSON.parse(lines[1]!)).toEqual({
      ticker: 'AAPL',
      strategy: 'mean_reversion',
      state: 'IN_TRADE',
      verdict: 'PROFITABLE',
      win_rate: 0.6667,
      trades: 12,
      profit_factor: 2.5,
      avg_return_pct: 0.8,
      signal_date: '2024-04-30',
      price: 187.2346,
      verdict_reason: 'edge',
      oos_from: '2014-05-01',
      oos_trades: 12,
      excess_return_pct: 0.6,
      excess_sd_pct: 0.5,
      benchmark_return_pct: 0.2,
      buy_hold_daily_pct: 0.04,
      exposure_pct: 2,
      t_stat: 4.157,
      p_value: 0.000797,
      q_value: 0.0012,
      family_size: 396,
      max_drawdown_pct: 4,
      params_source: 'default',
      params: { window: 20 },
    });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      strategy: 'mean_reversion',
      entry_date: '2024-03-01',
      exit_reason: 'take_profit',
      bars_held: 3,
    });
    const parsed = parseSignalLog(name, text);
    expect(parsed.ok).toBe(true);
  });

  it("writes profit_factor null for profits without losses (the contract's infinity)", () => {
    const line = summaryLine(scanOf('KO', outcome('gap_fill', 'FLAT', { profitFactor: null })));
    expect(JSON.parse(line)).toMatchObject({ profit_factor: null });
    expect(parseSignalLog('FLAT_live_qs_KO.log', `${line}\n`)).toMatchObject({
      ok: true,
      summary: { profit_factor: Infinity },
    });
  });

  it("removes the ticker's files of other states, and every file of a rejected ticker", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'IN_TRADE_live_qs_AAPL.log'), 'old');
    writeFileSync(join(dir, 'WATCH_live_qs_MSFT.log'), 'old');
    writeFileSync(join(dir, 'FLAT_live_qs_USER.log'), "someone else's scanner");
    writeSignalLogs(dir, [scanOf('AAPL', outcome('momentum', 'FLAT'))], ['MSFT', '../bad']);
    expect(readdirSync(dir).sort()).toEqual(['FLAT_live_qs_AAPL.log', 'FLAT_live_qs_USER.log']);
    expect(existsSync(join(dir, 'IN_TRADE_live_qs_AAPL.log'))).toBe(false);
  });

  it('leaves a log whose text is unchanged as it is, and replaces one whose text changed', () => {
    const dir = tempDir();
    const file = join(dir, writeSignalLog(dir, scanOf('AAPL', outcome('momentum', 'FLAT'))));
    const first = statSync(file).ino;
    const text = readFileSync(file, 'utf8');
    writeSignalLog(dir, scanOf('AAPL', outcome('momentum', 'FLAT')));
    // The atomic write renames a new file into place: an unchanged log keeps its inode.
    expect(statSync(file).ino).toBe(first);
    writeFileSync(file, 'a log from another night\n');
    writeSignalLog(dir, scanOf('AAPL', outcome('momentum', 'FLAT')));
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('the strategy that speaks for a ticker', () => {
  it('prefers a PROFITABLE entry for tomorrow, then PROFITABLE by expectancy, then win rate', () => {
    const flatBest = outcome('gap_fill', 'FLAT', { avgReturnPct: 2 });
    const inTrade = outcome('momentum', 'IN_TRADE', { avgReturnPct: 0.5 });
    const losing = outcome(
      'ml_momentum',
      'IN_TRADE',
      { avgReturnPct: 3, trades: 2 },
      { verdict: 'UNPROFITABLE', reason: 'too_few_trades', qValue: 1, familySize: 396 },
    );
    expect(pickBest([flatBest, inTrade, losing])?.strategy).toBe('momentum');
    expect(pickBest([flatBest, losing])?.strategy).toBe('gap_fill');
    const tie = outcome('mean_reversion', 'FLAT', { avgReturnPct: 2, winRate: 0.9 });
    expect(pickBest([flatBest, tie])?.strategy).toBe('mean_reversion');
    expect(pickBest([])).toBeNull();
  });

  it('prints the best signals, actionable first', () => {
    const table = formatBestTable(
      [scanOf('KO', outcome('gap_fill', 'FLAT')), scanOf('AAPL', outcome('momentum', 'IN_TRADE'))],
      10,
    ).split('\n');
    expect(table[0]).toMatch(/^TICKER\s+STRATEGY\s+STATE\s+VERDICT/);
    expect(table[1]).toMatch(
      /^AAPL\s+momentum\s+IN_TRADE\s+PROFITABLE\s+12\s+66\.7\s+2\.50\s+0\.80/,
    );
    expect(table[2]).toMatch(/^KO/);
  });
});
