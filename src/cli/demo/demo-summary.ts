/** @module The demo's closing summary, built from the journal and the simulator's account. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CalendarDay } from '../../domain/account.ts';
import type { Store } from '../../domain/store.ts';
import { isRearmedStop } from '../../jobs/report/build-report.ts';
import { usd } from '../../jobs/format/text-table.ts';
import type { SimState } from './sim-control.ts';

export interface DemoSummary {
  readonly days: readonly string[];
  readonly entries: number;
  readonly fills: number;
  readonly protections: number;
  readonly latencySentMs: { readonly p50: number | null; readonly max: number | null };
  readonly latencyAckMs: { readonly p50: number | null; readonly max: number | null };
  readonly exits: Readonly<Record<string, number>>;
  readonly rearms: number;
  readonly equityBefore: number;
  readonly equityAfter: number;
  readonly cashAfter: number;
  readonly positionsAfter: number;
  readonly reports: readonly string[];
  readonly wallSeconds: number;
  /** The simulator's own account and positions at the end (its control API), to check the report against. */
  readonly simulator: {
    readonly equity: number;
    readonly cash: number;
    readonly lastEquity: number;
    readonly positions: ReadonlyArray<{
      readonly symbol: string;
      readonly qty: number;
      readonly marketValue: number;
    }>;
  };
}

function stats(values: number[]): { p50: number | null; max: number | null } {
  if (values.length === 0) return { p50: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.floor((sorted.length - 1) / 2)] ?? null, max: sorted.at(-1) ?? null };
}

export function summarize(input: {
  store: Store;
  root: string;
  days: readonly CalendarDay[];
  equityBefore: number;
  state: SimState;
  wallMs: number;
}): DemoSummary {
  const journal = input.store.journal.list();
  const of = (action: string) => journal.filter((e) => e.action === action);
  const placed = of('protection_placed');
  const latency = (field: string) =>
    stats(placed.map((e) => e.data?.[field]).filter((v): v is number => typeof v === 'number'));
  const exits: Record<string, number> = {};
  for (const e of of('soft_exit')) {
    const rule = typeof e.data?.rule === 'string' ? e.data.rule : 'unknown';
    exits[rule] = (exits[rule] ?? 0) + 1;
  }
  const reportsDir = join(input.root, 'reports');
  let reports: string[] = [];
  try {
    reports = readdirSync(reportsDir)
      .filter((f) => f.endsWith('.html'))
      .sort()
      .map((f) => join(reportsDir, f));
  } catch {
    reports = [];
  }
  return {
    days: input.days.map((d) => d.date),
    entries: of('entry_submitted').length,
    fills: of('fill').length,
    protections: placed.length,
    latencySentMs: latency('latencySentMs'),
    latencyAckMs: latency('latencyAckMs'),
    exits,
    rearms: journal.filter((e) => isRearmedStop(e, journal)).length,
    equityBefore: input.equityBefore,
    equityAfter: Number(input.state.account.equity),
    cashAfter: Number(input.state.account.cash),
    positionsAfter: input.state.positions.length,
    reports,
    wallSeconds: Math.round(input.wallMs / 100) / 10,
    simulator: {
      equity: Number(input.state.account.equity),
      cash: Number(input.state.account.cash),
      lastEquity: Number(input.state.account.last_equity),
      positions: input.state.positions.map((p) => ({
        symbol: String(p.symbol),
        qty: Number(p.qty),
        marketValue: Number(p.market_value),
      })),
    },
  };
}

export function renderSummary(s: DemoSummary): string {
  const fmt = (v: number | null) => (v === null ? '–' : `${v.toFixed(2)} ms`);
  const exits =
    Object.entries(s.exits)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ') || 'none';
  const change = s.equityAfter - s.equityBefore;
  return [
    '',
    '══ demo summary ══',
    `days            ${s.days.join(', ')}`,
    `entries         ${s.entries} submitted, ${s.fills} fills`,
    `protections     ${s.protections} placed; fill→sent p50 ${fmt(s.latencySentMs.p50)} (max ${fmt(s.latencySentMs.max)}), fill→ack p50 ${fmt(s.latencyAckMs.p50)}`,
    `soft exits      ${exits}; re-armed stops ${s.rearms}`,
    `equity          ${usd(s.equityBefore)} → ${usd(s.equityAfter)} (${usd(change, true)}), ${s.positionsAfter} positions open`,
    `report          ${s.reports.at(-1) ?? '(none written)'}`,
    `wall time       ${s.wallSeconds} s`,
  ].join('\n');
}
