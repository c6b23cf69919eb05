/**
 * @module The brain: trade updates, market trades of held symbols, a timer and REST audits folded into the
 * holdings; protective OCO/stop orders, soft exits and repairs sent through the broker; state kept in LMDB;
 * every decision journaled and alerted. Startup is crash recovery: LMDB first, then the broker's picture.
 * One loop (docs/daemon.md#the-core-one-loop): inputs (protection-inputs.ts) -> fold and outputs
 * (protection-core.ts) -> fed-back actions (core-actions.ts) -> inputs.
 */
import {
  defer,
  filter,
  first,
  merge,
  shareReplay,
  switchMap,
  takeUntil,
  tap,
  type Observable,
} from 'rxjs';
import type { SoftExitDue } from '../../domain/holdings/daemon-inputs.ts';
import type { DaemonEvent } from '../../domain/holdings/daemon-events.ts';
import type { BadFrame, FeedEvent, MarketTrade, TradeUpdate } from '../../domain/events.ts';
import type { SyncedClock } from '../../domain/time/market-session.ts';
import { feedbackLoop } from '../../operators/feedback-loop.ts';
import { markPrices, type PricesMarked } from '../../operators/mark-prices.ts';
import { riskLimitsOf } from '../../config/risk-limits.ts';
import type { Deps } from '../deps.ts';
import { heldOf, statesOf, type CoreAction, type CoreFed } from './core-actions.ts';
import { dailyBasisSource } from './daily-basis-source.ts';
import {
  heldSymbols,
  holdingsOptions,
  initialHoldings,
  warmUpReducer,
} from './holdings-options.ts';
import { protectionCore } from './protection-core.ts';
import { coreInputs } from './protection-inputs.ts';

export interface ProtectionStreamOptions {
  /** The trading feed, when shared with other pipelines (the daemon's); else one is opened from deps. */
  readonly tradeEvents$?: Observable<TradeUpdate | FeedEvent | BadFrame>;
  /** The broker-synced clock: REST syncs and event timestamps move it. */
  readonly clock?: SyncedClock;
  /** True while another pipeline needs the daemon's hands off the orders (safety mode flattening). */
  readonly handsOff$?: Observable<boolean>;
  /** Market exits asked by another pipeline (the intraday closes at MARKET_CLOSE), carried out as soft exits. */
  readonly exitRequests$?: Observable<SoftExitDue>;
}

export type ProtectionEvent = DaemonEvent | FeedEvent | BadFrame | PricesMarked;

const isFeedEvent = (e: { kind: string }): e is FeedEvent =>
  e.kind === 'FeedResynced' || e.kind === 'FeedDown';
const isTrade = (e: MarketTrade | FeedEvent | BadFrame): e is MarketTrade =>
  e.kind === 'MarketTrade';

export function protectionStream(
  deps: Deps,
  options: ProtectionStreamOptions = {},
): Observable<ProtectionEvent> {
  return defer(() => {
    const log = deps.log.child({ component: 'protection' });
    // Daily bars of held symbols: their strategies' own exits, and the ATR catastrophe stop.
    const daily = dailyBasisSource(deps, log, () => deps.clock.now());
    const hopts = { ...holdingsOptions(deps.config), atrOf: daily.atrOf };
    const initial = initialHoldings(deps.store);
    return feedbackLoop<CoreAction, ProtectionEvent>((actions$) => {
      const states$ = statesOf(actions$, initial).pipe(
        shareReplay({ bufferSize: 1, refCount: false }),
      );
      const held$ = heldOf(actions$, heldSymbols(initial)).pipe(
        shareReplay({ bufferSize: 1, refCount: false }),
      );
      const inputs = coreInputs({
        deps,
        log,
        hopts,
        daily,
        actions$,
        states$,
        held$,
        clock: options.clock,
        tradeEvents$: options.tradeEvents$,
        handsOff$: options.handsOff$,
        exitRequests$: options.exitRequests$,
      });
      const core$ = inputs.inputs$.pipe(
        protectionCore({ deps, log, hopts, initial, actions$, handsOff$: inputs.handsOff$ }),
      );
      // Nothing runs before the first broker clock sync: the daemon's time (and every comparison made with it)
      // starts from the broker's, so it never has to jump backwards. The feeds open after it, inside core$.
      const firstSync$ = inputs.clockReports$.pipe(
        first(),
        tap((r) => {
          options.clock?.sync(r);
          warmUpReducer(hopts, r);
        }),
      );
      // The held symbols' latest trades for the risk authority's live equity (docs/risk.md), from the one market feed.
      const marks$ = inputs.market$.pipe(
        filter(isTrade),
        markPrices(riskLimitsOf(deps.config).liveEquityIntervalMs),
      );
      const outputs$: Observable<ProtectionEvent | CoreFed> = merge(
        core$,
        inputs.repricing$,
        inputs.badFrames$,
        inputs.trading$.pipe(filter(isFeedEvent)),
        inputs.market$.pipe(filter(isFeedEvent)),
        marks$,
      );
      return firstSync$.pipe(
        switchMap(() => outputs$),
        takeUntil(deps.shutdown$),
      );
    });
  });
}
