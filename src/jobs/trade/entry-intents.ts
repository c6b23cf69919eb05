/**
 * @module The intent book of the trader: one attempt at an entry, its LMDB intent record (table
 * `intents`, keyed by client_order_id) and its journal lines, so execute-entries.ts holds only the flow.
 */
import type { OrderReport } from '../../domain/orders.ts';
import type { Broker, Logger } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { INTENTS_TABLE, type IntentRecord } from '../../records/intent-record.ts';
import type { Entry } from './plan-entries.ts';

export interface ExecuteDeps {
  readonly broker: Broker;
  readonly store: Store;
  readonly log: Logger;
  /** Broker time, epoch ms (the journal's clock). */
  readonly now: () => number;
  /** Asked before each entry is sent: a reason stops it (the risk authority, issue 13). */
  readonly beforeEntry?: (entry: Entry) => Promise<string | undefined>;
  /** Told each outcome, in order (the order kill conditions count them). */
  readonly afterOutcome?: (o: Outcome) => Promise<void>;
}

export type OutcomeStatus =
  'submitted' | 'resolved' | 'already_submitted' | 'rejected' | 'unknown' | 'stopped';

export interface Outcome {
  readonly entry: Entry;
  readonly status: OutcomeStatus;
  readonly clientOrderId: string;
  readonly reason: string;
  readonly order?: OrderReport;
  readonly notional?: number;
  readonly qty?: number;
  readonly fallback: boolean;
}

/** One order for an entry: the first (notional or whole shares) or its whole-share retry. */
export interface Attempt {
  readonly entry: Entry;
  readonly clientOrderId: string;
  readonly notional?: number;
  readonly qty?: number;
  readonly fallback: boolean;
}

export const firstAttempt = (entry: Entry): Attempt => ({
  entry,
  clientOrderId: entry.clientOrderId,
  fallback: false,
  ...(entry.notional === undefined ? {} : { notional: entry.notional }),
  ...(entry.qty === undefined ? {} : { qty: entry.qty }),
});

/** An outcome of the attempt with the given status and reason. */
export function outcome(
  a: Attempt,
  status: OutcomeStatus,
  reason: string,
  order?: OrderReport,
): Outcome {
  return {
    entry: a.entry,
    status,
    reason,
    clientOrderId: a.clientOrderId,
    fallback: a.fallback,
    ...(a.notional === undefined ? {} : { notional: a.notional }),
    ...(a.qty === undefined ? {} : { qty: a.qty }),
    ...(order === undefined ? {} : { order }),
  };
}

function pendingRecord(a: Attempt, ts: number): IntentRecord {
  const s = a.entry.signal;
  return {
    clientOrderId: a.clientOrderId,
    day: a.entry.day,
    symbol: s.ticker,
    strategy: s.strategy,
    side: 'buy',
    notional: a.notional ?? null,
    qty: a.qty ?? null,
    allocation: a.entry.allocation,
    price: a.entry.price,
    status: 'pending',
    brokerOrderId: null,
    brokerStatus: null,
    reason: 'intent created',
    fallbackClientOrderId: null,
    tsCreated: ts,
    tsUpdated: ts,
  };
}

export interface IntentBook {
  /** Writes the pending intent unless present; `created` is false when an earlier run wrote it. */
  open(a: Attempt): Promise<{ created: boolean; record: IntentRecord }>;
  update(a: Attempt, patch: Partial<IntentRecord>): Promise<void>;
  journal(a: Attempt, action: string, reason: string): Promise<void>;
  /** Records that the broker has the order (found by client_order_id): nothing is sent. */
  resolved(a: Attempt, order: OrderReport): Promise<Outcome>;
}

export function intentBook(deps: ExecuteDeps): IntentBook {
  const intents = deps.store.table<IntentRecord>(INTENTS_TABLE);
  const book: IntentBook = {
    async open(a) {
      const created = await intents.putIfAbsent(a.clientOrderId, pendingRecord(a, deps.now()));
      const record = intents.get(a.clientOrderId);
      if (record === undefined)
        throw new Error(`intent ${a.clientOrderId} vanished from the store`);
      return { created, record };
    },
    async update(a, patch) {
      const record = intents.get(a.clientOrderId) ?? pendingRecord(a, deps.now());
      await intents.put(a.clientOrderId, { ...record, ...patch, tsUpdated: deps.now() });
    },
    async journal(a, action, reason) {
      const amount = a.notional === undefined ? { qty: a.qty } : { notional: a.notional };
      const s = a.entry.signal;
      await deps.store.journal.append({
        ts: deps.now(),
        actor: 'trade',
        action,
        reason,
        symbol: s.ticker,
        clientOrderId: a.clientOrderId,
        data: {
          strategy: s.strategy,
          ...amount,
          price: a.entry.price,
          allocation: a.entry.allocation,
          fallback: a.fallback,
        },
      });
    },
    async resolved(a, order) {
      await book.update(a, {
        status: 'submitted',
        brokerOrderId: order.id,
        brokerStatus: order.status,
        reason: 'resolved by client_order_id',
      });
      await book.journal(
        a,
        'entry_submitted',
        `recovered: the broker already had order ${order.id} (${order.status})`,
      );
      return outcome(
        a,
        'resolved',
        `the broker already had it (${order.status}); nothing sent`,
        order,
      );
    },
  };
  return book;
}
