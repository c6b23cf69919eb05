/**
 * @module The dashboard's live feed: a new snapshot when the local state changes (checked every `pollMs`) or
 * every `refreshMs` at the latest, never two collections at once; subscribers (the page's event streams) get
 * each snapshot as it lands.
 */
import type { DashboardSnapshot } from './collect-dashboard.ts';
import type { ChangeProbe } from './local-changes.ts';

export interface DashboardFeedOptions {
  readonly collect: () => Promise<DashboardSnapshot>;
  readonly changed: ChangeProbe;
  readonly pollMs: number;
  readonly refreshMs: number;
  readonly now: () => number;
  readonly onError: (e: unknown) => void;
}

export interface DashboardFeed {
  /** The newest snapshot, collected now if there is none yet. */
  latest(): Promise<DashboardSnapshot>;
  /** Calls `listener` with every new snapshot; returns the unsubscribe. */
  subscribe(listener: (s: DashboardSnapshot) => void): () => void;
  stop(): void;
}

export function createDashboardFeed(o: DashboardFeedOptions): DashboardFeed {
  const listeners = new Set<(s: DashboardSnapshot) => void>();
  let current: DashboardSnapshot | undefined;
  let running: Promise<DashboardSnapshot> | undefined;
  let tsCollected = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const collect = (): Promise<DashboardSnapshot> =>
    (running ??= o
      .collect()
      .then((s) => {
        current = s;
        tsCollected = o.now();
        for (const l of listeners) l(s);
        return s;
      })
      .finally(() => {
        running = undefined;
      }));

  const tick = (): void => {
    if (stopped) return;
    const due = o.changed() || o.now() - tsCollected >= o.refreshMs;
    const work = due && running === undefined ? collect().then(() => undefined) : Promise.resolve();
    work.catch(o.onError).finally(() => {
      if (!stopped) timer = setTimeout(tick, o.pollMs);
    });
  };
  timer = setTimeout(tick, 0);

  return {
    latest: () => (current === undefined ? collect() : Promise.resolve(current)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
