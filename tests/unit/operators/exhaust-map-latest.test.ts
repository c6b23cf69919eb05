import { describe, it } from 'vitest';
import { exhaustMapLatest } from '../../../src/operators/exhaust-map-latest.ts';
import { marbles } from '../../support/marbles.ts';

describe('exhaustMapLatest', () => {
  it('runs the first trigger, collapses those arriving meanwhile into one run afterwards', () => {
    marbles().run(({ cold, hot, expectObservable }) => {
      const triggers = hot('a-bc-------|');
      const work = (v: string) => cold('---(x|)', { x: v.toUpperCase() });
      // a runs 0..3; b and c arrive while busy: only c runs, at 3..6.
      expectObservable(triggers.pipe(exhaustMapLatest(work))).toBe('---A--C----|');
    });
  });

  it('is idle between bursts', () => {
    marbles().run(({ cold, hot, expectObservable }) => {
      const triggers = hot('a------b---|');
      const work = (v: string) => cold('--(x|)', { x: v.toUpperCase() });
      expectObservable(triggers.pipe(exhaustMapLatest(work))).toBe('--A------B-|');
    });
  });

  it('lets a failing run fail the stream (callers catch per item)', () => {
    marbles().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const triggers = hot('a--');
      const work = () => cold('-#');
      expectObservable(triggers.pipe(exhaustMapLatest(work))).toBe('-#');
      expectSubscriptions(triggers.subscriptions).toBe('^!');
    });
  });
});
