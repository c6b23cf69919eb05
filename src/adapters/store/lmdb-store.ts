/** @module The LMDB store: typed tables and the decision journal, shared safely by the daemon and the cron jobs. */
import { mkdirSync } from 'node:fs';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { JournalEntry } from '../../domain/ports.ts';
import type { Journal, Store, Table } from '../../domain/store.ts';
import { migrateOrRefuse } from './schema-version.ts';

type JournalKey = [number, number, number];

function lmdbTable<V>(db: Database<V, string>): Table<V> {
  return {
    get: (key) => db.get(key),
    put: async (key, value) => {
      await db.put(key, value);
    },
    putIfAbsent: (key, value) =>
      db.ifNoExists(key, () => {
        void db.put(key, value);
      }),
    remove: async (key) => {
      await db.remove(key);
    },
    // Inside db.transaction the read and the put share LMDB's one write transaction (one writer across processes).
    update: (key, fn) =>
      db.transaction(() => {
        const next = fn(db.get(key));
        if (next.value !== undefined) db.putSync(key, next.value);
        return next.result;
      }),
    entries: (prefix) => {
      const range = prefix === undefined ? {} : { start: prefix, end: `${prefix}\uffff` };
      return [...db.getRange(range)].map(({ key, value }) => [key, value] as [string, V]);
    },
  };
}

function lmdbJournal(db: Database<JournalEntry, JournalKey>): Journal {
  let seq = 0;
  return {
    // The key orders by time; pid and a per-process sequence keep keys unique across processes.
    append: async (entry) => {
      seq += 1;
      await db.put([entry.ts, process.pid, seq], entry);
    },
    list: (tsFrom = 0) => [...db.getRange({ start: [tsFrom] })].map(({ value }) => value),
  };
}

/** Opens (creating if needed) the store at `dir`; refuses a store written by a newer strikeline. */
export function openStore(dir: string): Store {
  mkdirSync(dir, { recursive: true });
  const root: RootDatabase = open({ path: dir, maxDbs: 64, compression: false });
  migrateOrRefuse(root, dir);
  const journal = lmdbJournal(root.openDB<JournalEntry, JournalKey>({ name: 'journal' }));
  const tables = new Map<string, Table<unknown>>();
  return {
    journal,
    table<V>(name: string): Table<V> {
      let table = tables.get(name);
      if (table === undefined) {
        table = lmdbTable(root.openDB<unknown, string>({ name: `t:${name}` }));
        tables.set(name, table);
      }
      return table as Table<V>;
    },
    backup: async (target) => {
      mkdirSync(target, { recursive: true });
      // LMDB's own copy (mdb_env_copy2, compacting): one read transaction, so the copy is one moment of the store.
      await root.backup(target, true);
    },
    close: () => root.close(),
  };
}
