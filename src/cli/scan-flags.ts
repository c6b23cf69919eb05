/** @module The flags `scan` and `research` share: a New York date, a strategy list, a whole number. */
import { STRATEGY_NAMES, type StrategyName } from '../config/schema.ts';
import { isStrategyName } from '../scanner/strategies/registry.ts';
import { UsageError } from './errors.ts';

export function isDate(s: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s
  );
}

export function parseStrategies(list: string): StrategyName[] {
  const names = list.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((n) => !isStrategyName(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `--strategies: unknown ${unknown.join(', ') || '(empty list)'}; choose from ${STRATEGY_NAMES.join(', ')}`,
    );
  }
  return names.filter(isStrategyName);
}

export function nonNegativeInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${name}: expected a whole number >= 0, found "${value}"`);
  return n;
}
