/**
 * @module The demo's journal lines in the order things happened. Entries are journaled by `trade` once the broker
 * acknowledged them, on its own clock, while the daemon journals the fill as it streams in, on the broker's: a
 * fill can carry the earlier time. An entry is an order's cause, so it is printed before that order's fill.
 */
import type { JournalEntry } from '../../domain/ports.ts';

/** Moves each `entry_submitted` before the first entry of the same client order id that precedes it; else keeps the order. */
export function causalOrder(entries: readonly JournalEntry[]): JournalEntry[] {
  const out = [...entries];
  for (let i = 0; i < out.length; i += 1) {
    const e = out[i];
    if (e?.action !== 'entry_submitted' || e.clientOrderId === undefined) continue;
    const first = out.findIndex((x, j) => j < i && x.clientOrderId === e.clientOrderId);
    if (first === -1) continue;
    out.splice(i, 1);
    out.splice(first, 0, e);
  }
  return out;
}
