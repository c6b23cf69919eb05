/**
 * usingLatest (operators/using-latest.ts): the source's values read the side stream's latest value, its initial
 * one until it speaks (none waits or is dropped, unlike withLatestFrom), and the side stream is watched only while
 * the result is subscribed.
 */
import { describe, expect, it } from 'vitest';
import { Subject, map } from 'rxjs';
import { usingLatest } from '../../../src/operators/using-latest.ts';
import { marbles } from '../../support/marbles.ts';

describe('usingLatest', () => {
  it('reads the initial value until the side stream speaks, then its latest, dropping nothing', () => {
    marbles().run(({ cold, hot, expectObservable }) => {
      const side$ = hot('----x---y--', { x: 'x', y: 'y' });
      const source$ = cold('-a-b-c-d-e|');
      const out = source$.pipe(usingLatest(side$, '-', (latest) => map((v) => `${v}${latest()}`)));
      expectObservable(out).toBe('-a-b-c-d-e|', { a: 'a-', b: 'b-', c: 'cx', d: 'dx', e: 'ey' });
    });
  });

  it('watches the side stream only while subscribed', () => {
    const side$ = new Subject<number>();
    const source$ = new Subject<string>();
    const seen: string[] = [];
    const sub = source$
      .pipe(usingLatest(side$, 0, (latest) => map((v) => `${v}${String(latest())}`)))
      .subscribe((v) => seen.push(v));
    expect(side$.observed).toBe(true);
    side$.next(7);
    source$.next('a');
    sub.unsubscribe();
    expect(side$.observed).toBe(false);
    expect(seen).toEqual(['a7']);
  });
});
