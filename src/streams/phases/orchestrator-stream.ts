/**
 * @module The daemon's orchestrator (seed 001's DailyOrchestrator), beside the protection stream: every cycle it
 * checks the kill switch (a halt stops every task), places the day on the broker's calendar (the market phase, from
 * the broker-synced clock), and runs the tasks of the phase that are due: once-tasks once per trading day (recorded
 * in LMDB, retried after a failure), periodic ones at their interval. Every run is journaled or counted; a task that
 * throws fails alone.
 */
import {
  catchError,
  defer,
  exhaustMap,
  finalize,
  from,
  mergeMap,
  of,
  takeUntil,
  timer,
  type Observable,
} from 'rxjs';
import type { Config } from '../../config/schema.ts';
import { phaseAt, type PhaseOptions, type PhaseWindow } from '../../domain/phases/market-phases.ts';
import type { Deps } from '../deps.ts';
import type { OrchestratorEvent, PhaseEntered, TaskRan } from './orchestrator-events.ts';
import { phaseRecords, taskKey, type PhaseRecords } from './phase-records.ts';
import type { PhaseTask, TaskRegistry, TaskResult } from './phase-task.ts';
import { sessionCalendar } from './session-calendar.ts';
import type { InFlight } from '../in-flight.ts';

export interface OrchestratorOptions {
  readonly tasks: TaskRegistry;
  /** False until the daemon's clock follows the broker's: no phase is placed on a guess. */
  readonly synced?: () => boolean;
  /** Tracks each cycle, which runs on after an unsubscribe until its current task ends (the daemon waits for it). */
  readonly inFlight?: InFlight;
}

const MINUTE_MS = 60_000;

export const phaseOptionsOf = (p: Config['phases']): PhaseOptions => ({
  preMarketStart: p.pre_market_start,
  openingMs: p.opening_min * MINUTE_MS,
  closingMs: p.closing_min * MINUTE_MS,
  afterHoursMs: p.after_hours_min * MINUTE_MS,
});

interface CycleState {
  current: PhaseWindow | null;
  halted: boolean;
  /** Periodic tasks' last run, and once-tasks' earliest retry, by task key. */
  readonly lastRun: Map<string, number>;
  readonly retryAt: Map<string, number>;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function orchestratorStream(
  deps: Deps,
  options: OrchestratorOptions,
): Observable<OrchestratorEvent> {
  return defer(() => {
    const log = deps.log.child({ component: 'orchestrator' });
    const phaseOptions = phaseOptionsOf(deps.config.phases);
    const records = phaseRecords(deps.store);
    const calendar = sessionCalendar(deps.broker);
    const state: CycleState = {
      current: null,
      halted: false,
      lastRun: new Map(),
      retryAt: new Map(),
    };
    let subscribed = true;
    const journal = (
      action: string,
      reason: string,
      data: Record<string, unknown>,
    ): Promise<void> =>
      deps.store.journal.append({
        ts: deps.clock.now(),
        actor: 'orchestrator',
        action,
        reason,
        data,
      });

    const haltCheck = async (): Promise<OrchestratorEvent[]> => {
      const halted = deps.killSwitch.isHalted();
      if (halted === state.halted) return [];
      state.halted = halted;
      const reason = halted
        ? 'kill switch engaged: every phase task stops'
        : 'kill switch released: phase tasks resume';
      log.warn({ halted }, reason);
      await journal(halted ? 'tasks_halted' : 'tasks_resumed', reason, {});
      return [{ kind: 'TasksHalted', halted, tsEvent: deps.clock.now() }];
    };

    const enter = async (w: PhaseWindow): Promise<PhaseEntered[]> => {
      if (state.current?.phase === w.phase && state.current.day === w.day) return [];
      state.current = w;
      const e: PhaseEntered = {
        kind: 'PhaseEntered',
        phase: w.phase,
        day: w.day,
        tsStart: w.tsStart,
        tsEnd: w.tsEnd,
        tsEntered: deps.clock.now(),
      };
      log.info({ phase: w.phase, day: w.day }, 'market phase entered');
      await journal('phase_entered', `${w.phase} of ${w.day}`, {
        phase: w.phase,
        day: w.day,
        tsStart: w.tsStart,
        tsEnd: w.tsEnd,
      });
      return [e];
    };

    const cycle = async (): Promise<OrchestratorEvent[]> => {
      const events: OrchestratorEvent[] = await haltCheck();
      if (state.halted || options.synced?.() === false) return events;
      const now = deps.clock.now();
      const w = phaseAt(now, await calendar.around(now), phaseOptions);
      events.push(...(await enter(w)));
      if (w.day === '') return events;
      for (const task of options.tasks[w.phase]) {
        // Checked before every task too: a halt (or the daemon's stop) during a long cycle stops the rest of it.
        if (!subscribed || deps.killSwitch.isHalted()) break;
        if (!isDue(task, w, deps.clock.now(), state, records)) continue;
        events.push(await runTask(task, w, { deps, records, state, journal, log }));
      }
      return events;
    };

    return timer(0, deps.config.phases.cycle_ms).pipe(
      exhaustMap(() =>
        defer(() =>
          options.inFlight === undefined ? cycle() : options.inFlight.track(cycle()),
        ).pipe(
          catchError((e: unknown) => {
            log.error({ err: message(e) }, 'orchestrator cycle failed');
            return of([]);
          }),
        ),
      ),
      mergeMap((events) => from(events)),
      takeUntil(deps.shutdown$),
      finalize(() => {
        subscribed = false;
      }),
    );
  });
}

function isDue(
  task: PhaseTask,
  w: PhaseWindow,
  now: number,
  state: CycleState,
  records: PhaseRecords,
): boolean {
  const key = taskKey(w.day, w.phase, task.name);
  if (task.cadence.kind === 'every')
    return now >= (state.lastRun.get(key) ?? -Infinity) + task.cadence.everyMs;
  if (records.get(w.day, w.phase, task.name)?.status === 'done') return false;
  return now >= (state.retryAt.get(key) ?? -Infinity);
}

interface RunContext {
  readonly deps: Deps;
  readonly records: PhaseRecords;
  readonly state: CycleState;
  readonly journal: (
    action: string,
    reason: string,
    data: Record<string, unknown>,
  ) => Promise<void>;
  readonly log: Deps['log'];
}

async function runTask(task: PhaseTask, w: PhaseWindow, c: RunContext): Promise<TaskRan> {
  const tsStart = c.deps.clock.now();
  let result: TaskResult;
  try {
    result = await task.run({ window: w, now: tsStart });
  } catch (e) {
    result = { ok: false, detail: `failed: ${message(e)}` };
  }
  const key = taskKey(w.day, w.phase, task.name);
  const ran: TaskRan = {
    kind: 'TaskRan',
    phase: w.phase,
    day: w.day,
    task: task.name,
    ok: result.ok,
    detail: result.detail,
    tsStart,
    durationMs: c.deps.clock.now() - tsStart,
    ...(result.data === undefined ? {} : { data: result.data }),
  };
  const fields = { phase: w.phase, day: w.day, task: task.name, ok: result.ok, ...result.data };
  if (task.cadence.kind === 'every') {
    const failedBefore = c.state.lastRun.has(`${key}|failed`);
    c.state.lastRun.set(key, tsStart);
    if (result.ok) c.state.lastRun.delete(`${key}|failed`);
    else c.state.lastRun.set(`${key}|failed`, tsStart);
    // Routine runs are counted in the log; what decided something, and a first failure, are journaled.
    if (result.notable === true || (!result.ok && !failedBefore))
      await c.journal(result.ok ? 'task_ran' : 'task_failed', result.detail, fields);
    c.log.debug(fields, `${task.name}: ${result.detail}`);
    return ran;
  }
  const previous = c.records.get(w.day, w.phase, task.name);
  const attempts = (previous?.attempts ?? 0) + 1;
  await c.records.put({
    day: w.day,
    phase: w.phase,
    task: task.name,
    status: result.ok ? 'done' : 'failed',
    attempts,
    tsFirst: previous?.tsFirst ?? tsStart,
    tsLast: tsStart,
    detail: result.detail,
  });
  if (!result.ok) c.state.retryAt.set(key, tsStart + task.cadence.retryMs);
  if (result.ok || attempts === 1)
    await c.journal(result.ok ? 'task_ran' : 'task_failed', result.detail, { ...fields, attempts });
  if (result.ok) c.log.info(fields, `${task.name}: ${result.detail}`);
  else c.log.warn({ ...fields, attempts }, `${task.name} failed: ${result.detail}`);
  return ran;
}
