/**
 * @module A small SyntheticMarket for the exchange's tests: a calendar of fixed sessions, scripted prices
 * (constant until the test changes them) and only the prints a test scripts. A fixture of the market,
 * not a broker mock: the matching engine under test is the real one.
 */
import type {
  MarketCalendar,
  SimCorporateAction,
  Session,
  SimBar,
  SimPrint,
  SimSymbolInfo,
  SyntheticMarket,
} from '../../src/sim/contracts.ts';
import { addDays, nyToEpoch } from '../../src/domain/time/ny-time.ts';
import { printId } from '../../src/sim/market/prints.ts';

export interface FakeSymbol {
  readonly symbol: string;
  readonly price: number;
  readonly fractionable?: boolean;
}

export interface FakeMarketOptions {
  readonly symbols?: readonly FakeSymbol[];
  /** Session dates (New York); default: every weekday from 2024-04-01 to 2024-06-28. */
  readonly dates?: readonly string[];
  /** Dates that close at 13:00. */
  readonly earlyCloses?: readonly string[];
  readonly prints?: readonly ScriptedPrint[];
  /** Splits and dividends the exchange applies at the open of their dates. */
  readonly corporateActions?: readonly SimCorporateAction[];
}

/** A print a test scripts; its trade id defaults to the market's own (ts x 1000). */
export type ScriptedPrint = Omit<SimPrint, 'id'> & { readonly id?: number };

const withId = (p: ScriptedPrint): SimPrint => ({ ...p, id: p.id ?? printId(p.ts) });

export interface FakeMarket extends SyntheticMarket {
  /** From now on priceAt(symbol, ...) answers this price. */
  setPrice(symbol: string, price: number): void;
  /** Adds prints the market will return from printsBetween. */
  addPrints(prints: readonly ScriptedPrint[]): void;
}

export const DEFAULT_FAKE_SYMBOLS: readonly FakeSymbol[] = [
  { symbol: 'AAPL', price: 100, fractionable: true },
  { symbol: 'MSFT', price: 40, fractionable: true },
  { symbol: 'BRK.A', price: 600, fractionable: false },
  { symbol: 'PENNY', price: 0.5, fractionable: true },
];

export function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const dow = new Date(`${d}T12:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) out.push(d);
  }
  return out;
}

export function createFakeCalendar(
  dates: readonly string[],
  earlyCloses: readonly string[] = [],
): MarketCalendar {
  const sessions: Session[] = [...dates].sort().map((date) => {
    const early = earlyCloses.includes(date);
    return {
      date,
      tsOpen: nyToEpoch(date, '09:30'),
      tsClose: nyToEpoch(date, early ? '13:00' : '16:00'),
      early,
    };
  });
  const sessionAt = (ts: number): Session | undefined =>
    sessions.find((s) => s.tsOpen <= ts && ts < s.tsClose);
  return {
    sessionOn: (date) => sessions.find((s) => s.date === date),
    sessionsBetween: (start, end) => sessions.filter((s) => s.date >= start && s.date <= end),
    sessionAt,
    nextSessionAfter(ts) {
      const s = sessions.find((x) => x.tsOpen > ts);
      if (!s) throw new Error(`fake calendar: no session after ${new Date(ts).toISOString()}`);
      return s;
    },
    previousSessionBefore(ts) {
      const s = sessions.filter((x) => x.tsClose <= ts).at(-1);
      if (!s) throw new Error(`fake calendar: no session before ${new Date(ts).toISOString()}`);
      return s;
    },
    isOpen: (ts) => sessionAt(ts) !== undefined,
  };
}

export function createFakeMarket(options: FakeMarketOptions = {}): FakeMarket {
  const symbols = options.symbols ?? DEFAULT_FAKE_SYMBOLS;
  const calendar = createFakeCalendar(
    options.dates ?? weekdays('2024-04-01', '2024-06-28'),
    options.earlyCloses,
  );
  const prices = new Map(symbols.map((s) => [s.symbol, s.price]));
  const prints: SimPrint[] = (options.prints ?? []).map(withId).sort((a, b) => a.ts - b.ts);
  const infos: SimSymbolInfo[] = symbols.map((s) => ({
    symbol: s.symbol,
    name: `${s.symbol} Inc.`,
    exchange: 'NASDAQ',
    fractionable: s.fractionable ?? true,
  }));
  const noBars = (): SimBar[] => [];
  const priceAt = (symbol: string): number => {
    const p = prices.get(symbol);
    if (p === undefined) throw new Error(`fake market: unknown symbol ${symbol}`);
    return p;
  };
  return {
    calendar,
    symbols: infos,
    // The exchange never reads bars; this fixture has no history.
    dailyBars: noBars,
    minuteBars: noBars,
    bars: noBars,
    corporateActions: (symbol, start, end) =>
      (options.corporateActions ?? []).filter(
        (a) => a.symbol === symbol && a.exDate >= start && a.exDate <= end,
      ),
    printsBetween: (from, to, only) =>
      prints.filter(
        (p) => p.ts > from && p.ts <= to && (only === undefined || only.includes(p.symbol)),
      ),
    priceAt,
    lastPrintAt: (symbol, ts) => ({ symbol, price: priceAt(symbol), size: 0, ts, id: printId(ts) }),
    setPrice(symbol, price) {
      prices.set(symbol, price);
    },
    addPrints(more) {
      prints.push(...more.map(withId));
      prints.sort((a, b) => a.ts - b.ts);
    },
  };
}
