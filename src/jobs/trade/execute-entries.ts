/**
 * @module Sends the planned entries, exactly once each. Every entry is an intent written to LMDB
 * (putIfAbsent) before it is sent; an intent found without a broker order is resolved by its
 * client_order_id first, so a crash between submit and journal never sends it twice. An order
 * submission is never retried blindly: only a "not fractionable" rejection gets its one whole-share retry.
 */
import { isBrokerError } from '../../domain/broker-error.ts';
import { qty as toQty } from '../../domain/money.ts';
import type { SubmitOrder } from '../../domain/orders.ts';
import { entryClientOrderId } from '../../domain/ids/client-order-ids.ts';
import {
  firstAttempt,
  intentBook,
  outcome,
  type Attempt,
  type ExecuteDeps,
  type IntentBook,
  type Outcome,
} from './entry-intents.ts';
import { sizeWhole, type Entry } from './plan-entries.ts';

export type { ExecuteDeps, Outcome, OutcomeStatus } from './entry-intents.ts';

const NOT_FRACTIONABLE = /not fractionable/i;
const DUPLICATE_ID = /client_order_id must be unique/i;

export async function executeEntries(
  entries: readonly Entry[],
  deps: ExecuteDeps,
): Promise<Outcome[]> {
  const book = intentBook(deps);
  const outcomes: Outcome[] = [];
  // One at a time, in rank order: buying power is shared and every decision is journaled in order.
  for (const entry of entries) {
    const stop = await deps.beforeEntry?.(entry);
    if (stop !== undefined) {
      const a = firstAttempt(entry);
      await book.journal(a, 'entry_stopped', stop);
      outcomes.push(outcome(a, 'stopped', stop));
      continue;
    }
    const done = await place(firstAttempt(entry), deps, book);
    outcomes.push(done);
    await deps.afterOutcome?.(done);
  }
  return outcomes;
}

async function place(a: Attempt, deps: ExecuteDeps, book: IntentBook): Promise<Outcome> {
  const { created, record } = await book.open(a);
  if (record.brokerOrderId !== null)
    return outcome(a, 'already_submitted', `already submitted as order ${record.brokerOrderId}`);
  if (record.status === 'rejected')
    return outcome(a, 'rejected', `rejected earlier today: ${record.reason}`);
  if (record.status === 'fell_back' && record.fallbackClientOrderId !== null) {
    return place(
      {
        entry: a.entry,
        clientOrderId: record.fallbackClientOrderId,
        qty: record.qty ?? 0,
        fallback: true,
      },
      deps,
      book,
    );
  }
  if (!created) {
    // Written by an earlier run that may have crashed after sending: ask the broker before sending.
    const found = await deps.broker.getOrderByClientId(a.clientOrderId);
    if (found !== undefined) return book.resolved(a, found);
  }
  const s = a.entry.signal;
  const command: SubmitOrder = {
    kind: 'SubmitOrder',
    clientOrderId: a.clientOrderId,
    symbol: s.ticker,
    side: 'buy',
    type: 'market',
    timeInForce: 'day',
    ...(a.notional === undefined ? { qty: toQty(a.qty ?? 0) } : { notional: a.notional }),
    reason: `entry: ${s.strategy} rank ${s.rank}${a.fallback ? ' (whole-share retry)' : ''}`,
  };
  try {
    const order = await deps.broker.submitOrder(command);
    await book.update(a, {
      status: 'submitted',
      brokerOrderId: order.id,
      brokerStatus: order.status,
      reason: 'submitted',
    });
    await book.journal(a, 'entry_submitted', command.reason);
    deps.log.info(
      {
        clientOrderId: a.clientOrderId,
        symbol: s.ticker,
        orderId: order.id,
        notional: a.notional,
        qty: a.qty,
      },
      'entry submitted',
    );
    return outcome(a, 'submitted', command.reason, order);
  } catch (e) {
    return failed(a, e, deps, book);
  }
}

async function failed(
  a: Attempt,
  e: unknown,
  deps: ExecuteDeps,
  book: IntentBook,
): Promise<Outcome> {
  const message = e instanceof Error ? e.message : String(e);
  const rejected = isBrokerError(e) && e.kind === 'rejected';
  if (rejected && DUPLICATE_ID.test(message)) {
    const found = await deps.broker.getOrderByClientId(a.clientOrderId);
    if (found !== undefined) return book.resolved(a, found);
  }
  if (rejected && NOT_FRACTIONABLE.test(message) && !a.fallback && a.notional !== undefined)
    return fallBack(a, message, deps, book);
  if (rejected) {
    await book.update(a, { status: 'rejected', reason: `broker: ${message}` });
    await book.journal(a, 'entry_rejected', `broker: ${message}`);
    return outcome(a, 'rejected', `broker: ${message}`);
  }
  // An unclear outcome: ask the broker by client_order_id; never resend blindly.
  const found = await deps.broker.getOrderByClientId(a.clientOrderId).catch(() => undefined);
  if (found !== undefined) return book.resolved(a, found);
  await book.update(a, { status: 'unknown', reason: `outcome unknown: ${message}` });
  await book.journal(
    a,
    'entry_unknown',
    `outcome unknown: ${message}; the next run resolves it by client_order_id`,
  );
  return outcome(a, 'unknown', `outcome unknown: ${message}`);
}

/** The one whole-share retry, under its own deterministic client_order_id. */
async function fallBack(
  a: Attempt,
  message: string,
  deps: ExecuteDeps,
  book: IntentBook,
): Promise<Outcome> {
  const whole = sizeWhole(a.entry.allocation, a.entry.price);
  if ('reason' in whole) {
    const reason = `not fractionable, and ${whole.reason}`;
    await book.update(a, { status: 'rejected', reason });
    await book.journal(a, 'entry_rejected', reason);
    return outcome(a, 'rejected', reason);
  }
  const s = a.entry.signal;
  const retryId = entryClientOrderId({
    day: a.entry.day,
    ticker: s.ticker,
    strategy: s.strategy,
    kind: 'entry-whole',
  });
  await book.update(a, {
    status: 'fell_back',
    reason: `broker: ${message}`,
    fallbackClientOrderId: retryId,
    qty: whole.qty,
  });
  await book.journal(
    a,
    'entry_rejected',
    `broker: ${message}; retrying once as ${whole.qty} whole shares`,
  );
  return place(
    { entry: a.entry, clientOrderId: retryId, qty: whole.qty, fallback: true },
    deps,
    book,
  );
}
