/** @module The rank job's structured events (seed 002): each kept signal, each dropped one, each strategy switched off. */
import type { EventLog } from '../adapters/log/event-log.ts';
import type { RankResult } from '../jobs/rank/rank-signals.ts';

/** Strategies dropped as a whole: listed in ranker.black_sheep, or losing across their logs. */
const STRATEGY_WIDE = new Set(['black_sheep', 'losing_strategy']);

export function emitRankEvents(
  events: EventLog,
  result: Pick<RankResult, 'ranked' | 'dropped'>,
  asOf: string,
): void {
  for (const s of result.ranked)
    events.emit('SIGNAL_GENERATED', { asOf, rank: s.rank, ticker: s.ticker, strategy: s.strategy });
  const disabled = new Map<string, string>();
  for (const d of result.dropped) {
    events.emit('SIGNAL_REJECTED', {
      asOf,
      ticker: d.ticker,
      strategy: d.strategy,
      reason: d.reason,
      detail: d.detail,
    });
    if (STRATEGY_WIDE.has(d.reason) && !disabled.has(d.strategy))
      disabled.set(d.strategy, d.reason);
  }
  for (const [strategy, reason] of disabled)
    events.emit('STRATEGY_DISABLED', { asOf, strategy, reason });
}
