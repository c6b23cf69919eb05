/**
 * @module VIX regimes at trade time, pure (seeds 001, 002): low < low_below <= normal < high_from <= high <
 * extreme_from <= extreme; each regime has a position scalar and a heat limit, and breakouts are off from high_from.
 */

export const REGIME_NAMES = ['low', 'normal', 'high', 'extreme'] as const;
export type RegimeName = (typeof REGIME_NAMES)[number];

export interface RegimeSettings {
  readonly lowBelow: number;
  readonly highFrom: number;
  readonly extremeFrom: number;
  readonly scalar: Readonly<Record<RegimeName, number>>;
  /** Largest total exposure / equity, percent. */
  readonly heatPct: Readonly<Record<RegimeName, number>>;
  /** Strategies switched off in the high and extreme regimes. */
  readonly breakoutStrategies: readonly string[];
}

export interface Regime {
  readonly vix: number;
  readonly name: RegimeName;
  readonly scalar: number;
  readonly heatLimitPct: number;
  readonly breakoutsAllowed: boolean;
}

export function regimeName(vix: number, s: RegimeSettings): RegimeName {
  if (vix < s.lowBelow) return 'low';
  if (vix < s.highFrom) return 'normal';
  if (vix < s.extremeFrom) return 'high';
  return 'extreme';
}

export function classifyRegime(vix: number, s: RegimeSettings): Regime {
  const name = regimeName(vix, s);
  return {
    vix,
    name,
    scalar: s.scalar[name],
    heatLimitPct: s.heatPct[name],
    breakoutsAllowed: name === 'low' || name === 'normal',
  };
}

/** Why the regime keeps a strategy out today, or undefined when it may trade. */
export function regimeBlock(
  regime: Regime,
  strategy: string,
  s: RegimeSettings,
): string | undefined {
  if (regime.breakoutsAllowed || !s.breakoutStrategies.includes(strategy)) return undefined;
  return `breakout strategies are off from VIX ${s.highFrom} (VIX ${regime.vix.toFixed(2)}, ${regime.name})`;
}

export interface RegimeChange {
  readonly ts: number;
  readonly vix: number;
  readonly regime: RegimeName;
  readonly previous: RegimeName | null;
  /** What the trader does differently from now on. */
  readonly action: string;
}

/** The regime log's next line when the regime differs from the last one logged (the first reading is a change). */
export function regimeChange(
  previous: RegimeName | null,
  regime: Regime,
  ts: number,
): RegimeChange | undefined {
  if (previous === regime.name) return undefined;
  const breakouts = regime.breakoutsAllowed ? 'breakouts on' : 'breakouts off';
  return {
    ts,
    vix: regime.vix,
    regime: regime.name,
    previous,
    action: `position scalar x${regime.scalar}, heat limit ${regime.heatLimitPct}%, ${breakouts}`,
  };
}
