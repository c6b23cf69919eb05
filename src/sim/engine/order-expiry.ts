/**
 * @module When an order expires (`expires_at`): DAY orders at the close of the session they work in (20:00 ET
 * with extended hours), GTC orders at the close of the last session within 90 days, as Alpaca sets them.
 */
import type { Session, SimPositionIntent, SimSide, SimTif } from '../contracts.ts';
import { addDays, nyDateOf, nyEpoch } from '../market/ny-time.ts';
import type { EngineState } from './engine-state.ts';
import { positionQty } from './ledger.ts';
import { AFTER_HOURS_MS } from './session-events.ts';

/** Alpaca ends a GTC order about 90 days after it was placed. */
export const GTC_DAYS = 90;

/** The session an order placed now works in: the one in progress, the one whose after-hours are on (extended), else the next. */
function workingSession(engine: EngineState, extendedHours: boolean): Session {
  const { calendar } = engine.market;
  if (engine.session) return engine.session;
  if (extendedHours) {
    const previous = calendar.previousSessionBefore(engine.now);
    if (engine.now < previous.tsClose + AFTER_HOURS_MS) return previous;
  }
  return calendar.nextSessionAfter(engine.now);
}

export function expiresAt(engine: EngineState, tif: SimTif, extendedHours: boolean): number {
  if (tif === 'gtc') {
    const lastDate = addDays(nyDateOf(engine.now), GTC_DAYS + 1);
    return engine.market.calendar.previousSessionBefore(nyEpoch(lastDate)).tsClose;
  }
  const session = workingSession(engine, extendedHours);
  if (tif === 'opg') return session.tsOpen;
  return extendedHours ? session.tsClose + AFTER_HOURS_MS : session.tsClose;
}

/** The intent of an order that names none: closing when it reduces the position, opening otherwise. */
export function defaultIntent(
  engine: EngineState,
  symbol: string,
  side: SimSide,
): SimPositionIntent {
  const position = positionQty(engine.ledger, symbol);
  if (side === 'buy') return position < 0 ? 'buy_to_close' : 'buy_to_open';
  return position > 0 ? 'sell_to_close' : 'sell_to_open';
}
