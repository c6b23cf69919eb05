/**
 * The tick (jobs/schedule/tick-job.ts) on a real LMDB store: a due job runs once however many ticks race for it,
 * a tick a little early waits for the minute, a job too late is recorded missed and alerted once, a run whose
 * process died is reported interrupted, a dry run changes nothing, --job keeps to one job, and a config time moves it.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema, type Config } from '../../../../src/config/schema.ts';
import { openStore } from '../../../../src/adapters/store/lmdb-store.ts';
import { nyToEpoch } from '../../../../src/domain/time/ny-time.ts';
import type { Alert } from '../../../../src/domain/ports.ts';
import type { ScheduledJob } from '../../../../src/domain/schedule/job-schedule.ts';
import { silentLogger } from '../../../../src/domain/silent-logger.ts';
import type { Store } from '../../../../src/domain/store.ts';
import { scheduleRecords } from '../../../../src/jobs/schedule/schedule-records.ts';
import { runTick, type TickDeps } from '../../../../src/jobs/schedule/tick-job.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';

const MINUTE = 60_000;

let root: { root: string; cleanup: () => void };
let store: Store;
beforeEach(() => {
  root = makeTempRoot('strikeline-tick-');
  store = openStore(join(root.root, 'state'));
});
afterEach(async () => {
  await store.close();
  root.cleanup();
});

interface World {
  readonly ran: ScheduledJob[];
  readonly alerts: Alert[];
  readonly slept: number[];
  deps(ts: number, extra?: Partial<TickDeps>): TickDeps;
}

function world(config: Config = configSchema.parse({}), exitCode = 0): World {
  const ran: ScheduledJob[] = [];
  const alerts: Alert[] = [];
  const slept: number[] = [];
  return {
    ran,
    alerts,
    slept,
    deps: (ts, extra = {}) => ({
      store,
      config,
      time: () => Promise.resolve({ ts, clock: 'broker' }),
      runJob: async (job) => {
        ran.push(job);
        await new Promise((resolve) => setImmediate(resolve));
        return exitCode;
      },
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
      wallNow: () => 0,
      isAlive: () => true,
      mailer: {
        alert: (a) => {
          alerts.push(a);
          return Promise.resolve();
        },
      },
      log: silentLogger,
      pid: 4242,
      dryRun: false,
      ...extra,
    }),
  };
}

/** Records the first tick early that morning, so the day's slots count. */
async function installed(w: World, day: string): Promise<void> {
  await runTick(w.deps(nyToEpoch(day, '00:01')));
}

describe('strikeline tick', () => {
  it('runs a due job once, whatever the number of ticks racing for it', async () => {
    const w = world();
    await installed(w, '2024-03-11');
    const at = nyToEpoch('2024-03-11', '09:35');
    const results = await Promise.all([
      runTick(w.deps(at)),
      runTick(w.deps(at + 10_000)),
      runTick(w.deps(at + MINUTE)),
    ]);
    expect(w.ran).toEqual(['trade']);
    expect(results.flat().filter((a) => a.action === 'run')).toEqual([
      expect.objectContaining({ job: 'trade', exitCode: 0 }),
    ]);
    expect(scheduleRecords(store).get('2024-03-11', 'trade')).toMatchObject({
      state: 'done',
      exitCode: 0,
      pid: 4242,
    });
    expect(await runTick(w.deps(at + 2 * MINUTE))).toEqual([]);
  });

  it('a tick a little early (the machine ahead of the broker) waits for the minute and runs it', async () => {
    const w = world();
    await installed(w, '2024-11-04');
    const at = nyToEpoch('2024-11-04', '06:00');
    await runTick(w.deps(at - 1_500));
    expect(w.slept).toEqual([1_500]);
    expect(w.ran).toEqual(['rank']);
    expect(scheduleRecords(store).get('2024-11-04', 'rank')?.tsStarted).toBe(at);
  });

  it('a job too late is recorded missed and alerted once; a failed one is alerted', async () => {
    const w = world(configSchema.parse({}), 1);
    await installed(w, '2024-05-01');
    const late = nyToEpoch('2024-05-01', '10:40');
    const first = await runTick(w.deps(late));
    expect(first.map((a) => [a.job, a.action])).toEqual([
      ['rank', 'missed'],
      ['trade', 'missed'],
    ]);
    expect(await runTick(w.deps(late + MINUTE))).toEqual([]);
    expect(w.alerts.map((a) => a.subject)).toEqual([
      'strikeline rank missed (2024-05-01 06:00)',
      'strikeline trade missed (2024-05-01 09:35)',
    ]);
    expect(w.ran).toEqual([]);
    await runTick(w.deps(nyToEpoch('2024-05-01', '16:05')));
    expect(w.ran).toEqual(['report']);
    expect(scheduleRecords(store).get('2024-05-01', 'report')).toMatchObject({
      state: 'failed',
      exitCode: 1,
    });
    expect(w.alerts.at(-1)?.subject).toBe('strikeline report failed (exit 1)');
  });

  it('max_late_min decides between late and missed', async () => {
    const w = world(configSchema.parse({ schedule: { max_late_min: 120 } }));
    await installed(w, '2024-05-01');
    await runTick(w.deps(nyToEpoch('2024-05-01', '10:40')));
    expect(w.ran).toEqual(['trade']);
    expect(scheduleRecords(store).get('2024-05-01', 'rank')?.state).toBe('missed');
  });

  it('the configured time moves the job, and research runs at its own time', async () => {
    const w = world(configSchema.parse({ schedule: { trade: '10:15', research: '17:00' } }));
    await installed(w, '2024-05-01');
    await runTick(w.deps(nyToEpoch('2024-05-01', '06:00')));
    await runTick(w.deps(nyToEpoch('2024-05-01', '09:35')));
    expect(w.ran).toEqual(['rank']);
    await runTick(w.deps(nyToEpoch('2024-05-01', '10:15')));
    await runTick(w.deps(nyToEpoch('2024-05-01', '16:30')));
    expect(w.ran).toEqual(['rank', 'trade', 'report']);
    await runTick(w.deps(nyToEpoch('2024-05-01', '17:00')));
    expect(w.ran).toEqual(['rank', 'trade', 'report', 'research']);
  });

  it('slots before the first tick are left alone', async () => {
    const w = world();
    expect(await runTick(w.deps(nyToEpoch('2024-03-11', '12:00')))).toEqual([]);
    await runTick(w.deps(nyToEpoch('2024-03-11', '16:05')));
    expect(w.ran).toEqual(['report']);
    expect(w.alerts).toEqual([]);
  });

  it('nothing runs on a weekend (New York days: Saturday 00:30 New York is Saturday 04:30 or 05:30 UTC)', async () => {
    const w = world();
    await installed(w, '2024-03-16');
    for (const day of ['2024-03-16', '2024-03-17']) {
      for (const t of ['06:00', '09:35', '16:05', '16:30', '20:00'])
        expect(await runTick(w.deps(nyToEpoch(day, t)))).toEqual([]);
    }
    expect(w.ran).toEqual([]);
    expect(w.alerts).toEqual([]);
  });

  it('a run whose tick died is reported interrupted once and not run again', async () => {
    const w = world();
    await installed(w, '2024-05-01');
    const records = scheduleRecords(store);
    await records.claim({
      job: 'scan',
      day: '2024-05-01',
      at: '20:00',
      tsDue: nyToEpoch('2024-05-01', '20:00'),
      state: 'running',
      clock: 'broker',
      tsStarted: nyToEpoch('2024-05-01', '20:00'),
      tsEnded: null,
      pid: 99_999,
      exitCode: null,
      detail: '',
    });
    const later = nyToEpoch('2024-05-01', '20:30');
    const actions = await runTick(w.deps(later, { isAlive: (pid) => pid !== 99_999 }));
    expect(actions.filter((a) => a.job === 'scan').map((a) => a.action)).toEqual(['interrupted']);
    expect(records.get('2024-05-01', 'scan')?.state).toBe('interrupted');
    expect(await runTick(w.deps(later + MINUTE, { isAlive: (pid) => pid !== 99_999 }))).toEqual([]);
    expect(w.ran).toEqual([]);
  });

  it('--dry-run records nothing; --job keeps to one job', async () => {
    const w = world();
    await installed(w, '2024-05-01');
    const at = nyToEpoch('2024-05-01', '09:35');
    expect((await runTick(w.deps(at, { dryRun: true }))).map((a) => [a.job, a.action])).toEqual([
      ['rank', 'missed'],
      ['trade', 'run'],
    ]);
    expect(scheduleRecords(store).ofDay('2024-05-01')).toEqual([]);
    expect(await runTick(w.deps(at, { only: 'report' }))).toEqual([]);
    await runTick(w.deps(at, { only: 'trade' }));
    expect(w.ran).toEqual(['trade']);
    expect(scheduleRecords(store).get('2024-05-01', 'rank')).toBeUndefined();
  });
});
