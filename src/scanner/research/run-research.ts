/**
 * @module `strikeline research` end to end: the scan's setup and data stage (the same universe, bars, cache and
 * validation), then the tasks in order (regime, wfo, ga, gp, verdicts), then the summary into LMDB. A cron run on
 * a day without a session does nothing; --asof always runs. I/O comes in through ResearchDeps.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Paths } from '../../config/paths.ts';
import type { Config, StrategyName } from '../../config/schema.ts';
import type { Broker, Logger } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { loadMarket } from '../load-market.ts';
import type { Progress } from '../output/progress.ts';
import { scanSetup } from '../scan-setup.ts';
import { scanWindow } from '../scan-window.ts';
import { ScanFailedError, type ScanSkipped } from '../run-scan.ts';
import { researchPaths } from './io/research-paths.ts';
import { researchEnv } from './work/research-env.ts';
import { logRegimeChange, saveResearchSummary } from './output/research-store.ts';
import type { ResearchSummary, ResearchTask } from './output/research-summary.ts';
import { runTasks } from './run-tasks.ts';

export interface ResearchDeps {
  readonly broker: Broker;
  readonly config: Config;
  readonly paths: Paths;
  readonly strategyDisabledList: readonly string[];
  readonly log: Logger;
  readonly progress: Progress;
  readonly store: () => Store;
  /** Wall clock for timings and generated_at only. */
  readonly wallClock: () => number;
}

export interface ResearchRequest {
  readonly tasks: readonly ResearchTask[];
  readonly symbols?: string;
  readonly asOf?: string;
  readonly strategies?: readonly StrategyName[];
  readonly seed?: number;
  readonly workers?: number;
  readonly fresh: boolean;
  readonly useCache: boolean;
}

/** Worker threads: as asked, else one per idle core (cores minus the 1-minute load average), at least one. */
export const researchWorkers = (
  requested?: number,
  cores = availableParallelism(),
  load = loadavg()[0] ?? 0,
): number => requested ?? Math.max(1, Math.floor(cores - load + 0.5));

export async function runResearch(
  deps: ResearchDeps,
  request: ResearchRequest,
): Promise<ResearchSummary | ScanSkipped> {
  const t0 = deps.wallClock();
  const setup = scanSetup(deps.config, deps.paths, deps.strategyDisabledList, request);
  const window = await scanWindow(deps.broker, deps.config.scanner.history_years, request.asOf);
  if (request.asOf === undefined && !window.todayIsSession)
    return {
      skipped: `market closed today (${window.today}, New York): no research; --asof DATE runs it for a past session`,
    };
  // The regime model always needs the market and the VIX proxy, whatever strategies run.
  const context = [
    ...new Set([...setup.context, deps.config.vix_regimes.symbol, setup.settings.marketSymbol]),
  ];
  const loaded = await loadMarket(deps.broker, setup.universe.symbols, context, window, {
    cacheDir: `${deps.paths.data}/bars/1Day`,
    useCache: request.useCache,
    staleAfterHours: deps.config.scanner.stale_after_hours,
    progress: deps.progress,
  });
  if (loaded.market.symbols.length === 0)
    throw new ScanFailedError(`every ticker was rejected (${loaded.rejected.length})`);
  const t1 = deps.wallClock();
  const seed = request.seed ?? deps.config.research.seed;
  const workers = researchWorkers(request.workers);
  const env = researchEnv(deps.config, seed, setup.options.backtest, setup.options.verdict);
  const ran = await runTasks(
    {
      market: loaded.market,
      settings: setup.settings,
      shared: new Map(),
      env,
      paths: researchPaths(deps.paths.data),
      names: setup.selection.selected,
      workers,
      fresh: request.fresh,
      progress: deps.progress,
      log: deps.log,
    },
    {
      config: deps.config,
      dataDir: deps.paths.data,
      tasks: request.tasks,
      date: window.closedThrough,
      clock: deps.wallClock,
    },
  );
  const summary: ResearchSummary = {
    date: window.closedThrough,
    generated_at: new Date(t0).toISOString(),
    as_of: request.asOf ?? null,
    seed,
    tasks: request.tasks,
    universe: {
      source: setup.universe.source,
      symbols: setup.universe.symbols.length,
      scanned: loaded.market.symbols.length,
    },
    strategies: setup.selection.selected,
    workers,
    notes: [...setup.notes, ...loaded.rejected.map((r) => `rejected ${r.ticker}: ${r.reason}`)],
    ...ran.summaries,
    timings_ms: { data: t1 - t0, ...ran.timings, total: deps.wallClock() - t0 },
  };
  const store = deps.store();
  await saveResearchSummary(store, summary);
  const r = summary.regime;
  if (r?.changed === true && r.previous !== null) {
    deps.log.info({ regime: r.label, previous: r.previous, date: r.as_of }, 'regime changed');
    await logRegimeChange(store, {
      date: r.as_of,
      regime: r.label,
      previous: r.previous,
      probability: r.probability,
      recordedAt: summary.generated_at,
    });
  }
  deps.log.info(
    { date: summary.date, tasks: summary.tasks, timingsMs: summary.timings_ms },
    'research finished',
  );
  return summary;
}
