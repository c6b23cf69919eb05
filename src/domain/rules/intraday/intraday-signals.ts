/**
 * @module The three intraday strategies (seeds 001 and 002), long only, on one session's 1-minute bars: the one
 * signal function each, shared by the backtests (`scan --intraday`) and the daemon's live entries. Each is a
 * decider fed the session's bars one at a time, in order: it sees bar i only after bars 0..i-1, so no decision can
 * look ahead. An entry is decided on a bar's close (filled at the next bar's open) with its stop and target.
 * - opening-range breakout: the first close above the high of the first `range_min` minutes; stop at the range's
 *   low, target one range width above the close;
 * - VWAP reversion: a close `band_pct` below the session's VWAP; target the VWAP, stop as far below the close;
 * - intraday gap fill: a gap down between `min_gap_pct` and `max_gap_pct` below the previous close, bought on the
 *   first bar's close; target the previous close (the gap filled), stop as far below.
 */
import type { Bar } from '../../account.ts';
import type { IntradaySession } from './intraday-session.ts';

export const INTRADAY_STRATEGIES = ['orb', 'vwap_reversion', 'intraday_gap_fill'] as const;
export type IntradayStrategyName = (typeof INTRADAY_STRATEGIES)[number];

export interface IntradayEntry {
  readonly stop: number;
  readonly target: number;
  /** Why, in one line (journal, scan output). */
  readonly why: string;
}

/** Fed each bar of the session in order (index i): an entry decided on that bar's close, or null. */
export type Decider = (bar: Bar, i: number) => IntradayEntry | null;

export interface IntradayParams {
  readonly orb: { readonly range_min: number };
  readonly vwap_reversion: { readonly band_pct: number };
  readonly intraday_gap_fill: { readonly min_gap_pct: number; readonly max_gap_pct: number };
}

const MINUTE_MS = 60_000;
const r2 = (n: number): string => n.toFixed(2);

function orb(s: IntradaySession, p: IntradayParams['orb']): Decider {
  const rangeEnd = s.tsOpen + p.range_min * MINUTE_MS;
  let high = -Infinity;
  let low = Infinity;
  return (bar) => {
    if (bar.ts < rangeEnd) {
      high = Math.max(high, bar.high);
      low = Math.min(low, bar.low);
      return null;
    }
    if (!Number.isFinite(high) || bar.close <= high) return null;
    return {
      stop: low,
      target: bar.close + (high - low),
      why: `close ${r2(bar.close)} above the ${p.range_min}-min range ${r2(low)}-${r2(high)}`,
    };
  };
}

function vwapReversion(p: IntradayParams['vwap_reversion']): Decider {
  let pv = 0;
  let volume = 0;
  return (bar) => {
    pv += ((bar.high + bar.low + bar.close) / 3) * bar.volume;
    volume += bar.volume;
    if (volume <= 0) return null;
    const vwap = pv / volume;
    if (bar.close > vwap * (1 - p.band_pct / 100)) return null;
    return {
      stop: bar.close - (vwap - bar.close),
      target: vwap,
      why: `close ${r2(bar.close)} is ${r2((1 - bar.close / vwap) * 100)}% below VWAP ${r2(vwap)}`,
    };
  };
}

function gapFill(s: IntradaySession, p: IntradayParams['intraday_gap_fill']): Decider {
  return (bar, i) => {
    const prev = s.prevClose;
    const first = s.bars[0];
    if (i !== 0 || prev === null || first === undefined) return null;
    const gapPct = ((first.open - prev) / prev) * 100;
    if (gapPct > -p.min_gap_pct || gapPct < -p.max_gap_pct || bar.close >= prev) return null;
    return {
      stop: bar.close - (prev - bar.close),
      target: prev,
      why: `gap down ${r2(gapPct)}% from ${r2(prev)}`,
    };
  };
}

export function decider(
  name: IntradayStrategyName,
  s: IntradaySession,
  p: IntradayParams,
): Decider {
  if (name === 'orb') return orb(s, p.orb);
  if (name === 'vwap_reversion') return vwapReversion(p.vwap_reversion);
  return gapFill(s, p.intraday_gap_fill);
}

export interface SignalAt {
  /** The index of the bar whose close decided the entry. */
  readonly index: number;
  readonly bar: Bar;
  readonly entry: IntradayEntry;
}

/** The session's first entry signal (the only one the backtest and the daemon act on), or null. */
export function firstEntrySignal(
  name: IntradayStrategyName,
  s: IntradaySession,
  p: IntradayParams,
): SignalAt | null {
  const decide = decider(name, s, p);
  for (let i = 0; i < s.bars.length; i += 1) {
    const bar = s.bars[i] as Bar;
    const entry = decide(bar, i);
    if (entry !== null) return { index: i, bar, entry };
  }
  return null;
}
