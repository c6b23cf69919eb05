/**
 * @module The daemon's reducer: (holdings, one input with the daemon's clock) -> (holdings, commands, events).
 * Every input is folded, then every touched holding is advanced (protection plan or soft exit), so the same
 * code runs for a fill, an audit, a restart and a retry: level-triggered, never a second path.
 */
import type { DaemonCommand, DaemonInput, Envelope } from './daemon-inputs.ts';
import type { DaemonEvent } from './daemon-events.ts';
import { coverageOfHolding } from '../rules/coverage.ts';
import { isProtectiveRole } from '../ids/client-order-ids.ts';
import { Draft, type HoldingsOptions, type HoldingsState } from './draft.ts';
import { advanceExit, startFractionExit, startSoftExit } from './exit.ts';
import { applyOutcome } from './outcome.ts';
import { closeOut, protect } from './protect.ts';
import { applySnapshot } from './snapshot.ts';
import { applyTradeUpdate } from './trade-update.ts';
import type { Holding } from './holding.ts';
import { isSessionOpen } from '../time/market-session.ts';
import { splitShares } from '../rules/protection-plan.ts';

export interface HoldingsStep {
  readonly state: HoldingsState;
  readonly commands: readonly DaemonCommand[];
  readonly events: readonly DaemonEvent[];
}

function causeOf(input: DaemonInput): string {
  if (input.kind === 'TradeUpdate')
    return input.event === 'fill' || input.event === 'partial_fill' ? 'fill' : 'order_update';
  if (input.kind === 'Snapshot') return 'audit';
  return input.kind === 'Tick' || input.kind === 'ClockSynced' ? 'timer' : 'follow_up';
}

function dispatch(d: Draft, input: DaemonInput): void {
  switch (input.kind) {
    case 'TradeUpdate':
      applyTradeUpdate(d, input);
      return;
    case 'Snapshot':
      applySnapshot(d, input);
      return;
    case 'ClockSynced':
      return;
    case 'Tick':
      tick(d);
      return;
    case 'SoftExitDue':
      startSoftExit(d, input);
      return;
    case 'FractionTargetDue':
      startFractionExit(d, input);
      return;
    case 'HighWaterRaised': {
      const h = d.get(input.symbol);
      if (h !== undefined && input.highWater > h.exit.highWater)
        d.put({ ...h, exit: { ...h.exit, highWater: input.highWater } });
      return;
    }
    case 'SubmitAcked':
    case 'SubmitRejected':
    case 'SubmitDuplicate':
    case 'SubmitUnknown':
    case 'SubmitResolved':
    case 'OrderFetched':
    case 'OpenOrdersSwept':
      applyOutcome(d, input);
      return;
  }
}

/**
 * The timer (the minute tick, or the wake-up armed for the earliest retry): unclear orders due are resolved by
 * client id, asked again a timeout later while still unclear; every holding is re-planned (retries, re-arms).
 */
function tick(d: Draft): void {
  for (const h of [...d.holdings.values()]) {
    const due = h.orders.filter(
      (o) => o.state === 'unknown' && d.now - o.tsSince >= d.options.unknownTimeoutMs,
    );
    if (due.length === 0) continue;
    for (const o of due)
      d.command({
        kind: 'Resolve',
        symbol: h.symbol,
        clientOrderId: o.clientOrderId,
        command: null,
      });
    d.put({ ...h, orders: h.orders.map((o) => (due.includes(o) ? { ...o, tsSince: d.now } : o)) });
  }
  d.touchAll();
}

function advance(d: Draft, symbol: string): void {
  const h = d.get(symbol);
  if (h === undefined || !d.synced || d.halted) return;
  if (h.exitProgress !== null) advanceExit(d, h, h.exitProgress);
  else if (h.qty <= 0) closeOut(d, h);
  else protect(d, h);
}

const exitView = (h: Holding | undefined): string =>
  h === undefined || h.qty <= 0
    ? ''
    : `${h.exit.entryPrice}|${h.exit.tsEntry}|${splitShares(h.qty).fraction}`;

export function reduceHoldings(
  state: HoldingsState,
  env: Envelope,
  options: HoldingsOptions,
): HoldingsStep {
  const { input } = env;
  const clock = input.kind === 'ClockSynced' ? input.report : state.clock;
  const d = new Draft(state, env.now, options, causeOf(input));
  d.synced = state.synced || input.kind === 'Snapshot';
  d.sessionOpen = isSessionOpen(clock, env.now);
  d.halted = env.halted;
  if (d.sessionOpen !== state.sessionOpen) d.emit({ kind: 'SessionChanged', open: d.sessionOpen });
  if (d.halted !== state.halted) d.emit({ kind: 'HaltChanged', halted: d.halted });
  // A session opening re-arms fractional stops; a lifted halt or the first snapshot re-plans everything.
  if (
    (d.sessionOpen && !state.sessionOpen) ||
    (!d.halted && state.halted) ||
    (d.synced && !state.synced)
  )
    d.touchAll();
  dispatch(d, input);
  for (const symbol of [...d.touched]) advance(d, symbol);
  for (const symbol of d.touched) {
    const next = d.get(symbol);
    if (exitView(state.holdings.get(symbol)) !== exitView(next)) {
      d.emit({
        kind: 'ExitTrack',
        symbol,
        state: next === undefined || next.qty <= 0 ? null : next.exit,
        fraction: next === undefined ? 0 : splitShares(next.qty).fraction,
        rescaled: d.rescaled.has(symbol),
      });
    }
  }
  if (input.kind === 'Snapshot') auditReport(d, input.tsRequested);
  const nextState: HoldingsState = {
    holdings: d.holdings.done(),
    synced: d.synced,
    clock,
    sessionOpen: d.sessionOpen,
    halted: d.halted,
  };
  return { state: nextState, commands: d.commands, events: d.events };
}

/** Every command an audit produced is a repair; the audit ends with the coverage of every holding. */
function auditReport(d: Draft, tsRequested: number): void {
  let repairs = 0;
  for (const c of d.commands) {
    if (c.kind === 'Submit' && isProtectiveRole(c.role)) {
      repairs += 1;
      d.emit({
        kind: 'AuditRepair',
        symbol: c.symbol,
        action: 'protect',
        clientOrderId: c.order.clientOrderId,
        detail: c.order.reason,
      });
    } else if (c.kind === 'Cancel') {
      repairs += 1;
      d.emit({
        kind: 'AuditRepair',
        symbol: c.symbol,
        action: 'cancel',
        clientOrderId: c.clientOrderId,
        detail: c.reason,
      });
    }
  }
  const coverage = [...d.holdings.values()].filter((h) => h.qty > 0).map(coverageOfHolding);
  d.emit({ kind: 'AuditCompleted', tsRequested, coverage, repairs });
}
