import { describe, it } from 'vitest';
import { map } from 'rxjs';
import type { Envelope } from '../../../src/domain/holdings/daemon-inputs.ts';
import { planHoldings } from '../../../src/operators/plan-holdings.ts';
import { env, fill, OPTIONS, syncedState } from '../../support/daemon-stubs.ts';
import { marbles } from '../../support/marbles.ts';

describe('planHoldings (the protection planner operator)', () => {
  it('emits one step per input: the fill gives one OCO submission, its duplicate-free follow-up nothing new', () => {
    marbles().run(({ cold, expectObservable }) => {
      const inputs$ = cold('a-t|', {
        a: env(fill({ qty: 10, price: 100, positionQty: 10 })),
        t: env({ kind: 'Tick' }),
      });
      const out$ = inputs$.pipe(
        planHoldings(OPTIONS, syncedState()),
        map((s) =>
          s.commands
            .map((c) => (c.kind === 'Submit' ? `${c.role}:${String(c.order.qty)}` : c.kind))
            .join(','),
        ),
      );
      expectObservable(out$).toBe('a-t|', { a: 'oco:10', t: '' });
    });
  });

  it('carries the holdings from step to step (a second fill resizes the first OCO)', () => {
    marbles().run(({ cold, expectObservable }) => {
      const inputs$ = cold('a-b|', {
        a: env(fill({ qty: 3, price: 100, positionQty: 3, filledQty: 3, orderQty: 5 })),
        b: env(fill({ qty: 2, price: 100, positionQty: 5, filledQty: 5, orderQty: 5 })),
      });
      const out$ = inputs$.pipe(
        planHoldings(OPTIONS, syncedState()),
        map((s) => s.state.holdings.get('AAPL')?.qty),
      );
      expectObservable(out$).toBe('a-b|', { a: 3, b: 5 });
    });
  });

  it('lets a source error through', () => {
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<Envelope>('-#');
      expectObservable(source.pipe(planHoldings(OPTIONS, syncedState()))).toBe('-#');
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });
});
