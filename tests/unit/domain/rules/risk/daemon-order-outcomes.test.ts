/** What the daemon's order events count as in the order kills: a 429 is known by the adapter's kind, not by its words. */
import { describe, expect, it } from 'vitest';
import { daemonOrderWord } from '../../../../../src/domain/rules/risk/daemon-order-outcomes.ts';

const failed = {
  kind: 'ProtectionFailed' as const,
  symbol: 'AAPL',
  role: 'oco' as const,
  clientOrderId: 'c1',
  deferred: false,
  retryAt: 0,
};
const exit = {
  kind: 'ExitRejected' as const,
  symbol: 'AAPL',
  clientOrderId: 'x1',
  rule: 'time_stop' as const,
};

describe('daemonOrderWord', () => {
  it('a throttled request (rateLimited) counts nothing, whatever its message; a refusal that names a rate limit in words still counts', () => {
    expect(daemonOrderWord({ ...failed, error: 'slow down', rateLimited: true })).toBeNull();
    expect(daemonOrderWord({ ...exit, error: 'slow down', rateLimited: true })).toBeNull();
    expect(daemonOrderWord({ ...failed, error: 'rate limit of the stop price exceeded' })).toEqual({
      clientOrderId: 'c1',
      outcome: 'rejected',
    });
    expect(daemonOrderWord({ ...exit, error: 'too many requests' })).toEqual({
      clientOrderId: 'x1',
      outcome: 'rejected',
    });
  });

  it('a wash-trade deferral and an exit that ended unfilled are no failures; a plain refusal is', () => {
    expect(
      daemonOrderWord({ ...failed, error: 'potential wash trade detected', deferred: true }),
    ).toBeNull();
    expect(daemonOrderWord({ ...exit, error: 'expired by the broker' })).toBeNull();
    expect(daemonOrderWord({ ...failed, error: 'insufficient qty' })).toEqual({
      clientOrderId: 'c1',
      outcome: 'rejected',
    });
  });
});
