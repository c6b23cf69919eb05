/**
 * @module An operator that reads the latest value of a side stream synchronously, for as long as it runs: the
 * side stream is watched from before the source's first value (unlike withLatestFrom, no value waits or is
 * dropped while the side stream is silent: `latest()` is `initial` until it speaks).
 */
import { Observable, type OperatorFunction } from 'rxjs';

/** @example trades$.pipe(usingLatest(expected$, false, (expected) => failWhenStale({ ..., expected }))) */
export function usingLatest<S, T, R>(
  side$: Observable<S>,
  initial: S,
  build: (latest: () => S) => OperatorFunction<T, R>,
): OperatorFunction<T, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      let latest = initial;
      const watch = side$.subscribe((v) => {
        latest = v;
      });
      const sub = source.pipe(build(() => latest)).subscribe(subscriber);
      return () => {
        watch.unsubscribe();
        sub.unsubscribe();
      };
    });
}
