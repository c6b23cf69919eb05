/**
 * @module The reconciliation gate (seed 002), pure: local positions and cash against the broker's. A difference
 * beyond the tolerance (a share of the larger side; 0 = exact: to the cent for cash, to 1e-9 shares) is a
 * discrepancy; every discrepancy is listed.
 */
import { ACCOUNT_SCOPE, type BreakerTrip, type Measurement } from './breaker.ts';

export interface Book {
  readonly cash: number;
  /** Shares per symbol. */
  readonly positions: ReadonlyMap<string, number>;
}

export interface Discrepancy {
  readonly kind: 'position' | 'cash';
  /** The symbol, or `cash`. */
  readonly item: string;
  readonly local: number;
  readonly broker: number;
  /** |local - broker| as a fraction of the larger magnitude. */
  readonly difference: number;
}

export interface Reconciliation {
  readonly ok: boolean;
  readonly discrepancies: readonly Discrepancy[];
  /** Items compared. */
  readonly checked: number;
}

const EXACT = { position: 1e-9, cash: 0.005 };

function compare(
  kind: Discrepancy['kind'],
  item: string,
  local: number,
  broker: number,
  tolerancePct: number,
): Discrepancy | undefined {
  const gap = Math.abs(local - broker);
  const scale = Math.max(Math.abs(local), Math.abs(broker));
  const difference = scale > 0 ? gap / scale : 0;
  if (gap <= EXACT[kind]) return undefined;
  if (tolerancePct > 0 && difference <= tolerancePct / 100) return undefined;
  return { kind, item, local, broker, difference };
}

export function reconcile(local: Book, broker: Book, tolerancePct: number): Reconciliation {
  const symbols = [...new Set([...local.positions.keys(), ...broker.positions.keys()])].sort();
  const found = [
    ...symbols.map((s) =>
      compare(
        'position',
        s,
        local.positions.get(s) ?? 0,
        broker.positions.get(s) ?? 0,
        tolerancePct,
      ),
    ),
    compare('cash', 'cash', local.cash, broker.cash, tolerancePct),
  ].filter((d): d is Discrepancy => d !== undefined);
  return { ok: found.length === 0, discrepancies: found, checked: symbols.length + 1 };
}

/** One line per discrepancy, for the journal, the alert and the halt reason. */
export const describeDiscrepancy = (d: Discrepancy): string =>
  d.kind === 'cash'
    ? `cash: local $${d.local.toFixed(2)} vs broker $${d.broker.toFixed(2)}`
    : `${d.item}: local ${d.local} shares vs broker ${d.broker}`;

/** The reconciliation kill condition from a comparison (null: nothing local to compare with yet). */
export function reconciliationBreaker(
  r: Reconciliation | null,
  now: number,
  tolerancePct: number,
): { measurements: Measurement[]; trips: BreakerTrip[] } {
  const worst = r === null ? null : Math.max(0, ...r.discrepancies.map((d) => d.difference));
  const m: Measurement = {
    name: 'reconciliation',
    scope: ACCOUNT_SCOPE,
    value: worst,
    threshold: tolerancePct / 100,
    tripped: r !== null && !r.ok,
  };
  if (r === null || r.ok) return { measurements: [m], trips: [] };
  return {
    measurements: [m],
    trips: [
      {
        name: 'reconciliation',
        scope: ACCOUNT_SCOPE,
        action: 'halt',
        tsTriggered: now,
        tsExpires: null,
        reason: `kill switch: reconciliation failed beyond ${tolerancePct}%: ${r.discrepancies.map(describeDiscrepancy).join('; ')}`,
        value: worst,
        threshold: tolerancePct / 100,
        whileCondition: false,
      },
    ],
  };
}
