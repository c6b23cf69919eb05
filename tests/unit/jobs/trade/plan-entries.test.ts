import { describe, expect, it } from 'vitest';
import type { LatestPrice } from '../../../../src/domain/account.ts';
import { price } from '../../../../src/domain/money.ts';
import { allocate } from '../../../../src/domain/rules/allocation.ts';
import { entryClientOrderId } from '../../../../src/domain/ids/client-order-ids.ts';
import {
  selectCandidates,
  sizeEntries,
  type AssetFacts,
} from '../../../../src/jobs/trade/plan-entries.ts';
import type { RankedSignal } from '../../../../src/jobs/rank/rank-signals.ts';

const sig = (
  rank: number,
  ticker: string,
  strategy = 'momentum',
  signalDate = '2024-05-01',
): RankedSignal => ({
  rank,
  ticker,
  strategy,
  winRate: 0.6,
  trades: 10,
  profitFactor: 1.5,
  avgReturnPct: 1,
  signalDate,
  price: 100,
});
const quote = (symbol: string, ask: number | null, last: number | null): LatestPrice => ({
  symbol,
  ask: ask === null ? null : price(ask),
  bid: null,
  last: last === null ? null : price(last),
  ts: 0,
});
const account = {
  equity: 100_000,
  buyingPower: 100_000,
  longMarketValue: 0,
  capitalCap: undefined,
  cashBufferPct: 5,
  maxPositionPct: 5,
  maxPositionUsd: 15_000,
};

describe('selectCandidates', () => {
  it('skips disabled strategies, held symbols, open orders, duplicates, stale signals and beyond the free slots', () => {
    const s = selectCandidates({
      day: '2024-05-02',
      signals: [
        sig(1, 'AAPL'),
        sig(2, 'MSFT', 'sector_rotation'),
        sig(3, 'NVDA'),
        sig(4, 'AMD'),
        sig(5, 'AAPL', 'ma_crossover'),
        sig(6, 'IBM', 'momentum', '2024-04-20'),
        sig(7, 'META'),
        sig(8, 'NFLX'),
      ],
      heldSymbols: new Set(['NVDA', 'X1', 'X2']),
      openOrderSymbols: new Set(['AMD']),
      disabledStrategies: new Set(['sector_rotation']),
      maxPositions: 5,
      maxSignalAgeDays: 3,
    });
    expect(s.freeSlots).toBe(2);
    expect(s.candidates.map((c) => c.ticker)).toEqual(['AAPL', 'META']);
    expect(s.skipped.map((k) => [k.signal.ticker, k.reason])).toEqual([
      ['MSFT', 'strategy sector_rotation is disabled'],
      ['NVDA', 'already held'],
      ['AMD', 'open orders on the symbol (wash-trade rule)'],
      ['AAPL', 'ticker already planned at a better rank'],
      ['IBM', 'signal of 2024-04-20 is stale for 2024-05-02'],
      ['NFLX', 'no free position slot (max_positions 5, held 3)'],
    ]);
  });
});

describe('sizeEntries', () => {
  const assets = new Map<string, AssetFacts | undefined>([
    ['AAPL', { tradable: true, fractionable: true }],
    ['MSFT', { tradable: true, fractionable: false }],
    ['BRK.A', { tradable: true, fractionable: false }],
    ['HALT', { tradable: false, fractionable: true }],
    ['GONE', undefined],
  ]);
  const prices = new Map([
    ['MSFT', quote('MSFT', 401.5, 400)],
    ['BRK.A', quote('BRK.A', null, 612_000)],
    ['AAPL', quote('AAPL', 180, 179)],
  ]);

  it('buys notional where fractionable, floor(allocation / price) whole shares otherwise, and explains the rest', () => {
    const candidates = [
      sig(1, 'AAPL'),
      sig(2, 'MSFT'),
      sig(3, 'BRK.A'),
      sig(4, 'HALT'),
      sig(5, 'GONE'),
    ];
    const { allocation, items } = sizeEntries({
      day: '2024-05-02',
      candidates,
      account,
      assets,
      prices,
    });
    // (100,000 - 5% x 100,000) / 5 = 19,000, capped by 5% of equity = 5,000.
    expect(allocation.perEntry).toBe(5000);
    expect(allocation.limitedBy).toBe('max_position_pct');
    expect(items[0]).toMatchObject({
      kind: 'buy',
      notional: 5000,
      fractionable: true,
      clientOrderId: entryClientOrderId({
        day: '2024-05-02',
        ticker: 'AAPL',
        strategy: 'momentum',
      }),
    });
    expect(items[1]).toMatchObject({ kind: 'buy', qty: 12, price: 401.5, fractionable: false });
    expect(items[2]).toMatchObject({
      kind: 'reject',
      reason: 'allocation $5,000.00 buys less than one whole share at $612,000.00',
    });
    expect(items[3]).toMatchObject({ kind: 'reject', reason: 'asset is not tradable' });
    expect(items[4]).toMatchObject({
      kind: 'reject',
      reason: 'unknown asset: the broker does not list this symbol',
    });
  });

  it('uses the last trade when there is no ask, and rejects when there is neither', () => {
    const p = new Map([['MSFT', quote('MSFT', null, 250)]]);
    expect(
      sizeEntries({ day: '2024-05-02', candidates: [sig(1, 'MSFT')], account, assets, prices: p })
        .items[0],
    ).toMatchObject({ kind: 'buy', qty: 20, price: 250 });
    expect(
      sizeEntries({
        day: '2024-05-02',
        candidates: [sig(1, 'MSFT')],
        account,
        assets,
        prices: new Map(),
      }).items[0],
    ).toMatchObject({ kind: 'reject', reason: expect.stringContaining('no price') as string });
  });

  it('follows the formula with a capital cap and existing positions', () => {
    const a = allocate({
      equity: 200_000,
      buyingPower: 150_000,
      longMarketValue: 40_000,
      capitalCap: 97_000,
      cashBufferPct: 5,
      maxPositionPct: 20,
      maxPositionUsd: 15_000,
      count: 4,
    });
    // base equity min(200k, 97k) = 97k; available min(150k, 97k - 40k) = 57k; buffer 4,850; pool 52,150; /4 = 13,037.50
    expect(a).toMatchObject({
      equityBase: 97_000,
      available: 57_000,
      buffer: 4850,
      pool: 52_150,
      perEntry: 13_037.5,
      limitedBy: 'equal_share',
    });
  });
});
