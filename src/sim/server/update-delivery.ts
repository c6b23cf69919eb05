/**
 * @module Orders the delivery of trade updates: held while a REST request is being answered (so the response
 * goes out first, as on Alpaca), then sent in order, with the duplicate and delay faults applied.
 */

export interface UpdateDelivery {
  /** Holds delivery until the returned release is called (once per REST request). */
  hold(): () => void;
  /** Queues one serialised update. */
  push(frame: string): void;
  /** The next `count` updates are each sent twice. */
  duplicateNext(count: number): void;
  /** From now on every update waits `ms` wall milliseconds (0 = no delay). */
  delay(ms: number): void;
  /** Drops everything pending and stops the timers. */
  close(): void;
}

export function createUpdateDelivery(publish: (frame: string) => void): UpdateDelivery {
  let holds = 0;
  let duplicates = 0;
  let delayMs = 0;
  let closed = false;
  let held: string[] = [];
  const timed: Array<{ due: number; frame: string }> = [];
  let immediate: NodeJS.Immediate | undefined;
  let timer: NodeJS.Timeout | undefined;

  const drainTimed = (): void => {
    timer = undefined;
    const now = Date.now();
    while (timed.length > 0 && (timed[0]?.due ?? Infinity) <= now) publish(timed.shift()?.frame ?? '');
    const head = timed[0];
    if (head && !closed) timer = setTimeout(drainTimed, Math.max(0, head.due - Date.now()));
  };

  const flush = (): void => {
    immediate = undefined;
    if (holds > 0 || closed) return;
    const frames = held;
    held = [];
    const now = Date.now();
    for (const frame of frames) {
      const copies = duplicates > 0 ? 2 : 1;
      if (duplicates > 0) duplicates -= 1;
      for (let i = 0; i < copies; i += 1) {
        const due = Math.max(now + delayMs, timed.at(-1)?.due ?? 0);
        if (due <= now && timed.length === 0) publish(frame);
        else timed.push({ due, frame });
      }
    }
    if (timed.length > 0 && timer === undefined) timer = setTimeout(drainTimed, Math.max(0, (timed[0]?.due ?? now) - now));
  };

  const schedule = (): void => {
    if (immediate === undefined && !closed) immediate = setImmediate(flush);
  };

  return {
    hold() {
      holds += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds -= 1;
        if (holds === 0 && held.length > 0) schedule();
      };
    },
    push(frame) {
      if (closed) return;
      held.push(frame);
      if (holds === 0) schedule();
    },
    duplicateNext(count) {
      duplicates = count;
    },
    delay(ms) {
      delayMs = ms;
    },
    close() {
      closed = true;
      held = [];
      timed.length = 0;
      if (immediate) clearImmediate(immediate);
      if (timer) clearTimeout(timer);
    },
  };
}
