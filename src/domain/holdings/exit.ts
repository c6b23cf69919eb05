/**
 * @module Soft exits of one holding: start (gated on the session, the kill switch and a cool-down), cancel every
 * open order of the symbol and wait for the confirmations (orphan protection), then sell at market.
 */
import type { FractionTargetDue, SoftExitDue } from './daemon-inputs.ts';
import type { ExitProgress, Holding } from './holding.ts';
import type { Draft } from './draft.ts';
import { roundQty } from '../money.ts';
import { marketSellOrder, splitShares } from '../rules/protection-plan.ts';
import { cancelTracked, closeOut, protect, submitTracked } from './protect.ts';

function mayExit(d: Draft, h: Holding | undefined): h is Holding {
  return (
    h !== undefined &&
    d.synced &&
    !d.halted &&
    d.sessionOpen &&
    h.qty > 0 &&
    h.exitProgress === null &&
    d.now >= h.exitRetryAt
  );
}

function start(d: Draft, h: Holding, progress: ExitProgress, qty: number): void {
  d.emit({
    kind: 'SoftExitStarted',
    symbol: h.symbol,
    rule: progress.rule,
    scope: progress.scope,
    price: progress.price,
    floor: progress.floor,
    qty,
    entryPrice: h.exit.entryPrice,
    highWater: h.exit.highWater,
  });
  d.set({ ...h, exitProgress: progress });
}

export function startSoftExit(d: Draft, signal: SoftExitDue): void {
  const h = d.get(signal.symbol);
  if (!mayExit(d, h)) return;
  const { rule, price, floor } = signal.decision;
  start(
    d,
    h,
    { rule, scope: 'all', stage: 'cancelling', sweep: 'none', price, floor, tsStarted: d.now },
    h.qty,
  );
}

export function startFractionExit(d: Draft, signal: FractionTargetDue): void {
  const h = d.get(signal.symbol);
  if (!mayExit(d, h)) return;
  const fraction = splitShares(h.qty).fraction;
  if (fraction <= 0) return;
  start(
    d,
    h,
    {
      rule: 'take_profit',
      scope: 'fraction',
      stage: 'cancelling',
      sweep: 'done',
      price: signal.price,
      floor: signal.target,
      tsStarted: d.now,
    },
    fraction,
  );
}

export function advanceExit(d: Draft, h: Holding, p: ExitProgress): void {
  if (p.stage === 'selling') {
    if (h.orders.some((o) => o.role === 'exit' || o.role === 'fexit')) {
      d.put(h);
      return;
    }
    // The sale ended: filled (the position is gone or smaller) or refused (already handled): protect what is left.
    const next = { ...h, exitProgress: null };
    if (next.qty <= 0) closeOut(d, next);
    else protect(d, next);
    return;
  }
  const isTarget = (role: string): boolean => p.scope === 'all' || role === 'stop';
  let next = h;
  for (const o of h.orders)
    if (isTarget(o.role))
      next = cancelTracked(d, next, o, `soft exit (${p.rule}): cancel before selling`);
  let progress = p;
  if (p.scope === 'all' && p.sweep === 'none') {
    d.command({ kind: 'Sweep', symbol: h.symbol });
    progress = { ...p, sweep: 'asked' };
  }
  const waiting = next.orders.some((o) => isTarget(o.role)) || progress.sweep !== 'done';
  if (waiting) {
    d.put({ ...next, exitProgress: progress });
    return;
  }
  const qty = p.scope === 'all' ? roundQty(next.qty) : splitShares(next.qty).fraction;
  if (qty <= 0) {
    protect(d, { ...next, exitProgress: null });
    return;
  }
  const role = p.scope === 'all' ? 'exit' : 'fexit';
  const reason = `soft exit (${p.rule}) of ${qty} ${h.symbol} at ${p.price}${p.floor === null ? '' : `, floor ${p.floor}`}`;
  const sold = submitTracked(
    d,
    next,
    role,
    (id) => marketSellOrder(h.symbol, id, qty, reason),
    qty,
    { stop: null, limit: null },
    false,
  );
  d.put({ ...sold, exitProgress: { ...progress, stage: 'selling' } });
}
