/** Enabled strategies with allocation_pct 0 never trade: named, so config check and doctor can say so. */
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/schema.ts';
import { unfundedStrategies, unfundedWarning } from '../../../src/config/unfunded-strategies.ts';

describe('unfunded strategies', () => {
  it('the shipped allocations (30/25/10/10/10/5/5/5) leave the four newer strategies enabled at 0 %', () => {
    const config = configSchema.parse({});
    expect(unfundedStrategies(config)).toEqual([
      'rsi_mean_reversion',
      'ma_crossover',
      'momentum',
      'ml_momentum',
    ]);
    expect(unfundedWarning(config)).toMatch(
      /never open positions .*no_allocation.*: rsi_mean_reversion, ma_crossover, momentum, ml_momentum$/,
    );
  });

  it('a disabled strategy at 0 % is not named; one with capital is not either', () => {
    const config = configSchema.parse({
      strategies: {
        rsi_mean_reversion: { enabled: false },
        ma_crossover: { enabled: false },
        momentum: { enabled: false },
        ml_momentum: { allocation_pct: 5 },
        factor_momentum: { enabled: false, allocation_pct: 0 },
      },
    });
    expect(unfundedStrategies(config)).toEqual([]);
    expect(unfundedWarning(config)).toBeNull();
  });
});
