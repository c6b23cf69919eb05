/**
 * @module Limit Up-Limit Down price bands of the synthetic market, from its prints as the LULD plan sets them for
 * Tier 1 securities: the reference price is the mean price of the prints of the preceding five minutes (the
 * session's first print at the open); the band is 5 % either side above $3.00, 20 % from $0.75, else the lesser of
 * $0.15 and 75 %, doubled from 09:30 to 09:45 and, under $3.00, from 15:35 to the close. A new band is published
 * at the session's first print, when the percentage changes, and when the reference moves 1 % or more.
 */
import type { MarketCalendar, SimPrint } from '../../contracts.ts';

const WINDOW_MS = 5 * 60_000;
const REPUBLISH_MOVE = 0.01;

export interface LuldBand {
  readonly symbol: string;
  readonly up: number;
  readonly down: number;
  readonly ts: number;
}

interface State {
  readonly date: string;
  readonly window: SimPrint[];
  reference: number;
  percent: number;
}

const cents = (x: number): number => Math.round(x * 100) / 100;

function percentFor(reference: number, ts: number, tsOpen: number, tsClose: number): number {
  const base = reference > 3 ? 0.05 : reference >= 0.75 ? 0.2 : Math.min(0.75, 0.15 / reference);
  const opening = ts < tsOpen + 15 * 60_000;
  const closing = reference <= 3 && ts >= tsClose - 25 * 60_000;
  return opening || closing ? base * 2 : base;
}

export class LuldBands {
  private readonly states = new Map<string, State>();

  constructor(private readonly calendar: MarketCalendar) {}

  /** Takes a print of the regular session; returns the band to publish, if it changed. */
  onPrint(print: SimPrint): LuldBand | undefined {
    const session = this.calendar.sessionAt(print.ts);
    if (!session || print.late === true) return undefined;
    let state = this.states.get(print.symbol);
    const fresh = state?.date !== session.date;
    if (!state || fresh) {
      state = { date: session.date, window: [], reference: print.price, percent: 0 };
      this.states.set(print.symbol, state);
    }
    state.window.push(print);
    while ((state.window[0]?.ts ?? Infinity) < print.ts - WINDOW_MS) state.window.shift();
    const reference = fresh
      ? print.price
      : state.window.reduce((s, p) => s + p.price, 0) / state.window.length;
    const percent = percentFor(reference, print.ts, session.tsOpen, session.tsClose);
    if (
      !fresh &&
      percent === state.percent &&
      Math.abs(reference / state.reference - 1) < REPUBLISH_MOVE
    )
      return undefined;
    state.reference = reference;
    state.percent = percent;
    return {
      symbol: print.symbol,
      up: cents(reference * (1 + percent)),
      down: cents(reference * (1 - percent)),
      ts: print.ts,
    };
  }

  reset(): void {
    this.states.clear();
  }
}
