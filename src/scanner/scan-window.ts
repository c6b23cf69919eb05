/**
 * @module Which sessions a scan covers: from `history_years` before the scan date through the latest session that
 * has closed by the broker's clock (with --asof DATE, the latest session on or before DATE: the scan runs as it
 * would have after that day's close). The broker's calendar is the truth for sessions and close times.
 */
import type { CalendarDay } from '../domain/account.ts';
import { addDays, nyDate } from '../domain/time/ny-time.ts';
import type { Broker } from '../domain/ports.ts';

export class ScanInputError extends Error {
  override readonly name = 'ScanInputError';
}

export interface ScanWindow {
  /** Closed sessions of the history, ascending; the last one is the scan's date. */
  readonly sessions: readonly CalendarDay[];
  readonly closedThrough: string;
  readonly fromDate: string;
  readonly tsNow: number;
  /** The New York date of the broker's clock, and whether the broker's calendar has a session on it. */
  readonly today: string;
  readonly todayIsSession: boolean;
}

export async function scanWindow(
  broker: Pick<Broker, 'getClock' | 'getCalendar'>,
  historyYears: number,
  asOf?: string,
): Promise<ScanWindow> {
  const { tsNow } = await broker.getClock();
  const today = nyDate(tsNow);
  if (asOf !== undefined && asOf > today)
    throw new ScanInputError(`--asof ${asOf} is after today (${today} in New York)`);
  const end = asOf ?? today;
  const start = addDays(end, -Math.round(historyYears * 365.25));
  const calendar = await broker.getCalendar(start, end);
  const todayIsSession = calendar.some((s) => s.date === today);
  const sessions = calendar
    .filter((s) => s.date <= end && s.tsClose <= tsNow)
    .sort((a, b) => a.tsClose - b.tsClose);
  const last = sessions[sessions.length - 1];
  const first = sessions[0];
  if (last === undefined || first === undefined)
    throw new ScanInputError(`no trading session closed between ${start} and ${end}`);
  return { sessions, closedThrough: last.date, fromDate: first.date, tsNow, today, todayIsSession };
}
