/**
 * @module Whether a position's only gap is its fractional remainder while the market is closed, pure. The daemon
 * covers a fraction with a DAY stop (Alpaca takes no GTC order for fractions); the broker expires it at the close
 * and the daemon places it again at the open. That gap is expected, not an alarm.
 */
import type { JournalEntry } from '../../domain/ports.ts';
import type { Coverage } from '../ops/position-coverage.ts';

const EPS = 1e-9;

export interface DayStopInput {
  readonly symbol: string;
  readonly qty: number;
  readonly coverage: Coverage;
  readonly marketOpen: boolean;
  /** When the position was opened (epoch ms), if known: only DAY stops placed since then count. */
  readonly tsOpened: number | null;
  readonly journal: readonly JournalEntry[];
}

/** True when the market is closed, every whole share is covered, and the daemon had placed a DAY stop on the rest. */
export function expiredDayStop(i: DayStopInput): boolean {
  if (i.marketOpen) return false;
  if (i.coverage.state !== 'partial' && i.coverage.state !== 'UNPROTECTED') return false;
  const held = Math.abs(i.qty);
  const whole = Math.floor(held + EPS);
  if (held - whole < EPS || i.coverage.protectedQty + EPS < whole) return false;
  return i.journal.some(
    (e) =>
      e.action === 'protection_placed' &&
      e.symbol === i.symbol &&
      e.data?.role === 'stop' &&
      e.ts >= (i.tsOpened ?? 0),
  );
}
