/** @module The `circuit_breakers:` section as the risk rules read it: minutes and hours in ms, percentages kept in percent. */
import type { RiskLimits } from '../domain/rules/risk/breaker.ts';
import type { Config } from './schema.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export function riskLimitsOf(config: Config): RiskLimits {
  const c = config.circuit_breakers;
  return {
    dailyLossPct: c.daily_loss_pct,
    drawdownPct: c.drawdown_pct,
    drawdownScale: c.drawdown_scale,
    rapidLossPct: c.rapid_loss_pct,
    rapidLossWindowMs: c.rapid_loss_window_min * MINUTE_MS,
    rapidLossPauseMs: c.rapid_loss_pause_min * MINUTE_MS,
    consecutiveLosses: c.consecutive_losses,
    consecutiveLossesPauseMs: c.consecutive_losses_pause_hours * HOUR_MS,
    strategyLossPct: c.strategy_loss_pct,
    strategyLossDisableMs: c.strategy_loss_disable_hours * HOUR_MS,
    killDailyDrawdownPct: c.kill_daily_drawdown_pct,
    killConsecutiveFailures: c.kill_consecutive_failures,
    killRejectionRatePct: c.kill_rejection_rate_pct,
    killRejectionMinCount: c.kill_rejection_min_count,
    reconciliationTolerancePct: c.reconciliation_tolerance_pct,
    liveEquityIntervalMs: c.live_equity_interval_ms,
  };
}
