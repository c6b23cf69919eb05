/**
 * Refused credentials end the daemon (in-process, against the simulator): a wrong key at start; a key revoked
 * while it runs, found by the audits' REST calls, by the credentials probe when the broker is otherwise quiet, or
 * by the streams' refused re-login. Before, each of these left the daemon alive, idle and silent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BrokerError } from '../../../src/domain/broker-error.ts';
import { readDaemonStatus } from '../../../src/records/daemon-status.ts';
import { control, waitFor } from '../../support/sim.ts';
import { startHarness, type Daemon, type Harness } from './daemon-harness.ts';

/** The daemon's end within a generous deadline: its error, or a failure naming what did not happen. */
const failure = (daemon: Daemon, ms = 20_000): Promise<unknown> =>
  Promise.race([
    daemon.done.then(
      () => new Error('the daemon completed instead of failing'),
      (e: unknown) => e,
    ),
    new Promise((resolve) =>
      setTimeout(() => {
        resolve(new Error(`the daemon still ran after ${ms} ms`));
      }, ms).unref(),
    ),
  ]);

const ROTATED = { key: 'PKROTATED0001', secret: 'rotated-secret-0001' };
/** No audit or clock sync for ten minutes, the longest timer tick: only the credentials probe calls the broker. */
const QUIET = { audit_interval_ms: 600_000, clock_sync_ms: 600_000, timer_interval_ms: 60_000 };

describe('daemon with refused credentials', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('ends with the auth error when the key is wrong from the start, and places nothing', async () => {
    h = await startHarness();
    const daemon = h.startDaemon({}, { keyId: 'PKWRONG000001', secret: 'wrong-secret-000001' });
    const e = await failure(daemon);
    expect(e).toBeInstanceOf(BrokerError);
    expect(e).toMatchObject({
      kind: 'auth',
      message: 'broker refused the credentials: request is not authorized',
    });
    expect(daemon.events.map((x) => x.kind)).not.toContain('Ready');
    expect(daemon.events.map((x) => x.kind)).not.toContain('CredentialsAccepted');
    expect((await h.ctl.state()).open_orders).toEqual([]);
  });

  it('ends once the key is revoked while it runs (its next audit is refused)', async () => {
    h = await startHarness();
    const daemon = h.startDaemon();
    await daemon.ready();
    expect(daemon.events.some((x) => x.kind === 'CredentialsAccepted')).toBe(true);
    expect(readDaemonStatus(daemon.store)).toMatchObject({ credentials: 'accepted' });
    await h.ctl.faults({ kind: 'rotate_credentials', ...ROTATED });
    expect(await failure(daemon)).toMatchObject({ kind: 'auth' });
  });

  it('finds a revoked key through its probe when nothing else calls the broker', async () => {
    h = await startHarness();
    const daemon = h.startDaemon(QUIET, { options: { credentialsCheckMs: 300 } });
    await daemon.ready();
    await h.ctl.faults({ kind: 'rotate_credentials', ...ROTATED });
    expect(await failure(daemon)).toMatchObject({
      kind: 'auth',
      message: 'broker refused the credentials: request is not authorized',
    });
  });

  it('ends when a stream is refused on re-login, without waiting for REST', async () => {
    h = await startHarness();
    const daemon = h.startDaemon(QUIET, { options: { credentialsCheckMs: 600_000 } });
    await daemon.ready();
    // The risk authority's first evaluation (REST) done: after it nothing calls the broker until the next audit.
    await waitFor(
      () =>
        daemon.emitted.some(
          (e) => e.type === 'RECONCILIATION_CHECK' && e.fields.status !== undefined,
        ),
      10_000,
      'the first risk evaluation',
    );
    await h.ctl.faults({ kind: 'rotate_credentials', ...ROTATED });
    await control(h.t.sim, ROTATED).faults({ kind: 'drop_streams' });
    expect(await failure(daemon)).toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/stream refused the credentials/) as unknown,
    });
  });
});
