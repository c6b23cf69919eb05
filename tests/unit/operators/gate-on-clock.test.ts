import { tap, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { gateOnClock } from '../../../src/operators/gate-on-clock.ts';
import { marbles } from '../../support/marbles.ts';

/** Events carry their broker time; the fake clock trusts times up to `time + 5`. */
const ev = (tsEvent: number) => ({ tsEvent });

function setup(syncTo: Record<string, number>) {
  let time = 0;
  const asked: number[] = [];
  const refused: number[] = [];
  return {
    asked,
    refused,
    options: (synced: Observable<string>, scheduler: ReturnType<typeof marbles>) => ({
      observe: (ts: number) => ts <= time + 5,
      askClock: () => asked.push(scheduler.now()),
      synced$: synced.pipe(
        tap((k) => {
          time = syncTo[k] ?? time;
        }),
      ),
      maxHoldMs: 100,
      onRefused: (e: { tsEvent: number }) => refused.push(e.tsEvent),
      scheduler,
    }),
  };
}

describe('gateOnClock', () => {
  it('lets events within the lead through at once', () => {
    const s = marbles();
    s.run(({ cold, hot, expectObservable }) => {
      const t = setup({});
      const source = cold('a-b-c|', { a: ev(1), b: ev(3), c: ev(5) });
      expectObservable(source.pipe(gateOnClock(t.options(hot('------'), s)))).toBe('a-b-c|', {
        a: ev(1),
        b: ev(3),
        c: ev(5),
      });
      s.flush();
      expect(t.asked).toEqual([]);
    });
  });

  it('holds an event ahead of the clock (and those behind it) until a sync confirms, then releases them in order', () => {
    const s = marbles();
    s.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const t = setup({ s: 1_000 });
      const source = cold('a-b-c------|', { a: ev(1), b: ev(1_000), c: ev(2) });
      const synced = hot('------s---', { s: 's' });
      expectObservable(source.pipe(gateOnClock(t.options(synced, s)))).toBe('a-----(bc)-|', {
        a: ev(1),
        b: ev(1_000),
        c: ev(2),
      });
      expectSubscriptions(source.subscriptions).toBe('^----------!');
      s.flush();
      expect(t.asked).toEqual([2]);
      expect(t.refused).toEqual([]);
    });
  });

  it("refuses an event the broker's clock never confirms, after maxHoldMs, and goes on with the rest", () => {
    const s = marbles();
    s.run(({ cold, hot, expectObservable }) => {
      const t = setup({ s: 10 });
      const source = cold('a-b-c 200ms |', { a: ev(1), b: ev(99_999), c: ev(3) });
      const synced = hot('------s', { s: 's' });
      expectObservable(source.pipe(gateOnClock(t.options(synced, s)))).toBe('a 101ms c 102ms |', {
        a: ev(1),
        c: ev(3),
      });
      s.flush();
      expect(t.refused).toEqual([99_999]);
    });
  });
});
