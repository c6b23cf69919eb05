/** @module The exit rules from the config's `exits:` section, whose schema is their defaults' only home. */
import type { ExitRuleOptions } from '../domain/rules/exit-rules.ts';
import { configSchema, type Config } from './schema.ts';

export function exitRulesFromConfig(exits: Config['exits']): ExitRuleOptions {
  return {
    stopLossPct: exits.stop_loss_pct,
    takeProfitPct: exits.take_profit_pct,
    breakEvenTriggerPct: exits.break_even_trigger_pct,
    trailingTriggerPct: exits.trailing_trigger_pct,
    trailingKeepPct: exits.trailing_keep_pct,
    timeStopDays: exits.time_stop_days,
    catastrophe: { mode: exits.catastrophe_stop, atrMultiple: exits.atr_stop_multiple },
  };
}

/** The rules of a config file that says nothing about exits (backtests and tests start from them). */
export const DEFAULT_EXIT_RULES: ExitRuleOptions = exitRulesFromConfig(
  configSchema.parse({}).exits,
);
