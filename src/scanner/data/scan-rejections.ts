/**
 * @module The scan's rejections, {date, ticker, stage: 'scan', reason}, in data/rejected_tickers/ by date: the same
 * files, written by the same code, as `rank` and `trade` use (records/rejected-tickers.ts).
 */
import { recordRejections } from '../../records/rejected-tickers.ts';

export interface ScanRejection {
  readonly ticker: string;
  readonly reason: string;
}

export function recordScanRejections(dir: string, date: string, rejections: readonly ScanRejection[]): void {
  recordRejections(dir, rejections.map((r) => ({ date, ticker: r.ticker, stage: 'scan', reason: r.reason })));
}
