/** @module The broker's calendar around the daemon's day, read once per New York day (and kept when a re-read fails). */
import type { CalendarDay } from '../../domain/account.ts';
import { addDays, nyDate } from '../../domain/time/ny-time.ts';
import type { Broker } from '../../domain/ports.ts';

/** Sessions far enough on both sides for any overnight: the longest market closure since 1900 was four sessions. */
const SPAN_DAYS = 10;

export interface SessionCalendar {
  around(now: number): Promise<readonly CalendarDay[]>;
}

export function sessionCalendar(broker: Broker): SessionCalendar {
  let cached: { readonly day: string; readonly sessions: readonly CalendarDay[] } | null = null;
  return {
    async around(now) {
      const day = nyDate(now);
      if (cached?.day === day) return cached.sessions;
      try {
        const sessions = (
          await broker.getCalendar(addDays(day, -SPAN_DAYS), addDays(day, SPAN_DAYS))
        ).sort((a, b) => a.tsOpen - b.tsOpen);
        cached = { day, sessions };
        return sessions;
      } catch (e) {
        // Yesterday's read still covers today: keep it rather than stop the phases on a broker blip.
        if (cached !== null) return cached.sessions;
        throw e;
      }
    },
  };
}
