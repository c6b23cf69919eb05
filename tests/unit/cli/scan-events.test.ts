/** The scan's SIGNAL_GENERATED events: one per ticker whose best strategy stands IN_TRADE, none for WATCH or FLAT. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../../src/adapters/log/event-log.ts';
import { emitScanEvents } from '../../../src/cli/scan-events.ts';
import type { TickerScan } from '../../../src/scanner/scan/judge-scan.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const ticker = (symbol: string, state: 'IN_TRADE' | 'WATCH' | 'FLAT' | null): TickerScan =>
  ({
    symbol,
    bars: 250,
    lastDate: '2024-04-30',
    lastClose: 101.5,
    outcomes: [],
    best:
      state === null
        ? null
        : {
            strategy: 'rsi_mean_reversion',
            state,
            verdict: { verdict: 'PROFITABLE' },
            lastSignalDate: '2024-04-30',
            open: null,
            stats: { trades: 31, profitFactor: 1.8 },
            trades: [],
          },
  }) as unknown as TickerScan;

describe('emitScanEvents', () => {
  it("writes one SIGNAL_GENERATED line per IN_TRADE ticker to the run's events file", () => {
    const t = makeTempRoot('strikeline-scan-events-');
    try {
      const log = createEventLog(
        t.root,
        'run1',
        (s) => s,
        () => Date.parse('2024-04-30T20:00:00Z'),
      );
      const n = emitScanEvents(log, {
        date: '2024-04-30',
        tickers: [
          ticker('AAPL', 'IN_TRADE'),
          ticker('MSFT', 'WATCH'),
          ticker('KO', 'FLAT'),
          ticker('PEP', null),
        ],
      });
      expect(n).toBe(1);
      const lines = readFileSync(log.file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toEqual([
        {
          ts: '2024-04-30T20:00:00.000Z',
          run_id: 'run1',
          type: 'SIGNAL_GENERATED',
          source: 'scan',
          date: '2024-04-30',
          ticker: 'AAPL',
          strategy: 'rsi_mean_reversion',
          verdict: 'PROFITABLE',
          signal_date: '2024-04-30',
          entry_date: null,
          entry_price: null,
          last_close: 101.5,
          trades: 31,
          profit_factor: 1.8,
        },
      ]);
    } finally {
      t.cleanup();
    }
  });
});
