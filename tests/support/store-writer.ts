/** @module A child process for the multi-process store test: appends journal entries and races on shared keys. */
import { openStore } from '../../src/adapters/store/lmdb-store.ts';

const [dir, name, countText] = process.argv.slice(2);
const count = Number(countText);
const store = openStore(dir ?? '');
const claims = store.table<{ by: string }>('claims');
let won = 0;
for (let i = 0; i < count; i += 1) {
  await store.journal.append({
    ts: Date.now(),
    actor: name ?? '?',
    action: 'write',
    reason: `entry ${i}`,
  });
  if (await claims.putIfAbsent(`key-${i % 50}`, { by: name ?? '?' })) won += 1;
  await store.table<number>('counters').put(`${name ?? '?'}-${i}`, i);
}
// Reads what the other process wrote so far: the store is shared live.
const seen = store.journal.list().filter((e) => e.actor !== name).length;
await store.close();
process.stdout.write(JSON.stringify({ won, seen }));
