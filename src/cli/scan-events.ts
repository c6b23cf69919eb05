/**
 * @module The scan's structured events (seed 002): SIGNAL_GENERATED for each signal the night found, the best
 * strategy of a ticker standing IN_TRADE at the scan date (what the signal log carries and `rank` reads next).
 */
import type { EventLog } from '../adapters/log/event-log.ts';
import type { ScanReport } from '../scanner/output/scan-summary.ts';

export function emitScanEvents(
  events: EventLog,
  report: Pick<ScanReport, 'date' | 'tickers'>,
): number {
  let emitted = 0;
  for (const t of report.tickers) {
    const b = t.best;
    if (b?.state !== 'IN_TRADE') continue;
    events.emit('SIGNAL_GENERATED', {
      source: 'scan',
      date: report.date,
      ticker: t.symbol,
      strategy: b.strategy,
      verdict: b.verdict.verdict,
      signal_date: b.lastSignalDate,
      entry_date: b.open?.entryDate ?? null,
      entry_price: b.open?.entryPrice ?? null,
      last_close: t.lastClose,
      trades: b.stats.trades,
      profit_factor: Number.isFinite(b.stats.profitFactor) ? b.stats.profitFactor : null,
    });
    emitted += 1;
  }
  return emitted;
}
