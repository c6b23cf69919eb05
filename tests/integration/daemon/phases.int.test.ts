/**
 * The market-phase orchestrator in the daemon, on the simulator's clock (moved by its control API): a normal day
 * goes OVERNIGHT -> PRE_MARKET -> MARKET_OPEN -> TRADING -> MARKET_CLOSE -> AFTER_HOURS -> OVERNIGHT with each
 * phase's tasks journaled and recorded once, the phase in the status record and an OVERNIGHT checkpoint (old ones
 * pruned); an early close moves MARKET_CLOSE to 12:45 and the holiday after it has no phase but OVERNIGHT; across
 * the spring DST change PRE_MARKET begins at 06:30 New York; a daemon restarted mid-phase repeats no done task; the
 * kill switch stops every task.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dirCheckpoints } from '../../../src/adapters/checkpoints/dir-checkpoints.ts';
import { createFileKillSwitch } from '../../../src/adapters/killswitch/file-kill-switch.ts';
import { modelRegime } from '../../../src/cli/compose-phases.ts';
import type { MarketPhase } from '../../../src/domain/phases/market-phases.ts';
import { readDaemonStatus } from '../../../src/records/daemon-status.ts';
import type { DaemonOutput } from '../../../src/streams/daemon/daemon-stream.ts';
import type { PhaseEntered, TaskRan } from '../../../src/streams/phases/orchestrator-events.ts';
import { phaseRecords } from '../../../src/streams/phases/phase-records.ts';
import { waitFor } from '../../support/sim.ts';
import { startHarness, type Daemon, type Harness } from './daemon-harness.ts';

const DEADLINE_MS = 20_000;
const entered = (d: Daemon): PhaseEntered[] =>
  d.events.filter((e): e is PhaseEntered => e.kind === 'PhaseEntered');
const ran = (d: Daemon): TaskRan[] => d.events.filter((e): e is TaskRan => e.kind === 'TaskRan');
const isPhase = (phase: MarketPhase, day: string) => (e: DaemonOutput) =>
  e.kind === 'PhaseEntered' && e.phase === phase && e.day === day;

async function phaseDaemon(h: Harness, keepDays = 7): Promise<Daemon> {
  const daemon = h.startDaemon(
    {},
    {
      config: { phases: { cycle_ms: 100, checkpoint_keep_days: keepDays } },
      phases: (store) => ({
        checkpoints: dirCheckpoints(join(h.t.root, 'checkpoints'), store),
        regime: modelRegime(join(h.t.root, 'data')),
      }),
    },
  );
  await daemon.ready();
  return daemon;
}

/** Moves the simulator to `iso` and waits for the daemon to enter `phase` of `day`. */
async function reach(
  h: Harness,
  d: Daemon,
  iso: string,
  phase: MarketPhase,
  day: string,
): Promise<void> {
  await h.ctl.clock({ to: iso, quiet: true });
  await waitFor(
    () => d.events.some(isPhase(phase, day)),
    DEADLINE_MS,
    `${phase} of ${day} at ${iso}`,
  );
}

const taskDone = (d: Daemon, task: string, day: string) => () =>
  ran(d).find((r) => r.task === task && r.day === day && r.ok);

describe('the market-phase orchestrator on the simulator clock', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('a normal day: every phase in order, its tasks run once and journaled, the phase in status, an OVERNIGHT checkpoint', async () => {
    // 2024-05-01 06:00 New York: the overnight of April 30.
    h = await startHarness({ start: '2024-05-01T10:00:00Z' }, '2024-05-01T10:00:00Z');
    const old = join(h.t.root, 'checkpoints', '2024-04-20');
    const kept = join(h.t.root, 'checkpoints', '2024-04-25');
    mkdirSync(old, { recursive: true });
    mkdirSync(kept, { recursive: true });
    const d = await phaseDaemon(h);
    await waitFor(
      () => d.events.some(isPhase('OVERNIGHT', '2024-04-30')),
      DEADLINE_MS,
      'the overnight of April 30',
    );
    const first = await waitFor(
      taskDone(d, 'checkpoint', '2024-04-30'),
      DEADLINE_MS,
      'the checkpoint of April 30',
    );
    expect(first.data).toMatchObject({ fresh: true, removed: ['2024-04-20'] });
    expect(existsSync(join(h.t.root, 'checkpoints', '2024-04-30', 'data.mdb'))).toBe(true);
    expect([existsSync(old), existsSync(kept)]).toEqual([false, true]);

    await reach(h, d, '2024-05-01T10:30:05Z', 'PRE_MARKET', '2024-05-01');
    for (const task of ['connectivity', 'reconcile', 'regime'])
      await waitFor(taskDone(d, task, '2024-05-01'), DEADLINE_MS, task);
    expect(ran(d).find((r) => r.task === 'regime')?.detail).toContain('no regime model yet');
    await reach(h, d, '2024-05-01T13:30:05Z', 'MARKET_OPEN', '2024-05-01');
    await waitFor(
      taskDone(d, 'opening_conditions', '2024-05-01'),
      DEADLINE_MS,
      'the opening conditions',
    );
    await h.buy('AAPL', 3);
    const harness = h;
    await waitFor(
      async () => (await harness.position('AAPL')) === 3,
      DEADLINE_MS,
      'the buy filled',
    );
    await reach(h, d, '2024-05-01T13:35:05Z', 'TRADING', '2024-05-01');
    const watched = await waitFor(
      taskDone(d, 'monitor_positions', '2024-05-01'),
      DEADLINE_MS,
      'the positions watched',
    );
    expect(watched.data).toMatchObject({ held: 1 });
    await reach(h, d, '2024-05-01T19:45:05Z', 'MARKET_CLOSE', '2024-05-01');
    await waitFor(taskDone(d, 'day_pnl', '2024-05-01'), DEADLINE_MS, 'the day P/L');
    await reach(h, d, '2024-05-01T20:00:05Z', 'AFTER_HOURS', '2024-05-01');
    await reach(h, d, '2024-05-01T22:00:05Z', 'OVERNIGHT', '2024-05-01');
    await waitFor(taskDone(d, 'checkpoint', '2024-05-01'), DEADLINE_MS, 'the checkpoint of May 1');

    expect(entered(d).map((e) => `${e.phase} ${e.day}`)).toEqual([
      'OVERNIGHT 2024-04-30',
      'PRE_MARKET 2024-05-01',
      'MARKET_OPEN 2024-05-01',
      'TRADING 2024-05-01',
      'MARKET_CLOSE 2024-05-01',
      'AFTER_HOURS 2024-05-01',
      'OVERNIGHT 2024-05-01',
    ]);
    // Once-tasks ran once each, however many cycles saw their phase; each is recorded and journaled.
    const onceTasks = ran(d).filter((r) =>
      [
        'connectivity',
        'reconcile',
        'regime',
        'opening_conditions',
        'day_pnl',
        'checkpoint',
      ].includes(r.task),
    );
    expect(onceTasks.map((r) => `${r.task} ${r.day}`).sort()).toEqual([
      'checkpoint 2024-04-30',
      'checkpoint 2024-05-01',
      'connectivity 2024-05-01',
      'day_pnl 2024-05-01',
      'opening_conditions 2024-05-01',
      'reconcile 2024-05-01',
      'regime 2024-05-01',
    ]);
    expect(
      phaseRecords(d.store)
        .ofDay('2024-05-01')
        .map((r) => `${r.phase} ${r.task} ${r.status}`),
    ).toEqual([
      'MARKET_CLOSE day_pnl done',
      'MARKET_OPEN opening_conditions done',
      'OVERNIGHT checkpoint done',
      'PRE_MARKET connectivity done',
      'PRE_MARKET reconcile done',
      'PRE_MARKET regime done',
    ]);
    const journal = d.store.journal.list().filter((j) => j.actor === 'orchestrator');
    expect(journal.filter((j) => j.action === 'phase_entered')).toHaveLength(7);
    expect(journal.filter((j) => j.action === 'task_ran').map((j) => j.data?.['task'])).toEqual(
      expect.arrayContaining(['connectivity', 'day_pnl', 'checkpoint']),
    );
    // The status record is written behind the events: wait for it.
    const overnight = () => {
      const p = readDaemonStatus(d.store)?.phase;
      return p?.phase === 'OVERNIGHT' && p.day === '2024-05-01' ? p : undefined;
    };
    const phase = await waitFor(overnight, DEADLINE_MS, 'the phase in status');
    expect(phase).toMatchObject({
      phase: 'OVERNIGHT',
      day: '2024-05-01',
      tsStart: Date.parse('2024-05-01T22:00:00Z'),
    });
  });

  it('an early close and the holiday after it: MARKET_CLOSE at 12:45, OVERNIGHT from 15:00 through July 4', async () => {
    // 2024-07-03 12:40 New York (EDT): trading, five minutes before an early close's MARKET_CLOSE.
    h = await startHarness({ start: '2024-07-03T16:40:00Z' }, '2024-07-03T16:40:00Z');
    const d = await phaseDaemon(h);
    await waitFor(
      () => d.events.some(isPhase('TRADING', '2024-07-03')),
      DEADLINE_MS,
      'trading on July 3',
    );
    await reach(h, d, '2024-07-03T16:45:05Z', 'MARKET_CLOSE', '2024-07-03');
    await reach(h, d, '2024-07-03T17:00:05Z', 'AFTER_HOURS', '2024-07-03');
    await reach(h, d, '2024-07-03T19:00:05Z', 'OVERNIGHT', '2024-07-03');
    // July 4 at 10:00 New York: the holiday has no session, so the overnight of July 3 goes on.
    await h.ctl.clock({ to: '2024-07-04T14:00:00Z', quiet: true });
    await h.ctl.clock({ to: '2024-07-05T10:30:05Z', quiet: true });
    await waitFor(
      () => d.events.some(isPhase('PRE_MARKET', '2024-07-05')),
      DEADLINE_MS,
      'pre-market of July 5',
    );
    expect(entered(d).map((e) => `${e.phase} ${e.day}`)).toEqual([
      'TRADING 2024-07-03',
      'MARKET_CLOSE 2024-07-03',
      'AFTER_HOURS 2024-07-03',
      'OVERNIGHT 2024-07-03',
      'PRE_MARKET 2024-07-05',
    ]);
  });

  it('across the spring DST change PRE_MARKET begins at 06:30 New York (10:30Z); a restart repeats no done task; the kill switch stops every task', async () => {
    // Monday 2024-03-11 06:29 EDT (10:29Z): still the overnight of Friday March 8, which began at 18:00 EST.
    h = await startHarness({ start: '2024-03-11T10:29:00Z' }, '2024-03-11T10:29:00Z');
    const first = await phaseDaemon(h);
    await waitFor(
      () => first.events.some(isPhase('OVERNIGHT', '2024-03-08')),
      DEADLINE_MS,
      'the overnight of March 8',
    );
    expect(entered(first)[0]?.tsStart).toBe(Date.parse('2024-03-08T23:00:00Z'));
    await reach(h, first, '2024-03-11T10:30:05Z', 'PRE_MARKET', '2024-03-11');
    expect(entered(first).at(-1)?.tsStart).toBe(Date.parse('2024-03-11T10:30:00Z'));
    for (const task of ['connectivity', 'reconcile', 'regime'])
      await waitFor(taskDone(first, task, '2024-03-11'), DEADLINE_MS, task);

    // A restart in the same phase does not repeat its done tasks: they are recorded in LMDB. The tasks a cycle
    // runs come out with its PhaseEntered, so once that is seen, the first cycle's runs are all there.
    await first.stop();
    const d = await phaseDaemon(h);
    await waitFor(
      () => d.events.some(isPhase('PRE_MARKET', '2024-03-11')),
      DEADLINE_MS,
      'the restarted daemon in PRE_MARKET',
    );
    expect(ran(d)).toEqual([]);

    createFileKillSwitch({
      path: join(h.t.root, 'killswitch', 'HALT'),
      tradingDisabled: false,
    }).engage('test: halt the phase tasks');
    await waitFor(
      () => d.events.some((e) => e.kind === 'TasksHalted' && e.halted),
      DEADLINE_MS,
      'the tasks halted',
    );
    const before = ran(d).length;
    // The open passes while halted: no phase is entered and no task runs.
    await h.ctl.clock({ to: '2024-03-11T13:30:05Z', quiet: true });
    await h.ctl.clock({ to: '2024-03-11T13:35:05Z', quiet: true });
    await waitFor(
      () => (readDaemonStatus(d.store)?.mode === 'halted' ? true : undefined),
      DEADLINE_MS,
      'the daemon halted',
    );
    expect(ran(d)).toHaveLength(before);
    expect(entered(d).map((e) => e.phase)).toEqual(['PRE_MARKET']);
    expect(
      d.store.journal.list().some((j) => j.actor === 'orchestrator' && j.action === 'tasks_halted'),
    ).toBe(true);
  });
});
