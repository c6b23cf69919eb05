/**
 * @module What the dashboard watches on disk between broker refreshes: new journal entries (a fill, a protective
 * order, an exit), the daemon's mode, streams and credentials, safety mode and the kill switch. LMDB reads are
 * memory-mapped, so looking twice a second costs next to nothing and a fill shows within a second.
 */
import type { Store } from '../../domain/store.ts';
import { readDaemonStatus } from '../../records/daemon-status.ts';
import { readSafety } from '../../records/safety-state.ts';

/** Returns true when something changed since its previous call (the first call: true). */
export type ChangeProbe = () => boolean;

export function localChanges(store: Store, halted: () => boolean): ChangeProbe {
  let cursorTs = 0;
  let atCursor = -1;
  let previous = '';
  return () => {
    const tail = store.journal.list(cursorTs);
    const last = tail[tail.length - 1];
    const journalMoved = last !== undefined && (last.ts !== cursorTs || tail.length !== atCursor);
    if (last !== undefined) {
      cursorTs = last.ts;
      atCursor = tail.filter((e) => e.ts === last.ts).length;
    }
    const d = readDaemonStatus(store);
    const s = readSafety(store);
    const state = JSON.stringify([
      d?.pid,
      d?.mode,
      d?.streams,
      d?.credentials,
      d?.stopped,
      s?.active,
      halted(),
    ]);
    const stateMoved = state !== previous;
    previous = state;
    return journalMoved || stateMoved;
  };
}
