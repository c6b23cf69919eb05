/**
 * @module The doctor's daemon checks, read off `strikeline status`'s report (jobs/ops/status.ts): running (one per
 * root: it holds the root's lock), authenticated, streams up, its last heartbeat and coverage audit, every position
 * covered by a stop; and the kill switch's directory writable, so `strikeline halt` works when it is needed.
 */
import type { StatusReport } from '../ops/status.ts';
import { checksOf, type DoctorCheck } from './doctor-check.ts';

const c = checksOf('daemon');

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

function runningChecks(r: StatusReport): DoctorCheck[] {
  const d = r.daemon;
  const fix =
    'start it: sudo systemctl start strikeline (or deploy/tmux.sh); journalctl -u strikeline says why it stopped';
  if (d === null || !d.running) {
    const why = `the daemon is not running (${r.health.reason})`;
    return [
      c.fail('daemon.running', `${r.health.reason}: no position is protected by it`, fix),
      ...['daemon.authenticated', 'daemon.streams', 'daemon.last_contact'].map((id) =>
        c.notChecked(id, why),
      ),
    ];
  }
  const running = c.ok(
    'daemon.running',
    `pid ${d.pid}, the only daemon on this root (it holds the root's lock), up since ${new Date(d.tsStarted).toISOString()}`,
  );
  const authenticated =
    d.credentials === 'accepted'
      ? c.ok('daemon.authenticated', 'the broker accepted its credentials')
      : d.credentials === 'refused'
        ? c.fail(
            'daemon.authenticated',
            `the broker refused its credentials${d.failure === null ? '' : `: ${d.failure}`}`,
            'correct the keys in .env, then restart the daemon',
          )
        : c.warn(
            'daemon.authenticated',
            'no answer from the broker yet (starting, or the broker unreachable)',
            'wait a minute and run strikeline doctor again',
          );
  const down = (['trading', 'market'] as const).filter((s) => d.streams[s] !== 'up');
  const streams =
    down.length === 0
      ? c.ok('daemon.streams', 'trading and market streams up')
      : c.fail(
          'daemon.streams',
          `${down.join(' and ')} stream down: fills and prices do not reach it`,
          'see logs/ for the reconnects; safety mode flattens if it lasts (docs/operations.md)',
        );
  const audit =
    d.tsLastAudit === null
      ? 'no coverage audit completed yet'
      : `last coverage audit at ${new Date(d.tsLastAudit).toISOString()} (broker clock)`;
  const lastContact =
    d.tsLastAudit === null
      ? c.warn(
          'daemon.last_contact',
          `heartbeat ${seconds(d.heartbeatAgeMs)} ago; ${audit}`,
          'wait for its first audit (one timer interval), then run strikeline doctor again',
        )
      : c.ok('daemon.last_contact', `heartbeat ${seconds(d.heartbeatAgeMs)} ago; ${audit}`);
  return [running, authenticated, streams, lastContact];
}

function positionsCheck(r: StatusReport): DoctorCheck {
  if (r.brokerError !== null)
    return c.notChecked(
      'daemon.positions',
      `the broker could not list the positions: ${r.brokerError}`,
    );
  if (r.unprotected.length > 0)
    return c.fail(
      'daemon.positions',
      `not covered by a stop: ${r.unprotected.join(', ')}`,
      'start the daemon (it places the stops), or protect them by hand; strikeline status shows each one',
    );
  const orphans =
    r.orphanOrders.length > 0
      ? `; ${r.orphanOrders.length} sell order(s) of symbols not held (the audit cancels them)`
      : '';
  return c.ok(
    'daemon.positions',
    r.positions.length === 0
      ? `no open positions${orphans}`
      : `${r.positions.length} position(s), each covered by a stop${orphans}`,
  );
}

export interface KillSwitchFacts {
  readonly dir: string;
  readonly whyNotWritable: string | null;
}

/** The kill switch's directory: writable, and whether a halt is in force (unknown when its file cannot be read). */
export function killSwitchCheck(
  k: KillSwitchFacts,
  state: StatusReport['killSwitch'] | undefined,
): DoctorCheck {
  if (k.whyNotWritable !== null)
    return c.fail(
      'killswitch.writable',
      `${k.dir} is not writable: strikeline halt could not stop trading (${k.whyNotWritable})`,
      `make ${k.dir} a directory owned by the account that runs strikeline`,
    );
  if (state?.halted === true) {
    const halt = state.file;
    return c.warn(
      'killswitch.writable',
      `${k.dir} writable; trading HALTED${halt === null ? ' (TRADING_DISABLED)' : ` since ${halt.ts} by ${halt.who}: ${halt.reason}`}`,
      'when it is safe: strikeline resume --ack "why"',
    );
  }
  return c.ok('killswitch.writable', `${k.dir} writable (strikeline halt can stop trading)`);
}

export function daemonChecks(r: StatusReport, killswitch: KillSwitchFacts): DoctorCheck[] {
  return [...runningChecks(r), positionsCheck(r), killSwitchCheck(killswitch, r.killSwitch)];
}
