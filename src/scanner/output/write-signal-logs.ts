/**
 * @module Writes the night's signal logs: one per scanned ticker, and removes every log of a ticker that was
 * rejected tonight (yesterday's IN_TRADE must not survive a failed data check). Logs of tickers outside
 * tonight's universe are left alone (they may come from the user's own scanner).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isTicker } from '../data/ticker.ts';
import { SIGNAL_STATES } from '../scan/signal-state.ts';
import type { TickerScan } from '../scan/judge-scan.ts';
import { signalLogName, writeSignalLog } from './signal-log.ts';

export function writeSignalLogs(
  dir: string,
  tickers: readonly TickerScan[],
  rejected: readonly string[],
): string[] {
  for (const ticker of rejected) {
    if (!isTicker(ticker)) continue;
    for (const state of SIGNAL_STATES) {
      const file = join(dir, signalLogName(state, ticker));
      if (existsSync(file)) rmSync(file);
    }
  }
  return tickers.filter((t) => t.best !== null).map((t) => writeSignalLog(dir, t));
}
