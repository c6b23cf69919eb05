/** @module What the daemon writes down: the journal entry (every money decision, with its reason) and the SMS-sized alert of an event. */
import type { DaemonEvent } from './daemon-events.ts';
import type { Alert, JournalEntry } from '../ports.ts';

const ACTOR = 'stream';
const fmt = (n: number | null): string =>
  n === null ? '-' : String(Math.round(n * 10_000) / 10_000);
const ms = (n: number | null): string => (n === null ? '' : ` in ${n.toFixed(1)} ms`);

/** The journal entry for an event, or null when it decides nothing. */
export function journalEntryOf(e: DaemonEvent, ts: number): JournalEntry | null {
  switch (e.kind) {
    case 'FillReceived':
      return {
        ts,
        actor: ACTOR,
        action: 'fill',
        reason: `${e.side} ${e.qty} ${e.symbol} at ${e.price} filled (${e.role})`,
        symbol: e.symbol,
        clientOrderId: e.clientOrderId,
        data: {
          side: e.side,
          price: e.price,
          qty: e.qty,
          executionId: e.executionId,
          orderId: e.orderId,
          positionQty: e.positionQty,
          role: e.role,
        },
      };
    case 'ProtectionPlaced':
      return {
        ts,
        actor: ACTOR,
        action: 'protection_placed',
        symbol: e.symbol,
        clientOrderId: e.clientOrderId,
        reason: `${e.role === 'oco' ? 'OCO' : 'fractional DAY stop'} for ${e.qty} ${e.symbol} entered at ${fmt(e.entryPrice)} (${e.cause}${e.adopted ? ', found already placed' : ''})`,
        data: {
          entryOrderId: e.entryOrderId,
          entryPrice: e.entryPrice,
          qty: e.qty,
          stopPrice: e.stopPrice,
          takeProfitPrice: e.takeProfitPrice,
          latencySentMs: e.latencySentMs,
          latencyAckMs: e.latencyAckMs,
          role: e.role,
          orderId: e.orderId,
          cause: e.cause,
        },
      };
    case 'ProtectionCancelling':
      return {
        ts,
        actor: ACTOR,
        action: 'protection_cancelled',
        reason: e.reason,
        symbol: e.symbol,
        clientOrderId: e.clientOrderId,
        data: { orderId: e.orderId, role: e.role },
      };
    case 'ProtectionFailed':
      return {
        ts,
        actor: ACTOR,
        action: 'protection_failed',
        symbol: e.symbol,
        clientOrderId: e.clientOrderId,
        reason: e.deferred ? `deferred until the open entry ends: ${e.error}` : e.error,
        data: { role: e.role, error: e.error, deferred: e.deferred, retryAt: e.retryAt },
      };
    case 'SoftExitStarted':
      return {
        ts,
        actor: ACTOR,
        action: 'soft_exit',
        symbol: e.symbol,
        reason: `${e.rule} at ${fmt(e.price)}${e.floor === null ? '' : ` (floor ${fmt(e.floor)})`}: cancel every order of ${e.symbol}, then sell ${e.qty} at market`,
        data: {
          rule: e.rule,
          price: e.price,
          floor: e.floor,
          scope: e.scope,
          qty: e.qty,
          entryPrice: e.entryPrice,
          highWater: e.highWater,
        },
      };
    case 'ExitSubmitted':
      return {
        ts,
        actor: ACTOR,
        action: 'exit_submitted',
        reason: `market sale of ${e.qty} ${e.symbol} (${e.rule})`,
        symbol: e.symbol,
        clientOrderId: e.clientOrderId,
        data: { qty: e.qty, rule: e.rule },
      };
    case 'ExitRejected':
      return {
        ts,
        actor: ACTOR,
        action: 'exit_rejected',
        reason: `${e.error}; protection restored`,
        symbol: e.symbol,
        clientOrderId: e.clientOrderId,
        data: { rule: e.rule, error: e.error },
      };
    case 'AuditRepair':
      return {
        ts,
        actor: ACTOR,
        action: 'audit_repair',
        reason: e.detail,
        symbol: e.symbol,
        clientOrderId: e.clientOrderId,
        data: { action: e.action },
      };
    case 'OrderUnknown':
      return {
        ts,
        actor: ACTOR,
        action: 'order_unknown',
        reason: `outcome unclear (${e.error}); resolving by client order id`,
        symbol: e.symbol,
        clientOrderId: e.clientOrderId,
      };
    case 'OrderResolved':
      return {
        ts,
        actor: ACTOR,
        action: 'order_resolved',
        reason: e.status === null ? 'never reached the broker' : `broker has it: ${e.status}`,
        symbol: e.symbol,
        clientOrderId: e.clientOrderId,
      };
    case 'PositionClosed':
    case 'AuditCompleted':
    case 'ExitTrack':
    case 'HaltChanged':
    case 'SessionChanged':
      return null;
  }
}

const alert = (severity: Alert['severity'], short: string, text = short): Alert => ({
  severity,
  short,
  subject: short,
  text,
});

/** The alert for an event, or null when it is not worth a message. */
export function alertOf(e: DaemonEvent): Alert | null {
  switch (e.kind) {
    case 'FillReceived':
      return alert(
        'info',
        `FILL ${e.side} ${e.qty} ${e.symbol} @ ${fmt(e.price)} (position ${e.positionQty})`,
      );
    case 'ProtectionPlaced':
      return alert(
        'info',
        `PROTECTED ${e.qty} ${e.symbol}: stop ${fmt(e.stopPrice)}${e.takeProfitPrice === null ? ' (DAY)' : ` / target ${fmt(e.takeProfitPrice)}`}${ms(e.latencyAckMs)}`,
      );
    case 'ProtectionFailed':
      return e.deferred
        ? null
        : alert(
            'critical',
            `PROTECTION FAILED ${e.symbol}: ${e.error}`,
            `Protective ${e.role} for ${e.symbol} refused: ${e.error}. Retrying.`,
          );
    case 'SoftExitStarted':
      return alert(
        'warning',
        `SOFT EXIT ${e.symbol} ${e.rule} @ ${fmt(e.price)}${e.floor === null ? '' : ` (floor ${fmt(e.floor)})`}, selling ${e.qty}`,
      );
    case 'ExitRejected':
      return alert(
        'critical',
        `EXIT REFUSED ${e.symbol} (${e.rule}): ${e.error}; protection restored`,
      );
    case 'AuditRepair':
      return alert('warning', `AUDIT REPAIR ${e.symbol}: ${e.action} - ${e.detail}`);
    case 'OrderUnknown':
      return alert('warning', `ORDER UNCLEAR ${e.symbol} ${e.clientOrderId}: ${e.error}`);
    case 'HaltChanged':
      return alert(
        'warning',
        e.halted
          ? 'DAEMON HALTED: kill switch on, placing no orders'
          : 'DAEMON RESUMED: kill switch off, protecting again',
      );
    case 'ProtectionCancelling':
    case 'ExitSubmitted':
    case 'OrderResolved':
    case 'PositionClosed':
    case 'AuditCompleted':
    case 'ExitTrack':
    case 'SessionChanged':
      return null;
  }
}
