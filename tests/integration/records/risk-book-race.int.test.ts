/**
 * The one trading state under two writers (`trade` and the daemon are two processes on one LMDB directory): every
 * order outcome either counts is in the book afterwards, whatever the interleaving. Real LMDB, real processes.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fc, it as fcIt } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import type { OrderOutcomeKind } from '../../../src/domain/rules/risk/order-breakers.ts';
import { silentLogger } from '../../../src/domain/silent-logger.ts';
import { recordOrderOutcome } from '../../../src/procedures/record-order-outcome.ts';
import { readRiskBook } from '../../../src/records/risk-state.ts';
import { SEED_LIMITS } from '../../support/risk-limits.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const DAY = '2024-05-01';
const temp = makeTempRoot();
afterAll(() => {
  temp.cleanup();
});

function writer(dir: string, actor: string, outcomes: readonly OrderOutcomeKind[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = join(import.meta.dirname, '../../support/risk-book-writer.ts');
    execFile(
      process.execPath,
      ['--import', 'tsx', script, dir, actor, outcomes.join(',')],
      (e, _stdout, stderr) => {
        if (e) reject(new Error(`${e.message}\n${stderr}`));
        else resolve();
      },
    );
  });
}

const counts = (outcomes: readonly OrderOutcomeKind[]) => ({
  sent: outcomes.length,
  rejected: outcomes.filter((o) => o === 'rejected').length,
});
const limits = {
  ...SEED_LIMITS,
  killConsecutiveFailures: 1_000_000,
  killRejectionMinCount: 1_000_000,
};
const outcome = fc.constantFrom<OrderOutcomeKind>('accepted', 'rejected', 'unknown');
let runs = 0;

describe('the trading state written by two processes at once', { timeout: 120_000 }, () => {
  it('trade and the daemon counting orders at the same moment lose none of them', async () => {
    const dir = join(temp.root, 'processes');
    const trade = Array.from({ length: 150 }, (_, i): OrderOutcomeKind =>
      i % 3 === 0 ? 'rejected' : 'accepted',
    );
    const daemon = Array.from({ length: 150 }, (_, i): OrderOutcomeKind =>
      i % 5 === 0 ? 'rejected' : 'accepted',
    );
    await Promise.all([writer(dir, 'trade', trade), writer(dir, 'daemon', daemon)]);
    const store = openStore(dir);
    expect(readRiskBook(store, DAY).orders).toMatchObject(counts([...trade, ...daemon]));
    await store.close();
  });

  // Two stores on one directory, their writes interleaved as fast-check schedules them: the sum is always exact.
  fcIt.prop(
    [fc.array(fc.tuple(fc.boolean(), outcome), { minLength: 1, maxLength: 40 }), fc.scheduler()],
    { numRuns: 25 },
  )('any interleaving of two writers keeps every count', async (writes, s) => {
    runs += 1;
    const dir = join(temp.root, `interleaved-${runs}`);
    const [a, b] = [openStore(dir), openStore(dir)];
    const deps = (store: typeof a, actor: string) => ({
      store,
      mailer: { alert: async () => {} },
      events: { emit: () => {} },
      log: silentLogger,
      actor,
      limits,
      day: DAY,
      now: 0,
    });
    try {
      const done = Promise.all(
        writes.map(([byTrade, kind]) =>
          s
            .schedule(Promise.resolve())
            .then(() =>
              recordOrderOutcome(
                kind,
                undefined,
                deps(byTrade ? a : b, byTrade ? 'trade' : 'daemon'),
              ),
            ),
        ),
      );
      await s.waitIdle();
      await done;
      expect(readRiskBook(a, DAY).orders).toMatchObject(counts(writes.map(([, k]) => k)));
    } finally {
      await a.close();
      await b.close();
    }
  });
});
