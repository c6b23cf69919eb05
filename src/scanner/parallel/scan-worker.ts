/**
 * @module The worker side of a parallel scan. It starts while the main thread loads the bars, then receives the
 * market (in shared memory), claims symbols until none is left (claims.ts) and posts each ticker. The strategies
 * that read no scan-wide data start at once; those that do (pairs, ranks, regimes) run once the main thread has
 * sent that data, which it computes meanwhile: until then each ticker runs only the first kind and waits, and
 * every ticker after the data arrives runs whole.
 */
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { readsShared, runnableStrategies, strategyContext } from '../scan/scan-market.ts';
import { runOutcomes, tickerResult, type PartialOutcomes } from '../scan/ticker-scan.ts';
import type { Series } from '../series.ts';
import { claimed } from './claims.ts';
import { unpackMarket } from './shared-market.ts';
import type { MainMessage, WorkerInput, WorkerMessage } from './worker-protocol.ts';

const port = parentPort as MessagePort;
const post = (m: WorkerMessage): void => {
  port.postMessage(m);
};

// Messages the event loop delivered, in order; the scan's loop, which never yields, takes the rest from the port.
const inbox: MainMessage[] = [];
let wake: (() => void) | undefined;
port.on('message', (m: MainMessage) => {
  inbox.push(m);
  wake?.();
});
const take = (): MainMessage | undefined =>
  inbox.shift() ?? (receiveMessageOnPort(port)?.message as MainMessage | undefined);
async function next(): Promise<MainMessage> {
  for (;;) {
    const m = take();
    if (m !== undefined) return m;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
}

function expect<K extends MainMessage['kind']>(
  m: MainMessage,
  kind: K,
): Extract<MainMessage, { kind: K }> {
  if (m.kind !== kind) throw new Error(`scan worker: expected a ${kind} message, got ${m.kind}`);
  return m as Extract<MainMessage, { kind: K }>;
}

const input: WorkerInput = expect(await next(), 'market').input;
const market = unpackMarket(input.market);
const shared = new Map<string, unknown>();
const ctx = strategyContext(market, input.settings, shared);
const { run, unavailable } = runnableStrategies(input.names, ctx, input.options.candidates);

let received = false;
const receive = (m: MainMessage): void => {
  for (const [key, value] of expect(m, 'shared').shared) shared.set(key, value);
  received = true;
};
/** Takes the scan-wide data if it has arrived, without waiting. */
const hasShared = (): boolean => {
  if (!received) {
    const m = take();
    if (m !== undefined) receive(m);
  }
  return received;
};

const waiting: Array<{ series: Series; outcomes: PartialOutcomes }> = [];
const finish = (series: Series, outcomes: PartialOutcomes): void => {
  const all = runOutcomes(series, run, ctx, input.options, () => true, outcomes);
  post({ kind: 'ticker', scan: tickerResult(series, all, input.options) });
};
for (const symbol of claimed(input.symbols, input.claims)) {
  const series = market.series.get(symbol);
  if (series === undefined || series.close.length === 0) continue;
  if (hasShared()) finish(series, []);
  else
    waiting.push({
      series,
      outcomes: runOutcomes(series, run, ctx, input.options, (s) => !readsShared(s)),
    });
}
if (!hasShared()) receive(await next());
for (const w of waiting) finish(w.series, w.outcomes);
post({ kind: 'done', unavailable });
