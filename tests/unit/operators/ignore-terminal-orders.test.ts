import { describe, it } from 'vitest';
import { ignoreTerminalOrders } from '../../../src/operators/ignore-terminal-orders.ts';
import { fill, order, update } from '../../support/daemon-stubs.ts';
import { marbles } from '../../support/marbles.ts';

const n = update('new', order({ id: 'o-1', status: 'new' }));
const f = fill({ orderId: 'o-1', qty: 10, price: 100, positionQty: 10 });
const c = update('canceled', order({ id: 'o-2', status: 'canceled' }));
const m = update('new', order({ id: 'o-2', status: 'new' }));

describe('ignoreTerminalOrders', () => {
  it('passes an order until it is terminal, then drops what comes after', () => {
    marbles().run(({ cold, expectObservable }) => {
      const values = { n, f };
      expectObservable(cold('n-f-n-f|', values).pipe(ignoreTerminalOrders())).toBe(
        'n-f----|',
        values,
      );
    });
  });

  it('keeps orders apart', () => {
    marbles().run(({ cold, expectObservable }) => {
      const values = { n, f, c, m };
      expectObservable(cold('c-n-m-f|', values).pipe(ignoreTerminalOrders())).toBe(
        'c-n---f|',
        values,
      );
    });
  });

  it('lets errors through', () => {
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('f-#', { f });
      expectObservable(source.pipe(ignoreTerminalOrders())).toBe('f-#', { f });
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });
});
