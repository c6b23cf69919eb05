/**
 * @module The synthetic market's prints: four per minute and symbol inside its minute bar (see prints.ts), listed
 * for a time range or looked up as the last print at a time. Each carries its trade id (printId).
 */
import type { MarketCalendar, SimPrint } from '../contracts.ts';
import type { MinuteDay } from './intraday.ts';
import { SLOT_OFFSETS_MS, lastSlotAt, printId, slotPriceCents, slotSize } from './prints.ts';
import type { Timeline } from './timeline.ts';

const MINUTE_MS = 60_000;
const LAST_SLOT = SLOT_OFFSETS_MS.length - 1;

export interface PrintTapeDeps {
  readonly calendar: MarketCalendar;
  readonly timeline: Timeline;
  /** Listed symbols in print order (by per-symbol jitter, then name). */
  readonly printOrder: readonly string[];
  jitterOf(symbol: string): number;
  minutesOf(symbol: string, sessionIndex: number): MinuteDay | undefined;
  /** Daily open of the first session in cents (the price before any print). */
  firstOpenCents(symbol: string): number;
}

export interface PrintTape {
  printsBetween(tsFrom: number, tsTo: number, symbols?: readonly string[]): SimPrint[];
  lastPrintAt(symbol: string, ts: number): SimPrint;
}

const minuteCount = (s: { tsOpen: number; tsClose: number }): number =>
  Math.round((s.tsClose - s.tsOpen) / MINUTE_MS);

function printOf(
  symbol: string,
  day: MinuteDay,
  k: number,
  slot: number,
  jitter: number,
): SimPrint {
  const ts = day.tsOpen + k * MINUTE_MS + (SLOT_OFFSETS_MS[slot] ?? 0) + jitter;
  return {
    symbol,
    price: slotPriceCents(day, k, slot) / 100,
    size: slotSize(day, k, slot),
    ts,
    id: printId(ts),
  };
}

export function createPrintTape(deps: PrintTapeDeps): PrintTape {
  const { timeline } = deps;

  /** The closing print of the session at index i (undefined before the origin). */
  const closingPrint = (symbol: string, i: number): SimPrint | undefined => {
    const session = timeline.sessions[i];
    const day = deps.minutesOf(symbol, i);
    if (!session || !day) return undefined;
    return printOf(symbol, day, minuteCount(session) - 1, LAST_SLOT, deps.jitterOf(symbol));
  };
  const beforeAnyPrint = (symbol: string, ts: number): SimPrint => ({
    symbol,
    price: deps.firstOpenCents(symbol) / 100,
    size: 0,
    ts,
    id: 0,
  });

  return {
    printsBetween(tsFrom, tsTo, symbols) {
      const out: SimPrint[] = [];
      if (!(tsTo > tsFrom)) return out;
      timeline.ensureTs(tsTo);
      const wanted =
        symbols === undefined
          ? deps.printOrder
          : deps.printOrder.filter((s) => symbols.includes(s));
      for (
        let i = timeline.lowerBound(tsFrom + 1, 'tsClose');
        i < timeline.sessions.length;
        i += 1
      ) {
        const session = timeline.sessions[i];
        if (!session || session.tsOpen > tsTo) break;
        const k0 = Math.max(0, Math.floor((tsFrom - session.tsOpen) / MINUTE_MS));
        const k1 = Math.min(
          minuteCount(session) - 1,
          Math.floor((tsTo - session.tsOpen) / MINUTE_MS),
        );
        const days = wanted.map((symbol) => ({
          symbol,
          jitter: deps.jitterOf(symbol),
          day: k0 <= k1 ? deps.minutesOf(symbol, i) : undefined,
        }));
        for (let k = k0; k <= k1; k += 1) {
          for (let slot = 0; slot < SLOT_OFFSETS_MS.length; slot += 1) {
            for (const { symbol, jitter, day } of days) {
              const ts = session.tsOpen + k * MINUTE_MS + (SLOT_OFFSETS_MS[slot] ?? 0) + jitter;
              if (!day || ts <= tsFrom || ts > tsTo) continue;
              out.push(printOf(symbol, day, k, slot, jitter));
            }
          }
        }
      }
      return out;
    },
    lastPrintAt(symbol, ts) {
      timeline.ensureTs(ts);
      const session = deps.calendar.sessionAt(ts);
      const i = session ? timeline.indexOfDate(session.date) : undefined;
      const day = i === undefined ? undefined : deps.minutesOf(symbol, i);
      if (session && i !== undefined && day) {
        const k = Math.floor((ts - session.tsOpen) / MINUTE_MS);
        const jitter = deps.jitterOf(symbol);
        const slot = lastSlotAt(session.tsOpen + k * MINUTE_MS, jitter, ts);
        if (slot >= 0) return printOf(symbol, day, k, slot, jitter);
        if (k > 0) return printOf(symbol, day, k - 1, LAST_SLOT, jitter);
        return closingPrint(symbol, i - 1) ?? beforeAnyPrint(symbol, ts);
      }
      const last = timeline.lowerBound(ts + 1, 'tsClose') - 1;
      return closingPrint(symbol, last) ?? beforeAnyPrint(symbol, ts);
    },
  };
}
