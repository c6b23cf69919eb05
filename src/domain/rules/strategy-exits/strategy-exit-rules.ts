/**
 * @module Each strategy's own exit rule (seed 002), pure and shared by the daemon and the backtests: RSI mean
 * reversion leaves once RSI is back above 50, the price is back at its VWAP, or after 20 sessions; the MA
 * crossover once the 20-day average is below the 100-day one; ML momentum after 5 sessions or once the model no
 * longer expects a rise; momentum after its hold period. The caller computes the indicators with the price of the
 * moment (a live trade, or a backtest's close); an indicator it does not know never triggers its rule.
 */

/** The strategies with a rule of their own; every other strategy exits by the shared rules only. */
export const STRATEGY_EXIT_RULES = {
  rsi_mean_reversion: { rsiAbove: 50, maxSessions: 20 },
  ma_crossover: {},
  ml_momentum: { maxSessions: 5, reversalBelow: 0.5 },
  momentum: { maxSessions: 20 },
} as const;

export type StrategyWithExit = keyof typeof STRATEGY_EXIT_RULES;

export type StrategyExitRule =
  | 'rsi_above_50'
  | 'price_at_vwap'
  | 'max_hold'
  | 'ma_cross_below'
  | 'model_reversal'
  | 'hold_period';

/** The indicator periods the rules read (the entries' own: RSI(14), the 20-day VWAP, SMA 20 / 100). */
export const STRATEGY_EXIT_PERIODS = { rsi: 14, vwap: 20, fastMa: 20, slowMa: 100 } as const;

/** What a strategy's rule reads at one moment. Null: not known (too little history), never a reason to exit. */
export interface StrategyExitView {
  readonly price: number;
  /** Sessions since the entry's session (0 on the entry day). */
  readonly sessionsHeld: number;
  readonly rsi: number | null;
  readonly vwap: number | null;
  readonly fastMa: number | null;
  readonly slowMa: number | null;
  /** The model's P(5-day return > 0) at this moment (ML momentum only). */
  readonly upProbability: number | null;
}

export interface StrategyExitDecision {
  readonly rule: StrategyExitRule;
  readonly price: number;
}

export const hasStrategyExit = (strategy: string | null): strategy is StrategyWithExit =>
  strategy !== null && Object.hasOwn(STRATEGY_EXIT_RULES, strategy);

/** The journal's and the backtest's name of a strategy exit: `strategy exit (rsi_above_50)`. */
export const strategyExitLabel = (rule: StrategyExitRule): `strategy exit (${StrategyExitRule})` =>
  `strategy exit (${rule})`;

const known = (v: number | null): v is number => v !== null && Number.isFinite(v);

function rsiMeanReversion(v: StrategyExitView): StrategyExitRule | null {
  const r = STRATEGY_EXIT_RULES.rsi_mean_reversion;
  if (known(v.rsi) && v.rsi > r.rsiAbove) return 'rsi_above_50';
  if (known(v.vwap) && v.price >= v.vwap) return 'price_at_vwap';
  return v.sessionsHeld >= r.maxSessions ? 'max_hold' : null;
}

function mlMomentum(v: StrategyExitView): StrategyExitRule | null {
  const r = STRATEGY_EXIT_RULES.ml_momentum;
  if (v.sessionsHeld >= r.maxSessions) return 'max_hold';
  return known(v.upProbability) && v.upProbability < r.reversalBelow ? 'model_reversal' : null;
}

/** The rule of `strategy` that says exit now, or null (a strategy without a rule of its own never says so). */
export function evaluateStrategyExit(
  strategy: string | null,
  view: StrategyExitView,
): StrategyExitDecision | null {
  if (!hasStrategyExit(strategy)) return null;
  let rule: StrategyExitRule | null;
  switch (strategy) {
    case 'rsi_mean_reversion':
      rule = rsiMeanReversion(view);
      break;
    // Entered on a cross above: the fast average below the slow one means it has crossed back since.
    case 'ma_crossover':
      rule =
        known(view.fastMa) && known(view.slowMa) && view.fastMa < view.slowMa
          ? 'ma_cross_below'
          : null;
      break;
    case 'ml_momentum':
      rule = mlMomentum(view);
      break;
    case 'momentum':
      rule = view.sessionsHeld >= STRATEGY_EXIT_RULES.momentum.maxSessions ? 'hold_period' : null;
      break;
  }
  return rule === null ? null : { rule, price: view.price };
}
