/** @module Per-symbol parameters of the synthetic market (price level, growth, beta, volatility, volume), seeded. */
import { hashInts, hashString, unitFromKey } from './random.ts';
import { symbolInfo } from './universe.ts';

export type ProfileKind = 'stock' | 'follower' | 'vix';

export interface SymbolProfile {
  readonly symbol: string;
  readonly sector: string;
  readonly kind: ProfileKind;
  /** For a follower: the symbol it is cointegrated with (log spread is mean-reverting). */
  readonly leader?: string;
  /** ln of the anchor price at the reference session (first session of 2025). */
  readonly logRef: number;
  /** Anchor growth, log per year. */
  readonly growth: number;
  readonly beta: number;
  readonly sectorLoading: number;
  /** Idiosyncratic daily volatility (log). */
  readonly sigma: number;
  /** Whether trend/choppy regimes and jumps apply (off for index ETFs). */
  readonly regimes: boolean;
  readonly baseVolume: number;
  readonly avgTradeSize: number;
}

/** Reference price (about early 2025) and typical daily volume in millions. */
const KNOWN: Readonly<Record<string, readonly [price: number, volumeM: number]>> = {
  AAPL: [230, 55],
  MSFT: [420, 22],
  GOOGL: [170, 25],
  AMZN: [200, 40],
  NVDA: [130, 200],
  META: [580, 14],
  TSLA: [300, 90],
  JPM: [240, 9],
  V: [310, 7],
  JNJ: [155, 7],
  WMT: [90, 15],
  PG: [165, 7],
  MA: [520, 3],
  HD: [380, 3.5],
  XOM: [110, 15],
  CVX: [150, 8],
  BAC: [43, 38],
  KO: [65, 14],
  PEP: [150, 6],
  ABBV: [190, 6],
  MRK: [95, 10],
  PFE: [25, 40],
  COST: [950, 2],
  AVGO: [220, 25],
  ADBE: [420, 3],
  CRM: [300, 6],
  NFLX: [900, 3.5],
  AMD: [130, 45],
  INTC: [22, 60],
  CSCO: [60, 18],
  ORCL: [170, 9],
  DIS: [110, 9],
  NKE: [70, 12],
  MCD: [300, 3.5],
  T: [27, 35],
  VZ: [42, 18],
  QQQ: [500, 40],
  IWM: [220, 30],
  SPY: [580, 60],
  VIXY: [17, 4],
};

/** Cointegrated pairs: follower -> leader. */
export const PAIRS: Readonly<Record<string, string>> = { PEP: 'KO', CVX: 'XOM', MA: 'V' };

const HIGH_VOL: Readonly<Record<string, number>> = {
  TSLA: 0.03,
  NVDA: 0.024,
  AMD: 0.025,
  NFLX: 0.02,
  META: 0.019,
};

/** Index ETFs: exact market/sector exposures, tiny idiosyncratic noise, no regimes. */
const INDEX: Readonly<
  Record<string, readonly [beta: number, sectorLoading: number, sigma: number]>
> = {
  SPY: [1, 0, 0.0012],
  QQQ: [1.12, 0.5, 0.004],
  IWM: [1.15, 0, 0.006],
};

/** Deterministic parameters for (seed, symbol). */
export function symbolProfile(seed: number, symbol: string): SymbolProfile {
  const key = hashInts(seed, hashString(symbol));
  const u = (i: number): number => unitFromKey(hashInts(key, i));
  const info = symbolInfo(symbol);
  const known = KNOWN[symbol];
  const price = known ? known[0] : Math.exp(Math.log(15) + u(1) * Math.log(400 / 15));
  const volume = known ? known[1] * 1e6 : Math.exp(Math.log(1.5e6) + u(2) * Math.log(40));
  const index = INDEX[symbol];
  const leader = PAIRS[symbol];
  const base = {
    symbol,
    sector: index && symbol === 'QQQ' ? 'Information Technology' : info.sector,
    logRef: Math.log(price),
    growth: index ? 0.08 : 0.02 + 0.1 * u(3),
    baseVolume: volume,
    avgTradeSize: Math.round(80 + 140 * u(4)),
  };
  if (symbol === 'VIXY') {
    return {
      ...base,
      kind: 'vix',
      growth: 0,
      beta: 0,
      sectorLoading: 0,
      sigma: 0.04,
      regimes: false,
    };
  }
  if (index) {
    return {
      ...base,
      kind: 'stock',
      beta: index[0],
      sectorLoading: index[1],
      sigma: index[2],
      regimes: false,
    };
  }
  const stock = {
    ...base,
    beta: 0.7 + 0.7 * u(5),
    sectorLoading: 0.6 + 0.8 * u(6),
    sigma: HIGH_VOL[symbol] ?? 0.008 + 0.012 * u(7),
    regimes: true,
  };
  return leader ? { ...stock, kind: 'follower', leader } : { ...stock, kind: 'stock' };
}
