/**
 * @module The signal funnel of each trade run: in LMDB (table `funnel`, keyed by day|time) and in
 * data/funnel/<YYYY-MM-DD>.json (every run of that day), for the report, the digest and the dashboard.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../domain/store.ts';

export const FUNNEL_STAGES = ['raw', 'regime', 'correlation', 'risk', 'executed'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type FunnelCounts = Readonly<Record<FunnelStage, number>>;

export interface FunnelRejection {
  readonly ticker: string;
  readonly strategy: string;
  readonly stage: FunnelStage;
  readonly reason_code: string;
  readonly reason: string;
  readonly details: Record<string, unknown> | null;
}

export interface FunnelRun {
  readonly day: string;
  readonly ts: number;
  readonly regime: {
    readonly vix: number;
    readonly name: string;
    readonly heat_limit_pct: number;
    readonly source: string;
  };
  readonly funnel: FunnelCounts;
  readonly by_strategy: Readonly<Record<string, FunnelCounts>>;
  readonly rejections: readonly FunnelRejection[];
  readonly executed: readonly {
    readonly ticker: string;
    readonly strategy: string;
    readonly notional: number;
  }[];
}

export const FUNNEL_TABLE = 'funnel';

export function funnelRuns(store: Store, day?: string): FunnelRun[] {
  return store
    .table<FunnelRun>(FUNNEL_TABLE)
    .entries(day === undefined ? undefined : `${day}|`)
    .map(([, v]) => v);
}

/** Stores the run, then rewrites the day's file from every run of the day (written whole, then renamed). */
export async function recordFunnelRun(
  store: Store,
  run: FunnelRun,
  dir: string | undefined,
): Promise<void> {
  await store
    .table<FunnelRun>(FUNNEL_TABLE)
    .put(`${run.day}|${String(run.ts).padStart(15, '0')}`, run);
  if (dir === undefined) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${run.day}.json`);
  writeFileSync(
    `${file}.tmp`,
    `${JSON.stringify({ day: run.day, runs: funnelRuns(store, run.day) }, null, 2)}\n`,
  );
  renameSync(`${file}.tmp`, file);
}
