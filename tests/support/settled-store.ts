/**
 * Test support: a Store that counts the writes LMDB has not committed yet. Under virtual time the chaos suite
 * waits for them (in real time) before moving the clock, so a job that waits on the disk never sees virtual
 * seconds pass meanwhile, and a schedule replays the same whatever the disk's speed.
 */
import type { Journal, Store, Table } from '../../src/domain/store.ts';

export interface SettledStore extends Store {
  /** Writes sent and not yet committed. */
  pending(): number;
}

export function settledStore(store: Store): SettledStore {
  let pending = 0;
  const track = <T>(write: Promise<T>): Promise<T> => {
    pending += 1;
    return write.finally(() => {
      pending -= 1;
    });
  };
  const tables = new Map<string, Table<unknown>>();
  const journal: Journal = {
    append: (entry) => track(store.journal.append(entry)),
    list: (tsFrom) => store.journal.list(tsFrom),
  };
  return {
    journal,
    table<V>(name: string): Table<V> {
      let table = tables.get(name) as Table<V> | undefined;
      if (table === undefined) {
        const inner = store.table<V>(name);
        table = {
          get: (key) => inner.get(key),
          put: (key, value) => track(inner.put(key, value)),
          putIfAbsent: (key, value) => track(inner.putIfAbsent(key, value)),
          remove: (key) => track(inner.remove(key)),
          update: (key, fn) => track(inner.update(key, fn)),
          entries: (prefix) => inner.entries(prefix),
        };
        tables.set(name, table);
      }
      return table;
    },
    backup: (dir) => track(store.backup(dir)),
    close: () => store.close(),
    pending: () => pending,
  };
}
