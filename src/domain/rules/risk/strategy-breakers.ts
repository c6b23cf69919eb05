/**
 * @module The strategy breakers, pure: a run of losing closed trades pauses the strategy; its losses of the day
 * beyond a share of its allocation disable it. Trades closed before the strategy's last trip of the same
 * breaker do not count again, so a pause that ends is not tripped anew by the same losses.
 */
import { pct, type BreakerTrip, type Measurement, type RiskLimits } from './breaker.ts';
import type { Evaluation } from './account-breakers.ts';

/** One closed round trip, net of costs. */
export interface ClosedTrade {
  readonly strategy: string;
  readonly symbol: string;
  readonly pnl: number;
  readonly tsClosed: number;
}

export interface StrategyInput {
  readonly now: number;
  readonly trades: readonly ClosedTrade[];
  /** Dollars allotted to each strategy (its allocation_pct of the capital). */
  readonly allocations: ReadonlyMap<string, number>;
  /** Start of the trading day: the strategy-loss sum covers trades closed since. */
  readonly tsDayStart: number;
  /** Per `<breaker>:<strategy>`, when it last tripped. */
  readonly lastTrip: ReadonlyMap<string, number>;
}

/** The losing closed trades at the end of the list (oldest first): a win or a flat trade ends the run. */
export function losingStreak(trades: readonly ClosedTrade[]): number {
  let n = 0;
  for (let i = trades.length - 1; i >= 0 && (trades[i]?.pnl ?? 0) < 0; i--) n++;
  return n;
}

export function strategyBreakers(i: StrategyInput, l: RiskLimits): Evaluation {
  const byStrategy = new Map<string, ClosedTrade[]>();
  for (const t of [...i.trades].sort((a, b) => a.tsClosed - b.tsClosed))
    byStrategy.set(t.strategy, [...(byStrategy.get(t.strategy) ?? []), t]);
  const measurements: Measurement[] = [];
  const trips: BreakerTrip[] = [];
  for (const [strategy, all] of byStrategy) {
    const after = (name: string): ClosedTrade[] => {
      const since = i.lastTrip.get(`${name}:${strategy}`) ?? -Infinity;
      return all.filter((t) => t.tsClosed > since);
    };
    const streak = losingStreak(after('consecutive_losses'));
    const streakTripped = streak >= l.consecutiveLosses;
    measurements.push({
      name: 'consecutive_losses',
      scope: strategy,
      value: streak,
      threshold: l.consecutiveLosses,
      tripped: streakTripped,
    });
    if (streakTripped)
      trips.push({
        name: 'consecutive_losses',
        scope: strategy,
        action: 'pause',
        tsTriggered: i.now,
        tsExpires: i.now + l.consecutiveLossesPauseMs,
        reason: `${strategy}: ${streak} losing trades in a row (limit ${l.consecutiveLosses}): paused ${l.consecutiveLossesPauseMs / 3_600_000} hours`,
        value: streak,
        threshold: l.consecutiveLosses,
        whileCondition: false,
      });
    const allocation = i.allocations.get(strategy) ?? 0;
    const lost = -after('strategy_loss')
      .filter((t) => t.tsClosed >= i.tsDayStart)
      .reduce((s, t) => s + t.pnl, 0);
    const share = allocation > 0 ? Math.max(0, lost) / allocation : 0;
    const lossTripped = allocation > 0 && lost > 0 && share >= l.strategyLossPct / 100;
    measurements.push({
      name: 'strategy_loss',
      scope: strategy,
      value: share,
      threshold: l.strategyLossPct / 100,
      tripped: lossTripped,
    });
    if (lossTripped)
      trips.push({
        name: 'strategy_loss',
        scope: strategy,
        action: 'disable',
        tsTriggered: i.now,
        tsExpires: i.now + l.strategyLossDisableMs,
        reason: `${strategy}: lost ${pct(share)} of its allocation $${allocation.toFixed(2)} today (limit ${l.strategyLossPct}%): disabled ${l.strategyLossDisableMs / 3_600_000} hours`,
        value: share,
        threshold: l.strategyLossPct / 100,
        whileCondition: false,
      });
  }
  return { measurements, trips };
}
