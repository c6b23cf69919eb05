/** @module Safety mode as recorded in the store ('daemon' table, key 'safety'): the daemon writes it, every job that opens positions reads it. */
import type { Store } from '../domain/store.ts';

export const DAEMON_TABLE = 'daemon';
export const SAFETY_KEY = 'safety';

export interface SafetyState {
  readonly active: boolean;
  /** The feed whose drop entered safety mode, and why it dropped. */
  readonly feed: 'trading' | 'market';
  readonly reason: string;
  readonly onDisconnect: 'flatten' | 'protect_only';
  readonly tsEntered: number;
  /** Set once safety mode has ended. */
  readonly tsExited: number | null;
  readonly pid: number;
}

export function readSafety(store: Store): SafetyState | undefined {
  return store.table<SafetyState>(DAEMON_TABLE).get(SAFETY_KEY);
}

/** True while the daemon is in safety mode: nothing new may be opened (`strikeline trade` refuses). */
export function isSafetyActive(store: Store): boolean {
  return readSafety(store)?.active === true;
}

export async function writeSafety(store: Store, state: SafetyState): Promise<void> {
  await store.table<SafetyState>(DAEMON_TABLE).put(SAFETY_KEY, state);
}
