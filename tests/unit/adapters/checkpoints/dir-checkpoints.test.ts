/**
 * OVERNIGHT checkpoints on a real LMDB store: the copy opens as a store holding what was written before it; a day
 * is copied once (a restart finds it); a copy cut short (`.partial`) is replaced; pruning drops only the days more
 * than keep_days before today and leaves other folders alone.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dirCheckpoints } from '../../../../src/adapters/checkpoints/dir-checkpoints.ts';
import { openStore } from '../../../../src/adapters/store/lmdb-store.ts';
import type { Store } from '../../../../src/domain/store.ts';

describe('dirCheckpoints', () => {
  let root: string;
  let store: Store;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'strikeline-checkpoints-'));
    store = openStore(join(root, 'state'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('copies the store once per day; the copy holds what was written before it', async () => {
    await store.table<{ n: number }>('things').put('a', { n: 1 });
    await store.journal.append({
      ts: 1,
      actor: 'test',
      action: 'wrote',
      reason: 'before the checkpoint',
      data: {},
    });
    const checkpoints = dirCheckpoints(join(root, 'checkpoints'), store);
    mkdirSync(join(root, 'checkpoints', '2024-05-01.partial'), { recursive: true });
    const taken = await checkpoints.take('2024-05-01');
    expect(taken).toMatchObject({ day: '2024-05-01', fresh: true });
    expect(taken.bytes).toBeGreaterThan(0);
    expect(existsSync(join(root, 'checkpoints', '2024-05-01.partial'))).toBe(false);
    await store.table<{ n: number }>('things').put('b', { n: 2 });
    expect(await checkpoints.take('2024-05-01')).toMatchObject({ fresh: false, dir: taken.dir });

    const copy = openStore(taken.dir);
    try {
      expect(copy.table<{ n: number }>('things').entries()).toEqual([['a', { n: 1 }]]);
      expect(copy.journal.list().map((j) => j.reason)).toEqual(['before the checkpoint']);
    } finally {
      await copy.close();
    }
  });

  it('prunes the days more than keep_days before today, nothing else', async () => {
    const dir = join(root, 'checkpoints');
    for (const name of ['2024-04-20', '2024-04-23', '2024-04-24', '2024-05-01', 'notes'])
      mkdirSync(join(dir, name), { recursive: true });
    const checkpoints = dirCheckpoints(dir, store);
    expect(await checkpoints.prune('2024-05-01', 7)).toEqual(['2024-04-20', '2024-04-23']);
    expect(
      ['2024-04-20', '2024-04-23', '2024-04-24', '2024-05-01', 'notes'].map((n) =>
        existsSync(join(dir, n)),
      ),
    ).toEqual([false, false, true, true, true]);
    expect(await checkpoints.prune('2024-05-01', 1)).toEqual(['2024-04-24']);
    await expect(checkpoints.take('../escape')).rejects.toThrow('YYYY-MM-DD');
  });
});
