/**
 * `strikeline scan` as cron runs it: the real binary as a child process, against the simulator through the
 * official SDK (the Alpaca adapter), over real HTTP. Its logs are what `strikeline rank` reads; the same seed
 * gives byte-identical logs (in-process or in two worker threads); a later scan fetches only the new bars; bad options exit 2 with a clear line;
 * a day without a session is a no-op.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSignalLog } from '../../../src/jobs/rank/parse-signal-log.ts';
import { readEvents } from '../../support/events-file.ts';
import { runCli } from '../../support/run-cli.ts';
import { control, startTestSimulator, type TestSimulator } from '../../support/sim.ts';

const SYMBOLS = 'AAPL,MSFT,KO,PEP,XOM,CVX';
const ASOF = '2024-04-30';

function logsOf(root: string): Map<string, string> {
  const dir = join(root, 'data', 'signals');
  return new Map(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

const reportOf = (root: string, date: string) =>
  JSON.parse(readFileSync(join(root, 'data', 'scan', `${date}.json`), 'utf8')) as {
    fetch: { bars_fetched: number; requests: number };
    tickers: unknown[];
    date: string;
  };

describe('strikeline scan against the simulator', () => {
  let a: TestSimulator;
  let b: TestSimulator;
  beforeAll(async () => {
    [a, b] = await Promise.all([
      startTestSimulator({ seed: 42 }),
      startTestSimulator({ seed: 42 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
  });

  it("writes logs that rank accepts, the same for the same seed, in-process or in the build's worker threads", async () => {
    const [ra, rb] = await Promise.all([
      runCli(['scan', '--symbols', SYMBOLS, '--asof', ASOF], a.env, 120_000),
      runCli(['scan', '--symbols', SYMBOLS, '--asof', ASOF, '--workers', '2'], b.env, 120_000),
    ]);
    expect(ra.stderr).not.toMatch(/strikeline: /);
    expect(ra.code).toBe(0);
    expect(rb.stderr).not.toMatch(/strikeline: /);
    expect(rb.code).toBe(0);
    expect(ra.stdout).toMatch(/^TICKER\s+STRATEGY\s+STATE/m);
    expect(ra.stdout).toMatch(/scan 2024-04-30: 6 tickers scanned, 0 rejected/);
    const logs = logsOf(a.root);
    expect(
      [...logs.keys()].map((f) => f.replace(/^(IN_TRADE|WATCH|FLAT)_live_qs_/, '')).sort(),
    ).toEqual(['AAPL.log', 'CVX.log', 'KO.log', 'MSFT.log', 'PEP.log', 'XOM.log']);
    for (const [file, text] of logs) {
      const parsed = parseSignalLog(file, text);
      expect(parsed.ok, `${file}: ${parsed.ok ? '' : parsed.reason}`).toBe(true);
      if (parsed.ok) {
        expect(parsed.badLines).toEqual([]);
        expect(parsed.summary.signal_date).toBe(ASOF);
        expect(parsed.history.length).toBe(parsed.summary.trades);
      }
    }
    expect(logsOf(b.root)).toEqual(logs);
    // The events file: one SIGNAL_GENERATED per signal found, the tickers whose log stands IN_TRADE (none at this
    // seed and date: the event fields are covered in tests/unit/cli/scan-events.test.ts).
    const inTrade = [...logs.keys()]
      .flatMap((f) => /^IN_TRADE_live_qs_(.+)\.log$/.exec(f)?.[1] ?? [])
      .sort();
    const signals = readEvents(a.root).filter(
      (e) => e.type === 'SIGNAL_GENERATED' && e.source === 'scan',
    );
    expect(signals.map((e) => e.ticker).sort()).toEqual(inTrade);
    for (const e of signals)
      expect(e).toMatchObject({
        date: ASOF,
        signal_date: expect.any(String) as unknown,
        strategy: expect.any(String) as unknown,
      });
    expect(
      readEvents(a.root).find((e) => e.type === 'RUN_FINISHED' && e.job === 'scan'),
    ).toMatchObject({ signals: inTrade.length });
    const rank = await runCli(['rank', '--asof', '2024-05-01'], a.env);
    expect(rank.code).toBe(0);
    expect(rank.stdout).toMatch(
      /6 logs read, 0 malformed files skipped, 0 malformed lines skipped/,
    );
    expect(readFileSync(join(a.root, 'data', 'actionable_signals.csv'), 'utf8')).toMatch(
      /^rank,ticker,strategy,win_rate,trades,profit_factor,avg_return_pct,signal_date,price\n/,
    );
  }, 300_000); // two scans at once (child processes, 120 s each at most): 30 s was too short on a loaded box

  it('fetches only the bars after the cache on the next night', async () => {
    const first = reportOf(a.root, ASOF);
    expect(first.fetch.bars_fetched).toBeGreaterThan(6 * 2000);
    await control(a.sim).clock({ to: '2024-05-02T00:00:00Z', quiet: true });
    const next = await runCli(['scan', '--symbols', SYMBOLS, '--json'], a.env, 120_000);
    expect(next.code).toBe(0);
    const report = reportOf(a.root, '2024-05-01');
    // One new session for the six tickers and the two context symbols (SPY, VIXY), in one request.
    expect(report.fetch).toEqual({ bars_fetched: 8, requests: 1 });
    // --json: the same fields as the scan file, with the counts and the files written (and no table).
    const json = JSON.parse(next.stdout) as Record<string, unknown> & {
      summary: Record<string, number>;
      signal_logs: string[];
    };
    const file = reportOf(a.root, '2024-05-01') as unknown as Record<string, unknown>;
    for (const key of Object.keys(file)) expect(json).toHaveProperty(key);
    expect(json.tickers).toEqual(file.tickers);
    expect(json.report_file).toBe(join(a.root, 'data', 'scan', '2024-05-01.json'));
    expect(json.signal_logs).toHaveLength(6);
    expect(json.summary).toMatchObject({ tickers: 6, rejected: 0 });
    expect(json.summary.in_trade_profitable).toBeLessThanOrEqual(json.summary.in_trade ?? 0);
    for (const [file, text] of logsOf(a.root))
      expect(parseSignalLog(file, text)).toMatchObject({
        ok: true,
        summary: { signal_date: '2024-05-01' },
      });
  });

  it('refuses bad options with exit 2 and one clear line', async () => {
    const future = await runCli(['scan', '--symbols', 'AAPL', '--asof', '2031-01-02'], a.env);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/strikeline: --asof 2031-01-02 is after today/);
    const unknown = await runCli(['scan', '--strategies', 'momentum,astrology'], a.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--strategies: unknown astrology; choose from mean_reversion/);
    const badDate = await runCli(['scan', '--asof', '30/04/2024'], a.env);
    expect(badDate.code).toBe(2);
  });

  it('does nothing on a day without a session unless --asof names one', async () => {
    await control(a.sim).clock({ to: '2024-05-04T16:00:00Z', quiet: true }); // Saturday
    const closed = await runCli(['scan', '--symbols', SYMBOLS], a.env);
    expect(closed.code).toBe(0);
    expect(closed.stdout).toMatch(/market closed today \(2024-05-04, New York\): nothing to scan/);
    const closedJson = await runCli(['scan', '--symbols', SYMBOLS, '--json'], a.env);
    expect(closedJson.code).toBe(0);
    expect(JSON.parse(closedJson.stdout)).toEqual({
      skipped: expect.stringMatching(
        /market closed today \(2024-05-04, New York\): nothing to scan/,
      ),
    });
    expect(readdirSync(join(a.root, 'data', 'scan')).sort()).toEqual([
      '2024-04-30.json',
      '2024-05-01.json',
    ]);
  });
});
