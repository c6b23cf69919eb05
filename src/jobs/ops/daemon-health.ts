/**
 * @module Whether the daemon protects right now, as `strikeline status` judges it: running (its heartbeat is fresh,
 * its pid alive, it holds the root's lock), authenticated, and both streams up. Anything else names what is wrong.
 */
import type { DaemonStatus } from '../../records/daemon-status.ts';

export type HealthState =
  'healthy' | 'not running' | 'heartbeat stale' | 'not authenticated' | 'streams down';

export interface DaemonHealth {
  /** True only when the daemon runs, the broker accepted its credentials and both streams are up. */
  readonly ok: boolean;
  readonly state: HealthState;
  /** One line saying why, for people. */
  readonly reason: string;
}

/** What is known about the root's lock: held (with the holder's pid when it answered), free, or not looked at. */
export type LockView =
  { readonly held: false } | { readonly held: true; readonly pid: number | null };

export interface HealthInput {
  readonly record: DaemonStatus | undefined;
  readonly lock: LockView;
  readonly pidAlive: boolean;
  readonly heartbeatAgeMs: number;
  readonly staleMs: number;
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;
const sick = (state: Exclude<HealthState, 'healthy'>, reason: string): DaemonHealth => ({
  ok: false,
  state,
  reason,
});

/** Why the daemon is not running, when it is not; undefined when it runs. */
function notRunning(input: HealthInput, record: DaemonStatus): string | undefined {
  const { lock } = input;
  if (record.stopped === true && !lock.held)
    return record.failure === undefined
      ? 'the daemon was stopped'
      : `the daemon exited: ${record.failure}`;
  if (!lock.held)
    return input.pidAlive
      ? `no daemon holds the root (pid ${record.pid} is some other process)`
      : `the daemon (pid ${record.pid}) is gone`;
  if (lock.pid !== null && lock.pid !== record.pid)
    return `pid ${lock.pid} holds the root but has not reported yet (starting)`;
  if (!input.pidAlive) return `the daemon (pid ${record.pid}) is gone`;
  return undefined;
}

export function daemonHealth(input: HealthInput): DaemonHealth {
  const { record } = input;
  if (record === undefined) {
    return sick(
      'not running',
      input.lock.held
        ? `pid ${input.lock.pid ?? '?'} holds the root but has not reported yet (starting)`
        : 'the daemon never ran on this root',
    );
  }
  // A refusal is the root cause whether the daemon is still exiting or gone (and being restarted by systemd).
  if (record.credentials === 'refused')
    return sick('not authenticated', record.failure ?? 'the broker refused the credentials');
  const down = notRunning(input, record);
  if (down !== undefined) return sick('not running', down);
  if (input.heartbeatAgeMs > input.staleMs) {
    return sick(
      'heartbeat stale',
      `pid ${record.pid} holds the root but its last heartbeat is ${seconds(input.heartbeatAgeMs)} old (hung?)`,
    );
  }
  if (record.credentials !== 'accepted')
    return sick(
      'not authenticated',
      'the broker has not accepted the credentials yet (unreachable, or still connecting)',
    );
  const streams = (['trading', 'market'] as const).filter((s) => record.streams[s] !== 'up');
  if (streams.length > 0)
    return sick(
      'streams down',
      `${streams.join(' and ')} stream${streams.length > 1 ? 's' : ''} down`,
    );
  return { ok: true, state: 'healthy', reason: 'running, authenticated, both streams up' };
}
