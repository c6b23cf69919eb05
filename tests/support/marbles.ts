/** @module A TestScheduler whose assertions go through vitest's deep equality, for marble tests of operators. */
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';

/** A fresh TestScheduler per test: `marbles().run(({ cold, hot, expectObservable }) => ...)`. */
export function marbles(): TestScheduler {
  return new TestScheduler((actual, expected) => {
    expect(actual).toEqual(expected);
  });
}
