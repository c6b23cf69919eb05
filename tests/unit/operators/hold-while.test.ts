import { describe, it } from 'vitest';
import { holdWhile } from '../../../src/operators/hold-while.ts';
import { marbles } from '../../support/marbles.ts';

const B = { t: true, f: false };

describe('holdWhile', () => {
  it('passes values through while not busy', () => {
    marbles().run(({ hot, expectObservable }) => {
      const busy = hot('f----------', B);
      expectObservable(hot('-a-b-c-|').pipe(holdWhile(busy, { maxHoldMs: 100 }))).toBe('-a-b-c-|');
    });
  });

  it('holds values while busy and releases them in order when it ends', () => {
    marbles().run(({ hot, expectObservable }) => {
      const busy = hot('f-t----f---', B);
      expectObservable(hot('-a-b-c-----|').pipe(holdWhile(busy, { maxHoldMs: 100 }))).toBe(
        '-a-----(bc)|',
      );
    });
  });

  it('keeps order: a value after a held one waits for it even if the busy spell ended', () => {
    marbles().run(({ hot, expectObservable }) => {
      const busy = hot('t--f-t--f--', B);
      expectObservable(hot('-a---b-----|').pipe(holdWhile(busy, { maxHoldMs: 100 }))).toBe(
        '---a----b--|',
      );
    });
  });

  it('releases after maxHoldMs even while still busy', () => {
    marbles().run(({ hot, expectObservable }) => {
      const busy = hot('t----------', B);
      expectObservable(hot('-a-b-------|').pipe(holdWhile(busy, { maxHoldMs: 4 }))).toBe(
        '-----(ab)--|',
      );
    });
  });

  it('completes only after the held values are out', () => {
    marbles().run(({ hot, expectObservable }) => {
      const busy = hot('t----f', B);
      expectObservable(hot('-a-|').pipe(holdWhile(busy, { maxHoldMs: 100 }))).toBe('-----(a|)');
    });
  });
});
