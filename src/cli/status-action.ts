/**
 * @module What `strikeline status` runs, apart from its declaration (status-command.ts) so that `--help` and a
 * usage error load commander only, not the broker's SDK, the config schema and the store.
 */
import { isProcessAlive } from '../adapters/lock/process-alive.ts';
import { probeRootLock } from '../adapters/lock/root-lock.ts';
import { renderStatus } from '../jobs/ops/render-status.ts';
import { collectStatus, staleAfterMs } from '../jobs/ops/status.ts';
import { regimeView } from '../jobs/ops/regime-view.ts';
import { riskLimitsOf } from '../config/risk-limits.ts';
import { composeAlpaca, composeKillSwitch } from './compose.ts';
import { withContext } from './context.ts';
import { whyNoTrade, whyNoTradeText } from '../jobs/report/why-no-trade.ts';

/** The daemon does not protect right now: the report is printed, then this line, and the exit code is 1. */
class DaemonUnhealthyError extends Error {
  override readonly name = 'DaemonUnhealthyError';
}

export async function statusAction(opts: {
  readonly json: boolean;
  readonly journalEntries: number;
}): Promise<void> {
  const report = await withContext('status', async (ctx) => {
    const collected = await collectStatus({
      broker: () => composeAlpaca(ctx).broker,
      store: ctx.store(),
      killSwitch: composeKillSwitch(ctx),
      probeLock: () => probeRootLock(ctx.env.root),
      isAlive: isProcessAlive,
      journalEntries: opts.journalEntries,
      staleMs: staleAfterMs(ctx.config.protection.timer_interval_ms),
      riskLimits: riskLimitsOf(ctx.config),
      regime: () => regimeView(ctx.paths.data),
    });
    // Signals blocked by risk, cash or heat that the next trade runs retry (issue 14, docs/pipeline.md).
    const pending = whyNoTrade(ctx.store(), '').pending;
    process.stdout.write(
      opts.json
        ? `${JSON.stringify({ ...collected, pendingSignals: pending }, null, 2)}\n`
        : `${renderStatus(collected)}${pending.length === 0 ? '' : `${whyNoTradeText({ run: null, runs: 0, pending }).slice(3).join('\n')}\n`}`,
    );
    return collected;
  });
  // Outside the context: an unhealthy daemon is what status reports, not a failure of status to log.
  if (!report.health.ok)
    throw new DaemonUnhealthyError(`daemon ${report.health.state}: ${report.health.reason}`);
}
