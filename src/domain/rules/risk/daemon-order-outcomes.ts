/**
 * @module The daemon's own orders (protective stops and OCOs, soft-exit sales) as the order kill conditions count
 * them, pure: what each of its events says about one order's outcome.
 */
import type { DaemonEvent } from '../../holdings/daemon-events.ts';
import type { OrderOutcomeKind } from './order-breakers.ts';

export type DaemonOrderWord =
  | { readonly clientOrderId: string; readonly outcome: OrderOutcomeKind }
  /** The broker never saw the order: a retry under the same client id is a new order. */
  | { readonly clientOrderId: string; readonly outcome: 'forget' };

/** An accepted exit order that ended unfilled (`canceled by the broker`, `expired by the broker`): not a failure. */
const ENDED_UNFILLED = /^(canceled|expired|done_for_day|replaced|stopped|suspended) by the broker$/;

const ORDER_EVENTS: ReadonlySet<string> = new Set([
  'ProtectionPlaced',
  'ExitSubmitted',
  'ProtectionFailed',
  'ExitRejected',
  'OrderUnknown',
  'OrderResolved',
]);
type OrderEvent = Extract<
  DaemonEvent,
  {
    kind:
      | 'ProtectionPlaced'
      | 'ExitSubmitted'
      | 'ProtectionFailed'
      | 'ExitRejected'
      | 'OrderUnknown'
      | 'OrderResolved';
  }
>;

export function daemonOrderWord(
  e: DaemonEvent | { readonly kind: string },
): DaemonOrderWord | null {
  if (!ORDER_EVENTS.has(e.kind)) return null;
  const d = e as OrderEvent;
  switch (d.kind) {
    case 'ProtectionPlaced':
    case 'ExitSubmitted':
      return { clientOrderId: d.clientOrderId, outcome: 'accepted' };
    case 'ProtectionFailed':
      // A wash-trade refusal only waits for the open entry to finish; it is sent again then. Throttling (HTTP 429,
      // whatever its message says) refuses the request, not the order: the daemon waits the Retry-After and resends.
      return d.deferred || d.rateLimited === true
        ? null
        : { clientOrderId: d.clientOrderId, outcome: 'rejected' };
    case 'ExitRejected':
      return ENDED_UNFILLED.test(d.error) || d.rateLimited === true
        ? null
        : { clientOrderId: d.clientOrderId, outcome: 'rejected' };
    case 'OrderUnknown':
      return { clientOrderId: d.clientOrderId, outcome: 'unknown' };
    case 'OrderResolved':
      return d.status === null ? { clientOrderId: d.clientOrderId, outcome: 'forget' } : null;
  }
}
