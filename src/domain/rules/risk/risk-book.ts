/**
 * @module The one trading state (issue 13), pure: the persisted book of active trips, last measurements,
 * equity marks and order counts, and how an evaluation folds into it (new trips latch, expired ones end,
 * a drawdown lifts when equity recovers, kills stay until acknowledged).
 */
import { KILL_CONDITIONS, tripKey, type BreakerTrip, type Measurement } from './breaker.ts';
import type { EquitySample } from './account-breakers.ts';
import { emptyOrderStats, type OrderStats } from './order-breakers.ts';
import { nyDate } from '../../time/ny-dates.ts';
import type { ClosedTrade } from './strategy-breakers.ts';

export interface EquityMarks {
  readonly current: number;
  readonly lastClose: number;
  readonly highWater: number;
  readonly ts: number;
}

export interface RiskBook {
  readonly trips: readonly BreakerTrip[];
  readonly measurements: readonly Measurement[];
  readonly equity: EquityMarks | null;
  /** Readings of the rapid-loss window. */
  readonly window: readonly EquitySample[];
  readonly orders: OrderStats;
  /** Per trip key, when it last tripped: the strategy breakers count only later trades. */
  readonly lastTrip: Readonly<Record<string, number>>;
  /** Per kill key, the New York day it was acknowledged: it does not trip again on the same measurement that day. */
  readonly acknowledged: Readonly<Record<string, string>>;
  /** The latest closed trades of strikeline's strategies (the daemon appends them), oldest first. */
  readonly closedTrades: readonly ClosedTrade[];
  readonly tsUpdated: number;
}

/** Closed trades kept: enough for any consecutive_losses limit (at most 100) across the strategies. */
export const MAX_CLOSED_TRADES = 1_000;

export const emptyRiskBook = (day: string): RiskBook => ({
  trips: [],
  measurements: [],
  equity: null,
  window: [],
  orders: emptyOrderStats(day),
  lastTrip: {},
  acknowledged: {},
  closedTrades: [],
  tsUpdated: 0,
});

export interface RiskChange {
  readonly book: RiskBook;
  readonly tripped: readonly BreakerTrip[];
  readonly lifted: readonly BreakerTrip[];
}

const isKill = (t: BreakerTrip): boolean => KILL_CONDITIONS.has(t.name);

/** Ends the trips whose time is up; nothing else changes. */
export function expireTrips(book: RiskBook, now: number): RiskChange {
  const lifted = book.trips.filter((t) => t.tsExpires !== null && t.tsExpires <= now);
  if (lifted.length === 0) return { book, tripped: [], lifted };
  return {
    book: { ...book, trips: book.trips.filter((t) => !lifted.includes(t)) },
    tripped: [],
    lifted,
  };
}

/**
 * Folds an evaluation: its measurements replace the earlier ones of the same key; a candidate trip starts
 * unless the same key is already active (or is a kill acknowledged today).
 */
export function applyEvaluation(
  book: RiskBook,
  e: { measurements: readonly Measurement[]; trips: readonly BreakerTrip[] },
  now: number,
  day: string,
): RiskChange {
  const expired = expireTrips(book, now);
  const measured = new Map(e.measurements.map((m) => [tripKey(m), m]));
  const cleared = expired.book.trips.filter(
    (t) => t.whileCondition && measured.get(tripKey(t))?.tripped === false,
  );
  const kept = expired.book.trips.filter((t) => !cleared.includes(t));
  const active = new Set(kept.map(tripKey));
  const tripped = e.trips.filter(
    (t) => !active.has(tripKey(t)) && !(isKill(t) && book.acknowledged[tripKey(t)] === day),
  );
  const measurements = [
    ...book.measurements.filter((m) => !measured.has(tripKey(m))),
    ...e.measurements,
  ];
  const lastTrip = {
    ...book.lastTrip,
    ...Object.fromEntries(tripped.map((t) => [tripKey(t), t.tsTriggered])),
  };
  return {
    book: { ...expired.book, trips: [...kept, ...tripped], measurements, lastTrip, tsUpdated: now },
    tripped,
    lifted: [...expired.lifted, ...cleared],
  };
}

/**
 * `strikeline resume --ack`: lifts the latched kills (each stays acknowledged for the New York day it tripped:
 * the same measurement does not trip it again that day), and starts the day's order counts afresh.
 */
export function acknowledgeKills(book: RiskBook, now: number): RiskChange {
  // Lifted by the acknowledgement, whatever measured them (an estimate's kill the poll had not yet confirmed too).
  const lifted = book.trips.filter(isKill).map((t) => ({ ...t, estimated: false }));
  const acknowledged = {
    ...book.acknowledged,
    ...Object.fromEntries(lifted.map((t) => [tripKey(t), nyDate(t.tsTriggered)])),
  };
  return {
    book: {
      ...book,
      trips: book.trips.filter((t) => !isKill(t)),
      orders: emptyOrderStats(book.orders.day),
      acknowledged,
      tsUpdated: now,
    },
    tripped: [],
    lifted,
  };
}
