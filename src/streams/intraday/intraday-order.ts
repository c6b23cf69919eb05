/**
 * @module An intraday entry sent exactly once, as `trade` sends its entries: the deterministic client_order_id of
 * (day, symbol, strategy), an intent written to LMDB (table `intents`) before the order is sent, journaled with its
 * reason; an intent found from an earlier run is resolved with the broker by its client_order_id, never resent
 * blindly. A restart mid-day thus computes the same id and enters no second time.
 */
import { isBrokerError } from '../../domain/broker-error.ts';
import {
  entryClientOrderId,
  isDuplicateClientOrderIdMessage,
} from '../../domain/ids/client-order-ids.ts';
import { qty as toQty } from '../../domain/money.ts';
import type { OrderReport } from '../../domain/orders.ts';
import type { Broker, Logger } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { INTENTS_TABLE, type IntentRecord } from '../../records/intent-record.ts';

export interface IntradayOrder {
  readonly day: string;
  readonly symbol: string;
  readonly strategy: string;
  readonly qty: number;
  readonly allocation: number;
  readonly price: number;
  /** The signal, in one line (journal). */
  readonly why: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export type OrderOutcome = 'submitted' | 'already_submitted' | 'rejected' | 'unknown';

export interface OrderPorts {
  readonly broker: Broker;
  readonly store: Store;
  readonly log: Logger;
  readonly now: () => number;
}

export const ACTOR = 'intraday';

export interface SentEntry {
  readonly outcome: OrderOutcome;
  readonly clientOrderId: string;
  readonly detail: string;
  /** The broker throttled the request (HTTP 429): no order was refused, none created. */
  readonly throttled: boolean;
}

export async function sendIntradayEntry(o: IntradayOrder, p: OrderPorts): Promise<SentEntry> {
  const clientOrderId = entryClientOrderId({ day: o.day, ticker: o.symbol, strategy: o.strategy });
  const intents = p.store.table<IntentRecord>(INTENTS_TABLE);
  const journal = (
    action: string,
    reason: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> =>
    p.store.journal.append({
      ts: p.now(),
      actor: ACTOR,
      action,
      reason,
      symbol: o.symbol,
      clientOrderId,
      data: {
        strategy: o.strategy,
        qty: o.qty,
        price: o.price,
        allocation: o.allocation,
        ...o.data,
        ...extra,
      },
    });
  const update = async (patch: Partial<IntentRecord>): Promise<void> => {
    const record = intents.get(clientOrderId);
    if (record !== undefined)
      await intents.put(clientOrderId, { ...record, ...patch, tsUpdated: p.now() });
  };
  const resolved = async (order: OrderReport): Promise<SentEntry> => {
    await update({
      status: 'submitted',
      brokerOrderId: order.id,
      brokerStatus: order.status,
      reason: 'resolved by client_order_id',
    });
    await journal(
      'intraday_entry_submitted',
      `recovered: the broker already had order ${order.id} (${order.status})`,
    );
    return {
      outcome: 'already_submitted',
      clientOrderId,
      detail: `already at the broker (${order.status})`,
      throttled: false,
    };
  };

  const ts = p.now();
  const created = await intents.putIfAbsent(clientOrderId, {
    clientOrderId,
    day: o.day,
    symbol: o.symbol,
    strategy: o.strategy,
    side: 'buy',
    notional: null,
    qty: o.qty,
    allocation: o.allocation,
    price: o.price,
    status: 'pending',
    brokerOrderId: null,
    brokerStatus: null,
    reason: 'intent created',
    fallbackClientOrderId: null,
    tsCreated: ts,
    tsUpdated: ts,
  });
  const record = intents.get(clientOrderId);
  if (!created && record !== undefined) {
    if (record.brokerOrderId !== null || record.status === 'rejected')
      return {
        outcome: 'already_submitted',
        clientOrderId,
        detail: `entered earlier today (${record.status})`,
        throttled: false,
      };
    // Written by a run that may have crashed after sending: ask the broker first.
    const found = await p.broker.getOrderByClientId(clientOrderId);
    if (found !== undefined) return resolved(found);
  }
  const reason = `intraday ${o.strategy}: ${o.why}`;
  await journal('intraday_entry', reason);
  try {
    const order = await p.broker.submitOrder({
      kind: 'SubmitOrder',
      clientOrderId,
      symbol: o.symbol,
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      qty: toQty(o.qty),
      reason,
    });
    await update({
      status: 'submitted',
      brokerOrderId: order.id,
      brokerStatus: order.status,
      reason: 'submitted',
    });
    await journal('intraday_entry_submitted', reason, { orderId: order.id });
    p.log.info(
      { clientOrderId, symbol: o.symbol, strategy: o.strategy, qty: o.qty, orderId: order.id },
      'intraday entry submitted',
    );
    return { outcome: 'submitted', clientOrderId, detail: reason, throttled: false };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const rejected = isBrokerError(e) && e.kind === 'rejected';
    if (!rejected || isDuplicateClientOrderIdMessage(message)) {
      // Unclear (or already there): the broker's word by client_order_id, never a blind resend.
      const found = await p.broker.getOrderByClientId(clientOrderId).catch(() => undefined);
      if (found !== undefined) return resolved(found);
    }
    const status = rejected ? 'rejected' : 'unknown';
    await update({ status, reason: `broker: ${message}` });
    await journal(
      rejected ? 'intraday_entry_rejected' : 'intraday_entry_unknown',
      `broker: ${message}`,
    );
    return {
      outcome: status,
      clientOrderId,
      detail: `broker: ${message}`,
      throttled: isBrokerError(e) && e.kind === 'rate-limited',
    };
  }
}
