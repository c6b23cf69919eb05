/** @module Structured events, one JSON object a line, in logs/events/events_<run_id>.jsonl (seed 002). */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Scrub } from '../../domain/secrets/scrub.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';
import { pruneOldFiles } from './prune-old-files.ts';

export type EventType =
  | 'SIGNAL_GENERATED'
  | 'SIGNAL_REJECTED'
  | 'ORDER_INTENT_CREATED'
  | 'ORDER_SUBMITTED'
  | 'ORDER_FILLED'
  | 'ORDER_REJECTED'
  | 'ORDER_CANCELED'
  | 'PROTECTION_PLACED'
  | 'PROTECTION_FAILED'
  | 'SOFT_EXIT'
  | 'RECONCILIATION_CHECK'
  | 'KILL_SWITCH_TRIGGERED'
  | 'SAFETY_MODE'
  | 'STRATEGY_DISABLED'
  | 'RISK_LIMIT_HIT'
  | 'REGIME_CHANGED'
  | 'RUN_STARTED'
  | 'RUN_FINISHED'
  | 'ERROR';

export interface EventLog {
  readonly runId: string;
  readonly file: string;
  emit(type: EventType, fields?: Record<string, unknown>): void;
}

/** A run id sortable by time: YYYYMMDD_HHMMSS in New York time plus the pid. */
export function newRunId(ts: number, pid = process.pid): string {
  const s = new Date(ts)
    .toLocaleString('sv-SE', { timeZone: 'America/New_York' })
    .replace(/[-:]/g, '')
    .replace(' ', '_');
  return `${s}_${pid}`;
}

/** With `retentionDays`, a new run first removes the event files of runs older than that. */
export function createEventLog(
  dir: string,
  runId: string,
  scrub: Scrub,
  now: () => number = epochNow,
  retentionDays?: number,
): EventLog {
  mkdirSync(dir, { recursive: true });
  if (retentionDays !== undefined) pruneOldFiles(dir, retentionDays, now());
  const file = join(dir, `events_${runId}.jsonl`);
  return {
    runId,
    file,
    emit(type, fields = {}) {
      const line = JSON.stringify({
        ts: new Date(now()).toISOString(),
        run_id: runId,
        type,
        ...fields,
      });
      appendFileSync(file, scrub(line) + '\n');
    },
  };
}
