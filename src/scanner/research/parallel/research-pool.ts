/**
 * @module Research jobs across worker threads: the market goes to each worker once in shared memory, jobs are
 * handed out one at a time to whichever worker is free, and results are put back in job order, so the outcome
 * is the same for any number of workers (and in-process, which small runs and the tests use).
 */
import type { MarketData } from '../../market-data.ts';
import { packMarket } from '../../parallel/shared-market.ts';
import { tsWorker, workerModuleUrl } from '../../parallel/ts-worker.ts';
import type { StrategySettings } from '../../strategies/strategy.ts';
import type { ResearchEnv } from '../work/research-env.ts';
import {
  researchWorld,
  runResearchJob,
  type JobResult,
  type ResearchJob,
} from '../work/research-job.ts';
import type { ResearchWorkerInput, ResearchWorkerMessage } from './research-protocol.ts';

export type JobOutcome<J extends ResearchJob> =
  | { readonly ok: true; readonly result: JobResult<J> }
  | { readonly ok: false; readonly message: string };

export interface PoolInput {
  readonly market: MarketData;
  readonly settings: StrategySettings;
  readonly shared: Map<string, unknown>;
  readonly env: ResearchEnv;
}

export interface PoolOptions {
  /** Worker threads; 0 or 1 = in-process. */
  readonly workers: number;
  readonly onDone?: (done: number) => void;
}

const WORKER_URL = workerModuleUrl(import.meta.url, 'research-worker');

function inProcess<J extends ResearchJob>(
  jobs: readonly J[],
  input: PoolInput,
  o: PoolOptions,
): JobOutcome<J>[] {
  const world = researchWorld(input.market, input.settings, input.shared, input.env);
  return jobs.map((job, k) => {
    let outcome: JobOutcome<J>;
    try {
      outcome = { ok: true, result: runResearchJob(world, job) };
    } catch (e) {
      outcome = { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    o.onDone?.(k + 1);
    return outcome;
  });
}

export async function runJobs<J extends ResearchJob>(
  jobs: readonly J[],
  input: PoolInput,
  o: PoolOptions,
): Promise<JobOutcome<J>[]> {
  const n = Math.min(o.workers, jobs.length);
  if (n <= 1) return inProcess(jobs, input, o);
  const workerData: ResearchWorkerInput = {
    market: packMarket(input.market),
    settings: input.settings,
    shared: input.shared,
    env: input.env,
  };
  const outcomes = new Array<JobOutcome<J> | undefined>(jobs.length);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: n }, () => {
      const worker = tsWorker(WORKER_URL, workerData);
      return new Promise<void>((resolve, reject) => {
        let finished = false;
        const feed = (): void => {
          if (next >= jobs.length) {
            finished = true;
            void worker.terminate().then(() => {
              resolve();
            });
            return;
          }
          const index = next;
          next += 1;
          worker.postMessage({ index, job: jobs[index] });
        };
        worker.on('message', (m: ResearchWorkerMessage) => {
          outcomes[m.index] =
            m.kind === 'done'
              ? { ok: true, result: m.result as JobResult<J> }
              : { ok: false, message: m.message };
          done += 1;
          o.onDone?.(done);
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (!finished)
            reject(new Error(`research worker exited with code ${code} before its jobs were done`));
        });
        feed();
      });
    }),
  );
  return outcomes.map((x, k) => x ?? { ok: false, message: `job ${k} produced no result` });
}
