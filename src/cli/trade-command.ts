/** @module `strikeline trade`: the 09:35 entries from data/actionable_signals.csv, once each (see jobs/trade/trade-job.ts). */
import type { Command } from 'commander';
import { renderTradeResult } from '../jobs/trade/render-trade-result.ts';
import { tradeResultJson } from '../jobs/trade/trade-result-json.ts';
import { runTradeJob } from '../jobs/trade/trade-job.ts';
import { composeAlpaca, composeKillSwitch } from './compose.ts';
import { withContext } from './context.ts';

export function registerTrade(program: Command): void {
  program
    .command('trade')
    .description(
      'enter the ranked signals through the pipeline (regime, correlation, risk; docs/pipeline.md): market buys, fractional where allowed; refuses while halted',
    )
    .option('--dry-run', 'print the plan and send nothing')
    .option('--csv <path>', 'read this CSV instead of data/actionable_signals.csv')
    .option('--json', 'print the outcome as JSON (also when refused: then exit 1 as well)')
    .action(async (opts: { dryRun?: boolean; csv?: string; json?: boolean }) => {
      await withContext('trade', async (ctx) => {
        const dryRun = opts.dryRun === true;
        const result = await runTradeJob({
          broker: () => composeAlpaca(ctx).broker,
          store: () => ctx.store(),
          mailer: () => ctx.mailer(),
          events: ctx.events,
          log: ctx.log,
          config: ctx.config,
          csvPath: opts.csv ?? ctx.paths.actionable,
          killSwitch: composeKillSwitch(ctx),
          rejectedDir: ctx.paths.rejected,
          funnelDir: ctx.paths.funnel,
          strategyDisabledList: ctx.env.strategyDisabledList,
          tradingCapital: ctx.env.tradingCapital,
          dryRun,
          wallNow: Date.now,
        });
        if (opts.json === true)
          process.stdout.write(`${JSON.stringify(tradeResultJson(result), null, 2)}\n`);
        switch (result.kind) {
          case 'closed':
            if (opts.json !== true) process.stdout.write(`${result.message}\n`);
            return;
          case 'refused':
            throw new Error(result.message);
          case 'breaker':
            // The trips themselves were emitted as they happened (RISK_LIMIT_HIT, KILL_SWITCH_TRIGGERED ...).
            throw new Error(result.message);
          case 'done':
            for (const o of result.outcomes) {
              // Every outcome rests on an intent journaled before its order was sent (deterministic client_order_id).
              ctx.events.emit('ORDER_INTENT_CREATED', {
                symbol: o.entry.signal.ticker,
                strategy: o.entry.signal.strategy,
                clientOrderId: o.clientOrderId,
                notional: o.notional,
                qty: o.qty,
              });
              const type =
                o.status === 'submitted'
                  ? 'ORDER_SUBMITTED'
                  : o.status === 'rejected'
                    ? 'ORDER_REJECTED'
                    : undefined;
              if (type !== undefined)
                ctx.events.emit(type, {
                  symbol: o.entry.signal.ticker,
                  strategy: o.entry.signal.strategy,
                  clientOrderId: o.clientOrderId,
                  notional: o.notional,
                  qty: o.qty,
                  reason: o.reason,
                });
            }
            ctx.events.emit('RUN_FINISHED', {
              job: 'trade',
              day: result.day,
              dryRun,
              outcomes: result.outcomes.map((o) => ({
                symbol: o.entry.signal.ticker,
                status: o.status,
                clientOrderId: o.clientOrderId,
              })),
            });
            if (opts.json !== true) process.stdout.write(renderTradeResult(result));
            return;
        }
      });
    });
}
