import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { open } from 'lmdb';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import { SCHEMA_VERSION, StoreVersionError } from '../../../src/adapters/store/schema-version.ts';
import { makeTempRoot } from '../../support/temp-root.ts';

const temp = makeTempRoot();
afterAll(() => {
  temp.cleanup();
});

function writer(dir: string, name: string, count: number): Promise<{ won: number; seen: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../support/store-writer.ts'),
        dir,
        name,
        String(count),
      ],
      (e, stdout, stderr) => {
        if (e) reject(new Error(`${e.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as { won: number; seen: number });
      },
    );
  });
}

describe('LMDB store', () => {
  it('is shared by two processes writing at once: nothing lost, one winner per contested key', async () => {
    const dir = join(temp.root, 'shared');
    const [a, b] = await Promise.all([writer(dir, 'daemon', 300), writer(dir, 'cron', 300)]);
    const store = openStore(dir);
    const journal = store.journal.list();
    expect(journal).toHaveLength(600);
    expect(journal.filter((e) => e.actor === 'daemon')).toHaveLength(300);
    const times = journal.map((e) => e.ts);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(a.won + b.won).toBe(50);
    expect(store.table<{ by: string }>('claims').entries()).toHaveLength(50);
    expect(store.table<number>('counters').entries('cron-')).toHaveLength(300);
    await store.close();
  });

  it('journals durably across reopen and filters by time', async () => {
    const dir = join(temp.root, 'reopen');
    const first = openStore(dir);
    await first.journal.append({
      ts: 1000,
      actor: 'trade',
      action: 'entry_submitted',
      reason: 'signal',
      symbol: 'AAPL',
      clientOrderId: 'c1',
    });
    await first.journal.append({
      ts: 2000,
      actor: 'stream',
      action: 'protection_placed',
      reason: 'fill',
      symbol: 'AAPL',
    });
    await first.close();
    const second = openStore(dir);
    expect(second.journal.list(1500).map((e) => e.action)).toEqual(['protection_placed']);
    expect(second.journal.list()[0]).toMatchObject({ actor: 'trade', clientOrderId: 'c1' });
    await second.close();
  });

  it('refuses a store written by a newer schema, with a clear message', async () => {
    const dir = join(temp.root, 'newer');
    const root = open({ path: dir, maxDbs: 64 });
    await root.openDB<number, string>({ name: 'meta' }).put('schema_version', SCHEMA_VERSION + 1);
    await root.close();
    expect(() => openStore(dir)).toThrow(StoreVersionError);
    expect(() => openStore(dir)).toThrow(/schema version 2, newer than this strikeline \(1\)/);
  });
});
