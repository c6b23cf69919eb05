/**
 * @module The signal logs `strikeline rank` reads: data/signals/<STATE>_live_qs_<TICKER>.log, JSON lines, one per
 * backtest trade of the ticker's chosen strategy, then the summary line
 * {"ticker","strategy","state","verdict","win_rate","trades","profit_factor","avg_return_pct","signal_date","price"},
 * followed by the statistics behind the verdict (verdict-json.ts; readers of the contract ignore extra keys).
 * profit_factor is null when the strategy had profits and no losses (infinite). The ticker is checked against
 * the strict pattern before it is used in a file name, and the ticker's files of other states are removed first.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Trade } from '../backtest/trade.ts';
import { isTicker } from '../data/ticker.ts';
import { SIGNAL_STATES, type SignalState } from '../scan/signal-state.ts';
import type { TickerScan } from '../scan/judge-scan.ts';
import { round } from './round.ts';
import { verdictJson } from './verdict-json.ts';

export const signalLogName = (state: SignalState, ticker: string): string => {
  if (!isTicker(ticker))
    throw new Error(`refusing a file name for ${JSON.stringify(ticker)}: not a ticker`);
  return `${state}_live_qs_${ticker}.log`;
};

export function tradeLine(strategy: string, t: Trade): string {
  return JSON.stringify({
    strategy,
    entry_date: t.entryDate,
    entry_price: round(t.entryPrice, 4),
    exit_date: t.exitDate,
    exit_price: round(t.exitPrice, 4),
    exit_reason: t.reason,
    shares: round(t.shares, 6),
    pnl: round(t.pnl, 2),
    return_pct: round(t.returnPct, 4),
    gross_return_pct: round(t.grossReturnPct, 4),
    bars_held: t.exitIndex - t.entryIndex,
  });
}

/** The summary line, keys in the order of the contract. */
export function summaryLine(scan: TickerScan): string {
  const best = scan.best;
  if (best === null) throw new Error(`${scan.symbol}: no strategy result to summarise`);
  const s = best.stats;
  return JSON.stringify({
    ticker: scan.symbol,
    strategy: best.strategy,
    state: best.state,
    verdict: best.verdict.verdict,
    win_rate: round(s.winRate, 4),
    trades: s.trades,
    profit_factor: s.profitFactor === null ? null : round(s.profitFactor, 4),
    avg_return_pct: round(s.avgReturnPct, 4),
    signal_date: scan.lastDate,
    price: round(scan.lastClose, 4),
    ...verdictJson(best),
  });
}

/** The file's text, or undefined when it cannot be read. */
function textOf(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Writes the ticker's log (atomically) and removes its logs of other states; returns the file name. A log whose
 * text is already the file's is not rewritten: most logs are the same from one night to the next (issue 19).
 */
export function writeSignalLog(dir: string, scan: TickerScan): string {
  const best = scan.best;
  if (best === null) throw new Error(`${scan.symbol}: no strategy result to write`);
  const name = signalLogName(best.state, scan.symbol);
  mkdirSync(dir, { recursive: true });
  for (const state of SIGNAL_STATES) {
    const other = join(dir, signalLogName(state, scan.symbol));
    if (state !== best.state && existsSync(other)) rmSync(other);
  }
  const lines = [...best.trades.map((t) => tradeLine(best.strategy, t)), summaryLine(scan)];
  const file = join(dir, name);
  const text = `${lines.join('\n')}\n`;
  if (textOf(file) === text) return name;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return name;
}
