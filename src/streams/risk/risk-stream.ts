/**
 * @module The risk authority live in the daemon: beside the protection core, fed by its events. Each fill moves
 * the local ledger (a sale may close a strategy's trade and trip its breaker); each coverage audit (the daemon's
 * account poll) measures the account breakers and reconciles the ledger with the broker. Work runs one at a time,
 * in order; a failure is logged and the next event tries again (the state lives in LMDB, so a restart resumes it).
 */
import { concatMap, defer, filter, finalize, from, map, mergeMap, type Observable } from 'rxjs';
import type { DaemonEvent, FillReceived } from '../../domain/holdings/daemon-events.ts';
import type { BreakerTrip } from '../../domain/rules/risk/breaker.ts';
import { riskView, type AccountState } from '../../domain/rules/risk/risk-view.ts';
import type { Deps } from '../deps.ts';
import type { InFlight } from '../in-flight.ts';
import { evaluateLive, type LiveState } from './evaluate-live.ts';
import { ledgerFill, startLedger } from './live-ledger.ts';

export interface RiskChanged {
  readonly kind: 'RiskChanged';
  readonly state: AccountState;
  readonly tripped: readonly BreakerTrip[];
  readonly lifted: readonly BreakerTrip[];
}

type Work = { readonly kind: 'fill'; readonly fill: FillReceived } | { readonly kind: 'audit' };

const workOf = (e: { kind: string }): Work | undefined =>
  e.kind === 'FillReceived' ? { kind: 'fill', fill: e as FillReceived } : e.kind === 'AuditCompleted' ? { kind: 'audit' } : undefined;

/**
 * Fills first, then at most one audit: an audit that read the broker before a fill's trade update was applied
 * would find the ledger behind (a strike for nothing); queued audits collapse into one. Once unsubscribed, a drain
 * ends after the unit it is in; `inFlight` tracks it so the daemon can wait for that unit before the store closes.
 */
export function riskStream(deps: Deps, events$: Observable<DaemonEvent | { kind: string }>, inFlight?: InFlight): Observable<RiskChanged> {
  return defer(() => {
    let subscribed = true;
    const log = deps.log.child({ component: 'risk' });
    const fills: FillReceived[] = [];
    const pending = { audit: false, started: false, live: { tsApart: null } as LiveState, tsLastAudit: -Infinity };
    // Audits closer together than half the interval (the start's and the stream's first) are measured once.
    const minAuditGapMs = deps.config.protection.audit_interval_ms / 2;
    const audit = async (): Promise<RiskChanged | null> => {
      if (!pending.started) await startLedger(deps);
      const { state, change } = await evaluateLive(deps, pending.live);
      pending.started = true;
      pending.live = state;
      if (change.tripped.length === 0 && change.lifted.length === 0) return null;
      const view = riskView(change.book, deps.clock.now(), deps.config.circuit_breakers.drawdown_scale, null);
      return { kind: 'RiskChanged', state: view.state, tripped: change.tripped, lifted: change.lifted };
    };
    // One drain at a time (concatMap): each takes every fill waiting, then the audit if one is due.
    const drain = async (): Promise<RiskChanged[]> => {
      const out: RiskChanged[] = [];
      while (subscribed) {
        const fill = fills.shift();
        const work = fill !== undefined ? 'fill' : pending.audit ? 'audit' : undefined;
        if (work === undefined) return out;
        try {
          if (fill !== undefined) {
            if ((await ledgerFill(deps, fill)).length > 0) pending.audit = true;
          } else {
            pending.audit = false;
            const changed = await audit();
            if (changed !== null) out.push(changed);
          }
        } catch (e) {
          log.error({ err: e instanceof Error ? e.message : String(e), work }, 'risk evaluation failed; the next event tries again');
        }
      }
      return out;
    };
    return events$.pipe(
      map(workOf),
      filter((w): w is Work => w !== undefined),
      concatMap((w) => {
        if (w.kind === 'fill') fills.push(w.fill);
        else if (deps.clock.now() - pending.tsLastAudit >= minAuditGapMs) {
          pending.audit = true;
          pending.tsLastAudit = deps.clock.now();
        }
        return from(inFlight === undefined ? drain() : inFlight.track(drain()));
      }),
      mergeMap((changes) => from(changes)),
      finalize(() => {
        subscribed = false;
      }),
    );
  });
}
