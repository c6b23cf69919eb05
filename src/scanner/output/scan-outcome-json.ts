/**
 * @module `strikeline scan --json`: the night's scan as one object: the same fields as data/scan/<date>.json
 * (every ticker x strategy's statistics and verdict), with the counts the text summary prints and the files
 * written. A closed day's cron run, which scans nothing, is `{"skipped": "why"}`.
 */
import type { ScanOutcome, ScanSkipped } from '../run-scan.ts';
import { scanReportJson } from './scan-summary.ts';

export function scanOutcomeJson(o: ScanOutcome | ScanSkipped): Record<string, unknown> {
  if ('skipped' in o) return { skipped: o.skipped };
  const r = o.report;
  const best = r.tickers.flatMap((t) => (t.best === null ? [] : [t.best]));
  const profitable = (b: (typeof best)[number]): boolean => b.verdict.verdict === 'PROFITABLE';
  const inTrade = best.filter((b) => b.state === 'IN_TRADE');
  return {
    summary: {
      tickers: r.tickers.length,
      rejected: r.rejected.length,
      profitable: best.filter(profitable).length,
      in_trade: inTrade.length,
      in_trade_profitable: inTrade.filter(profitable).length,
    },
    report_file: o.reportFile,
    signal_logs: o.logs,
    ...scanReportJson(r),
  };
}
