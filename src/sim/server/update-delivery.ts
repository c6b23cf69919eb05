/**
 * @module Orders the delivery of trade updates: held while a REST request is being answered (so the response
 * goes out first, as on Alpaca), then sent in order, with the duplicate and delay faults applied. Updates stay
 * objects until they are sent: serialising waits until the answer is out. Unheld updates leave on the next tick
 * of the same turn (batched, after the engine's synchronous work), not a turn of the event loop later.
 */

export interface UpdateDelivery<T = string> {
  /** Holds delivery until the returned release is called (once per REST request). */
  hold(): () => void;
  /** Queues one update. */
  push(update: T): void;
  /** The next `count` updates are each sent twice. */
  duplicateNext(count: number): void;
  /** From now on every update waits `ms` wall milliseconds (0 = no delay). */
  delay(ms: number): void;
  /** Drops everything pending and stops the timers. */
  close(): void;
}

export function createUpdateDelivery<T = string>(publish: (update: T) => void): UpdateDelivery<T> {
  let holds = 0;
  let duplicates = 0;
  let delayMs = 0;
  let closed = false;
  let held: T[] = [];
  const timed: Array<{ due: number; update: T }> = [];
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;

  const drainTimed = (): void => {
    timer = undefined;
    const now = Date.now();
    for (let head = timed[0]; head !== undefined && head.due <= now; head = timed[0]) {
      timed.shift();
      publish(head.update);
    }
    const head = timed[0];
    if (head && !closed) timer = setTimeout(drainTimed, Math.max(0, head.due - Date.now()));
  };

  const flush = (): void => {
    scheduled = false;
    if (holds > 0 || closed) return;
    const updates = held;
    held = [];
    const now = Date.now();
    for (const update of updates) {
      const copies = duplicates > 0 ? 2 : 1;
      if (duplicates > 0) duplicates -= 1;
      for (let i = 0; i < copies; i += 1) {
        const due = Math.max(now + delayMs, timed.at(-1)?.due ?? 0);
        if (due <= now && timed.length === 0) publish(update);
        else timed.push({ due, update });
      }
    }
    if (timed.length > 0 && timer === undefined)
      timer = setTimeout(drainTimed, Math.max(0, (timed[0]?.due ?? now) - now));
  };

  const schedule = (): void => {
    if (scheduled || closed) return;
    scheduled = true;
    process.nextTick(flush);
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
    push(update) {
      if (closed) return;
      held.push(update);
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
      if (timer) clearTimeout(timer);
    },
  };
}
