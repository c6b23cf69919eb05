/**
 * The report by strategy shows the intraday strategies: a sale is attributed to the latest entry journaled for its
 * symbol before it opened, whether `trade` sent it or the daemon's intraday strategies (actor `intraday`).
 */
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../src/domain/ports.ts';
import type { RealizedSale } from '../../../../src/jobs/report/fill-ledger.ts';
import { toReportTrade, tradeStats } from '../../../../src/jobs/report/report-trades.ts';

const T0 = Date.parse('2024-05-01T14:00:00Z');
const MODEL = { slippageBps: 0, commissionPerShare: 0 };

const sale = (symbol: string, entry: number, exit: number, tsOpened: number): RealizedSale => ({
  orderId: `o-${symbol}-${tsOpened}`,
  clientOrderId: `sl-exit-${symbol}`,
  symbol,
  qty: 10,
  exitPrice: exit,
  entryPrice: entry,
  realizedPl: (exit - entry) * 10,
  tsFilled: tsOpened + 3_600_000,
  tsOpened,
  type: 'market',
  stopPrice: null,
  parentClientOrderId: null,
});

const journal: JournalEntry[] = [
  {
    ts: T0 - 86_400_000,
    actor: 'trade',
    action: 'entry_submitted',
    reason: 'entry: momentum rank 1',
    symbol: 'AAPL',
    data: { strategy: 'momentum' },
  },
  {
    ts: T0,
    actor: 'intraday',
    action: 'intraday_entry',
    reason: 'intraday orb: close above the range',
    symbol: 'AAPL',
    data: { strategy: 'orb' },
  },
  {
    ts: T0 + 1,
    actor: 'intraday',
    action: 'intraday_entry_submitted',
    reason: 'intraday orb: close above the range',
    symbol: 'AAPL',
    data: { strategy: 'orb' },
  },
  {
    ts: T0,
    actor: 'intraday',
    action: 'intraday_entry_submitted',
    reason: 'intraday vwap_reversion: below VWAP',
    symbol: 'MSFT',
    data: { strategy: 'vwap_reversion' },
  },
];

describe('report by strategy: intraday strategies', () => {
  it('attributes each sale to the entry that opened it, intraday or daily', () => {
    const trades = [
      toReportTrade([sale('AAPL', 100, 102, T0 - 86_000_000)], journal, MODEL),
      toReportTrade([sale('AAPL', 101, 103, T0 + 2)], journal, MODEL),
      toReportTrade([sale('MSFT', 40, 39, T0 + 2)], journal, MODEL),
    ];
    expect(trades.map((t) => t.strategy)).toEqual(['momentum', 'orb', 'vwap_reversion']);
    const { byStrategy } = tradeStats(trades);
    expect(byStrategy.map((s) => [s.strategy, s.trades, s.netPl])).toEqual([
      ['momentum', 1, 20],
      ['orb', 1, 20],
      ['vwap_reversion', 1, -10],
    ]);
  });
});
