/**
 * @module Why a sale happened, pure: from the order's client id (the daemon's roles), the OCO leg that filled,
 * and the journal (the rule the daemon named when it sent a soft exit; a halt or safety flatten that closed it).
 */
import { roleOfClientOrderId } from '../../domain/ids/client-order-ids.ts';
import type { JournalEntry } from '../../domain/ports.ts';
import type { RealizedSale } from './fill-ledger.ts';

export type ExitReason =
  | 'stop'
  | 'target'
  | 'break_even'
  | 'trailing'
  | 'time'
  | 'strategy'
  | 'halt'
  | 'manual'
  | 'unknown';

export interface ExitCause {
  readonly reason: ExitReason;
  /** The daemon's own word for it where there is one (the soft-exit rule, the flatten's actor). */
  readonly detail: string | null;
}

/** How the report names each reason. */
export const EXIT_REASON_LABEL: Record<ExitReason, string> = {
  stop: 'stop',
  target: 'target',
  break_even: 'break-even',
  trailing: 'trailing',
  time: 'time',
  strategy: 'strategy exit',
  halt: 'halt',
  manual: 'manual',
  unknown: 'unknown',
};

const STOP_TYPES = new Set(['stop', 'stop_limit', 'trailing_stop']);
/** A stop raised to within this fraction of the entry is a break-even stop; higher, a trailing one. */
const BREAK_EVEN_BAND = 0.005;
const FLATTENS = new Set(['halt_flatten', 'safety_flatten']);

/** The daemon's soft-exit rules; any other rule it journals is a strategy's own exit. */
function ruleReason(rule: unknown): ExitCause {
  const detail = typeof rule === 'string' ? rule : null;
  switch (detail) {
    case 'trailing':
      return { reason: 'trailing', detail };
    case 'break_even':
      return { reason: 'break_even', detail };
    case 'time_stop':
      return { reason: 'time', detail };
    case 'take_profit':
      return { reason: 'target', detail };
    case null:
      return { reason: 'unknown', detail };
    default:
      return { reason: 'strategy', detail };
  }
}

/** A protective stop that filled: the hard stop, or one a rule had raised to the entry or above. */
function stopReason(sale: RealizedSale): ExitCause {
  const { stopPrice, entryPrice } = sale;
  if (stopPrice === null || entryPrice === null || entryPrice <= 0 || stopPrice < entryPrice)
    return { reason: 'stop', detail: null };
  return stopPrice <= entryPrice * (1 + BREAK_EVEN_BAND)
    ? { reason: 'break_even', detail: 'raised stop' }
    : { reason: 'trailing', detail: 'raised stop' };
}

/** A liquidating sell fills at the flatten, or at the next open when the market was closed; an hour's slack. */
const FLATTEN_FILL_SLACK_MS = 3_600_000;

/**
 * The halt or safety flatten that closed this position: it listed the symbol, and the sale filled between the
 * broker's time of the flatten and the next open after it (broker time on both sides; an entry without the
 * broker's time falls back to its journal time).
 */
function flattenedBy(
  sale: RealizedSale,
  journal: readonly JournalEntry[],
): JournalEntry | undefined {
  const closes = (e: JournalEntry): boolean => {
    const closing = e.data?.closing;
    return (
      Array.isArray(closing) &&
      closing.some(
        (c: unknown) =>
          typeof c === 'object' && c !== null && (c as { symbol?: unknown }).symbol === sale.symbol,
      )
    );
  };
  const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);
  return journal.findLast((e) => {
    if (!FLATTENS.has(e.action) || !closes(e)) return false;
    const tsFlatten = num(e.data?.tsBroker, e.ts);
    const tsLatest =
      Math.max(tsFlatten, num(e.data?.tsNextOpen, tsFlatten)) + FLATTEN_FILL_SLACK_MS;
    return (
      sale.tsFilled >= tsFlatten - FLATTEN_FILL_SLACK_MS &&
      sale.tsFilled <= tsLatest &&
      tsFlatten >= (sale.tsOpened ?? 0)
    );
  });
}

/** Why `sale` sold: by its role, its leg, and what the journal says was sent for it. */
export function exitReasonOf(sale: RealizedSale, journal: readonly JournalEntry[]): ExitCause {
  const role = roleOfClientOrderId(sale.parentClientOrderId ?? sale.clientOrderId);
  switch (role) {
    case 'oco':
      return STOP_TYPES.has(sale.type) ? stopReason(sale) : { reason: 'target', detail: null };
    case 'stop':
      return stopReason(sale);
    case 'fexit':
      return { reason: 'target', detail: 'fraction at target' };
    case 'exit': {
      const sent = journal.findLast(
        (e) => e.action === 'exit_submitted' && e.clientOrderId === sale.clientOrderId,
      );
      return ruleReason(sent?.data?.rule);
    }
    case 'foreign': {
      const flatten = flattenedBy(sale, journal);
      return flatten === undefined
        ? { reason: 'manual', detail: null }
        : {
            reason: 'halt',
            detail: flatten.action === 'halt_flatten' ? flatten.actor : 'safety mode',
          };
    }
  }
}
