/**
 * @module Daily OHLCV of one symbol from the origin on: anchor growth + market beta + sector loading +
 * idiosyncratic trend regimes (momentum), a fast mean-reverting component (strong in "choppy" regimes), jumps,
 * overnight gaps; cointegrated followers (PEP~KO, CVX~XOM, MA~V) and the VIX proxy. Prices are integer cents.
 */
import type { ActionSchedule } from './corporate-actions.ts';
import type { MarketFactors } from './factors.ts';
import type { SymbolProfile } from './profile.ts';
import { RandomStream, hashInts, hashString } from './random.ts';

const NEUTRAL = 0;
const UP = 1;
const DOWN = 2;
const CHOPPY = 3;
const REGIME_SWITCH = 0.025;
const TREND = 0.2;
const IDIO_PULL = 0.998;
const FAST_PHI = 0.75;
const JUMP_RATE = 1 / 80;
const SPREAD_PHI = 0.93;
const SPREAD_SIGMA = 0.009;
const VIX_LOW = Math.log(11);
const VIX_HIGH = Math.log(45);
const VIX_MID = (VIX_LOW + VIX_HIGH) / 2;
const VIX_HALF = (VIX_HIGH - VIX_LOW) / 2;
const GAP_SHARE = 0.3;
const TRADING_DAYS = 252;
const BLOCK = 256;

/**
 * Integer-cent raw OHLC (four per day in one array), volume, and the corporate-action price factor each day's raw
 * prices carry (raw = synthetic x factor), grown in large steps.
 */
export class DailySeries {
  ohlc = new Int32Array(0);
  v = new Float64Array(0);
  factor = new Float64Array(0);
  length = 0;

  reserve(n: number): void {
    if (n * 4 <= this.ohlc.length) return;
    const cap = Math.max(n, Math.ceil(this.v.length * 1.5));
    const ohlc = new Int32Array(cap * 4);
    ohlc.set(this.ohlc);
    const v = new Float64Array(cap);
    v.set(this.v);
    const factor = new Float64Array(cap);
    factor.set(this.factor);
    this.ohlc = ohlc;
    this.v = v;
    this.factor = factor;
  }

  open(k: number): number {
    return this.ohlc[k * 4] ?? 0;
  }
  high(k: number): number {
    return this.ohlc[k * 4 + 1] ?? 0;
  }
  low(k: number): number {
    return this.ohlc[k * 4 + 2] ?? 0;
  }
  close(k: number): number {
    return this.ohlc[k * 4 + 3] ?? 0;
  }
}

export interface DailyGenerator {
  readonly series: DailySeries;
  /** Generates sessions until at least n exist. */
  ensure(n: number): void;
}

interface Deps {
  readonly seed: number;
  readonly profile: SymbolProfile;
  readonly factors: MarketFactors;
  readonly referenceIndex: number;
  /** The symbol's splits and dividends, applied to its raw prices. */
  readonly schedule: ActionSchedule;
  /** The leader's generator (followers only). */
  readonly leader?: { readonly generator: DailyGenerator; readonly profile: SymbolProfile };
}

/** Running state, kept in a typed array so the hot loop never boxes numbers. */
const REGIME = 0;
const IDIO = 1;
const FAST = 2;
const SPREAD = 3;
const VIX_NOISE = 4;
const PREV_LOG_CLOSE = 5;
const JUMP = 6;
const LOG_CLOSE = 7;

/**
 * Random draws per day, drawn in one tight loop before the day loop (fixed layout, so every day consumes the
 * same draws whatever happens): 1 uniform (the rare-event draw) then 6 normals.
 */
const DRAW_WIDTH = 7;
const DRAW_UNIFORMS = 1;
const [U_EVENT, Z_MAIN, Z_FAST, Z_GAP, Z_UP, Z_DOWN, Z_VOLUME] = [0, 1, 2, 3, 4, 5, 6];

interface Generation {
  readonly p: SymbolProfile;
  readonly series: DailySeries;
  readonly st: Float64Array;
  readonly baseSigma: number;
  readonly logSpread: number;
  readonly anchorStart: number;
  readonly anchorStep: number;
}

interface Columns {
  readonly market: Float64Array;
  readonly vol: Float64Array;
  readonly variance: Float64Array;
  readonly sector: Float64Array;
  readonly lead: DailySeries | undefined;
  /** Corporate-action multipliers of the days generated, from index `from`. */
  readonly priceFactor: Float64Array;
  readonly volumeFactor: Float64Array;
}

/**
 * Today's log close of a stock (idiosyncratic regimes, jumps, fast mean reversion), stored in st[LOG_CLOSE] and
 * the jump in st[JUMP] (no double is returned: returning one from a call that is not inlined allocates).
 */
function stockClose(
  g: Generation,
  k: number,
  scale: number,
  cols: Columns,
  d: Float64Array,
  r: number,
): void {
  const { p, st } = g;
  const event = p.regimes ? (d[r + U_EVENT] ?? 0.5) : 0.5;
  let jump = 0;
  if (event < REGIME_SWITCH) {
    // Conditioned on the event, the rescaled draw is again uniform: it picks the new regime.
    const u = event / REGIME_SWITCH;
    st[REGIME] = u < 0.45 ? NEUTRAL : u < 0.65 ? UP : u < 0.8 ? DOWN : CHOPPY;
  } else if (event >= 1 - JUMP_RATE) {
    const w = (event - (1 - JUMP_RATE)) / JUMP_RATE;
    jump = (w < 0.5 ? -1 : 1) * p.sigma * (2 + 3 * ((w * 2) % 1));
  }
  const regime = st[REGIME] ?? NEUTRAL;
  const drift = regime === UP ? TREND * p.sigma : regime === DOWN ? -TREND * p.sigma : 0;
  const idio = IDIO_PULL * (st[IDIO] ?? 0) + drift + p.sigma * scale * (d[r + Z_MAIN] ?? 0) + jump;
  const fast =
    FAST_PHI * (st[FAST] ?? 0) +
    (regime === CHOPPY ? 1.2 : 0.35) * p.sigma * scale * (d[r + Z_FAST] ?? 0);
  st[IDIO] = idio;
  st[FAST] = fast;
  st[JUMP] = jump;
  const anchor = g.anchorStart + g.anchorStep * k;
  st[LOG_CLOSE] =
    anchor + p.beta * (cols.market[k] ?? 0) + p.sectorLoading * (cols.sector[k] ?? 0) + idio + fast;
}

/** Generates days [from, to) into the series from pre-drawn rows `d` (row k - from). */
function generateDays(
  g: Generation,
  from: number,
  to: number,
  cols: Columns,
  d: Float64Array,
): void {
  const { p, st } = g;
  const out = g.series.ohlc;
  const volumes = g.series.v;
  const isVix = p.kind === 'vix';
  for (let k = from; k < to; k += 1) {
    const r = (k - from) * DRAW_WIDTH;
    const vm = cols.variance[k] ?? 1;
    const scale = Math.sqrt(vm);
    let jump = 0;
    let logC: number;
    if (isVix) {
      const noise = 0.9 * (st[VIX_NOISE] ?? 0) + 0.05 * (d[r + Z_MAIN] ?? 0);
      st[VIX_NOISE] = noise;
      logC =
        VIX_MID +
        VIX_HALF * Math.tanh((Math.log(17) - VIX_MID + (cols.vol[k] ?? 0) + noise) / VIX_HALF);
    } else if (cols.lead) {
      const spread = SPREAD_PHI * (st[SPREAD] ?? 0) + SPREAD_SIGMA * (d[r + Z_MAIN] ?? 0);
      st[SPREAD] = spread;
      // The pair follows the leader's synthetic close, not its raw one (its splits and dividends are its own).
      logC = Math.log(cols.lead.close(k) / 100 / (cols.lead.factor[k] ?? 1)) + g.logSpread + spread;
    } else {
      stockClose(g, k, scale, cols, d, r);
      logC = st[LOG_CLOSE] ?? 0;
      jump = st[JUMP] ?? 0;
    }
    const prev = k > 0 ? (st[PREV_LOG_CLOSE] ?? 0) : logC;
    st[PREV_LOG_CLOSE] = logC;
    const ret = logC - prev;
    const daySigma = isVix ? 0.05 : g.baseSigma * scale;
    const logO = prev + GAP_SHARE * (ret - jump) + jump + 0.25 * daySigma * (d[r + Z_GAP] ?? 0);
    const pf = cols.priceFactor[k - from] ?? 1;
    const open = Math.exp(logO) * pf;
    const close = Math.exp(logC) * pf;
    g.series.factor[k] = pf;
    // Range extensions are small, so exp(x) ~ 1 + x + x^2/2 is exact enough and much cheaper.
    const up = daySigma * (0.1 + 0.35 * Math.abs(d[r + Z_UP] ?? 0));
    const down = daySigma * (0.1 + 0.35 * Math.abs(d[r + Z_DOWN] ?? 0));
    const o = Math.max(1, Math.round(open * 100));
    const c = Math.max(1, Math.round(close * 100));
    out[k * 4] = o;
    out[k * 4 + 1] = Math.max(
      o,
      c,
      Math.round(Math.max(open, close) * (1 + up + 0.5 * up * up) * 100),
    );
    out[k * 4 + 2] = Math.max(
      1,
      Math.min(o, c, Math.round(Math.min(open, close) * (1 - down + 0.5 * down * down) * 100)),
    );
    out[k * 4 + 3] = c;
    const activity = 0.5 + 0.5 * Math.min(4, Math.abs(ret) / daySigma);
    const noise = (d[r + Z_VOLUME] ?? 0) * 0.3;
    const shares = cols.volumeFactor[k - from] ?? 1;
    volumes[k] = Math.max(
      10_000,
      Math.round(
        p.baseVolume * (1 + noise + 0.5 * noise * noise) * activity * (0.85 + 0.15 * vm) * shares,
      ),
    );
  }
}

export function createDailyGenerator(deps: Deps): DailyGenerator {
  const { profile: p, factors, leader } = deps;
  const rng = new RandomStream(hashInts(deps.seed, hashString(p.symbol), 0x444159));
  const g: Generation = {
    p,
    series: new DailySeries(),
    st: new Float64Array(8),
    baseSigma: Math.hypot(p.beta * 0.0085, p.sectorLoading * 0.0055, p.sigma),
    logSpread: leader ? p.logRef - leader.profile.logRef : 0,
    anchorStart: p.logRef - (p.growth * deps.referenceIndex) / TRADING_DAYS,
    anchorStep: p.growth / TRADING_DAYS,
  };
  const { series } = g;

  const ensure = (wanted: number): void => {
    if (series.length >= wanted) return;
    // Generate in blocks: per-call setup is amortised and extra days are harmless (callers filter by time).
    const n = Math.ceil(wanted / BLOCK) * BLOCK;
    factors.ensure(n);
    leader?.generator.ensure(n);
    series.reserve(n);
    const draws = new Float64Array((n - series.length) * DRAW_WIDTH);
    rng.fillRows(draws, DRAW_WIDTH, DRAW_UNIFORMS);
    const actions = deps.schedule.factors(series.length, n, deps.referenceIndex);
    generateDays(
      g,
      series.length,
      n,
      {
        priceFactor: actions.price,
        volumeFactor: actions.volume,
        market: factors.market.values,
        vol: factors.volState.values,
        variance: factors.varianceScale.values,
        sector: p.kind === 'stock' ? factors.sector(p.sector, n).values : factors.market.values,
        lead: p.kind === 'follower' ? leader?.generator.series : undefined,
      },
      draws,
    );
    series.length = n;
  };

  return { series, ensure };
}
