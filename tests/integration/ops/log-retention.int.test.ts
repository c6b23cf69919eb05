/**
 * Log retention through the real CLI: a command that logs removes the day logs and event files older than
 * `logs.retention_days` (90 by default) and keeps the rest, and any file whose name carries no date.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { addDays, nyDate } from '../../../src/domain/time/ny-time.ts';
import { REPO, runCli } from '../../support/run-cli.ts';
import { TEST_KEY, TEST_SECRET } from '../../support/sim.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const today = nyDate(Date.now());
const ago = (days: number): string => addDays(today, -days);
const compact = (date: string): string => date.replaceAll('-', '');

/** A root with day logs and event files of 10, 11, 90 and 91 days ago, and a file of no date. */
function rootWithOldFiles(ctx: TestContext, retention?: number): string {
  const t = makeTempRoot('strikeline-retention-');
  ctx.onTestFinished(t.cleanup);
  const events = join(t.root, 'logs', 'events');
  mkdirSync(events, { recursive: true });
  mkdirSync(join(t.root, 'config'), { recursive: true });
  const yaml = readFileSync(join(REPO, 'config', 'config.yaml'), 'utf8');
  writeFileSync(
    join(t.root, 'config', 'config.yaml'),
    retention === undefined
      ? yaml
      : yaml.replace(/retention_days: 90/, `retention_days: ${retention}`),
  );
  for (const d of [10, 11, 90, 91]) {
    writeFileSync(join(t.root, 'logs', `strikeline-${ago(d)}.jsonl`), '{}\n');
    writeFileSync(join(events, `events_${compact(ago(d))}_093500_${d}.jsonl`), '{}\n');
  }
  writeFileSync(join(t.root, 'logs', 'notes.txt'), 'kept\n');
  return t.root;
}

/** `halt` against a broker that refuses connections: it logs (WARN, ERROR) and writes events, then exits 1. */
async function runLoggingCommand(root: string): Promise<void> {
  const r = await runCli(['halt', '--reason', 'retention drill'], {
    TRADING_SYSTEM_ROOT: root,
    ALPACA_API_KEY: TEST_KEY,
    ALPACA_SECRET_KEY: TEST_SECRET,
    ALPACA_ENDPOINT: 'http://127.0.0.1:9',
  });
  expect(r.code).toBe(1);
}

const days = (root: string): { logs: string[]; events: string[] } => ({
  logs: readdirSync(join(root, 'logs'))
    .filter((f) => f !== 'events')
    .sort(),
  events: readdirSync(join(root, 'logs', 'events')).sort(),
});

describe.concurrent('log retention (logs.retention_days)', { timeout: 60_000 }, () => {
  it('keeps 90 days by default: a file of 90 days ago stays, one of 91 goes', async (ctx) => {
    const root = rootWithOldFiles(ctx);
    await runLoggingCommand(root);
    const { logs, events } = days(root);
    expect(logs).toContain(`strikeline-${ago(90)}.jsonl`);
    expect(logs).not.toContain(`strikeline-${ago(91)}.jsonl`);
    expect(logs).toContain(`strikeline-${ago(11)}.jsonl`);
    expect(logs).toContain(`strikeline-${today}.jsonl`);
    expect(logs).toContain('notes.txt');
    expect(events.filter((f) => f.startsWith(`events_${compact(ago(91))}`))).toEqual([]);
    expect(events.filter((f) => f.startsWith(`events_${compact(ago(90))}`))).toHaveLength(1);
    // The run's own event file is there, with the events it wrote.
    expect(
      events.filter((f) => f.startsWith(`events_${compact(today)}`)).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('honours a shorter retention: with 10 days, the files of 11, 90 and 91 days ago are removed', async (ctx) => {
    const root = rootWithOldFiles(ctx, 10);
    await runLoggingCommand(root);
    const { logs, events } = days(root);
    expect(logs.filter((f) => f.startsWith('strikeline-'))).toEqual([
      `strikeline-${ago(10)}.jsonl`,
      `strikeline-${today}.jsonl`,
    ]);
    expect(logs).toContain('notes.txt');
    expect(events.some((f) => f.startsWith(`events_${compact(ago(10))}`))).toBe(true);
    for (const d of [11, 90, 91])
      expect(events.some((f) => f.startsWith(`events_${compact(ago(d))}`))).toBe(false);
    expect(existsSync(join(root, 'logs', 'notes.txt'))).toBe(true);
  });
});
