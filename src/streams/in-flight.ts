/**
 * @module Work a pipeline started as a promise runs on after the pipeline is unsubscribed (a promise cannot be
 * cancelled). The daemon tracks such work and, once stopped, waits for it before its store may close: a risk
 * evaluation that awaited the broker, a phase cycle or a status write must not then touch a closed LMDB.
 */
export interface InFlight {
  /** The same work, tracked until it settles. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once every tracked work has settled, failures included (never rejects). */
  settled(): Promise<void>;
}

export function inFlight(): InFlight {
  const running = new Set<Promise<void>>();
  return {
    track(work) {
      const settled: Promise<void> = work
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => running.delete(settled));
      running.add(settled);
      return work;
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
