/** @module Like exhaustMap, but a trigger that arrives while busy is not lost: the latest one runs once the work ends. */
import {
  Subject,
  concatMap,
  defer,
  finalize,
  from,
  throttle,
  type ObservableInput,
  type OperatorFunction,
} from 'rxjs';

/**
 * Runs `project` for the first trigger; triggers arriving meanwhile collapse into one, run after it (an audit
 * asked for during an audit still happens, once).
 *
 * @example auditTriggers$.pipe(exhaustMapLatest(() => snapshot$))
 */
export function exhaustMapLatest<T, R>(
  project: (value: T) => ObservableInput<R>,
): OperatorFunction<T, R> {
  return (source) =>
    defer(() => {
      const done$ = new Subject<void>();
      return source.pipe(
        throttle(() => done$, { leading: true, trailing: true }),
        concatMap((value) =>
          from(project(value)).pipe(
            finalize(() => {
              done$.next();
            }),
          ),
        ),
      );
    });
}
