/**
 * @module The intraday strategies in the daemon (docs/intraday.md): with `intraday.live` on, the symbols' minute
 * bars are subscribed on the data stream and MARKET_OPEN and TRADING run `intraday_entries` every 5 s; MARKET_CLOSE always runs
 * `close_intraday`, so positions opened while `live` was on are closed even after it is switched off. The closes go
 * to the protection core as exit requests (`exits$`).
 */
import { EMPTY, Subject, type Observable } from 'rxjs';
import type { SoftExitDue } from '../../domain/holdings/daemon-inputs.ts';
import type { Deps } from '../deps.ts';
import type { TaskRegistry } from '../phases/phase-task.ts';
import { intradayCloseTask } from './intraday-close.ts';
import { intradayEntriesTask, type EntryOptions } from './intraday-entries.ts';
import { liveBars } from './live-bars.ts';

export interface IntradayStrategies {
  /** The minute-bar subscription (nothing while `intraday.live` is off). */
  readonly run$: Observable<never>;
  /** Market exits the protection core carries out (MARKET_CLOSE). */
  readonly exits$: Observable<SoftExitDue>;
  /** The phase registry with the intraday tasks added. */
  withTasks(registry: TaskRegistry): TaskRegistry;
}

export function intradayStrategies(deps: Deps, options: EntryOptions = {}): IntradayStrategies {
  const exits = new Subject<SoftExitDue>();
  const close = intradayCloseTask(deps, exits);
  const bars = deps.config.intraday.live
    ? liveBars(
        deps.marketFeed,
        deps.broker,
        deps.config.intraday.symbols,
        deps.log.child({ component: 'intraday' }),
        () => deps.clock.now(),
      )
    : null;
  const entries = bars === null ? [] : [intradayEntriesTask(deps, bars, options)];
  return {
    run$: bars?.run$ ?? EMPTY,
    exits$: exits.asObservable(),
    // MARKET_OPEN too: the gap fill decides on the session's first bar (09:30), filled at 09:31 as in its backtest.
    withTasks: (r) => ({
      ...r,
      MARKET_OPEN: [...r.MARKET_OPEN, ...entries],
      TRADING: [...r.TRADING, ...entries],
      MARKET_CLOSE: [close, ...r.MARKET_CLOSE],
    }),
  };
}
