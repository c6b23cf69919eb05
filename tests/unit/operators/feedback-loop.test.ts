/**
 * The feedback loop operator (operators/feedback-loop.ts): fed actions reach the body's action stream in the
 * order and at the time they were emitted, outputs leave, state folded over fed-back actions converges, and
 * the loop ends (its action stream too) with the body or on unsubscription.
 */
import { describe, expect, it } from 'vitest';
import type { Subscription } from 'rxjs';
import { NEVER, Observable, map, merge, mergeMap, of, scan, take, takeWhile } from 'rxjs';
import {
  feed,
  feedbackLoop,
  feedAll,
  ofKind,
  passFed,
  type Fed,
} from '../../../src/operators/feedback-loop.ts';
import { marbles } from '../../support/marbles.ts';

type Action = { kind: 'inc'; by: number } | { kind: 'note'; text: string };

describe('feedbackLoop', () => {
  it('passes outputs through untouched when nothing is fed back', () => {
    marbles().run(({ cold, expectObservable }) => {
      const out = feedbackLoop<Action, string>(() => cold('-a-b-|'));
      expectObservable(out).toBe('-a-b-|');
    });
  });

  it('feeds actions back in the frame they are emitted, and folds them with scan', () => {
    marbles().run(({ cold, expectObservable }) => {
      // External increments; each total below 10 feeds back an increment of 1, so each input converges at once.
      const out = feedbackLoop<Action, number>((actions$) => {
        const external$ = cold('-a---b--|', { a: 2, b: 5 });
        const totals$ = merge(
          external$,
          actions$.pipe(
            ofKind('inc'),
            map((a) => a.by),
          ),
        ).pipe(scan((sum, n) => sum + n, 0));
        return totals$.pipe(
          mergeMap((t): (number | Fed<Action>)[] =>
            t % 2 === 1 ? [t, feed<Action>({ kind: 'inc', by: 1 })] : [t],
          ),
        );
      });
      // a: 2 (even, no feedback). b: 7 (odd) then fed +1 -> 8, all in frame 5. The fold listens to the fed
      // actions, which end only with the loop: it does not complete when its external input does.
      expectObservable(out).toBe('-a---(bc)---', { a: 2, b: 7, c: 8 });
    });
  });

  it('delivers a fed action before anything the body emits after it', () => {
    const seen: string[] = [];
    feedbackLoop<Action, string>((actions$) =>
      merge(
        actions$.pipe(
          ofKind('note'),
          map((a) => `heard ${a.text}`),
        ),
        of<(string | Fed<Action>)[]>([
          'before',
          feed<Action>({ kind: 'note', text: 'x' }),
          'after',
        ]).pipe(mergeMap((xs) => xs)),
      ),
    )
      .pipe(take(3))
      .subscribe((v) => seen.push(v));
    expect(seen).toEqual(['before', 'heard x', 'after']);
  });

  it('runs the body once per subscription: two loops never share actions', () => {
    const loop = feedbackLoop<Action, number>((actions$) =>
      merge(
        of(feed<Action>({ kind: 'inc', by: 1 })),
        actions$.pipe(
          ofKind('inc'),
          map((a) => a.by),
        ),
      ).pipe(takeWhile((v) => typeof v !== 'number', true)),
    );
    const a: number[] = [];
    const b: number[] = [];
    // The action is fed before the body's subscriber of actions$ exists (merge subscribes in order): it is lost,
    // as with any Subject; both subscriptions see the same, independently.
    const subA = loop.subscribe((v) => a.push(v));
    const subB = loop.subscribe((v) => b.push(v));
    expect(a).toEqual(b);
    subA.unsubscribe();
    subB.unsubscribe();
  });

  it('completes the action stream when the loop is unsubscribed', () => {
    let actionsDone = 0;
    let watch: Subscription | undefined;
    const body = (actions$: Observable<Action>): Observable<string | Fed<Action>> => {
      watch = actions$.subscribe({ complete: () => (actionsDone += 1) });
      return NEVER;
    };
    const sub = feedbackLoop<Action, string>(body).subscribe();
    expect(actionsDone).toBe(0);
    sub.unsubscribe();
    expect(actionsDone).toBe(1);
    watch?.unsubscribe();
  });

  it('propagates the body error', () => {
    marbles().run(({ cold, expectObservable }) => {
      expectObservable(feedbackLoop<Action, string>(() => cold('-a-#'))).toBe('-a-#');
    });
  });

  it('feedAll marks every value for feedback', () => {
    marbles().run(({ cold, expectObservable }) => {
      const out = feedbackLoop<Action, number>((actions$) =>
        merge(
          cold('-x-|', { x: { kind: 'inc', by: 3 } as Action }).pipe(feedAll()),
          actions$.pipe(
            ofKind('inc'),
            map((a) => a.by),
          ),
        ),
      );
      expectObservable(out).toBe('-a--', { a: 3 });
    });
  });
});

describe('passFed', () => {
  it('applies the operator to values only, actions pass in place', () => {
    marbles().run(({ cold, expectObservable }) => {
      const action = feed<Action>({ kind: 'note', text: 'x' });
      const source = cold<number | Fed<Action>>('-a-f-b-|', { a: 1, f: action, b: 2 });
      expectObservable(source.pipe(passFed<Action, number, number>(map((n) => n * 10)))).toBe(
        '-a-f-b-|',
        { a: 10, f: action, b: 20 },
      );
    });
  });
});
