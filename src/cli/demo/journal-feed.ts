/** @module Prints the journal's new decisions as they happen: entries, fills, protections with latency, exits. */
import type { JournalEntry } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { nyWall } from '../../domain/time/ny-time.ts';
import { isRearmedStop, protectionLabel } from '../../jobs/report/build-report.ts';
import { priceText, usd } from '../../jobs/format/text-table.ts';
import { causalOrder } from './causal-order.ts';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
/** Money as every report prints it ($1,234.50), prices as 48.50: one format for the demo and the commands it runs. */
const money = (v: unknown): string => usd(num(v));
const px = (v: unknown): string =>
  v === null || v === undefined || Number.isNaN(num(v)) ? '?' : priceText(num(v));
const ms = (v: unknown): string => (typeof v === 'number' ? `${v.toFixed(1)} ms` : '?');

export function describeEntry(
  e: JournalEntry,
  journal: readonly JournalEntry[],
): string | undefined {
  const d = e.data ?? {};
  const sym = (e.symbol ?? '').padEnd(5);
  switch (e.action) {
    case 'entry_submitted':
      return `ENTRY    ${sym} ${d.notional === undefined ? `${String(d.qty)} sh` : `${money(d.notional)} notional`}  (${typeof d.strategy === 'string' ? d.strategy : e.reason})`;
    case 'entry_rejected':
      return `REJECTED ${sym} ${e.reason}`;
    case 'fill':
      return `FILL     ${sym} ${String(d.side)} ${String(d.qty)} @ ${px(d.price)}`;
    case 'protection_placed': {
      const rearmed = isRearmedStop(e, journal);
      const what = protectionLabel(d.role, d.cause, rearmed);
      const prices =
        d.role === 'oco'
          ? `stop ${px(d.stopPrice)} / target ${px(d.takeProfitPrice)}`
          : `stop ${px(d.stopPrice)}`;
      const latency =
        typeof d.latencySentMs === 'number'
          ? `  fill→sent ${ms(d.latencySentMs)}, →ack ${ms(d.latencyAckMs)}`
          : '';
      return `${rearmed ? 'RE-ARM ' : 'PROTECT'}  ${sym} ${what}: ${String(d.qty)} sh  ${prices}${latency}`;
    }
    case 'soft_exit':
      return `EXIT     ${sym} ${String(d.rule)} at ${px(d.price)}${d.floor === null || d.floor === undefined ? '' : ` (floor ${px(d.floor)})`}`;
    case 'protection_failed':
    case 'exit_rejected':
    case 'audit_repair':
    case 'safety_mode_entered':
    case 'safety_mode_exited':
    case 'halt':
      return `${e.action.toUpperCase().replace(/_/g, ' ')}  ${sym} ${e.reason}`;
    default:
      return undefined;
  }
}

export interface JournalFeed {
  /** Prints what was journaled since the last call; returns the new entries. */
  drain(): JournalEntry[];
}

/** Reads the whole journal each time: writers may stamp broker time or wall time, so no time cursor is safe. */
export function journalFeed(store: Store, print: (line: string) => void): JournalFeed {
  const seen = new Set<string>();
  return {
    drain() {
      const all = store.journal.list();
      const fresh = causalOrder(
        all.filter((e) => {
          const key = `${e.ts}|${e.actor}|${e.action}|${e.symbol ?? ''}|${e.clientOrderId ?? ''}|${e.reason}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        }),
      );
      for (const e of fresh) {
        const line = describeEntry(e, all);
        if (line !== undefined) {
          const w = nyWall(e.ts);
          print(`  ${String(w.hh).padStart(2, '0')}:${String(w.mm).padStart(2, '0')}  ${line}`);
        }
      }
      return fresh;
    },
  };
}
