/** @module The day's entry intents (LMDB table `intents`) as the intraday tasks read them: the intraday strategies' own, and every symbol entered today. */
import type { Store } from '../../domain/store.ts';
import { INTRADAY_STRATEGIES } from '../../domain/rules/intraday/intraday-signals.ts';
import { INTENTS_TABLE, type IntentRecord } from '../../records/intent-record.ts';

export interface DayIntents {
  /** Today's intents of the intraday strategies. */
  readonly intraday: readonly IntentRecord[];
  /** Every symbol with an entry intent today, from any strategy (`trade`'s too). */
  readonly symbols: Set<string>;
  /** Symbols entered today by another strategy than the intraday ones. */
  readonly others: ReadonlySet<string>;
}

const INTRADAY: ReadonlySet<string> = new Set(INTRADAY_STRATEGIES);

export const isIntradayStrategy = (strategy: string): boolean => INTRADAY.has(strategy);

export function intradayIntents(store: Store, day: string): DayIntents {
  const today = store
    .table<IntentRecord>(INTENTS_TABLE)
    .entries()
    .map(([, r]) => r)
    .filter((r) => r.day === day);
  return {
    intraday: today.filter((r) => INTRADAY.has(r.strategy)),
    symbols: new Set(today.map((r) => r.symbol)),
    others: new Set(today.filter((r) => !INTRADAY.has(r.strategy)).map((r) => r.symbol)),
  };
}
