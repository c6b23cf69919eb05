/**
 * @module The account breakers measured on live equity between two polls: the last poll's equity with the positions
 * at their latest market trades. An estimate may trip a breaker (marked estimated; the next poll confirms or lifts
 * it) and never lifts one; it writes the trading state only when something trips or ends.
 */
import { riskLimitsOf } from '../../config/risk-limits.ts';
import {
  accountBreakers,
  trimWindow,
  type EquitySample,
} from '../../domain/rules/risk/account-breakers.ts';
import { applyEstimate } from '../../domain/rules/risk/estimate-trips.ts';
import { liveEquity, type PriceMark } from '../../domain/rules/risk/live-equity.ts';
import type { RiskBook, RiskChange } from '../../domain/rules/risk/risk-book.ts';
import { nyDate } from '../../domain/time/ny-dates.ts';
import { commitRiskChange } from '../../procedures/publish-risk-change.ts';
import type { Deps } from '../deps.ts';
import type { LiveState } from './evaluate-live.ts';

export interface Estimate {
  /** This reading, for the rapid-loss window of the next estimates (until the next poll replaces them). */
  readonly sample: EquitySample;
  /** Null when nothing tripped or ended; else the book written holds the estimates' readings in its window. */
  readonly change: RiskChange | null;
}

/** `samples`: the estimates since the last poll (the polls' readings are in the persisted window). */
export async function estimateLive(
  deps: Deps,
  live: LiveState,
  marks: Readonly<Record<string, PriceMark>>,
  samples: readonly EquitySample[],
): Promise<Estimate | null> {
  const basis = live.basis;
  const now = deps.clock.now();
  // Between sessions the polls measure alone (a daily-loss halt would last until a close already past).
  if (basis === null || now >= live.tsSessionEnd) return null;
  const limits = riskLimitsOf(deps.config);
  const day = nyDate(now);
  const equity = liveEquity(basis, marks);
  const sample = { ts: now, equity };
  // Folded on the book as it is at the write; nothing is written unless something trips or ends.
  const fold = (book: RiskBook): RiskChange | null => {
    // The high-water mark moves only on the broker's figure: a wrong print must not raise it for good.
    const highWater = book.equity?.highWater ?? Math.max(basis.equity, basis.lastClose);
    const window = trimWindow([...book.window, ...samples, sample], now, limits.rapidLossWindowMs);
    const evaluation = accountBreakers(
      {
        now,
        equity,
        lastClose: basis.lastClose,
        highWater,
        window,
        tsSessionEnd: live.tsSessionEnd,
      },
      limits,
    );
    const change = applyEstimate(book, evaluation, now, day);
    if (change.tripped.length === 0 && change.lifted.length === 0) return null;
    // The readings behind the trip are kept with it: the next poll (this daemon's or, after a restart, the next
    // one's) measures the rapid loss on the same evidence, not on the polls' readings alone.
    return {
      ...change,
      book: {
        ...change.book,
        window,
        equity: { current: equity, lastClose: basis.lastClose, highWater, ts: now },
      },
    };
  };
  const change = await commitRiskChange(fold, now, {
    store: deps.store,
    mailer: deps.mailer,
    events: deps.events,
    log: deps.log,
    actor: 'daemon',
    day,
  });
  return { sample, change };
}
