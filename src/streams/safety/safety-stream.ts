/** @module Safety mode (seed 000 SOP "Connectivity Failure"): block entries, flatten or keep protection, alert, resume when stable. */
import { EMPTY, concat, concatMap, defer, of, takeUntil, type Observable } from 'rxjs';
import type { FeedEvent } from '../../domain/events.ts';
import { safetyMode, type SafetyModeEnter } from '../../operators/safety-mode.ts';
import type { Deps } from '../deps.ts';
import { safetyActions, type SafetyEvent } from './safety-actions.ts';
import { readSafety, writeSafety, type SafetyState } from '../../records/safety-state.ts';

export type {
  SafetyActionFailed,
  SafetyEvent,
  SafetyFlattened,
  SafetyModeEntered,
  SafetyModeExited,
} from './safety-actions.ts';

/** A restart in safety mode stays in it until both feeds have reported up and been stable. */
const safetyModeAfterRestart = (graceMs: number, stableMs: number, inSafety: boolean) =>
  safetyMode({
    graceMs,
    stableMs,
    startInSafety: inSafety,
    initiallyDown: inSafety ? ['trading', 'market'] : [],
  });

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))}s`;

/**
 * Watches the feeds' connectivity and runs the SOP. On entering safety mode it records the state in the store
 * ('daemon'/'safety': `strikeline trade` and status read it), journals, emits SAFETY_MODE, alerts, and with
 * `safety.on_disconnect: flatten` cancels every order and closes every position while REST answers;
 * `protect_only` keeps the protective orders and only blocks entries. When every stream has been stable for
 * `safety.stable_ms` it clears the state, journals and alerts. A restart while the store says safety mode
 * was active starts in safety mode.
 */
export function safetyStream(
  deps: Deps,
  feedEvents$: Observable<FeedEvent>,
): Observable<SafetyEvent> {
  const log = deps.log.child({ component: 'safety' });
  const act = safetyActions(deps, log);
  const {
    grace_ms: graceMs,
    stable_ms: stableMs,
    on_disconnect: onDisconnect,
  } = deps.config.safety;

  const onEnter = (t: SafetyModeEnter): Observable<SafetyEvent> => {
    const tsEntered = deps.clock.now();
    const state: SafetyState = {
      active: true,
      feed: t.feed,
      reason: t.reason,
      onDisconnect,
      tsEntered,
      tsExited: null,
      pid: process.pid,
    };
    const reason = `${t.feed} stream down longer than ${graceMs} ms (${t.reason})`;
    const plan =
      onDisconnect === 'flatten'
        ? 'flattening all positions'
        : 'keeping protective orders, opening nothing';
    log.error({ feed: t.feed, reason: t.reason, onDisconnect }, 'safety mode entered');
    return concat(
      // Entries are blocked first: the flag is what `strikeline trade` reads.
      act.step('record', () => writeSafety(deps.store, state)),
      // Journaled, then announced: whoever sees the event finds the record.
      act.journal('safety_mode_entered', reason, { feed: t.feed, tsDown: t.tsDown, onDisconnect }),
      of<SafetyEvent>({
        kind: 'SafetyModeEntered',
        feed: t.feed,
        reason: t.reason,
        tsDown: t.tsDown,
        tsEntered,
        onDisconnect,
      }),
      act.emit({ state: 'entered', feed: t.feed, reason, on_disconnect: onDisconnect }),
      act.alert(
        'critical',
        `SAFETY MODE entered: ${t.feed} stream down >${seconds(graceMs)}; ${plan}`,
        `${reason}. ${plan}.`,
      ),
      onDisconnect === 'flatten' ? act.flatten() : EMPTY,
    );
  };

  const onExit = (): Observable<SafetyEvent> => {
    const tsExited = deps.clock.now();
    const previous = readSafety(deps.store);
    const durationMs = previous === undefined ? null : tsExited - previous.tsEntered;
    const reason = `streams stable for ${stableMs} ms`;
    log.warn({ durationMs }, 'safety mode exited');
    return concat(
      previous === undefined
        ? EMPTY
        : act.step('record', () =>
            writeSafety(deps.store, { ...previous, active: false, tsExited }),
          ),
      // Journaled, then announced: whoever sees the event finds the record.
      act.journal('safety_mode_exited', reason, { durationMs }),
      of<SafetyEvent>({ kind: 'SafetyModeExited', tsExited, durationMs }),
      act.emit({ state: 'exited', reason, duration_ms: durationMs }),
      act.alert(
        'info',
        `Safety mode ended: ${reason}. New entries allowed again.`,
        `Safety mode ended: ${reason}.`,
      ),
    );
  };

  return defer(() =>
    feedEvents$.pipe(
      safetyModeAfterRestart(graceMs, stableMs, readSafety(deps.store)?.active === true),
      concatMap((t) => (t.kind === 'SafetyModeEnter' ? onEnter(t) : onExit())),
    ),
  ).pipe(takeUntil(deps.shutdown$));
}
