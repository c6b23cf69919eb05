/** @module Moves simulated time with wall time: every tick advances the exchange by elapsed wall ms x speed. */
import type { Exchange } from '../contracts.ts';
import type { Logger } from '../../domain/ports.ts';

export interface ClockDriver {
  stop(): void;
}

/** `speed` = simulated seconds per wall second; 0 starts nothing (time moves only through the control API). */
export function startClockDriver(
  exchange: Exchange,
  speed: number,
  log: Logger,
  tickMs = 50,
): ClockDriver {
  if (!(speed > 0)) return { stop: () => undefined };
  let last = performance.now();
  let carry = 0;
  let failed = false;
  const timer = setInterval(() => {
    const now = performance.now();
    const simMs = (now - last) * speed + carry;
    last = now;
    const whole = Math.floor(simMs);
    carry = simMs - whole;
    if (whole <= 0) return;
    try {
      exchange.advanceTo(exchange.now() + whole);
    } catch (e) {
      // One log line, not one per tick: a broken engine would otherwise flood the log.
      if (!failed)
        log.error(
          { err: e instanceof Error ? e.message : String(e) },
          'simulated clock tick failed',
        );
      failed = true;
    }
  }, tickMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
    },
  };
}
