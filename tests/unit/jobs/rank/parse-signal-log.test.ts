import { describe, expect, it } from 'vitest';
import { parseSignalLog } from '../../../../src/jobs/rank/parse-signal-log.ts';

const summary = (over: Record<string, unknown> = {}): string =>
  JSON.stringify({
    ticker: 'AAPL',
    strategy: 'momentum',
    state: 'IN_TRADE',
    verdict: 'PROFITABLE',
    win_rate: 0.6,
    trades: 20,
    profit_factor: 1.8,
    avg_return_pct: 1.1,
    signal_date: '2024-05-01',
    price: 180.5,
    ...over,
  });

describe('parseSignalLog', () => {
  it('reads the summary from the last line and keeps history lines', () => {
    const r = parseSignalLog(
      'IN_TRADE_live_qs_AAPL.log',
      `{"entry":"2024-01-02","ret":1.5}\n{"entry":"2024-02-02","ret":-0.5}\n${summary()}\n\n`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.summary).toMatchObject({
      ticker: 'AAPL',
      strategy: 'momentum',
      win_rate: 0.6,
      trades: 20,
      profit_factor: 1.8,
    });
    expect(r.history).toHaveLength(2);
    expect(r.badLines).toEqual([]);
  });

  it('skips a malformed history line and says which', () => {
    const r = parseSignalLog(
      'IN_TRADE_live_qs_AAPL.log',
      `{"ok":1}\nnot json\n[1,2]\n${summary()}`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.history).toHaveLength(1);
    expect(r.badLines.map((b) => b.line)).toEqual([2, 3]);
    expect(r.badLines[0]?.reason).toContain('history line 2 is not JSON');
    expect(r.badLines[1]?.reason).toContain('not a JSON object');
  });

  it('treats a null profit factor as infinite (no losing trades)', () => {
    const r = parseSignalLog('IN_TRADE_live_qs_AAPL.log', summary({ profit_factor: null }));
    expect(r.ok && r.summary.profit_factor).toBe(Infinity);
  });

  it.each([
    ['empty file', '', 'empty file'],
    ['summary not JSON', '{"a":1}\n{broken', 'summary (line 2) is not JSON'],
    ['win rate above 1', summary({ win_rate: 1.5 }), 'win_rate'],
    ['bad verdict', summary({ verdict: 'MAYBE' }), 'verdict'],
    ['fractional trades', summary({ trades: 2.5 }), 'trades'],
    ['bad date', summary({ signal_date: '2024-02-30' }), 'signal_date'],
    ['negative price', summary({ price: -1 }), 'price'],
    [
      'ticker differs from the file name',
      summary({ ticker: 'MSFT' }),
      'differs from the file name',
    ],
    ['state differs from the file name', summary({ state: 'WATCH' }), 'state WATCH differs'],
    ['missing field', JSON.stringify({ ticker: 'AAPL' }), 'strategy'],
  ])('rejects a file with %s', (_name, text, reason) => {
    const r = parseSignalLog('IN_TRADE_live_qs_AAPL.log', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain(reason);
    expect(r.ticker).toBe('AAPL');
  });

  it('rejects a file name outside the pattern, with no ticker', () => {
    const r = parseSignalLog('live_AAPL.log', summary());
    expect(r).toMatchObject({ ok: false, ticker: undefined });
  });

  it('reads a -0 as 0, so the ranking never ties two different summaries', () => {
    const text = summary({ win_rate: 0, trades: 0, profit_factor: 0, avg_return_pct: 0 }).replace(
      /:0([,}])/g,
      ':-0$1',
    );
    expect(text).toContain('"avg_return_pct":-0');
    const r = parseSignalLog('IN_TRADE_live_qs_AAPL.log', text);
    if (!r.ok) throw new Error(r.reason);
    for (const key of ['win_rate', 'trades', 'profit_factor', 'avg_return_pct'] as const)
      expect(Object.is(r.summary[key], 0)).toBe(true);
  });
});
