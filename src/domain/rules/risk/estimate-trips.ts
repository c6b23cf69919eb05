/**
 * @module Trips on the live equity estimate, pure: an estimate may start a trip (marked estimated) but lifts none
 * (only expiry ends one meanwhile); the next account poll, the broker's own figure, confirms it or lifts it.
 */
import { tripKey, type Measurement } from './breaker.ts';
import type { Evaluation } from './account-breakers.ts';
import { applyEvaluation, type RiskBook, type RiskChange } from './risk-book.ts';

/** Folds the account breakers measured on an estimate: new trips are marked estimated; only tripped measurements are kept. */
export function applyEstimate(book: RiskBook, e: Evaluation, now: number, day: string): RiskChange {
  const trips = e.trips.map((t) => ({ ...t, estimated: true }));
  return applyEvaluation(
    book,
    { measurements: e.measurements.filter((m) => m.tripped), trips },
    now,
    day,
  );
}

/**
 * After a poll's evaluation: an estimated trip the poll measures as tripped becomes the poll's (its start kept);
 * one the poll measures as clear is lifted (the estimate was wrong: a print the broker does not value the account at).
 */
export function confirmEstimates(
  change: RiskChange,
  measurements: readonly Measurement[],
): RiskChange {
  const measured = new Map(measurements.map((m) => [tripKey(m), m]));
  const wrong = change.book.trips.filter(
    (t) => t.estimated === true && measured.get(tripKey(t))?.tripped === false,
  );
  if (!change.book.trips.some((t) => t.estimated === true)) return change;
  const trips = change.book.trips
    .filter((t) => !wrong.includes(t))
    .map((t) =>
      t.estimated === true && measured.get(tripKey(t))?.tripped === true
        ? { ...t, estimated: false }
        : t,
    );
  return {
    book: { ...change.book, trips },
    tripped: change.tripped,
    lifted: [...change.lifted, ...wrong],
  };
}
