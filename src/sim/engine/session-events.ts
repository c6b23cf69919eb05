/** @module What happens at session boundaries: the open (accepted orders start working), the close (auction, DAY expiry, roll), after-hours end. */
import type { Session } from '../contracts.ts';
import { applyCorporateActions } from './apply-corporate-actions.ts';
import type { EngineState } from './engine-state.ts';
import { emitUpdate, lastPrice, setStatus } from './engine-state.ts';
import { recordClose, rollLedgerAtOpen } from './ledger.ts';
import { terminate } from './lifecycle.ts';
import { matchOrder, matchSymbol, touchOf } from './match-order.ts';
import { closingAuction, trackTrail } from './matching.ts';
import { executeOrder } from './executions.ts';
import { isOpen } from './order-record.ts';

/** Extended hours end 4 h after the regular close (20:00 ET on a full day). */
export const AFTER_HOURS_MS = 4 * 60 * 60 * 1000;

/**
 * The open: `accepted` orders become `new` (trailing stops start tracking from the last price). With
 * `quiet`, no print is made: prices fall back to the market's own, and the symbols with working orders
 * are matched once at the opening price as if it had printed; otherwise the session's first print of
 * each symbol does that.
 */
export function openSession(engine: EngineState, session: Session, quiet: boolean): void {
  engine.now = session.tsOpen;
  engine.session = session;
  rollLedgerAtOpen(engine.ledger, (s) => lastPrice(engine, s));
  engine.tape.rollOpen();
  applyCorporateActions(engine, session);
  if (quiet) engine.tape.clear();
  engine.hub.session({ kind: 'open', session, ts: session.tsOpen });
  for (const rec of engine.book.open()) {
    if (rec.status !== 'accepted') continue;
    if (rec.type === 'trailing_stop') {
      rec.hwm = null;
      trackTrail(rec, lastPrice(engine, rec.symbol));
    }
    setStatus(engine, rec, 'new');
    emitUpdate(engine, 'new', rec);
  }
  if (!quiet) return;
  const symbols = new Set(engine.book.open().map((rec) => rec.symbol));
  for (const symbol of symbols) {
    matchSymbol(engine, symbol, {
      symbol,
      price: lastPrice(engine, symbol),
      size: 0,
      ts: session.tsOpen,
      // Never published: it only stands in for the opening print while the clock moved quietly.
      id: 0,
    });
  }
}

/**
 * The close: cls orders trade in the closing auction at the last price (rest canceled); DAY orders
 * still open expire (extended-hours ones later); the close is recorded, and last_equity and lastday prices take it
 * over at the next open, as Alpaca's previous-trading-day figures do.
 */
export function closeSession(engine: EngineState, session: Session): void {
  engine.now = session.tsClose;
  for (const rec of engine.book.open()) {
    if (rec.time_in_force !== 'cls' || !isOpen(rec) || rec.status === 'accepted') continue;
    const decision = closingAuction(rec, lastPrice(engine, rec.symbol));
    if (decision.kind === 'fill') {
      for (const leg of executeOrder(engine, rec, decision.price))
        matchOrder(engine, leg, touchOf(engine, leg.symbol));
    }
    if (isOpen(rec)) terminate(engine, rec, 'canceled');
  }
  for (const rec of engine.book.open()) {
    const dayEnds = rec.time_in_force === 'day' && !rec.extended_hours;
    // A GTC order ends at the close of the day its expires_at names (about 90 days on).
    const gtcEnds = rec.time_in_force === 'gtc' && rec.expires_at <= session.tsClose;
    if ((dayEnds || gtcEnds) && isOpen(rec)) terminate(engine, rec, 'expired');
  }
  recordClose(engine.ledger, (s) => lastPrice(engine, s));
  engine.tape.rollClose(session.tsClose);
  engine.session = undefined;
  engine.hub.session({ kind: 'close', session, ts: session.tsClose });
}

/** End of extended hours: extended-hours DAY orders expire. */
export function endAfterHours(engine: EngineState, ts: number): void {
  engine.now = ts;
  for (const rec of engine.book.open()) {
    if (rec.time_in_force === 'day' && rec.extended_hours && isOpen(rec))
      terminate(engine, rec, 'expired');
  }
}
