/**
 * The demo prints one money format everywhere (`$100,117.73`, prices `48.50`) and each order's ENTRY before its
 * FILL, whatever times the two writers stamped.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { causalOrder } from '../../../../src/cli/demo/causal-order.ts';
import { renderSummary, type DemoSummary } from '../../../../src/cli/demo/demo-summary.ts';
import { describeEntry, journalFeed } from '../../../../src/cli/demo/journal-feed.ts';
import type { JournalEntry } from '../../../../src/domain/ports.ts';
import type { Store } from '../../../../src/domain/store.ts';
import { priceText, usd } from '../../../../src/jobs/format/text-table.ts';

const TS = Date.parse('2025-06-03T13:36:00Z');
const entry = (ts: number, id = 'sl-entry-1'): JournalEntry => ({
  ts,
  actor: 'trade',
  action: 'entry_submitted',
  reason: 'momentum',
  symbol: 'AAPL',
  clientOrderId: id,
  data: { strategy: 'momentum', notional: 4800.5, price: 48.5, allocation: 4800.5 },
});
const fill = (ts: number, id = 'sl-entry-1'): JournalEntry => ({
  ts,
  actor: 'stream',
  action: 'fill',
  reason: 'buy',
  symbol: 'AAPL',
  clientOrderId: id,
  data: { side: 'buy', qty: 98.97, price: 48.5 },
});
const protect = (ts: number): JournalEntry => ({
  ts,
  actor: 'stream',
  action: 'protection_placed',
  reason: 'oco',
  symbol: 'AAPL',
  clientOrderId: 'sl-oco-1',
  data: {
    role: 'oco',
    qty: 98.97,
    stopPrice: 46.075,
    takeProfitPrice: 58.2,
    cause: 'fill',
    latencySentMs: 1.23,
    latencyAckMs: 4.5,
  },
});

describe('the demo journal lines', () => {
  it('money as $1,234.50 and prices with two decimals (four below $1)', () => {
    expect(describeEntry(entry(TS), [])).toBe('ENTRY    AAPL  $4,800.50 notional  (momentum)');
    expect(describeEntry(fill(TS), [])).toBe('FILL     AAPL  buy 98.97 @ 48.50');
    expect(describeEntry(protect(TS), [])).toMatch(
      /^PROTECT {2}AAPL {2}.*: 98\.97 sh {2}stop 46\.08 \/ target 58\.20 {2}fill→sent 1\.2 ms, →ack 4\.5 ms$/,
    );
    const exit: JournalEntry = {
      ts: TS,
      actor: 'stream',
      action: 'soft_exit',
      reason: 'x',
      symbol: 'PENNY',
      data: { rule: 'trailing', price: 0.5123, floor: 0.5 },
    };
    expect(describeEntry(exit, [])).toBe('EXIT     PENNY trailing at 0.5123 (floor 0.5000)');
  });

  it('prints the ENTRY before its FILL even when the fill carries the earlier time', () => {
    const journal = [fill(TS), protect(TS + 5), entry(TS + 300)];
    const lines: string[] = [];
    const store = {
      journal: { list: () => journal, append: () => Promise.resolve() },
      table: () => {
        throw new Error('unused');
      },
      close: () => Promise.resolve(),
    } as unknown as Store;
    journalFeed(store, (l) => lines.push(l)).drain();
    expect(lines.map((l) => l.trim().split(/\s+/)[1])).toEqual(['ENTRY', 'FILL', 'PROTECT']);
  });

  it('the summary prints equity as money, the change signed', () => {
    const summary = {
      days: ['2025-06-03'],
      entries: 1,
      fills: 1,
      protections: 1,
      latencySentMs: { p50: 1, max: 2 },
      latencyAckMs: { p50: 3, max: 4 },
      exits: {},
      rearms: 0,
      equityBefore: 100_000,
      equityAfter: 100_117.734,
      cashAfter: 0,
      positionsAfter: 2,
      reports: [],
      wallSeconds: 1,
      simulator: { equity: 0, cash: 0, lastEquity: 0, positions: [] },
    } satisfies DemoSummary;
    expect(renderSummary(summary)).toContain(
      'equity          $100,000.00 → $100,117.73 (+$117.73), 2 positions open',
    );
    expect(renderSummary({ ...summary, equityAfter: 99_000 })).toContain('(-$1,000.00)');
  });
});

describe('causalOrder', () => {
  /** Invariants: a permutation of its input; each entry_submitted precedes every entry of its order; entries of other orders keep their order. */
  test.prop([
    fc.array(
      fc.tuple(
        fc.constantFrom('entry_submitted', 'fill', 'protection_placed'),
        fc.constantFrom('a', 'b', 'c'),
      ),
      { maxLength: 12 },
    ),
  ])("each entry before its order's other lines; nothing lost, the rest in order", (spec) => {
    const input = spec.map(([action, id], i): JournalEntry => ({
      ts: i,
      actor: 'x',
      action,
      reason: String(i),
      clientOrderId: id,
    }));
    const out = causalOrder(input);
    expect([...out].sort((a, b) => a.ts - b.ts)).toEqual(input);
    for (const [i, e] of out.entries()) {
      if (e.action !== 'entry_submitted') continue;
      const firstOfOrder = out.findIndex((x) => x.clientOrderId === e.clientOrderId);
      expect(firstOfOrder <= i).toBe(true);
      // Only another entry_submitted of the same order may come before it (a duplicate journal line).
      expect(
        out
          .slice(0, i)
          .filter((x) => x.clientOrderId === e.clientOrderId)
          .every((x) => x.action === 'entry_submitted'),
      ).toBe(true);
    }
    const others = (list: readonly JournalEntry[]) =>
      list.filter((x) => x.action !== 'entry_submitted').map((x) => x.ts);
    expect(others(out)).toEqual(others(input));
  });
});

describe('priceText and usd', () => {
  test.prop([fc.double({ min: 1, max: 1e6, noNaN: true })])(
    'a price at or above $1 has two decimals and no sign or grouping',
    (p) => {
      expect(priceText(p)).toMatch(/^\d+\.\d{2}$/);
      expect(Math.abs(Number(priceText(p)) - p)).toBeLessThanOrEqual(0.005 + 1e-9);
    },
  );
  test.prop([fc.double({ min: 0.0001, max: 0.9999, noNaN: true })])(
    'below $1, four decimals (the sub-dollar tick)',
    (p) => {
      expect(priceText(p)).toMatch(/^0\.\d{4}$/);
    },
  );
  test.prop([fc.double({ min: -1e9, max: 1e9, noNaN: true })])(
    'money: $, thousands grouped, two decimals, sign only when negative',
    (n) => {
      expect(usd(n)).toMatch(/^-?\$\d{1,3}(,\d{3})*\.\d{2}$/);
      expect(Number(usd(n).replace(/[$,]/g, ''))).toBeCloseTo(n, 1);
    },
  );
});
