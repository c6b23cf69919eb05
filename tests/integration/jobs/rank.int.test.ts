/** `strikeline rank` as cron runs it: the real CLI over a folder of signal logs, with --asof; no broker needed. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_HEADER } from '../../../src/jobs/rank/actionable-csv.ts';
import { readEvents } from '../../support/events-file.ts';
import { runCli } from '../../support/run-cli.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const summary = (ticker: string, over: Record<string, unknown> = {}): string =>
  JSON.stringify({
    ticker,
    strategy: 'momentum',
    state: 'IN_TRADE',
    verdict: 'PROFITABLE',
    win_rate: 0.6,
    trades: 20,
    profit_factor: 1.5,
    avg_return_pct: 1,
    signal_date: '2024-05-03',
    price: 100,
    ...over,
  });

describe('strikeline rank (CLI)', () => {
  let root: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ root, cleanup } = makeTempRoot('strikeline-rank-cli-'));
    mkdirSync(join(root, 'data', 'signals'), { recursive: true });
    mkdirSync(join(root, 'config'), { recursive: true });
  });
  afterEach(() => {
    cleanup();
  });

  it('writes the CSV, prints kept and dropped by reason, and records malformed files', async () => {
    const dir = join(root, 'data', 'signals');
    writeFileSync(
      join(dir, 'IN_TRADE_live_qs_AAPL.log'),
      `{"trade":1}\n${summary('AAPL', { win_rate: 0.7 })}\n`,
    );
    writeFileSync(join(dir, 'IN_TRADE_live_qs_MSFT.log'), `${summary('MSFT')}\n`);
    writeFileSync(
      join(dir, 'IN_TRADE_live_qs_TSLA.log'),
      `${summary('TSLA', { strategy: 'gap_fill' })}\n`,
    );
    writeFileSync(
      join(dir, 'IN_TRADE_live_qs_IBM.log'),
      `${summary('IBM', { signal_date: '2024-04-20' })}\n`,
    );
    writeFileSync(join(dir, 'WATCH_live_qs_AMD.log'), `${summary('AMD', { state: 'WATCH' })}\n`);
    writeFileSync(join(dir, 'IN_TRADE_live_qs_BAD.log'), '{"ticker":"BAD",\n');
    writeFileSync(join(root, 'config', 'config.yaml'), 'ranker:\n  black_sheep: [gap_fill]\n');

    // 2024-05-04 is a Saturday: rank runs whatever the calendar says.
    const r = await runCli(['rank', '--asof', '2024-05-04'], { TRADING_SYSTEM_ROOT: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'rank 2024-05-04: 6 logs read, 1 malformed files skipped, 0 malformed lines skipped',
    );
    expect(r.stdout).toContain('kept 2; dropped 3 (not_in_trade 1, black_sheep 1, stale 1)');
    expect(r.stdout).toContain('skipped IN_TRADE_live_qs_BAD.log: summary (line 1) is not JSON');
    expect(readFileSync(join(root, 'data', 'actionable_signals.csv'), 'utf8')).toBe(
      `${CSV_HEADER}\n1,AAPL,momentum,0.7,20,1.5,1,2024-05-03,100\n2,MSFT,momentum,0.6,20,1.5,1,2024-05-03,100\n`,
    );
    const rejected = readFileSync(
      join(root, 'data', 'rejected_tickers', 'rejected_2024-05-04.jsonl'),
      'utf8',
    );
    expect(rejected).toContain('"ticker":"BAD","stage":"rank"');
    expect(rejected).toContain('"ticker":"TSLA","stage":"rank","reason":"black_sheep');

    // Seed 002: the events file of this run says the same, one event per signal and per disabled strategy.
    const events = readEvents(root);
    const of = (type: string) => events.filter((e) => e.type === type);
    expect(of('SIGNAL_GENERATED').map((e) => [e.rank, e.ticker, e.strategy])).toEqual([
      [1, 'AAPL', 'momentum'],
      [2, 'MSFT', 'momentum'],
    ]);
    expect(
      of('SIGNAL_REJECTED')
        .map((e) => [e.ticker, e.reason])
        .sort(),
    ).toEqual([
      ['AMD', 'not_in_trade'],
      ['IBM', 'stale'],
      ['TSLA', 'black_sheep'],
    ]);
    expect(of('STRATEGY_DISABLED').map((e) => [e.strategy, e.reason])).toEqual([
      ['gap_fill', 'black_sheep'],
    ]);
    expect(of('RUN_FINISHED')).toHaveLength(1);
    expect(new Set(events.map((e) => e.run_id)).size).toBe(1);
  });

  it('refuses a malformed --asof with exit 2', async () => {
    const r = await runCli(['rank', '--asof', '05/04/2024'], { TRADING_SYSTEM_ROOT: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--asof: expected a date as YYYY-MM-DD');
  });
});
