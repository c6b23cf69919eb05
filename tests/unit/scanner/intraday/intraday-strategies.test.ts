/**
 * The intraday strategies and their session backtest on hand-made sessions: the ORB's range, breakout, stop and
 * target; VWAP reversion's band; the gap fill's bounds; fills at the next open with costs; the close-out when
 * MARKET_CLOSE begins; no entry after the cutoff.
 */
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../../src/domain/account.ts';
import { backtestSession } from '../../../../src/scanner/intraday/intraday-backtest.ts';
import {
  intradaySessions,
  type IntradaySession,
} from '../../../../src/domain/rules/intraday/intraday-session.ts';
import {
  decider,
  type IntradayParams,
} from '../../../../src/domain/rules/intraday/intraday-signals.ts';

const OPEN = Date.parse('2024-05-01T13:30:00Z');
const CLOSE = Date.parse('2024-05-01T20:00:00Z');
const MIN = 60_000;
const PARAMS: IntradayParams = {
  orb: { range_min: 15 },
  vwap_reversion: { band_pct: 1 },
  intraday_gap_fill: { min_gap_pct: 1, max_gap_pct: 6 },
};
const WINDOW = { closingMin: 15, entryCutoffMin: 60 };
const FREE = { slippageBps: 0, commissionPerShare: 0 };

/** A flat session at 100 (range 99.5-100.5), with `patch` replacing bars by minute. */
function session(
  patch: Record<number, Partial<Bar>> = {},
  prevClose: number | null = 100,
): IntradaySession {
  const bars = Array.from({ length: 390 }, (_, m): Bar => ({
    ts: OPEN + m * MIN,
    open: 100,
    high: 100.5,
    low: 99.5,
    close: 100,
    volume: 1_000,
    ...patch[m],
  }));
  return { date: '2024-05-01', tsOpen: OPEN, tsClose: CLOSE, bars, prevClose };
}
/** From minute `from` on, every bar sits at `level` (±0.1) unless `except` says otherwise. */
function hold(
  s: IntradaySession,
  from: number,
  level: number,
  except: Record<number, Partial<Bar>> = {},
): IntradaySession {
  for (let m = from; m < s.bars.length; m += 1)
    Object.assign(
      s.bars[m] as Bar,
      { open: level, high: level + 0.1, low: level - 0.1, close: level },
      except[m],
    );
  return s;
}
/** A breakout at minute 20 (range 99.5-101), filled at 101.5 at minute 21, its target 103 reached at minute 40. */
const breakout = () =>
  hold(session({ 3: { high: 101 }, 20: { high: 101.6, close: 101.5 } }), 21, 101.5, {
    40: { high: 103.5 },
  });
const decisions = (s: IntradaySession, name: Parameters<typeof decider>[0]) => {
  const d = decider(name, s, PARAMS);
  return s.bars.map((b, i) => d(b, i));
};

describe('opening-range breakout', () => {
  it('buys the first close above the first 15 minutes high; stop at their low, target one width up', () => {
    const s = breakout();
    const d = decisions(s, 'orb');
    expect(d.findIndex((x) => x !== null)).toBe(20);
    expect(d[20]).toMatchObject({ stop: 99.5, target: 101.5 + 1.5 });
    // A close above the range inside the range's own minutes is no breakout.
    expect(
      decisions(session({ 5: { close: 102, high: 102 } }), 'orb')
        .slice(0, 15)
        .every((x) => x === null),
    ).toBe(true);
    const t = backtestSession('orb', s, PARAMS, WINDOW, FREE);
    expect(t).toMatchObject({
      tsEntry: OPEN + 21 * MIN,
      entry: 101.5,
      reason: 'target',
      exit: 103,
      tsExit: OPEN + 40 * MIN,
    });
  });

  it('a breakout left open is closed at the open of the first MARKET_CLOSE bar (15:45)', () => {
    const s = hold(session({ 20: { high: 101.6, close: 101 } }), 21, 101);
    expect(backtestSession('orb', s, PARAMS, WINDOW, FREE)).toMatchObject({
      reason: 'market_close',
      tsExit: CLOSE - 15 * MIN,
      exit: 101,
    });
  });

  it('no entry fills at or after the cutoff (60 min before MARKET_CLOSE: 14:45)', () => {
    const late = 14 * 60 + 45 - 9 * 60 - 30; // minute of 14:45
    expect(
      backtestSession(
        'orb',
        session({ [late - 1]: { high: 101.6, close: 101 } }),
        PARAMS,
        WINDOW,
        FREE,
      ),
    ).toBeNull();
    expect(
      backtestSession(
        'orb',
        session({ [late - 2]: { high: 101.6, close: 101 } }),
        PARAMS,
        WINDOW,
        FREE,
      ),
    ).not.toBeNull();
  });

  it('costs: slippage on both fills and commission each way come off the return', () => {
    const t = backtestSession('orb', breakout(), PARAMS, WINDOW, {
      slippageBps: 10,
      commissionPerShare: 0.01,
    });
    const paid = 101.5 * 1.001 + 0.01;
    const got = 103 * 0.999 - 0.01;
    expect(t?.grossReturnPct).toBeCloseTo(((103 - 101.5) / 101.5) * 100, 10);
    expect(t?.netReturnPct).toBeCloseTo(((got - paid) / paid) * 100, 10);
  });
});

describe('VWAP reversion and the intraday gap fill', () => {
  it('VWAP reversion buys a close 1% below the VWAP, targets the VWAP', () => {
    const d = decisions(session({ 30: { close: 98.9, low: 98.8 } }), 'vwap_reversion');
    expect(d.findIndex((x) => x !== null)).toBe(30);
    expect(d[30]?.target).toBeCloseTo(100, 1);
    expect(
      decisions(session({ 30: { close: 99.2, low: 99.1 } }), 'vwap_reversion').every(
        (x) => x === null,
      ),
    ).toBe(true);
  });

  it('the gap fill buys a gap down of 1% to 6% on the first bar, targets the previous close', () => {
    const gapped = (open: number) =>
      session({ 0: { open, high: open + 0.2, low: open - 0.2, close: open } }, 100);
    expect(decisions(gapped(97), 'intraday_gap_fill')[0]).toMatchObject({ target: 100, stop: 94 });
    expect(decisions(gapped(99.5), 'intraday_gap_fill')[0]).toBeNull();
    expect(decisions(gapped(93), 'intraday_gap_fill')[0]).toBeNull();
    expect(decisions(session({}, null), 'intraday_gap_fill').every((x) => x === null)).toBe(true);
  });

  it('sessions: regular-hours bars only, each with the previous session close', () => {
    const day2 = { date: '2024-05-02', tsOpen: OPEN + 86_400_000, tsClose: CLOSE + 86_400_000 };
    const bar = (ts: number, close: number): Bar => ({
      ts,
      open: close,
      high: close,
      low: close,
      close,
      volume: 1,
    });
    const bars = [
      bar(OPEN - MIN, 1),
      bar(OPEN, 2),
      bar(CLOSE - MIN, 3),
      bar(CLOSE, 4),
      bar(day2.tsOpen, 5),
    ];
    const s = intradaySessions(bars, [day2, { date: '2024-05-01', tsOpen: OPEN, tsClose: CLOSE }]);
    expect(s.map((x) => [x.date, x.bars.map((b) => b.close), x.prevClose])).toEqual([
      ['2024-05-01', [2, 3], null],
      ['2024-05-02', [5], 3],
    ]);
  });
});
