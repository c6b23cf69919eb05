/**
 * @module One explicit feedback: a pipeline whose own outputs are fed back to it as actions. The body gets the
 * stream of fed-back actions and returns one stream in which each value is either an output or an action marked
 * with `feed(...)`; marked values go back into the body's action stream (in the place they were emitted, before
 * anything the body emits after them), the others leave the loop. No Subject outside this operator.
 */
import {
  Observable,
  Subject,
  connect,
  defer,
  filter,
  map,
  merge,
  type OperatorFunction,
} from 'rxjs';

const FED = Symbol('fed back');

/** An action to feed back into the loop, as the body emits it. */
export interface Fed<A> {
  readonly [FED]: true;
  readonly action: A;
}

export const feed = <A>(action: A): Fed<A> => ({ [FED]: true, action });

export const isFed = (value: unknown): value is Fed<unknown> =>
  typeof value === 'object' && value !== null && FED in value;

/**
 * Runs `body` once per subscription. A fed action is delivered synchronously to the body's subscribers of
 * `actions$` (the body picks a scheduler per action kind when it needs one, e.g. to keep a fold non-reentrant).
 * Completion and errors of the body's stream end the loop; the action stream completes with it.
 *
 * @example feedbackLoop<Tick, number>((ticks$) => ticks$.pipe(take(3), map((t) => t.n)))
 */
export function feedbackLoop<A, O>(
  body: (actions$: Observable<A>) => Observable<O | Fed<A>>,
): Observable<O> {
  return defer(() => {
    const actions = new Subject<A>();
    return new Observable<O>((subscriber) => {
      const sub = body(actions.asObservable()).subscribe({
        next: (value) => {
          if (isFed(value)) actions.next(value.action);
          else subscriber.next(value);
        },
        error: (e: unknown) => {
          subscriber.error(e);
        },
        complete: () => {
          subscriber.complete();
        },
      });
      return () => {
        sub.unsubscribe();
        actions.complete();
      };
    });
  });
}

/** The actions of one kind, narrowed (for unions tagged with `kind`). */
export function ofKind<A extends { readonly kind: string }, K extends A['kind']>(
  kind: K,
): OperatorFunction<A, Extract<A, { kind: K }>> {
  return filter((a): a is Extract<A, { kind: K }> => a.kind === kind);
}

/** Marks every value of a stream as an action to feed back. */
export function feedAll<A>(): OperatorFunction<A, Fed<A>> {
  return map((action) => feed(action));
}

/**
 * Applies `operator` to the values of a stream that also carries fed actions, passing the actions through
 * untouched and in place (for synchronous operators: an action leaves between the values around it).
 */
export function passFed<A, T, R>(
  operator: OperatorFunction<T, R>,
): OperatorFunction<T | Fed<A>, R | Fed<A>> {
  return connect((all$) =>
    merge(
      all$.pipe(filter((v): v is Fed<A> => isFed(v))),
      all$.pipe(
        filter((v): v is T => !isFed(v)),
        operator,
      ),
    ),
  );
}
