/** @module The clock walk: moves time forward through synthetic prints and session boundaries, in time order. */
import type { Session } from '../contracts.ts';
import type { EngineState } from './engine-state.ts';
import { applyPrint } from './match-order.ts';
import { unprocessable } from './rejections.ts';
import { AFTER_HOURS_MS, closeSession, endAfterHours, openSession } from './session-events.ts';

type Boundary = {
  readonly ts: number;
  readonly kind: 'open' | 'close' | 'after-hours-end';
  readonly session: Session;
};

/** Prints are fetched in slices of at most an hour so that long walks stay small in memory. */
const SLICE_MS = 60 * 60 * 1000;

function nextBoundary(engine: EngineState): Boundary {
  const { calendar } = engine.market;
  const now = engine.now;
  const candidates: Boundary[] = [];
  const next = calendar.nextSessionAfter(now);
  candidates.push({ ts: next.tsOpen, kind: 'open', session: next });
  if (engine.session)
    candidates.push({ ts: engine.session.tsClose, kind: 'close', session: engine.session });
  const prev = engine.session ?? calendar.previousSessionBefore(now);
  if (prev.tsClose + AFTER_HOURS_MS > now) {
    candidates.push({ ts: prev.tsClose + AFTER_HOURS_MS, kind: 'after-hours-end', session: prev });
  }
  return candidates.reduce((a, b) => (b.ts < a.ts ? b : a));
}

/** Applies the market's prints in (from, to], setting the clock to each print's time. */
function walkPrints(engine: EngineState, from: number, to: number): void {
  for (let start = from; start < to; start = Math.min(start + SLICE_MS, to)) {
    const end = Math.min(start + SLICE_MS, to);
    for (const print of engine.market.printsBetween(start, end)) {
      engine.now = Math.max(engine.now, print.ts);
      applyPrint(engine, print);
    }
  }
}

/** Moves the clock to ts (never backwards): prints (unless quiet), opens, closes, expiries, in time order. */
export function advanceClock(engine: EngineState, ts: number, quiet: boolean): void {
  if (!Number.isFinite(ts)) throw unprocessable('the clock needs a finite time');
  if (ts < engine.now) throw unprocessable('the clock cannot move backwards');
  while (engine.now < ts) {
    const b = nextBoundary(engine);
    if (b.ts <= engine.now)
      throw new Error(`calendar bug: the next session boundary ${b.ts} is not after ${engine.now}`);
    const end = Math.min(b.ts, ts);
    // Prints strictly before the boundary; a print at the open comes after it, a print at the close before it.
    if (!quiet) walkPrints(engine, engine.now, end - 1);
    if (end === b.ts && b.kind === 'open') openSession(engine, b.session, quiet);
    if (!quiet) walkPrints(engine, end - 1, end);
    engine.now = end;
    if (end !== b.ts) continue;
    if (b.kind === 'close') closeSession(engine, b.session);
    if (b.kind === 'after-hours-end') endAfterHours(engine, b.ts);
  }
}
