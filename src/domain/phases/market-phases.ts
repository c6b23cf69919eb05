/**
 * @module The daemon's market phases (seed 001's orchestrator), pure: placed on each session of the broker's
 * calendar, so an early close shifts MARKET_CLOSE and AFTER_HOURS and a holiday has none of them. OVERNIGHT runs
 * from one session's after-hours to the next session's pre-market and belongs to the earlier session's day.
 */
import type { CalendarDay } from '../account.ts';
import { nyToEpoch } from '../time/ny-time.ts';

export const MARKET_PHASES = [
  'PRE_MARKET',
  'MARKET_OPEN',
  'TRADING',
  'MARKET_CLOSE',
  'AFTER_HOURS',
  'OVERNIGHT',
] as const;
export type MarketPhase = (typeof MARKET_PHASES)[number];

export interface PhaseOptions {
  /** New York wall time PRE_MARKET begins (HH:MM); never after the open. */
  readonly preMarketStart: string;
  readonly openingMs: number;
  readonly closingMs: number;
  readonly afterHoursMs: number;
}

/** One phase of one trading day: [tsStart, tsEnd). */
export interface PhaseWindow {
  readonly phase: MarketPhase;
  /** The trading day (New York date) the phase belongs to. */
  readonly day: string;
  readonly tsStart: number;
  /** null: the next session is not known yet (beyond the calendar read). */
  readonly tsEnd: number | null;
}

/** The five daytime phases of a session, in order and contiguous; a phase squeezed to nothing is left out. */
export function sessionWindows(session: CalendarDay, o: PhaseOptions): PhaseWindow[] {
  const open = session.tsOpen;
  const close = session.tsClose;
  const preStart = Math.min(nyToEpoch(session.date, o.preMarketStart), open);
  const tradingStart = Math.min(open + o.openingMs, close);
  const closingStart = Math.max(tradingStart, close - o.closingMs);
  const bounds: Array<[MarketPhase, number, number]> = [
    ['PRE_MARKET', preStart, open],
    ['MARKET_OPEN', open, tradingStart],
    ['TRADING', tradingStart, closingStart],
    ['MARKET_CLOSE', closingStart, close],
    ['AFTER_HOURS', close, close + o.afterHoursMs],
  ];
  return bounds
    .filter(([, start, end]) => end > start)
    .map(([phase, tsStart, tsEnd]) => ({ phase, day: session.date, tsStart, tsEnd }));
}

const preMarketOf = (s: CalendarDay, o: PhaseOptions): number =>
  Math.min(nyToEpoch(s.date, o.preMarketStart), s.tsOpen);

/**
 * The phase at `ts`, given the sessions around it in date order. Before the first session listed, the overnight
 * belongs to no known day: it is reported as the day before that session's with an unknown start (0).
 */
export function phaseAt(
  ts: number,
  sessions: readonly CalendarDay[],
  o: PhaseOptions,
): PhaseWindow {
  let previous: CalendarDay | undefined;
  for (const s of sessions) {
    if (preMarketOf(s, o) > ts) {
      return overnight(previous, preMarketOf(s, o), o);
    }
    const inside = sessionWindows(s, o).find((w) => ts >= w.tsStart && ts < (w.tsEnd ?? Infinity));
    if (inside !== undefined) return inside;
    previous = s;
  }
  return overnight(previous, null, o);
}

function overnight(
  previous: CalendarDay | undefined,
  tsEnd: number | null,
  o: PhaseOptions,
): PhaseWindow {
  if (previous === undefined) return { phase: 'OVERNIGHT', day: '', tsStart: 0, tsEnd };
  return {
    phase: 'OVERNIGHT',
    day: previous.date,
    tsStart: previous.tsClose + o.afterHoursMs,
    tsEnd,
  };
}
