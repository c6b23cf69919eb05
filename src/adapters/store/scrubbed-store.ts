/** @module The store's edge for secrets: every journal entry and table value is scrubbed before LMDB keeps it. */
import type { Journal, Store, Table } from '../../domain/store.ts';
import type { Scrub } from '../../domain/secrets/scrub.ts';
import { scrubValue } from '../../domain/secrets/scrub-value.ts';

function scrubbedTable<V>(table: Table<V>, scrub: Scrub): Table<V> {
  return {
    get: (key) => table.get(key),
    put: (key, value) => table.put(scrub(key), scrubValue(value, scrub)),
    putIfAbsent: (key, value) => table.putIfAbsent(scrub(key), scrubValue(value, scrub)),
    remove: (key) => table.remove(key),
    update: (key, fn) =>
      table.update(key, (current) => {
        const next = fn(current);
        return next.value === undefined
          ? next
          : { value: scrubValue(next.value, scrub), result: next.result };
      }),
    entries: (prefix) => table.entries(prefix),
  };
}

/**
 * `store` with `scrub` applied to everything written: a broker message quoted in a journal reason or an intent's
 * error never reaches the file, nor `status --journal`, the report or the demo that read it back.
 */
export function scrubbedStore(store: Store, scrub: Scrub): Store {
  const journal: Journal = {
    append: (entry) => store.journal.append(scrubValue(entry, scrub)),
    list: (tsFrom) => store.journal.list(tsFrom),
  };
  const tables = new Map<string, Table<unknown>>();
  return {
    journal,
    table<V>(name: string): Table<V> {
      let table = tables.get(name);
      if (table === undefined) {
        table = scrubbedTable(store.table<unknown>(name), scrub);
        tables.set(name, table);
      }
      return table as Table<V>;
    },
    backup: (dir) => store.backup(dir),
    close: () => store.close(),
  };
}
