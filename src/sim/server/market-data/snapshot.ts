/**
 * @module Latest bars for snapshots and `bars/latest`: the last complete minute bar, the day's bar (running while
 * the session is open, from the minutes complete so far) and the previous session's daily bar. No lookahead.
 */
import type { Session, SimBar, SyntheticMarket } from '../../contracts.ts';
import { aggregateBars } from '../../market/bar-math.ts';
import { nyEpoch } from '../../market/ny-time.ts';

const ONE_MINUTE = { unit: 'Min', amount: 1 } as const;

export interface LatestBars {
  readonly minuteBar: SimBar | null;
  readonly dailyBar: SimBar | null;
  readonly prevDailyBar: SimBar | null;
}

function dailyOf(
  market: SyntheticMarket,
  symbol: string,
  session: Session | undefined,
): SimBar | null {
  if (!session) return null;
  return market.dailyBars(symbol, session.date, session.date)[0] ?? null;
}

function previousSession(market: SyntheticMarket, ts: number): Session | undefined {
  try {
    return market.calendar.previousSessionBefore(ts);
  } catch {
    return undefined;
  }
}

export function latestBars(market: SyntheticMarket, symbol: string, now: number): LatestBars {
  const open = market.calendar.sessionAt(now);
  const minutesToday = open ? market.bars(symbol, ONE_MINUTE, open.tsOpen, now + 1, now) : [];
  if (open && minutesToday.length > 0) {
    const prev = previousSession(market, open.tsOpen);
    return {
      minuteBar: minutesToday[minutesToday.length - 1] ?? null,
      dailyBar: aggregateBars(nyEpoch(open.date), minutesToday),
      prevDailyBar: dailyOf(market, symbol, prev),
    };
  }
  const last = previousSession(market, now);
  const lastMinutes = last ? market.minuteBars(symbol, last.date) : [];
  return {
    minuteBar: lastMinutes[lastMinutes.length - 1] ?? null,
    dailyBar: dailyOf(market, symbol, last),
    prevDailyBar: last ? dailyOf(market, symbol, previousSession(market, last.tsOpen)) : null,
  };
}

/** The last complete minute bar at now (today's, or the previous session's last). */
export function latestMinuteBar(
  market: SyntheticMarket,
  symbol: string,
  now: number,
): SimBar | null {
  return latestBars(market, symbol, now).minuteBar;
}
