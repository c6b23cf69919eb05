import { describe, it } from 'vitest';
import type { FeedResynced } from '../../../src/domain/events.ts';
import { dedupeFills } from '../../../src/operators/dedupe-fills.ts';
import { fill, order, update } from '../../support/daemon-stubs.ts';
import { marbles } from '../../support/marbles.ts';

const a = fill({
  qty: 3,
  price: 100,
  positionQty: 3,
  executionId: 'x-1',
  filledQty: 3,
  orderQty: 10,
});
const b = fill({
  qty: 7,
  price: 100,
  positionQty: 10,
  executionId: 'x-2',
  filledQty: 10,
  orderQty: 10,
});
const n = update('new', order({ status: 'new' }));
const r: FeedResynced = { kind: 'FeedResynced', feed: 'trading', tsEvent: 1 };

describe('dedupeFills', () => {
  it('passes distinct executions and events without an execution id', () => {
    marbles().run(({ cold, expectObservable }) => {
      const values = { a, b, n, r };
      expectObservable(cold('n-a-r-b|', values).pipe(dedupeFills())).toBe('n-a-r-b|', values);
    });
  });

  it('drops an execution replayed inside the window (also when not adjacent)', () => {
    marbles().run(({ cold, expectObservable }) => {
      const values = { a, b, n };
      expectObservable(cold('a-a-n-b-a|', values).pipe(dedupeFills())).toBe('a---n-b--|', values);
    });
  });

  it('forgets the oldest ids past the window', () => {
    marbles().run(({ cold, expectObservable }) => {
      const values = { a, b };
      expectObservable(cold('a-b-a|', values).pipe(dedupeFills({ window: 1 }))).toBe(
        'a-b-a|',
        values,
      );
    });
  });

  it('lets a source error through and starts each subscription with an empty window', () => {
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-a-#', { a });
      expectObservable(source.pipe(dedupeFills())).toBe('a---#', { a });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });
});
