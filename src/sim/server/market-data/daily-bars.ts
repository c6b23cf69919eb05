/**
 * @module The running daily bar streamed on `dailyBars` after each minute bar: the session's minutes before the
 * stream's first bar come from the market's own minute bars, the rest are the bars the stream built (late prints
 * included). Stamped at New York midnight of the session date, like the REST daily bars.
 */
import type { SimBar, SyntheticMarket } from '../../contracts.ts';
import { aggregateBars } from '../../market/bar-math.ts';
import { nyEpoch } from '../../market/ny-time.ts';
import type { BuiltBar } from './minute-bar-builder.ts';

const ONE_MINUTE = { unit: 'Min', amount: 1 } as const;

/** The running daily bar of a symbol, given the minute bars the stream has built this session (in time order). */
export function runningDailyBar(
  market: SyntheticMarket,
  symbol: string,
  builtToday: readonly BuiltBar[],
  now: number,
): SimBar | undefined {
  const first = builtToday[0];
  if (!first) return undefined;
  const session = market.calendar.sessionAt(first.t);
  if (!session) return undefined;
  const before = market.bars(symbol, ONE_MINUTE, session.tsOpen, first.t, now);
  return aggregateBars(nyEpoch(session.date), [...before, ...builtToday]);
}
