import { describe, expect, it } from 'vitest';
import {
  CSV_HEADER,
  CsvFormatError,
  formatActionableCsv,
  parseActionableCsv,
} from '../../../../src/jobs/rank/actionable-csv.ts';

describe('actionable CSV', () => {
  it('formats with the exact header and parses back what it wrote', () => {
    const rows = [
      {
        rank: 1,
        ticker: 'BRK.B',
        strategy: 'momentum',
        winRate: 0.625,
        trades: 16,
        profitFactor: 1.75,
        avgReturnPct: -0.25,
        signalDate: '2024-05-01',
        price: 412.37,
      },
    ];
    const text = formatActionableCsv(rows);
    expect(text.split('\n')[0]).toBe(
      'rank,ticker,strategy,win_rate,trades,profit_factor,avg_return_pct,signal_date,price',
    );
    expect(parseActionableCsv(text, 'x')).toEqual({ rows, problems: [] });
  });

  it('keeps good rows and reports bad ones with their line', () => {
    const text = [
      CSV_HEADER,
      '2,MSFT,momentum,0.6,10,1.2,1,2024-05-01,400',
      '1,AAPL,momentum,abc,10,1.2,1,2024-05-01,180',
      'x,y',
      '3,lower,momentum,0.6,10,1.2,1,2024-05-01,10',
      '4,IBM,momentum,0.6,10,1.2,1,2024-13-01,10',
      '',
    ].join('\r\n');
    const r = parseActionableCsv(text, 'x');
    expect(r.rows.map((x) => x.ticker)).toEqual(['MSFT']);
    expect(r.problems.map((p) => [p.line, p.ticker])).toEqual([
      [3, 'AAPL'],
      [4, undefined],
      [5, undefined],
      [6, 'IBM'],
    ]);
    expect(r.problems[0]?.reason).toContain('win_rate');
    expect(r.problems[1]?.reason).toContain('expected 9 cells, found 2');
  });

  it('refuses a file with another header', () => {
    expect(() => parseActionableCsv('ticker,qty\nAAPL,1\n', 'my.csv')).toThrow(CsvFormatError);
    expect(() => parseActionableCsv('ticker,qty\nAAPL,1\n', 'my.csv')).toThrow(
      /my\.csv: expected the header/,
    );
  });
});
