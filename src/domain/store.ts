/** @module The state port: typed tables and an append-only journal, backed by LMDB in adapters/store. */
import type { JournalEntry } from './ports.ts';

/** One named table of JSON-able values. Reads are synchronous (LMDB reads are memory-mapped). */
export interface Table<V> {
  get(key: string): V | undefined;
  put(key: string, value: V): Promise<void>;
  /** Writes only if the key is absent; resolves true when this call wrote it. Atomic across processes. */
  putIfAbsent(key: string, value: V): Promise<boolean>;
  remove(key: string): Promise<void>;
  /**
   * Read-modify-write in one write transaction, atomic across processes: no other write lands between the read
   * and the write. `fn` must be pure and synchronous; a `value` of undefined writes nothing. Resolves `result`.
   */
  update<R>(key: string, fn: (current: V | undefined) => TableUpdate<V, R>): Promise<R>;
  /** Entries in key order, optionally only keys starting with `prefix`. */
  entries(prefix?: string): Array<[string, V]>;
}

/** What an update writes (`value`, undefined for nothing) and what it tells its caller (`result`). */
export interface TableUpdate<V, R> {
  readonly value: V | undefined;
  readonly result: R;
}

export interface Journal {
  /** Appends one decision; resolves once it is durable. Keys are time-ordered and unique across processes. */
  append(entry: JournalEntry): Promise<void>;
  /** Entries with ts >= tsFrom, oldest first. */
  list(tsFrom?: number): JournalEntry[];
}

export interface Store {
  readonly journal: Journal;
  table<V>(name: string): Table<V>;
  /** A consistent copy of the whole store into `dir` (created; must be empty), taken while writers go on. */
  backup(dir: string): Promise<void>;
  close(): Promise<void>;
}

/** The store's schema version this code reads and writes (adapters/store migrates older ones). */
export const SCHEMA_VERSION = 1;

/** A store of a newer or unknown schema version: refused, never misread. */
export class StoreVersionError extends Error {
  override readonly name = 'StoreVersionError';
}
