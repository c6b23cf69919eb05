/**
 * @module `--task gp`: GP discovery. The checkpoints already there are verified first; each island (one job, one
 * worker) resumes from its checkpoint when it belongs to this run (same settings but the generation count, same
 * bars) and checkpoints every generation; the islands' best rules are validated out of sample, and the
 * survivors are written to data/research/candidates/<id>.json for research.promoted to name.
 */
import { dirname } from 'node:path';
import { round } from '../../output/round.ts';
import { candidateId } from '../gp/candidate.ts';
import { validateCandidates } from '../gp/validate-candidates.ts';
import { removeFile, writeJsonFile } from '../io/json-file.ts';
import {
  GP_CHECKPOINT_FORMAT,
  GP_CHECKPOINT_VERSION,
  type GpJob,
  type IslandRule,
} from '../work/gp-job.ts';
import { researchWorld } from '../work/research-job.ts';
import { marketFingerprint, runKey } from '../work/run-key.ts';
import { runWithProgress, type JobFailure, type TaskContext } from './task-context.ts';
import { verifyCheckpoints, type CheckpointCheck } from './verify-checkpoints.ts';

export interface GpSummary {
  readonly checkpoints: CheckpointCheck;
  readonly islands: ReadonlyArray<{
    island: number;
    generations: number;
    resumed_at: number | null;
    evaluations: number;
  }>;
  readonly failed: readonly JobFailure[];
  readonly validated: ReadonlyArray<{
    id: string;
    expression: string;
    survived: boolean;
    in_sample_fitness: number;
    oos_trades: number;
    oos_excess_return_pct: number;
    oos_p_value: number;
    oos_q_value: number;
  }>;
  readonly saved: readonly string[];
}

export async function gpTask(t: TaskContext): Promise<GpSummary> {
  const dir = dirname(t.paths.gpCheckpoint(0));
  const checkpoints = verifyCheckpoints(dir, GP_CHECKPOINT_FORMAT, GP_CHECKPOINT_VERSION);
  // What shapes an island's evolution, but not how long it runs nor how many islands there are: a checkpoint of a
  // shorter run, or of a run with fewer islands, is resumed and extended.
  const settings = {
    population: t.env.gp.population,
    maxDepth: t.env.gp.maxDepth,
    parsimony: t.env.gp.parsimony,
    inSample: t.env.gp.inSample,
  };
  const key = runKey({
    v: GP_CHECKPOINT_VERSION,
    gp: settings,
    seed: t.env.seed,
    backtest: t.env.backtest,
    minTrades: t.env.verdict.minTrades,
    data: marketFingerprint(t.market),
  });
  const jobs: GpJob[] = Array.from({ length: t.env.gp.islands }, (_, island) => ({
    kind: 'gp',
    island,
    checkpoint: t.paths.gpCheckpoint(island),
    key,
  }));
  if (t.fresh) for (const j of jobs) if (j.checkpoint !== null) removeFile(j.checkpoint);
  const outcomes = await runWithProgress(t, 'gp islands', jobs);
  const failed: JobFailure[] = [];
  const best: IslandRule[] = [];
  const islands: Array<GpSummary['islands'][number]> = [];
  outcomes.forEach((o, k) => {
    if (!o.ok) failed.push({ job: `island ${k}`, message: o.message });
    else {
      best.push(...o.result.best);
      islands.push({
        island: o.result.island,
        generations: o.result.generations,
        resumed_at: o.result.resumedAt,
        evaluations: o.result.evaluations,
      });
    }
  });
  const world = researchWorld(t.market, t.settings, t.shared, t.env);
  const validated = validateCandidates(best, world.gp(), t.env.backtest, t.env.verdict, {
    seed: t.env.seed,
    dataFrom: t.market.dates[0] ?? '',
    dataTo: t.market.dates[t.market.dates.length - 1] ?? '',
    maxCandidates: t.env.gp.maxCandidates,
  });
  const saved: string[] = [];
  for (const v of validated) {
    if (!v.survived) continue;
    writeJsonFile(t.paths.candidateFile(v.candidate.id), v.candidate);
    saved.push(candidateId(v.candidate.rule));
  }
  return {
    checkpoints,
    islands,
    failed,
    validated: validated.map(({ candidate: c, survived }) => ({
      id: c.id,
      expression: c.expression,
      survived,
      in_sample_fitness: c.in_sample.fitness,
      oos_trades: c.out_of_sample.trades,
      oos_excess_return_pct: round(c.out_of_sample.excess_return_pct, 4),
      oos_p_value: c.out_of_sample.p_value,
      oos_q_value: c.out_of_sample.q_value,
    })),
    saved,
  };
}
