/** @module `strikeline scan --intraday`: the intraday strategies' backtests on 1-minute history (docs/intraday.md). */
import { join } from 'node:path';
import { renderIntradayScan } from '../jobs/scan/render-intraday-scan.ts';
import { runIntradayScan } from '../scanner/intraday/run-intraday-scan.ts';
import { composeAlpaca } from './compose.ts';
import type { Context } from './context.ts';

export async function scanIntraday(
  ctx: Context,
  flags: { readonly cache: boolean; readonly json: boolean },
): Promise<void> {
  const { broker } = composeAlpaca(ctx);
  const now = (await broker.getClock()).tsNow;
  const report = await runIntradayScan({
    broker,
    config: ctx.config,
    cacheDir: join(ctx.paths.data, 'bars', '1Min'),
    useCache: flags.cache,
    now,
  });
  ctx.events.emit('RUN_FINISHED', {
    job: 'scan',
    intraday: true,
    sessions: report.sessions,
    strategies: report.strategies.map((s) => `${s.strategy}:${s.verdict}`),
  });
  process.stdout.write(
    flags.json ? `${JSON.stringify(report)}\n` : `${renderIntradayScan(report)}\n`,
  );
}
