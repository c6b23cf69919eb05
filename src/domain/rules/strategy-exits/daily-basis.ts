/**
 * @module The daily indicators a live price completes: from the sessions before today, what RSI(14), the 20- and
 * 100-day averages and the 20-day VWAP become once today's price (and today's traded volume) is folded in, and
 * the ATR(14) of the last completed session. Same definitions as the scanner's indicators (Wilder's RSI and ATR,
 * the typical-price VWAP), so the daemon reads at a live price what a backtest reads at that close.
 */
import { STRATEGY_EXIT_PERIODS } from './strategy-exit-rules.ts';

/** One completed daily bar. */
export interface DailyBar {
  readonly date: string;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface DailyBasis {
  /** The last completed session (entries before or on it are at least one session old today). */
  readonly lastDate: string;
  readonly dates: readonly string[];
  readonly lastClose: number;
  /** Wilder's average gain and loss after the last completed session; null with too little history. */
  readonly rsiAverages: { readonly gain: number; readonly loss: number } | null;
  /** Sums of the last (period - 1) closes: today's price completes the window. */
  readonly fastSum: number | null;
  readonly slowSum: number | null;
  /** Typical price x volume and volume over the last 19 sessions. */
  readonly vwapPv: number | null;
  readonly vwapVolume: number | null;
  readonly atr: number | null;
  /**
   * The ml_momentum model's P(5-day return > 0) at the last completed close (its exit's reversal); null for other
   * strategies, before the model's first fit, or when not computed (dailyBasis alone never computes it).
   */
  readonly upProbability: number | null;
}

const P = STRATEGY_EXIT_PERIODS;
const ATR_PERIOD = 14;

function wilderRsi(
  closes: readonly number[],
  period: number,
): { gain: number; loss: number } | null {
  if (closes.length <= period) return null;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i < closes.length; i += 1) {
    const d = (closes[i] as number) - (closes[i - 1] as number);
    const up = d > 0 ? d : 0;
    const down = d < 0 ? -d : 0;
    if (i <= period) {
      gain += up / period;
      loss += down / period;
    } else {
      gain = (gain * (period - 1) + up) / period;
      loss = (loss * (period - 1) + down) / period;
    }
  }
  return { gain, loss };
}

function wilderAtr(bars: readonly DailyBar[], period: number): number | null {
  if (bars.length <= period) return null;
  let avg = 0;
  for (let i = 1; i < bars.length; i += 1) {
    const b = bars[i] as DailyBar;
    const pc = (bars[i - 1] as DailyBar).close;
    const tr = Math.max(b.high, pc) - Math.min(b.low, pc);
    avg = i <= period ? avg + tr / period : (avg * (period - 1) + tr) / period;
  }
  return avg;
}

/** ATR(14) of the completed sessions before `date` (the catastrophe stop of an entry made on `date`). */
export function atrBefore(bars: readonly DailyBar[], date: string): number | null {
  return wilderAtr(
    bars.filter((b) => b.date < date),
    ATR_PERIOD,
  );
}

const lastSum = (values: readonly number[], n: number): number | null =>
  values.length < n ? null : values.slice(values.length - n).reduce((a, b) => a + b, 0);

/** The basis of the sessions given (oldest first, completed ones only); null without any bar. */
export function dailyBasis(bars: readonly DailyBar[]): DailyBasis | null {
  const last = bars[bars.length - 1];
  if (last === undefined) return null;
  const closes = bars.map((b) => b.close);
  const recent = bars.slice(Math.max(0, bars.length - (P.vwap - 1)));
  const enough = bars.length >= P.vwap - 1;
  return {
    lastDate: last.date,
    dates: bars.map((b) => b.date),
    lastClose: last.close,
    rsiAverages: wilderRsi(closes, P.rsi),
    fastSum: lastSum(closes, P.fastMa - 1),
    slowSum: lastSum(closes, P.slowMa - 1),
    vwapPv: enough
      ? recent.reduce((a, b) => a + ((b.high + b.low + b.close) / 3) * b.volume, 0)
      : null,
    vwapVolume: enough ? recent.reduce((a, b) => a + b.volume, 0) : null,
    atr: wilderAtr(bars, ATR_PERIOD),
    upProbability: null,
  };
}

/** RSI(14) once `price` closes today. */
export function rsiWith(basis: DailyBasis, price: number): number | null {
  const a = basis.rsiAverages;
  if (a === null) return null;
  const d = price - basis.lastClose;
  const gain = (a.gain * (P.rsi - 1) + (d > 0 ? d : 0)) / P.rsi;
  const loss = (a.loss * (P.rsi - 1) + (d < 0 ? -d : 0)) / P.rsi;
  return loss === 0 ? 100 : gain === 0 ? 0 : 100 - 100 / (1 + gain / loss);
}

export function movingAveragesWith(
  basis: DailyBasis,
  price: number,
): { fast: number | null; slow: number | null } {
  return {
    fast: basis.fastSum === null ? null : (basis.fastSum + price) / P.fastMa,
    slow: basis.slowSum === null ? null : (basis.slowSum + price) / P.slowMa,
  };
}

/** The 20-day VWAP with today's trades so far (price x size and size); null before 19 sessions of history. */
export function vwapWith(basis: DailyBasis, todayPv: number, todayVolume: number): number | null {
  if (basis.vwapPv === null || basis.vwapVolume === null) return null;
  const volume = basis.vwapVolume + todayVolume;
  return volume > 0 ? (basis.vwapPv + todayPv) / volume : null;
}

/** Sessions from the entry's session to today: completed sessions after the entry date, and today once after it. */
export function sessionsSince(basis: DailyBasis, entryDate: string, today: string): number {
  const completed = basis.dates.filter((d) => d > entryDate && d < today).length;
  return completed + (today > entryDate ? 1 : 0);
}
