/** The pipeline's config keys change what the rules decide: heat limits, scalars, breakout strategies, thresholds. */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../../src/config/schema.ts';
import { classifyRegime, regimeBlock } from '../../../../src/domain/rules/pipeline/vix-regime.ts';
import { realisedVolatilityPct } from '../../../../src/jobs/trade/pipeline/market-inputs.ts';
import {
  regimeSettings,
  strategyLimits,
} from '../../../../src/jobs/trade/pipeline/pipeline-settings.ts';

const settings = (
  vix_regimes: Record<string, unknown> = {},
  strategies: Record<string, unknown> = {},
) => configSchema.parse({ vix_regimes, strategies });

describe('pipeline settings', () => {
  it('heat_*_pct and scalar_* set each regime', () => {
    expect(classifyRegime(20, regimeSettings(settings()))).toMatchObject({
      name: 'normal',
      heatLimitPct: 30,
      scalar: 1,
    });
    expect(
      classifyRegime(20, regimeSettings(settings({ heat_normal_pct: 45, scalar_normal: 0.9 }))),
    ).toMatchObject({ heatLimitPct: 45, scalar: 0.9 });
    expect(classifyRegime(10, regimeSettings(settings({ heat_low_pct: 35 })))).toMatchObject({
      name: 'low',
      heatLimitPct: 35,
    });
    expect(classifyRegime(30, regimeSettings(settings({ heat_high_pct: 15 })))).toMatchObject({
      name: 'high',
      heatLimitPct: 15,
    });
    expect(classifyRegime(40, regimeSettings(settings({ heat_extreme_pct: 5 })))).toMatchObject({
      name: 'extreme',
      heatLimitPct: 5,
    });
  });

  it('breakout_strategies and high_from decide which strategies the regime turns off', () => {
    const d = regimeSettings(settings());
    expect(regimeBlock(classifyRegime(30, d), 'relative_volume_breakout', d)).toBeDefined();
    expect(regimeBlock(classifyRegime(30, d), 'gap_fill', d)).toBeUndefined();
    const g = regimeSettings(settings({ breakout_strategies: ['gap_fill'] }));
    expect(regimeBlock(classifyRegime(30, g), 'gap_fill', g)).toBeDefined();
    expect(regimeBlock(classifyRegime(30, g), 'relative_volume_breakout', g)).toBeUndefined();
    const later = regimeSettings(settings({ high_from: 32 }));
    expect(
      regimeBlock(classifyRegime(30, later), 'relative_volume_breakout', later),
    ).toBeUndefined();
  });

  it('allocation_pct and max_positions per strategy; an unknown strategy has none', () => {
    expect(strategyLimits(settings(), 'mean_reversion')).toEqual({
      allocationPct: 30,
      maxPositions: 25,
    });
    expect(
      strategyLimits(
        settings(
          {},
          {
            mean_reversion: { allocation_pct: 20, max_positions: 3 },
            gap_fill: { allocation_pct: 20 },
          },
        ),
        'mean_reversion',
      ),
    ).toEqual({ allocationPct: 20, maxPositions: 3 });
    expect(strategyLimits(settings(), 'gp_abc')).toEqual({ allocationPct: 0, maxPositions: 0 });
  });

  it('level_from: realized_volatility reads SPY as annualised volatility in percent', () => {
    expect(settings({ level_from: 'realized_volatility' }).vix_regimes.level_from).toBe(
      'realized_volatility',
    );
    const closes = Array.from({ length: 21 }, (_, i) => ({
      ts: i,
      close: i % 2 === 0 ? 100 : 101,
    }));
    const v = realisedVolatilityPct(closes) ?? NaN;
    expect(v).toBeGreaterThan(14);
    expect(v).toBeLessThan(17);
    expect(realisedVolatilityPct(closes.slice(0, 10))).toBeUndefined();
  });
});
