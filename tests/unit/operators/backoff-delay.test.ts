import { describe, it } from 'vitest';
import { defer, retry, throwError } from 'rxjs';
import { BrokerError } from '../../../src/domain/broker-error.ts';
import { FeedStaleError } from '../../../src/domain/feed-stale-error.ts';
import { backoffDelay } from '../../../src/operators/backoff-delay.ts';
import { retryWithBackoff } from '../../../src/operators/retry-with-backoff.ts';
import { marbles } from '../../support/marbles.ts';

const transient = new BrokerError('transient', 'broker unreachable');
const rejected = new BrokerError('rejected', 'insufficient qty available');

describe('backoffDelay', () => {
  it('waits base x 2^(attempt-1) for transient errors, capped', () => {
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', undefined, transient);
      const out$ = source.pipe(retry({ count: 4, delay: backoffDelay({ baseMs: 2, maxMs: 5 }) }));
      // Errors 1 ms after each subscription, then waits 2, 4, 5 (capped), 5 ms: resubscribes at 3, 8, 14, 20.
      expectObservable(out$).toBe('21ms #', undefined, transient);
      expectSubscriptions(source.subscriptions).toBe([
        '^!',
        '3ms ^!',
        '8ms ^!',
        '14ms ^!',
        '20ms ^!',
      ]);
    });
  });

  it("honours the broker's Retry-After for rate limits", () => {
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const limited = new BrokerError('rate-limited', 'too many requests', 429, 42910000, 7);
      const source = cold('#', undefined, limited);
      expectObservable(
        source.pipe(retry({ count: 1, delay: backoffDelay({ baseMs: 1, maxMs: 100 }) })),
      ).toBe('7ms #', undefined, limited);
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '7ms (^!)']);
    });
  });

  it('retries a stale feed', () => {
    marbles().run(({ cold, expectSubscriptions, expectObservable }) => {
      const stale = new FeedStaleError('market', 10);
      const source = cold('#', undefined, stale);
      expectObservable(
        source.pipe(retry({ count: 1, delay: backoffDelay({ baseMs: 3, maxMs: 3 }) })),
      ).toBe('3ms #', undefined, stale);
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '3ms (^!)']);
    });
  });

  it('gives up at once on a rejection (never retried)', () => {
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', undefined, rejected);
      expectObservable(source.pipe(retry({ count: 5, delay: backoffDelay() }))).toBe(
        '-#',
        undefined,
        rejected,
      );
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });
});

describe('retryWithBackoff', () => {
  it('resets the attempt count after a success', () => {
    marbles().run(({ cold, expectObservable }) => {
      let calls = 0;
      const source = defer(() => {
        calls += 1;
        return calls % 2 === 1 ? throwError(() => transient) : cold('a|');
      });
      expectObservable(source.pipe(retryWithBackoff({ baseMs: 2, maxMs: 10, count: 1 }))).toBe(
        '--a|',
      );
    });
  });
});
