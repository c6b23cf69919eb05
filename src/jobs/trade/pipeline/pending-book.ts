/**
 * @module Pending signals in the trade run (seed 002): a signal blocked by risk, cash or heat is kept and walked
 * again at each run while daysBetween(first blocked day, today) < capital.pending_signal_days; it ends as
 * `entered` when it is bought, `expired` when its days are over or something other than risk, cash or heat
 * stops it. Today's CSV supersedes a pending signal of the same ticker and strategy.
 */
import { daysBetween } from '../../../domain/time/ny-dates.ts';
import type { Store } from '../../../domain/store.ts';
import {
  pendingKey,
  pendingSignals,
  putPending,
  type PendingSignal,
} from '../../../records/pending-signals.ts';
import type { RankedSignal } from '../../rank/rank-signals.ts';
import { PENDING_CODES, type PipelineCandidate } from './pipeline-candidate.ts';

const alive = (p: PendingSignal, day: string, days: number): boolean =>
  p.status === 'pending' &&
  daysBetween(p.firstDay, day) < days &&
  daysBetween(p.firstDay, day) >= 0;

/** The pending signals to walk today: alive, and not in today's CSV. */
export function alivePending(
  store: Store,
  day: string,
  csv: readonly RankedSignal[],
  days: number,
): RankedSignal[] {
  const inCsv = new Set(csv.map((s) => pendingKey(s.ticker, s.strategy)));
  return pendingSignals(store)
    .filter(
      (p) => alive(p, day, days) && !inCsv.has(pendingKey(p.signal.ticker, p.signal.strategy)),
    )
    .map((p) => p.signal)
    .sort((a, b) => a.rank - b.rank);
}

export interface PendingChange {
  readonly ticker: string;
  readonly strategy: string;
  readonly status: 'pending' | 'entered' | 'expired';
  readonly reason: string;
}

/** Folds the run's candidates (and the clock) into the pending book; resolves what changed. */
export async function settlePending(
  store: Store,
  day: string,
  days: number,
  candidates: readonly PipelineCandidate[],
  entered: ReadonlySet<string>,
): Promise<PendingChange[]> {
  const book = new Map(
    pendingSignals(store).map((p) => [pendingKey(p.signal.ticker, p.signal.strategy), p]),
  );
  const changes: PendingChange[] = [];
  const put = async (p: PendingSignal, reason: string): Promise<void> => {
    await putPending(store, p);
    changes.push({
      ticker: p.signal.ticker,
      strategy: p.signal.strategy,
      status: p.status,
      reason,
    });
  };
  const walked = new Set<string>();
  for (const c of candidates) {
    const key = pendingKey(c.signal.ticker, c.signal.strategy);
    walked.add(key);
    const was = book.get(key);
    const open = was !== undefined && alive(was, day, days);
    if (c.accepted && entered.has(c.signal.ticker)) {
      if (open)
        await put(
          { ...was, status: 'entered', closedDay: day, retries: was.retries + 1 },
          'entered',
        );
    } else if (
      !c.accepted &&
      c.reasonCode !== null &&
      PENDING_CODES.has(c.reasonCode) &&
      days > 0
    ) {
      const base = open
        ? was
        : { signal: { ...c.signal }, firstDay: day, retries: -1, closedDay: null };
      await put(
        {
          ...base,
          lastDay: day,
          reasonCode: c.reasonCode,
          reason: c.reason ?? '',
          retries: base.retries + 1,
          status: 'pending',
        },
        c.reason ?? c.reasonCode,
      );
    } else if (open && !c.accepted) {
      await put(
        { ...was, status: 'expired', closedDay: day, reason: c.reason ?? '' },
        `no longer pending: ${c.reason ?? c.reasonCode ?? ''}`,
      );
    }
  }
  for (const [key, p] of book) {
    if (walked.has(key) || p.status !== 'pending' || alive(p, day, days)) continue;
    await put(
      { ...p, status: 'expired', closedDay: day },
      `expired after ${days} days (blocked first on ${p.firstDay}: ${p.reason})`,
    );
  }
  return changes;
}
