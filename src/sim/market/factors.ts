/**
 * @module The common factors of the synthetic market, one value per session from the origin: a market factor with
 * bull/bear/neutral drift regimes and stochastic volatility (negatively correlated with returns, which drives the
 * VIX proxy), and one factor per sector. Generated sequentially, so any range of days is identical for a seed.
 */
import { RandomStream, hashInts, hashString } from './random.ts';

const MARKET_DRIFTS = [0.0003, 0.0008, -0.001] as const;
const MARKET_REGIME_SWITCH = 0.012;
const MARKET_SIGMA = 0.0085;
const MARKET_PULL = 0.998;
const VOL_PERSISTENCE = 0.965;
const VOL_SHOCK = 0.11;
const SECTOR_SIGMA = 0.0055;
const SECTOR_PULL = 0.997;

/** A growable Float64Array column. */
export class Column {
  values = new Float64Array(1024);
  length = 0;

  push(x: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length] = x;
    this.length += 1;
  }

  at(i: number): number {
    return this.values[i] ?? 0;
  }
}

export interface MarketFactors {
  /** Market state (log deviation from the anchors' growth path) after each session. */
  readonly market: Column;
  /** Volatility state: ln of the volatility multiplier after each session (0 = normal). */
  readonly volState: Column;
  /** The variance multiplier that applies during each session: exp(volState of the session before). */
  readonly varianceScale: Column;
  /** Ensures at least n sessions exist. */
  ensure(n: number): void;
  /** The sector factor's state after each session. */
  sector(name: string, n: number): Column;
}

export function createMarketFactors(seed: number): MarketFactors {
  const rng = new RandomStream(hashInts(seed, 0x4d4b54));
  const market = new Column();
  const volState = new Column();
  const varianceScale = new Column();
  let regime = 0;
  const sectors = new Map<string, { col: Column; rng: RandomStream }>();

  const ensure = (n: number): void => {
    while (market.length < n) {
      const k = market.length;
      const prevVol = k > 0 ? volState.at(k - 1) : 0;
      if (rng.next() < MARKET_REGIME_SWITCH) regime = Math.floor(rng.next() * MARKET_DRIFTS.length);
      const zm = rng.fastNormal();
      const zv = rng.fastNormal();
      const m = (MARKET_DRIFTS[regime] ?? 0) + MARKET_SIGMA * Math.exp(prevVol) * zm;
      market.push((k > 0 ? market.at(k - 1) * MARKET_PULL : 0) + m);
      volState.push(VOL_PERSISTENCE * prevVol + VOL_SHOCK * (-0.75 * zm + 0.66 * zv));
      varianceScale.push(Math.exp(prevVol));
    }
  };

  const sector = (name: string, n: number): Column => {
    ensure(n);
    let entry = sectors.get(name);
    if (!entry) {
      entry = {
        col: new Column(),
        rng: new RandomStream(hashInts(seed, hashString(name), 0x534543)),
      };
      sectors.set(name, entry);
    }
    const { col, rng: r } = entry;
    while (col.length < n) {
      const k = col.length;
      const scale = Math.exp(0.5 * (k > 0 ? volState.at(k - 1) : 0));
      col.push((k > 0 ? col.at(k - 1) * SECTOR_PULL : 0) + SECTOR_SIGMA * scale * r.fastNormal());
    }
    return col;
  };

  return { market, volState, varianceScale, ensure, sector };
}
