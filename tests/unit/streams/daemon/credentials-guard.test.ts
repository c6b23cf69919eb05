/**
 * The credentials guard over a scripted broker: a refusal confirmed by GET /v2/account is terminal; a lone refusal
 * the account read contradicts is logged and forgiven; a quiet broker is probed; the first accepted answer is told.
 */
import { lastValueFrom, take, timeout, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { BrokerError } from '../../../../src/domain/broker-error.ts';
import type { AccountReport } from '../../../../src/domain/account.ts';
import type { Broker, Logger } from '../../../../src/domain/ports.ts';
import { credentialsGuard } from '../../../../src/streams/daemon/credentials-guard.ts';
import { waitFor } from '../../../support/sim.ts';

const refused = () =>
  new BrokerError('auth', 'broker refused the credentials: request is not authorized', 401);
const account = {} as AccountReport;

/** A broker whose getAccount answers from a script (then repeats its last answer); listPositions always refuses. */
function scriptedBroker(
  answers: readonly ('ok' | 'refused' | 'down')[],
): Broker & { accountReads: () => number } {
  let reads = 0;
  const unused = () => Promise.reject(new Error('not used by this test'));
  return {
    accountReads: () => reads,
    getAccount: () => {
      const answer = answers[Math.min(reads, answers.length - 1)];
      reads += 1;
      if (answer === 'ok') return Promise.resolve(account);
      return Promise.reject(
        answer === 'refused' ? refused() : new BrokerError('transient', 'broker unreachable'),
      );
    },
    listPositions: () => Promise.reject(refused()),
    getClock: unused,
    getCalendar: unused,
    getAsset: unused,
    listOrders: unused,
    getOrder: unused,
    getOrderByClientId: unused,
    submitOrder: unused,
    cancelOrder: unused,
    cancelAllOrders: unused,
    closePosition: unused,
    closeAllPositions: unused,
    getBars: unused,
    getLatestPrices: unused,
    listFills: unused,
    getPortfolioHistory: unused,
  };
}

function recordingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const log: Logger & { warnings: string[] } = {
    warnings,
    info: () => undefined,
    debug: () => undefined,
    error: () => undefined,
    warn: (_obj, msg) => {
      warnings.push(msg);
    },
    child: () => log,
  };
  return log;
}

describe('credentialsGuard', () => {
  it('ends with the refusal once a read of the account is refused too', async () => {
    const broker = scriptedBroker(['refused']);
    const guard = credentialsGuard(broker, { checkMs: 60_000, log: recordingLog() });
    const ended = lastValueFrom(guard.watch$.pipe(timeout(5_000)));
    await expect(guard.broker.listPositions()).rejects.toMatchObject({ kind: 'auth' });
    await expect(ended).rejects.toMatchObject({ kind: 'auth', status: 401 });
  });

  it('forgives a lone refusal when the account still reads, and says the credentials are accepted', async () => {
    const broker = scriptedBroker(['ok']);
    const log = recordingLog();
    const guard = credentialsGuard(broker, { checkMs: 60_000, log });
    const seen = lastValueFrom(guard.watch$.pipe(take(1), timeout(5_000), toArray()));
    await expect(guard.broker.listPositions()).rejects.toMatchObject({ kind: 'auth' });
    await expect(guard.broker.getAccount()).resolves.toBe(account);
    expect(await seen).toEqual([{ kind: 'CredentialsAccepted' }]);
    expect(log.warnings).toEqual([
      'a request was refused as unauthorized, yet the account reads: going on',
    ]);
  });

  it('is not fooled by an unreachable broker: no answer is no refusal', async () => {
    const broker = scriptedBroker(['down']);
    const guard = credentialsGuard(broker, { checkMs: 20, log: recordingLog() });
    const seen: unknown[] = [];
    const watch = guard.watch$.subscribe({
      next: (e) => seen.push(e),
      error: (e: unknown) => seen.push(e),
    });
    try {
      await waitFor(() => broker.accountReads() >= 3, 5_000, 'three probes');
      expect(seen).toEqual([]);
    } finally {
      watch.unsubscribe();
    }
  });

  it('probes a quiet broker and ends when the probe and its confirmation are refused', async () => {
    const broker = scriptedBroker(['ok', 'refused']);
    const guard = credentialsGuard(broker, { checkMs: 20, log: recordingLog() });
    const events = guard.watch$.pipe(timeout(5_000), toArray());
    await expect(lastValueFrom(events)).rejects.toMatchObject({ kind: 'auth' });
    expect(broker.accountReads()).toBeGreaterThanOrEqual(3);
  });
});
