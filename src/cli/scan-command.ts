/** @module `strikeline scan`: the nightly scanner (strategies, honest backtests, signal logs for `rank`). */
import type { Command } from 'commander';
import { UniverseError } from '../scanner/data/scan-universe.ts';
import { createProgress } from '../scanner/output/progress.ts';
import { scanOutcomeJson } from '../scanner/output/scan-outcome-json.ts';
import { runScan, type ScanOutcome } from '../scanner/run-scan.ts';
import { ScanInputError } from '../scanner/scan-window.ts';
import { composeAlpaca } from './compose.ts';
import { withContext } from './context.ts';
import { UsageError } from './errors.ts';
import { isDate, nonNegativeInt, parseStrategies } from './scan-flags.ts';
import { scanIntraday } from './scan-intraday.ts';
import { emitScanEvents } from './scan-events.ts';

interface ScanFlags {
  symbols?: string;
  asof?: string;
  strategies?: string;
  cache: boolean;
  workers?: string;
  top: string;
  intraday?: boolean;
  json?: boolean;
}

function summary(o: ScanOutcome, signalsDir: string): string {
  const r = o.report;
  const best = r.tickers.flatMap((t) => (t.best === null ? [] : [t.best]));
  const inTrade = best.filter((b) => b.state === 'IN_TRADE');
  const lines = [
    o.table,
    '',
    `scan ${r.date}: ${r.tickers.length} tickers scanned, ${r.rejected.length} rejected, ${best.filter((b) => b.verdict.verdict === 'PROFITABLE').length} PROFITABLE, ${inTrade.length} IN_TRADE (${inTrade.filter((b) => b.verdict.verdict === 'PROFITABLE').length} PROFITABLE)`,
    ...r.strategies.unavailable.map((u) => `note: ${u.strategy} skipped: ${u.reason}`),
    ...r.notes.map((n) => `note: ${n}`),
    ...r.rejected.map((x) => `rejected ${x.ticker}: ${x.reason}`),
    `logs: ${o.logs.length} files in ${signalsDir}; summary: ${o.reportFile}; ${r.bars} bars in ${(r.timingsMs.total ?? 0).toFixed(0)} ms`,
  ];
  return `${lines.join('\n')}\n`;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(
      'scan the universe: strategies over daily history, walk-forward backtests with costs, signal logs in data/signals/',
    )
    .option(
      '--symbols <list>',
      'scan these tickers (comma-separated) instead of the configured universe',
    )
    .option(
      '--asof <date>',
      'scan as it would have run after the close of this New York date (YYYY-MM-DD)',
    )
    .option(
      '--strategies <list>',
      'run only these strategies (comma-separated), even if disabled in config',
    )
    .option('--no-cache', 'refetch the whole history instead of only the bars after the cache')
    .option(
      '--workers <n>',
      'threads for the backtests, the main one included (default: scanner.workers, auto = one per core for large universes; 0 or 1 = in-process)',
    )
    .option('--top <n>', 'rows in the printed table of best signals', '20')
    .option(
      '--intraday',
      'backtest the intraday strategies on 1-minute history instead (docs/intraday.md)',
    )
    .option(
      '--json',
      'print the scan as JSON (the fields of data/scan/<date>.json, the counts and the files written; with --intraday, its report)',
    )
    .action(async (flags: ScanFlags) => {
      if (flags.intraday === true) {
        if (
          flags.symbols !== undefined ||
          flags.asof !== undefined ||
          flags.strategies !== undefined ||
          flags.workers !== undefined
        )
          throw new UsageError(
            '--intraday takes its symbols and strategies from intraday: in config/config.yaml (only --no-cache and --json go with it)',
          );
        await withContext('scan', (ctx) =>
          scanIntraday(ctx, { cache: flags.cache, json: flags.json === true }),
        );
        return;
      }
      if (flags.asof !== undefined && !isDate(flags.asof))
        throw new UsageError(`--asof: expected a date as YYYY-MM-DD, found "${flags.asof}"`);
      const strategies =
        flags.strategies === undefined ? undefined : parseStrategies(flags.strategies);
      const workers =
        flags.workers === undefined ? undefined : nonNegativeInt('--workers', flags.workers);
      const top = nonNegativeInt('--top', flags.top);
      await withContext('scan', async (ctx) => {
        const { broker } = composeAlpaca(ctx);
        try {
          const outcome = await runScan(
            {
              broker,
              config: ctx.config,
              paths: ctx.paths,
              strategyDisabledList: ctx.env.strategyDisabledList,
              log: ctx.log,
              progress: createProgress(process.stderr),
              wallClock: Date.now,
            },
            {
              ...(flags.symbols === undefined ? {} : { symbols: flags.symbols }),
              ...(flags.asof === undefined ? {} : { asOf: flags.asof }),
              ...(strategies === undefined ? {} : { strategies }),
              ...(workers === undefined ? {} : { workers }),
              useCache: flags.cache,
              top,
            },
          );
          if (flags.json === true)
            process.stdout.write(`${JSON.stringify(scanOutcomeJson(outcome), null, 2)}\n`);
          if ('skipped' in outcome) {
            if (flags.json !== true) process.stdout.write(`${outcome.skipped}\n`);
            return;
          }
          const signals = emitScanEvents(ctx.events, outcome.report);
          ctx.events.emit('RUN_FINISHED', {
            job: 'scan',
            date: outcome.report.date,
            tickers: outcome.report.tickers.length,
            rejected: outcome.report.rejected.length,
            signals,
          });
          if (flags.json !== true) process.stdout.write(summary(outcome, ctx.paths.signals));
        } catch (e) {
          if (e instanceof ScanInputError || e instanceof UniverseError)
            throw new UsageError(e.message);
          throw e;
        }
      });
    });
}
