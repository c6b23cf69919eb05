/**
 * @module The enabled strategies with `allocation_pct: 0`: they have no capital, so `trade` refuses every signal of
 * theirs (`no_allocation`) and they never open a position. `config check` and `doctor` say so rather than stay silent.
 */
import type { Config } from './schema.ts';

/** Names of the enabled strategies whose allocation is 0 %, in config order. */
export function unfundedStrategies(config: Config): string[] {
  return Object.entries(config.strategies)
    .filter(([, s]) => s.enabled && s.allocation_pct === 0)
    .map(([name]) => name);
}

/** One line naming them, or null when every enabled strategy has capital. */
export function unfundedWarning(config: Config): string | null {
  const names = unfundedStrategies(config);
  if (names.length === 0) return null;
  return `enabled with allocation_pct 0, so they never open positions (trade refuses their signals: no_allocation): ${names.join(', ')}`;
}
