/** @module The daily-loss circuit breaker (seed 001 §2), pure: equity against last_equity, tripped at -daily_loss_pct. */

export interface DailyLoss {
  /** (equity - last_equity) / last_equity, as a fraction; 0 when last_equity is not positive. */
  readonly change: number;
  readonly limitPct: number;
  readonly tripped: boolean;
}

export function dailyLoss(equity: number, lastEquity: number, limitPct: number): DailyLoss {
  const change = lastEquity > 0 ? (equity - lastEquity) / lastEquity : 0;
  return { change, limitPct, tripped: lastEquity > 0 && change <= -limitPct / 100 };
}
