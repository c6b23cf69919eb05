/**
 * @module Log retention: removes the day files (`strikeline-2024-05-01.jsonl`) and event files
 * (`events_20240501_093500_1234.jsonl`) whose New York date is older than the retention, by the date in the name
 * (never by mtime, which a copy or a restore resets). Files of any other name are left alone.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, nyDate } from '../../domain/time/ny-time.ts';

/** A day file `<prefix>-YYYY-MM-DD.jsonl` or an event file `events_YYYYMMDD_...jsonl`: its date, else null. */
export function fileDate(name: string): string | null {
  const day = /-(\d{4}-\d{2}-\d{2})\.jsonl$/.exec(name);
  if (day !== null) return day[1] ?? null;
  const run = /^events_(\d{4})(\d{2})(\d{2})_[\w-]*\.jsonl$/.exec(name);
  return run === null ? null : `${run[1] ?? ''}-${run[2] ?? ''}-${run[3] ?? ''}`;
}

/**
 * Removes from `dir` (not its sub-folders) the dated files older than `retentionDays` before `tsNow`'s New York
 * date: with 90, a file of 90 days ago stays, one of 91 days ago goes. Returns the names removed; a file another
 * process removed first is no error.
 */
export function pruneOldFiles(dir: string, retentionDays: number, tsNow: number): string[] {
  const oldest = addDays(nyDate(tsNow), -retentionDays);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const date = fileDate(name);
    if (date === null || date >= oldest) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
