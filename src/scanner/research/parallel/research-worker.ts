/**
 * @module The worker side of the research: unpacks the shared market once, then runs each job it is sent and
 * posts the result (or the failure, so one bad job never takes the night's research down).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { unpackMarket } from '../../parallel/shared-market.ts';
import { researchWorld, runResearchJob } from '../work/research-job.ts';
import type {
  JobMessage,
  ResearchWorkerInput,
  ResearchWorkerMessage,
} from './research-protocol.ts';

const input = workerData as ResearchWorkerInput;
const world = researchWorld(unpackMarket(input.market), input.settings, input.shared, input.env);
const post = (m: ResearchWorkerMessage): void => parentPort?.postMessage(m);

parentPort?.on('message', (m: JobMessage) => {
  try {
    post({ kind: 'done', index: m.index, result: runResearchJob(world, m.job) });
  } catch (e) {
    post({ kind: 'failed', index: m.index, message: e instanceof Error ? e.message : String(e) });
  }
});
