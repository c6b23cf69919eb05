/**
 * @module The worker side of a parallel scan: unpacks the shared market, waits for the main thread's
 * cross-sectional data, scans its share of the universe and posts each ticker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanMarket } from '../scan/scan-market.ts';
import { unpackMarket } from './shared-market.ts';
import type { SharedMessage, WorkerInput, WorkerMessage } from './worker-protocol.ts';

const input = workerData as WorkerInput;
const market = unpackMarket(input.market);
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
parentPort?.once('message', (m: SharedMessage) => {
  const result = scanMarket(
    market,
    input.names,
    input.settings,
    input.options,
    input.symbols,
    (scan) => {
      post({ kind: 'ticker', scan });
    },
    m.shared,
  );
  post({ kind: 'done', unavailable: result.unavailable });
});
