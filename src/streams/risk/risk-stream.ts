/**
 * @module The risk authority live in the daemon: beside the protection core, fed by its events. Each fill moves
 * the local ledger (a sale may close a strategy's trade and trip its breaker); each coverage audit (the daemon's
 * account poll) measures the account breakers and reconciles the ledger with the broker; between polls the held
 * symbols' latest trades value the positions (live equity) at most once per `live_equity_interval_ms`; the daemon's
 * own orders count toward the order kills. Work runs one at a time, in order; a failure is logged and the next event
 * tries again (the state lives in LMDB, so a restart resumes it).
 */
import {
  concatMap,
  defer,
  filter,
  finalize,
  from,
  map,
  mergeMap,
  tap,
  type Observable,
} from 'rxjs';
import type { DaemonEvent, FillReceived } from '../../domain/holdings/daemon-events.ts';
import type { EquitySample } from '../../domain/rules/risk/account-breakers.ts';
import type { BreakerTrip } from '../../domain/rules/risk/breaker.ts';
import {
  daemonOrderWord,
  type DaemonOrderWord,
} from '../../domain/rules/risk/daemon-order-outcomes.ts';
import { withFill, type PriceMark } from '../../domain/rules/risk/live-equity.ts';
import type { RiskChange } from '../../domain/rules/risk/risk-book.ts';
import { riskView, type AccountState } from '../../domain/rules/risk/risk-view.ts';
import type { PricesMarked, TradeMark } from '../../operators/mark-prices.ts';
import type { Deps } from '../deps.ts';
import type { InFlight } from '../in-flight.ts';
import { estimateLive } from './estimate-live.ts';
import { evaluateLive, initialLiveState } from './evaluate-live.ts';
import { ledgerFill, startLedger } from './live-ledger.ts';
import { orderCounter } from './order-counter.ts';

export interface RiskChanged {
  readonly kind: 'RiskChanged';
  readonly state: AccountState;
  readonly tripped: readonly BreakerTrip[];
  readonly lifted: readonly BreakerTrip[];
  /** What measured it: the account poll, the live estimate between polls, or an order's outcome. */
  readonly source: 'poll' | 'estimate' | 'orders';
}

type Work =
  | { readonly kind: 'fill'; readonly fill: FillReceived }
  | { readonly kind: 'audit' }
  | { readonly kind: 'marks'; readonly prices: PricesMarked['prices'] }
  | { readonly kind: 'order'; readonly word: DaemonOrderWord };

function workOf(e: { kind: string }): Work | undefined {
  if (e.kind === 'FillReceived') return { kind: 'fill', fill: e as FillReceived };
  if (e.kind === 'AuditCompleted') return { kind: 'audit' };
  if (e.kind === 'PricesMarked') return { kind: 'marks', prices: (e as PricesMarked).prices };
  const word = daemonOrderWord(e);
  return word === null ? undefined : { kind: 'order', word };
}

/**
 * Fills first, then order outcomes, then at most one audit, else at most one estimate: an audit that read the broker
 * before a fill's trade update was applied would find the ledger behind (a strike for nothing); queued audits and
 * estimates collapse into one. Once unsubscribed, a drain ends after the unit it is in; `inFlight` tracks it so the
 * daemon can wait for that unit before the store closes.
 */
export function riskStream(
  deps: Deps,
  events$: Observable<DaemonEvent | { kind: string }>,
  inFlight?: InFlight,
  /** TRADING_CAPITAL (the strategy breakers measure allocations of the capital `trade` sizes with). */
  tradingCapital?: number,
): Observable<RiskChanged> {
  return defer(() => {
    let subscribed = true;
    const log = deps.log.child({ component: 'risk' });
    const fills: Array<{ fill: FillReceived; at: number }> = [];
    // What the stream learned, in order: live equity orders the poll, fills and trades by it (see live-equity.ts).
    let learned = 0;
    const words: DaemonOrderWord[] = [];
    const orders = orderCounter(deps);
    const pending = {
      audit: false,
      estimate: false,
      started: false,
      live: initialLiveState,
      tsLastAudit: -Infinity,
    };
    let marks: Readonly<Record<string, PriceMark & TradeMark>> = {};
    let samples: EquitySample[] = [];
    // Audits closer together than half the interval (the start's and the stream's first) are measured once.
    const minAuditGapMs = deps.config.protection.audit_interval_ms / 2;
    const changed = (
      change: RiskChange | null,
      source: RiskChanged['source'],
    ): RiskChanged | null => {
      if (change === null || (change.tripped.length === 0 && change.lifted.length === 0))
        return null;
      const view = riskView(
        change.book,
        deps.clock.now(),
        deps.config.circuit_breakers.drawdown_scale,
        null,
      );
      return {
        kind: 'RiskChanged',
        state: view.state,
        tripped: change.tripped,
        lifted: change.lifted,
        source,
      };
    };
    const audit = async (): Promise<RiskChanged | null> => {
      if (!pending.started) await startLedger(deps);
      const { state, change } = await evaluateLive(deps, pending.live, learned, tradingCapital);
      pending.started = true;
      pending.live = state;
      // The poll's equity replaces the estimates: they start again from it.
      samples = [];
      return changed(change, 'poll');
    };
    const estimate = async (): Promise<RiskChanged | null> => {
      const e = await estimateLive(deps, pending.live, marks, samples);
      if (e === null) return null;
      log.debug({ equity: e.sample.equity, ts: e.sample.ts }, 'live equity estimate');
      // A change wrote the readings into the book's window (see estimateLive): they need not be kept twice.
      samples =
        e.change !== null
          ? []
          : [...samples, e.sample].filter(
              (s) =>
                s.ts >= e.sample.ts - deps.config.circuit_breakers.rapid_loss_window_min * 60_000,
            );
      return changed(e.change, 'estimate');
    };
    const unit = async (): Promise<{ work: string; out: RiskChanged | null } | undefined> => {
      const next = fills.shift();
      if (next !== undefined) {
        const { fill, at } = next;
        const basis = pending.live.basis;
        if (basis !== null)
          pending.live = { ...pending.live, basis: withFill(basis, { ...fill, at }) };
        if ((await ledgerFill(deps, fill)).length > 0) pending.audit = true;
        return { work: 'fill', out: null };
      }
      const word = words.shift();
      if (word !== undefined)
        return { work: 'order', out: changed(await orders.record(word), 'orders') };
      if (pending.audit) {
        pending.audit = false;
        return { work: 'audit', out: await audit() };
      }
      if (pending.estimate) {
        pending.estimate = false;
        return { work: 'estimate', out: await estimate() };
      }
      return undefined;
    };
    // One drain at a time (concatMap): each takes every fill and order waiting, then the audit or estimate if due.
    const drain = async (): Promise<RiskChanged[]> => {
      const out: RiskChanged[] = [];
      while (subscribed) {
        try {
          const done = await unit();
          if (done === undefined) return out;
          if (done.out !== null) out.push(done.out);
        } catch (e) {
          log.error(
            { err: e instanceof Error ? e.message : String(e) },
            'risk evaluation failed; the next event tries again',
          );
        }
      }
      return out;
    };
    // Learned on arrival (a drain under way does not hold it back): live equity orders what it learned by this.
    const learn = (w: Work): void => {
      learned += 1;
      if (w.kind === 'fill') fills.push({ fill: w.fill, at: learned });
      else if (w.kind === 'order') words.push(w.word);
      else if (w.kind === 'marks') {
        // A symbol's trade is learned when its price or time first differs from the one already known.
        const at = learned;
        marks = Object.fromEntries(
          Object.entries(w.prices).map(([symbol, t]) => {
            const known = marks[symbol];
            return [
              symbol,
              known !== undefined && known.price === t.price && known.ts === t.ts
                ? known
                : { ...t, at },
            ];
          }),
        );
        pending.estimate = true;
      } else if (deps.clock.now() - pending.tsLastAudit >= minAuditGapMs) {
        pending.audit = true;
        pending.tsLastAudit = deps.clock.now();
      }
    };
    return events$.pipe(
      map(workOf),
      filter((w): w is Work => w !== undefined),
      tap(learn),
      concatMap(() => from(inFlight === undefined ? drain() : inFlight.track(drain()))),
      mergeMap((changes) => from(changes)),
      finalize(() => {
        subscribed = false;
      }),
    );
  });
}
