/** @module Runs matching: one order or every open order of a symbol against the current NBBO, then ioc/fok/opg remainders are cancelled. */
import type { SimPrint } from '../contracts.ts';
import type { EngineState } from './engine-state.ts';
import { executeOrder } from './executions.ts';
import { terminate } from './lifecycle.ts';
import type { Touch } from './matching.ts';
import { decide } from './matching.ts';
import type { OrderRecord } from './order-record.ts';
import { isOpen, isWorking } from './order-record.ts';

/** The NBBO of a symbol now, with the print that produced it when matching runs on a print. */
export function touchOf(engine: EngineState, symbol: string, print?: SimPrint): Touch {
  const last = engine.tape.last(symbol, engine.now);
  return {
    quote: engine.tape.quote(symbol, engine.now),
    print,
    inSession: engine.session !== undefined,
    auctionPrice: print?.price ?? last.price,
  };
}

const runsOnce = (rec: OrderRecord): boolean =>
  rec.time_in_force === 'ioc' || rec.time_in_force === 'fok' || rec.time_in_force === 'opg';

/** Evaluates one order; an ioc/fok/opg order that was evaluated loses whatever did not fill. */
export function matchOrder(engine: EngineState, rec: OrderRecord, touch: Touch): void {
  const decision = decide(rec, touch);
  if (decision.kind === 'fill') {
    const activated = executeOrder(engine, rec, decision.price);
    // Legs that just became active are evaluated at once against the same NBBO (no print: stops wait).
    for (const leg of activated) matchOrder(engine, leg, { ...touch, print: undefined });
  }
  if (decision.kind !== 'idle' && runsOnce(rec) && isOpen(rec)) terminate(engine, rec, 'canceled');
}

/** Evaluates every working order of the symbol, oldest first. */
export function matchSymbol(engine: EngineState, symbol: string, print?: SimPrint): void {
  const touch = touchOf(engine, symbol, print);
  for (const rec of engine.book.open(symbol)) {
    if (isWorking(rec)) matchOrder(engine, rec, touch);
  }
}

/** Applies one print: last trade, NBBO to quote listeners, print listeners, then matching. */
export function applyPrint(engine: EngineState, print: SimPrint): void {
  engine.tape.set(print);
  engine.hub.quote(engine.tape.quote(print.symbol, engine.now));
  engine.hub.print(print);
  matchSymbol(engine, print.symbol, print);
}
