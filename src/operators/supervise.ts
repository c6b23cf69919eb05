/** @module A bounded supervisor for a long-lived pipeline: restart after an error, give up after too many in a window. */
import {
  asyncScheduler,
  defer,
  retry,
  throwError,
  timer,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { isCredentialsRefused } from '../domain/broker-error.ts';
import type { Logger } from '../domain/ports.ts';

export interface SuperviseOptions {
  /** Restarts allowed within `windowMs`; one more error is let through (the process exits, its supervisor restarts it). */
  readonly maxRestarts: number;
  readonly windowMs: number;
  readonly log: Logger;
  readonly name?: string;
  /** Pause before each restart. */
  readonly delayMs?: number;
  readonly scheduler?: SchedulerLike;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Re-subscribes the source after an error, logging it at error level, at most `maxRestarts` times within any
 * `windowMs`; past the budget the error goes through, so a pipeline never stays silently dead. Refused
 * credentials go through at once: a restart cannot fix them, and the process must exit loudly instead.
 *
 * @example tradeFeed$.pipe(supervise({ maxRestarts: 5, windowMs: 60_000, log, name: 'trading feed' }))
 */
export function supervise<T>(options: SuperviseOptions): MonoTypeOperatorFunction<T> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const name = options.name ?? 'pipeline';
  return (source) =>
    defer(() => {
      let restarts: readonly number[] = [];
      return source.pipe(
        retry({
          delay: (e: unknown) => {
            if (isCredentialsRefused(e)) return throwError(() => e);
            const now = scheduler.now();
            restarts = [...restarts.filter((t) => now - t < options.windowMs), now];
            if (restarts.length > options.maxRestarts) {
              options.log.error(
                { pipeline: name, err: messageOf(e), restarts: restarts.length - 1 },
                'pipeline failed too often: giving up',
              );
              return throwError(() => e);
            }
            options.log.error(
              { pipeline: name, err: messageOf(e), restart: restarts.length },
              'pipeline failed: restarting',
            );
            return timer(options.delayMs ?? 0, scheduler);
          },
        }),
      );
    });
}
