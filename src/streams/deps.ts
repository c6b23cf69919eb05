/** @module What every stream pipeline receives: the ports, the config, and the shutdown signal (STYLE §1). */
import type { Observable } from 'rxjs';
import type { Config } from '../config/schema.ts';
import type { Broker, Clock, Logger, Mailer, MarketFeed, TradeUpdateFeed } from '../domain/ports.ts';
import type { Store } from '../domain/store.ts';

/** Structured events for logs/events/events_<run_id>.jsonl. */
export interface EventSink {
  emit(type: string, fields?: Record<string, unknown>): void;
}

/** The kill switch as the daemon sees it: killswitch/HALT or TRADING_DISABLED. */
export interface KillSwitch {
  isHalted(): boolean;
  /** Creates killswitch/HALT with the reason (the daily-loss breaker, safety mode, `strikeline halt`). */
  halt(reason: string): void;
}

export interface Deps {
  readonly broker: Broker;
  readonly tradeFeed: TradeUpdateFeed;
  readonly marketFeed: MarketFeed;
  readonly store: Store;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly log: Logger;
  readonly events: EventSink;
  readonly config: Config;
  readonly killSwitch: KillSwitch;
  readonly shutdown$: Observable<unknown>;
}
