/**
 * @module The seeded synthetic market: daily bars from a factor model run from the first session of 2010, minute
 * bars bridged inside each day, trade prints inside each minute. Everything is a pure function of (seed, symbol,
 * time), generated lazily and cached per symbol, so any two ranges (and any two markets with one seed) agree.
 */
import type {
  SimAdjustment,
  SimBar,
  SimPrint,
  SimTimeframe,
  SyntheticMarket,
} from '../contracts.ts';
import { adjustedSource } from './adjustments.ts';
import { barFromCents, tradeCount } from './bar-math.ts';
import { createNyseCalendar } from './calendar.ts';
import { createActionSchedule, type ActionSchedule } from './corporate-actions.ts';
import { createMarketActions } from './market-actions.ts';
import { addDays, nyDateOf } from './ny-time.ts';
import { createDailyGenerator, type DailyGenerator } from './daily-series.ts';
import { createMarketFactors } from './factors.ts';
import { minuteDay, type MinuteDay } from './intraday.ts';
import { createPrintTape } from './print-tape.ts';
import { printJitterMs } from './prints.ts';
import { symbolProfile, type SymbolProfile } from './profile.ts';
import { hashInts, hashString } from './random.ts';
import { barsForTimeframe, type BarSource } from './timeframe-bars.ts';
import { createTimeline } from './timeline.ts';
import { DEFAULT_SIM_SYMBOLS, symbolInfo, type UniverseSymbol } from './universe.ts';

const MINUTE_MS = 60_000;
const MINUTE_CACHE_SIZE = 2048;

export interface SyntheticMarketOptions {
  readonly seed: number;
  /** Symbols listed by the market (default DEFAULT_SIM_SYMBOLS); any other ticker still gets bars on request. */
  readonly symbols?: readonly string[];
  readonly notFractionable?: readonly string[];
}

export interface SyntheticMarketWithInfo extends SyntheticMarket {
  readonly symbols: readonly UniverseSymbol[];
  readonly seed: number;
  /** Whether the symbol is listed by this market. */
  has(symbol: string): boolean;
}

export function createSyntheticMarket(options: SyntheticMarketOptions): SyntheticMarketWithInfo {
  const { seed } = options;
  const calendar = createNyseCalendar();
  const timeline = createTimeline(calendar);
  const factors = createMarketFactors(seed);
  const listed = [...new Set(options.symbols ?? DEFAULT_SIM_SYMBOLS)];
  const symbols = listed.map((s) => symbolInfo(s, options.notFractionable ?? []));
  const listedSet = new Set(listed);
  const profiles = new Map<string, SymbolProfile>();
  const generators = new Map<string, DailyGenerator>();
  const minuteCache = new Map<string, MinuteDay>();
  const jitters = new Map(listed.map((s) => [s, printJitterMs(s)]));
  const printOrder = [...listed].sort(
    (a, b) => (jitters.get(a) ?? 0) - (jitters.get(b) ?? 0) || (a < b ? -1 : 1),
  );

  const profileOf = (symbol: string): SymbolProfile => {
    let p = profiles.get(symbol);
    if (!p) {
      p = symbolProfile(seed, symbol);
      profiles.set(symbol, p);
    }
    return p;
  };
  const schedules = new Map<string, ActionSchedule>();
  const scheduleOf = (symbol: string): ActionSchedule => {
    let schedule = schedules.get(symbol);
    if (!schedule) {
      schedule = createActionSchedule(seed, symbol);
      schedules.set(symbol, schedule);
    }
    return schedule;
  };
  const generatorOf = (symbol: string): DailyGenerator => {
    let g = generators.get(symbol);
    if (!g) {
      const profile = profileOf(symbol);
      const leader =
        profile.leader === undefined
          ? undefined
          : { generator: generatorOf(profile.leader), profile: profileOf(profile.leader) };
      g = createDailyGenerator({
        seed,
        profile,
        factors,
        referenceIndex: timeline.referenceIndex,
        schedule: scheduleOf(symbol),
        ...(leader ? { leader } : {}),
      });
      generators.set(symbol, g);
    }
    return g;
  };
  const dailyCents = (symbol: string, i: number) => {
    const g = generatorOf(symbol);
    g.ensure(i + 1);
    const s = g.series;
    const v = s.v[i] ?? 0;
    return {
      o: s.open(i),
      h: s.high(i),
      l: s.low(i),
      c: s.close(i),
      v,
      n: tradeCount(v, profileOf(symbol).avgTradeSize),
    };
  };
  const dailyBar = (symbol: string, i: number): SimBar => {
    const d = dailyCents(symbol, i);
    return barFromCents(timeline.midnights[i] ?? 0, d.o, d.h, d.l, d.c, d.v, d.n);
  };
  const minutesOf = (symbol: string, i: number): MinuteDay | undefined => {
    const session = timeline.sessions[i];
    if (!session) return undefined;
    const key = `${symbol}\u0000${session.date}`;
    const hit = minuteCache.get(key);
    if (hit) {
      minuteCache.delete(key);
      minuteCache.set(key, hit);
      return hit;
    }
    const count = Math.round((session.tsClose - session.tsOpen) / MINUTE_MS);
    const dayKey = hashInts(
      seed,
      hashString(symbol),
      Number(session.date.replaceAll('-', '')),
      0x4d494e,
    );
    const day = minuteDay(dailyCents(symbol, i), session.tsOpen, count, dayKey);
    minuteCache.set(key, day);
    if (minuteCache.size > MINUTE_CACHE_SIZE) {
      const oldest = minuteCache.keys().next().value;
      if (oldest !== undefined) minuteCache.delete(oldest);
    }
    return day;
  };
  const minuteBarsAt = (symbol: string, i: number): SimBar[] => {
    const day = minutesOf(symbol, i);
    if (!day) return [];
    const out: SimBar[] = [];
    for (let k = 0; k < day.o.length; k += 1) {
      out.push(
        barFromCents(
          day.tsOpen + k * MINUTE_MS,
          day.o[k] ?? 0,
          day.h[k] ?? 0,
          day.l[k] ?? 0,
          day.c[k] ?? 0,
          day.v[k] ?? 0,
          day.n[k] ?? 0,
        ),
      );
    }
    return out;
  };
  const source: BarSource = { timeline, minuteBars: minuteBarsAt, dailyBar };
  const actions = createMarketActions({
    seed,
    timeline,
    scheduleOf,
    closeCents: (symbol, i) => dailyCents(symbol, i).c,
  });
  /** The source as of a session index, adjusted the way the query asks. */
  const sourceFor = (
    symbol: string,
    adjustment: SimAdjustment | undefined,
    asOf: number,
  ): BarSource =>
    adjustment === undefined || adjustment === 'raw'
      ? source
      : adjustedSource(source, actions.multipliers(symbol, adjustment, asOf));

  const tape = createPrintTape({
    calendar,
    timeline,
    printOrder,
    jitterOf: (symbol) => jitters.get(symbol) ?? printJitterMs(symbol),
    minutesOf,
    firstOpenCents: (symbol) => dailyCents(symbol, 0).o,
  });

  /**
   * A print from an earlier session than `ts` (the previous close, before the day's first print) on the share scale
   * of `ts`: divided by every split whose ex-date fell in between, as Alpaca restates prices on the ex-date.
   */
  const restated = (symbol: string, p: SimPrint, ts: number): SimPrint => {
    const from = nyDateOf(p.ts);
    const to = nyDateOf(ts);
    if (from >= to) return p;
    const ratio = actions
      .between(symbol, addDays(from, 1), to)
      .reduce((r, a) => (a.kind === 'split' ? r * a.ratio : r), 1);
    return ratio === 1 ? p : { ...p, price: Math.round((p.price / ratio) * 100) / 100 };
  };

  return {
    seed,
    calendar,
    symbols,
    has: (symbol) => listedSet.has(symbol),
    dailyBars(symbol, startDate, endDate, adjustment) {
      timeline.ensureDate(endDate);
      const first = timeline.lowerBoundDate(startDate);
      const end = timeline.lowerBoundDate(`${endDate}\u0000`);
      if (end <= first) return [];
      if (adjustment !== undefined && adjustment !== 'raw') {
        const adjusted = sourceFor(symbol, adjustment, end - 1);
        return Array.from({ length: end - first }, (_, j) => adjusted.dailyBar(symbol, first + j));
      }
      const g = generatorOf(symbol);
      g.ensure(end);
      const { ohlc, v } = g.series;
      const avgTradeSize = profileOf(symbol).avgTradeSize;
      const out: SimBar[] = new Array<SimBar>(end - first);
      for (let i = first; i < end; i += 1) {
        const k = i * 4;
        const volume = v[i] ?? 0;
        const bar = barFromCents(
          timeline.midnights[i] ?? 0,
          ohlc[k] ?? 0,
          ohlc[k + 1] ?? 0,
          ohlc[k + 2] ?? 0,
          ohlc[k + 3] ?? 0,
          volume,
          tradeCount(volume, avgTradeSize),
        );
        out[i - first] = bar;
      }
      return out;
    },
    minuteBars(symbol, date) {
      timeline.ensureDate(date);
      const i = timeline.indexOfDate(date);
      return i === undefined ? [] : minuteBarsAt(symbol, i);
    },
    bars: (
      symbol: string,
      timeframe: SimTimeframe,
      tsStart: number,
      tsEnd: number,
      tsNow: number,
      adjustment?: SimAdjustment,
    ) => {
      timeline.ensureTs(tsNow);
      const asOf = timeline.lowerBoundDate(`${nyDateOf(tsNow)}\u0000`) - 1;
      return barsForTimeframe(
        sourceFor(symbol, adjustment, asOf),
        symbol,
        timeframe,
        tsStart,
        tsEnd,
        tsNow,
      );
    },
    corporateActions: (symbol, startDate, endDate) => actions.between(symbol, startDate, endDate),
    printsBetween: (tsFrom, tsTo, only) => tape.printsBetween(tsFrom, tsTo, only),
    lastPrintAt: (symbol, ts) => restated(symbol, tape.lastPrintAt(symbol, ts), ts),
    priceAt: (symbol, ts) => tape.lastPrintAt(symbol, ts).price,
  };
}
