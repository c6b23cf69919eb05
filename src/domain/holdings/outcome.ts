/** @module Folds the outcome of a command (POST answered, refused, unclear, resolved; order fetched; sweep) into the holdings. */
import type { CommandOutcome, Submit } from './daemon-inputs.ts';
import {
  findTracked,
  replaceTracked,
  trackedFromReport,
  withEnded,
  type Holding,
  type TrackedOrder,
} from './holding.ts';
import type { Draft } from './draft.ts';
import { exitRefused, protectionRefused } from './failures.ts';
import { isTerminalStatus, type OrderReport } from '../orders.ts';

const symbolOf = (o: CommandOutcome): string =>
  o.kind === 'SubmitResolved' || o.kind === 'OrderFetched' || o.kind === 'OpenOrdersSwept'
    ? o.symbol
    : o.command.symbol;

export function applyOutcome(d: Draft, o: CommandOutcome): void {
  const h = d.get(symbolOf(o));
  if (h === undefined) return;
  switch (o.kind) {
    case 'SubmitAcked':
      d.set(
        accepted(
          d,
          h,
          o.command.order.clientOrderId,
          o.report,
          o.command,
          o.tsSent,
          o.tsAck,
          o.adopted,
        ),
      );
      return;
    case 'SubmitRejected':
      d.set(refused(d, h, o.command, o.error, o.retryAfterMs, o.errorKind === 'rate-limited'));
      return;
    case 'SubmitDuplicate':
      // The id is taken by an order that finished: drop the attempt, the next plan uses the next number.
      d.set({
        ...dropAttempt(h, o.command.order.clientOrderId),
        seq: Math.max(h.seq, o.command.n + 1),
      });
      return;
    case 'SubmitUnknown':
      d.emit({
        kind: 'OrderUnknown',
        symbol: h.symbol,
        clientOrderId: o.command.order.clientOrderId,
        error: o.error,
      });
      d.set(setState(h, o.command.order.clientOrderId, 'unknown', d.now));
      return;
    case 'SubmitResolved':
      d.emit({
        kind: 'OrderResolved',
        symbol: h.symbol,
        clientOrderId: o.clientOrderId,
        status: o.report?.status ?? null,
      });
      if (o.report === null) {
        // The broker never saw it: the next attempt reuses the same client id, so a late arrival of the
        // first POST would be refused as a duplicate instead of becoming a second order.
        const t = h.orders.find((x) => x.clientOrderId === o.clientOrderId);
        d.set({
          ...dropAttempt(h, o.clientOrderId),
          seq: t === undefined ? h.seq : Math.min(h.seq, t.n),
        });
      } else if (isTerminalStatus(o.report.status)) {
        d.set(withEnded(dropAttempt(h, o.clientOrderId), o.clientOrderId, o.report.id));
      } else {
        d.set(accepted(d, h, o.clientOrderId, o.report, null, 0, 0, true));
      }
      return;
    case 'OrderFetched':
      d.set(fetched(d, h, o.report));
      return;
    case 'OpenOrdersSwept':
      d.set(swept(d, h, o.orders));
      return;
  }
}

function setState(
  h: Holding,
  clientOrderId: string,
  state: TrackedOrder['state'],
  now: number,
): Holding {
  const t = h.orders.find((x) => x.clientOrderId === clientOrderId);
  return t === undefined
    ? h
    : { ...h, orders: replaceTracked(h.orders, t, { ...t, state, tsSince: now }) };
}

function dropAttempt(h: Holding, clientOrderId: string): Holding {
  const t = h.orders.find((x) => x.clientOrderId === clientOrderId);
  return t === undefined ? h : { ...h, orders: replaceTracked(h.orders, t, null) };
}

function accepted(
  d: Draft,
  h: Holding,
  clientOrderId: string,
  report: OrderReport,
  command: Submit | null,
  tsSent: number,
  tsAck: number,
  adopted: boolean,
): Holding {
  const t = h.orders.find((x) => x.clientOrderId === clientOrderId);
  if (t === undefined && (h.ended.includes(clientOrderId) || isTerminalStatus(report.status)))
    return h;
  const fresh = trackedFromReport(report, d.now, 'open', t?.n ?? command?.n ?? 0);
  const liveIds = fresh.liveIds.filter((id) => !h.ended.includes(id));
  const next: TrackedOrder = {
    ...fresh,
    liveIds,
    state: t?.state === 'cancelling' ? 'cancelling' : 'open',
    role: t?.role ?? fresh.role,
  };
  const orders = t === undefined ? [...h.orders, next] : replaceTracked(h.orders, t, next);
  if (next.role === 'oco' || next.role === 'stop') {
    // An order found placed while resolving an unclear POST has no latency to report.
    const p = command?.placement ?? {
      entryOrderId: h.entryOrderId,
      entryPrice: h.exit.entryPrice,
      stopPrice: next.stopPrice ?? 0,
      takeProfitPrice: next.role === 'oco' ? next.limitPrice : null,
      tsTrigger: null,
      cause: 'resolved',
    };
    d.emit({
      kind: 'ProtectionPlaced',
      symbol: h.symbol,
      role: next.role,
      clientOrderId,
      orderId: report.id,
      qty: next.qty,
      entryOrderId: p.entryOrderId,
      entryPrice: p.entryPrice,
      stopPrice: p.stopPrice,
      takeProfitPrice: p.takeProfitPrice,
      latencySentMs: p.tsTrigger === null ? null : tsSent - p.tsTrigger,
      latencyAckMs: p.tsTrigger === null ? null : tsAck - p.tsTrigger,
      cause: p.cause,
      adopted,
    });
  }
  if (next.role === 'exit' || next.role === 'fexit') {
    d.emit({
      kind: 'ExitSubmitted',
      symbol: h.symbol,
      clientOrderId,
      qty: next.qty,
      rule: h.exitProgress?.rule ?? 'time_stop',
    });
  }
  return { ...h, orders, failures: next.role === 'oco' || next.role === 'stop' ? 0 : h.failures };
}

function refused(
  d: Draft,
  h: Holding,
  command: Submit,
  error: string,
  retryAfterMs: number | null,
  rateLimited: boolean,
): Holding {
  const id = command.order.clientOrderId;
  const without = withEnded(dropAttempt(h, id), id);
  if (command.role === 'exit' || command.role === 'fexit')
    return exitRefused(d, without, id, error, rateLimited);
  return protectionRefused(d, without, command.role, id, error, retryAfterMs, rateLimited);
}

/** A REST read of one order (cancel confirmation): finished legs and orders leave the tracked set. */
function fetched(d: Draft, h: Holding, report: OrderReport): Holding {
  const t = findTracked(h.orders, report.id, report.clientOrderId);
  if (t === undefined) return h;
  const liveIds = [report, ...report.legs]
    .filter((o) => !isTerminalStatus(o.status))
    .map((o) => o.id);
  if (liveIds.length === 0)
    return withEnded(
      { ...h, orders: replaceTracked(h.orders, t, null) },
      t.clientOrderId,
      ...t.liveIds,
    );
  // Still working although a cancel was sent: mark it open so the plan asks again.
  const state =
    t.state === 'cancelling' && d.now - t.tsSince >= d.options.unknownTimeoutMs ? 'open' : t.state;
  return { ...h, orders: replaceTracked(h.orders, t, { ...t, liveIds, state }) };
}

/** The exit's orphan sweep: every open order of the symbol the daemon did not track is tracked, to be cancelled. */
function swept(d: Draft, h: Holding, orders: readonly OrderReport[] | null): Holding {
  const p = h.exitProgress;
  const extra = (orders ?? [])
    .filter((r) => r.symbol === h.symbol && !isTerminalStatus(r.status) && !h.ended.includes(r.id))
    .filter((r) => findTracked(h.orders, r.id, r.clientOrderId) === undefined)
    .map((r) => trackedFromReport(r, d.now));
  return {
    ...h,
    orders: [...h.orders, ...extra],
    exitProgress: p === null ? null : { ...p, sweep: 'done' },
  };
}
