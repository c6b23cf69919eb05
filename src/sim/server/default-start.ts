/** @module The simulator's default start time when none is given: 09:25 New York of the latest trading day at or before now. */
import type { MarketCalendar } from '../contracts.ts';
import { nyDate } from './new-york-time.ts';

const FIVE_MINUTES = 5 * 60_000;

/**
 * Five minutes before the most recent regular open at or before `wallNow` (so a fresh simulator starts just
 * before a session, never in the future). Only used without `start`: given a start, nothing reads the wall date.
 */
export function defaultStart(calendar: MarketCalendar, wallNow: number): number {
  const next = calendar.nextSessionAfter(wallNow);
  if (next.tsOpen - FIVE_MINUTES <= wallNow) return next.tsOpen - FIVE_MINUTES;
  const today = calendar.sessionOn(nyDate(wallNow));
  const latest = today && today.tsOpen <= wallNow ? today : calendar.previousSessionBefore(wallNow);
  return latest.tsOpen - FIVE_MINUTES;
}
