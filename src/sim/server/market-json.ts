/** @module Clock and calendar (v2) wire JSON from the simulator's NYSE calendar (ALPACA.md §6.4). */
import type { MarketCalendar, Session } from '../contracts.ts';
import { nyHourMinute, rfc3339NewYork } from './new-york-time.ts';

/** `GET /v2/clock`: timestamps with the New York offset. */
export function clockJson(calendar: MarketCalendar, now: number): Record<string, unknown> {
  const current = calendar.sessionAt(now);
  const next = calendar.nextSessionAfter(now);
  return {
    timestamp: rfc3339NewYork(now),
    is_open: calendar.isOpen(now),
    next_open: rfc3339NewYork(next.tsOpen),
    next_close: rfc3339NewYork(current?.tsClose ?? next.tsClose),
  };
}

/** One `GET /v2/calendar` day: HH:MM regular hours, HHMM extended session, T+1 settlement. */
export function calendarDayJson(
  calendar: MarketCalendar,
  session: Session,
): Record<string, unknown> {
  return {
    date: session.date,
    open: nyHourMinute(session.tsOpen),
    close: nyHourMinute(session.tsClose),
    session_open: '0400',
    session_close: '2000',
    settlement_date: calendar.nextSessionAfter(session.tsClose).date,
  };
}
