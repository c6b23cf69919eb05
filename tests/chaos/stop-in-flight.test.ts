/**
 * A stop that lands while the risk authority waits on the broker: the daemon ends only once that evaluation has
 * finished, so it never reads the LMDB the stop then closes (found by chaos-b under load: "Attempt to reset an
 * invalid read txn" after a stop+restart). Virtual time, a slow wire: each answer takes a second to come back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../src/adapters/store/lmdb-store.ts';
import { nyDate } from '../../src/domain/time/ny-dates.ts';
import { readRiskBook } from '../../src/records/risk-state.ts';
import { startVirtualHarness, type VirtualHarness } from '../support/virtual-daemon.ts';

let h: VirtualHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const logLines = (root: string): Array<{ msg?: string; err?: string; level?: number | string }> =>
  readdirSync(join(root, 'logs'))
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) =>
      readFileSync(join(root, 'logs', f), 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    )
    .map((l) => JSON.parse(l) as { msg?: string; err?: string });

it('waits for the risk evaluation in flight before the store closes', async () => {
  // The risk evaluation asks for the account and the clock together (the guard and the audits ask otherwise).
  const evaluationsAsked: number[] = [];
  let accountAt = -1;
  h = await startVirtualHarness({
    wire: {
      latencyMs: 500,
      rest: (req, forward) => {
        if (req.method === 'GET' && req.url.startsWith('/v2/account')) accountAt = Date.now();
        if (req.method === 'GET' && req.url.startsWith('/v2/clock') && accountAt === Date.now())
          evaluationsAsked.push(accountAt);
        return forward();
      },
    },
  });
  const d = h.startDaemon();
  for (let i = 0; i < 200 && !d.events.some((e) => e.kind === 'Ready'); i += 1)
    await h.advance(100);
  expect(d.events.some((e) => e.kind === 'Ready')).toBe(true);
  // The next risk evaluation (after the next coverage audit): stop the moment its requests arrive.
  const asked = evaluationsAsked.length;
  for (let i = 0; i < 10_000 && evaluationsAsked.length === asked; i += 1) await h.advance(10);
  expect(evaluationsAsked.length).toBeGreaterThan(asked);
  const measuredBefore = readRiskBook(d.store, nyDate(Date.now())).equity?.ts;
  const stopped = { done: false };
  const stopping = d.stop().finally(() => {
    stopped.done = true;
  });
  // Its answer is half a second away: the stop waits for it (virtual time moves on meanwhile).
  for (let i = 0; i < 1_000 && !stopped.done; i += 1) await h.advance(10);
  await stopping;
  const failures = logLines(h.root).filter((l) =>
    /risk evaluation failed|orchestrator cycle failed/.test(l.msg ?? ''),
  );
  expect(failures.map((l) => l.err)).toEqual([]);
  // The evaluation in flight finished and was written before the store closed.
  const store = openStore(join(h.root, 'state'));
  try {
    const measuredAfter = readRiskBook(store, nyDate(Date.now())).equity?.ts;
    expect(measuredAfter).toBeGreaterThan(measuredBefore ?? -Infinity);
  } finally {
    await store.close();
  }
});
