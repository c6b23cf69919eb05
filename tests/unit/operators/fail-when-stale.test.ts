import { describe, it } from 'vitest';
import { FeedStaleError } from '../../../src/domain/feed-stale-error.ts';
import { failWhenStale } from '../../../src/operators/fail-when-stale.ts';
import { marbles } from '../../support/marbles.ts';

describe('failWhenStale', () => {
  it('errors when no event arrived for staleMs while the feed is expected to speak', () => {
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a 3ms b 20ms c|');
      expectObservable(
        source.pipe(failWhenStale({ feed: 'market', staleMs: 10, expected: () => true })),
      ).toBe('a 3ms b 9ms #', { a: 'a', b: 'b' }, new FeedStaleError('market', 10));
      expectSubscriptions(source.subscriptions).toBe('^ 3ms - 9ms !');
    });
  });

  it('keeps quiet while silence is expected', () => {
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a 30ms b|');
      expectObservable(
        source.pipe(failWhenStale({ feed: 'market', staleMs: 10, expected: () => false })),
      ).toBe('a 30ms b|');
      // The watch stops with the feed: nothing keeps running after completion.
      expectSubscriptions(source.subscriptions).toBe('^ 30ms -!');
    });
  });

  it('checks again every staleMs and fails once silence becomes suspicious', () => {
    const scheduler = marbles();
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('a 50ms b|');
      // Silence becomes suspicious at 25 ms: the checks at 10 and 20 pass, the one at 30 fails.
      const out$ = source.pipe(
        failWhenStale({ feed: 'market', staleMs: 10, expected: () => scheduler.now() >= 25 }),
      );
      expectObservable(out$).toBe('a 29ms #', { a: 'a' }, new FeedStaleError('market', 10));
    });
  });
});
