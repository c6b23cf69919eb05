/** The setImmediate scheduler: after microtasks and nextTicks, in order, cancellable. */
import { Subject, observeOn } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { immediateScheduler } from '../../../../src/streams/protection/immediate-scheduler.ts';

const nextCheckPhase = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('immediateScheduler', () => {
  it('delivers after the microtasks and nextTicks of the same turn, in order', async () => {
    const seen: string[] = [];
    const source = new Subject<number>();
    const sub = source
      .pipe(observeOn(immediateScheduler))
      .subscribe((v) => seen.push(`value ${String(v)}`));
    source.next(1);
    source.next(2);
    process.nextTick(() => seen.push('nextTick'));
    void Promise.resolve().then(() => seen.push('microtask'));
    seen.push('sync');
    await nextCheckPhase();
    expect(seen.slice(0, 3).sort()).toEqual(['microtask', 'nextTick', 'sync']);
    expect(seen.slice(3)).toEqual(['value 1', 'value 2']);
    sub.unsubscribe();
  });

  it('drops pending work on unsubscribe', async () => {
    const seen: number[] = [];
    const source = new Subject<number>();
    const sub = source.pipe(observeOn(immediateScheduler)).subscribe((v) => seen.push(v));
    source.next(1);
    sub.unsubscribe();
    await nextCheckPhase();
    await nextCheckPhase();
    expect(seen).toEqual([]);
  });

  it('refuses a delay: it only ever means the next check phase', () => {
    expect(() => immediateScheduler.schedule(() => undefined, 5)).toThrow(RangeError);
  });
});
