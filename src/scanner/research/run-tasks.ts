/**
 * @module The research tasks in their order (regime, wfo, ga, gp, verdicts), each timed. The verdict study reads
 * the walk-forward schedules and promoted rules after the optimisers have written theirs, exactly as the next
 * scan will.
 */
import type { Config } from '../../config/schema.ts';
import { prepareShared } from '../scan/scan-market.ts';
import type { ResearchSummary, ResearchTask } from './output/research-summary.ts';
import { scanResearch } from './scan-research.ts';
import { gpTask } from './tasks/gp-task.ts';
import { regimeTask } from './tasks/regime-task.ts';
import type { TaskContext } from './tasks/task-context.ts';
import { verdictsTask } from './tasks/verdicts-task.ts';
import { wfoTask } from './tasks/wfo-task.ts';

type Summaries = Pick<ResearchSummary, 'regime' | 'wfo' | 'ga' | 'gp' | 'verdicts'>;

export interface TaskPlan {
  readonly config: Config;
  readonly dataDir: string;
  readonly tasks: readonly ResearchTask[];
  /** The session the data closes with (names the verdict study's file). */
  readonly date: string;
  readonly clock: () => number;
}

export async function runTasks(
  t: TaskContext,
  plan: TaskPlan,
): Promise<{ summaries: Summaries; timings: Record<string, number> }> {
  const summaries: { -readonly [K in keyof Summaries]: Summaries[K] } = {};
  const timings: Record<string, number> = {};
  for (const task of plan.tasks) {
    const start = plan.clock();
    switch (task) {
      case 'regime':
        summaries.regime = regimeTask(t, plan.config);
        break;
      case 'wfo':
        summaries.wfo = await wfoTask(t, 'grid');
        break;
      case 'ga':
        summaries.ga = await wfoTask(t, 'ga');
        break;
      case 'gp':
        summaries.gp = await gpTask(t);
        break;
      case 'verdicts': {
        const research = scanResearch(plan.config, plan.dataDir, t.names, t.market.symbols);
        const options = {
          backtest: t.env.backtest,
          verdict: t.env.verdict,
          schedules: research.schedules,
          candidates: research.candidates,
        };
        const shared = prepareShared(t.market, t.names, t.settings);
        summaries.verdicts = await verdictsTask({ ...t, shared }, options, plan.date);
        break;
      }
    }
    timings[task] = plan.clock() - start;
  }
  return { summaries, timings };
}
