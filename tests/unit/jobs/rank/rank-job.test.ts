import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../../../src/config/schema.ts';
import { CSV_HEADER, parseActionableCsv } from '../../../../src/jobs/rank/actionable-csv.ts';
import { runRankJob } from '../../../../src/jobs/rank/rank-job.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';
import { silentLogger } from '../../../../src/domain/silent-logger.ts';

interface S {
  ticker: string;
  strategy?: string;
  state?: string;
  verdict?: string;
  win_rate?: number;
  trades?: number;
  profit_factor?: number | null;
  avg_return_pct?: number;
  signal_date?: string;
  price?: number;
}
const line = (s: S): string =>
  JSON.stringify({
    strategy: 'momentum',
    state: 'IN_TRADE',
    verdict: 'PROFITABLE',
    win_rate: 0.6,
    trades: 20,
    profit_factor: 1.5,
    avg_return_pct: 1,
    signal_date: '2024-05-01',
    price: 100,
    ...s,
  });

describe('runRankJob', () => {
  let root: string;
  let cleanup: () => void;
  let signals: string;
  const write = (s: S, history = ''): void => {
    writeFileSync(
      join(signals, `${s.state ?? 'IN_TRADE'}_live_qs_${s.ticker}.log`),
      `${history}${line(s)}\n`,
    );
  };
  const run = (config: Config = DEFAULT_CONFIG, asOf = '2024-05-02') =>
    runRankJob({
      signalsDir: signals,
      csvPath: join(root, 'data', 'actionable_signals.csv'),
      rejectedDir: join(root, 'data', 'rejected_tickers'),
      config,
      asOf,
      log: silentLogger,
    });

  beforeEach(() => {
    ({ root, cleanup } = makeTempRoot('strikeline-rank-'));
    signals = join(root, 'data', 'signals');
    mkdirSync(signals, { recursive: true });
  });
  afterEach(() => {
    cleanup();
  });

  it('writes the CSV for good, malformed, black-sheep and stale entries, and records every rejection', () => {
    write({ ticker: 'AAPL', win_rate: 0.7, profit_factor: 2 }, '{"trade":1}\n');
    write({ ticker: 'MSFT', win_rate: 0.7, profit_factor: 2.5 });
    write({ ticker: 'NVDA', win_rate: 0.7, profit_factor: 2.5, trades: 30 });
    write({
      ticker: 'AMD',
      win_rate: 0.55,
      strategy: 'ma_crossover',
      trades: 12,
      avg_return_pct: 0.8,
    });
    write({ ticker: 'TSLA', strategy: 'gap_fill' }); // named black sheep
    write({ ticker: 'META', strategy: 'pairs_trading', avg_return_pct: 2, trades: 10 });
    write({
      ticker: 'NFLX',
      strategy: 'pairs_trading',
      state: 'FLAT',
      verdict: 'UNPROFITABLE',
      avg_return_pct: -3,
      trades: 40,
      profit_factor: 0.5,
    }); // makes pairs_trading lose in aggregate
    write({ ticker: 'IBM', signal_date: '2024-04-25' }); // 7 days old > 3
    write({ ticker: 'ORCL', state: 'WATCH' });
    write({ ticker: 'INTC', verdict: 'UNPROFITABLE' });
    writeFileSync(
      join(signals, 'IN_TRADE_live_qs_BAD.log'),
      '{"ticker":"BAD","strategy":"momentum"\n',
    );
    writeFileSync(
      join(signals, 'IN_TRADE_live_qs_CRM.log'),
      `oops not json\n${line({ ticker: 'CRM', win_rate: 0.5 })}\n`,
    );
    writeFileSync(join(signals, 'weird name.log'), line({ ticker: 'X' }));
    writeFileSync(join(signals, 'README.txt'), 'not a log');
    const config: Config = {
      ...DEFAULT_CONFIG,
      ranker: { ...DEFAULT_CONFIG.ranker, black_sheep: ['gap_fill'] },
    };

    const r = run(config);

    const csv = readFileSync(join(root, 'data', 'actionable_signals.csv'), 'utf8');
    expect(csv).toBe(
      [
        CSV_HEADER,
        '1,NVDA,momentum,0.7,30,2.5,1,2024-05-01,100',
        '2,MSFT,momentum,0.7,20,2.5,1,2024-05-01,100',
        '3,AAPL,momentum,0.7,20,2,1,2024-05-01,100',
        '4,AMD,ma_crossover,0.55,12,1.5,0.8,2024-05-01,100',
        '5,CRM,momentum,0.5,20,1.5,1,2024-05-01,100',
        '',
      ].join('\n'),
    );
    expect(r.droppedByReason).toEqual({
      black_sheep: 1,
      losing_strategy: 1,
      stale: 1,
      not_in_trade: 2,
      unprofitable: 1,
    });
    expect(r.problems.map((p) => [p.file, p.fileSkipped])).toEqual([
      ['IN_TRADE_live_qs_BAD.log', true],
      ['IN_TRADE_live_qs_CRM.log', false],
      ['weird name.log', true],
    ]);
    expect(readdirSync(join(root, 'data', 'rejected_tickers'))).toEqual([
      'rejected_2024-05-02.jsonl',
    ]);
    const rejected = readFileSync(
      join(root, 'data', 'rejected_tickers', 'rejected_2024-05-02.jsonl'),
      'utf8',
    )
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(rejected.map((x) => x.ticker).sort()).toEqual([
      'BAD',
      'CRM',
      'IBM',
      'INTC',
      'META',
      'TSLA',
      'weird name.log',
    ]);
    expect(rejected.every((x) => x.stage === 'rank')).toBe(true);
    expect(
      rejected.every(
        (x) => x.date === '2024-05-02' && typeof x.reason === 'string' && x.reason.length > 0,
      ),
    ).toBe(true);
    expect(rejected.find((x) => x.ticker === 'META')?.reason).toContain('losing_strategy');
    expect(rejected.find((x) => x.ticker === 'IBM')?.reason).toContain('7 days old');
  });

  it('keeps black sheep when allow_black_sheep is set', () => {
    write({ ticker: 'TSLA', strategy: 'gap_fill' });
    write({ ticker: 'NFLX', strategy: 'gap_fill', state: 'FLAT', avg_return_pct: -5, trades: 50 });
    const allow: Config = {
      ...DEFAULT_CONFIG,
      ranker: { ...DEFAULT_CONFIG.ranker, black_sheep: ['gap_fill'], allow_black_sheep: true },
    };
    expect(run(allow).ranked.map((s) => s.ticker)).toEqual(['TSLA']);
    expect(run().ranked).toEqual([]);
  });

  it('treats a signal exactly max_signal_age_days old as fresh and a future one as not', () => {
    write({ ticker: 'AAPL', signal_date: '2024-04-29' });
    write({ ticker: 'MSFT', signal_date: '2024-05-03' });
    const r = run(DEFAULT_CONFIG, '2024-05-02');
    expect(r.ranked.map((s) => s.ticker)).toEqual(['AAPL']);
    expect(r.dropped).toMatchObject([{ ticker: 'MSFT', reason: 'future_dated' }]);
  });

  it('writes a header-only CSV when there are no logs, and the trader reads it back', () => {
    const r = run();
    expect(r.ranked).toEqual([]);
    const csv = readFileSync(join(root, 'data', 'actionable_signals.csv'), 'utf8');
    expect(csv).toBe(`${CSV_HEADER}\n`);
    expect(parseActionableCsv(csv, 'x')).toEqual({ rows: [], problems: [] });
  });

  it('round-trips an infinite profit factor through the CSV', () => {
    write({ ticker: 'AAPL', profit_factor: null });
    run();
    const parsed = parseActionableCsv(
      readFileSync(join(root, 'data', 'actionable_signals.csv'), 'utf8'),
      'x',
    );
    expect(parsed.rows[0]?.profitFactor).toBe(Infinity);
  });
});
