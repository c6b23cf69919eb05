/** @module What every stream pipeline receives: the ports, the config, and the shutdown signal (STYLE §1). */
import type { Observable } from 'rxjs';
import type { Config } from '../config/schema.ts';
import type {
  Broker,
  Clock,
  EventSink,
  KillSwitch,
  Logger,
  Mailer,
  MarketFeed,
  TradeUpdateFeed,
} from '../domain/ports.ts';
import type { UpProbabilityModel } from '../domain/rules/strategy-exits/up-probability-model.ts';
import type { Store } from '../domain/store.ts';

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
  /** ml_momentum's model, for its exit's reversal (the daily-basis source reads it). */
  readonly mlModel: UpProbabilityModel;
  readonly shutdown$: Observable<unknown>;
}
