/** Which files log retention may remove: only day logs and event files, by the New York date in their name. */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileDate, pruneOldFiles } from '../../../../src/adapters/log/prune-old-files.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';

describe('pruneOldFiles', () => {
  it('reads the date of day logs and event files only', () => {
    expect(fileDate('strikeline-2024-05-01.jsonl')).toBe('2024-05-01');
    expect(fileDate('sim-2024-05-01.jsonl')).toBe('2024-05-01');
    expect(fileDate('events_20240501_093500_1234.jsonl')).toBe('2024-05-01');
    expect(fileDate('notes-2024-05-01.txt')).toBeNull();
    expect(fileDate('events_latest.jsonl')).toBeNull();
  });

  it('removes what is older than the retention by New York date, even just after midnight UTC', () => {
    const t = makeTempRoot('strikeline-prune-');
    try {
      const dir = join(t.root, 'logs');
      mkdirSync(dir);
      for (const f of [
        'a-2024-02-01.jsonl',
        'a-2024-01-31.jsonl',
        'events_20240131_235959_1.jsonl',
        'keep.txt',
      ])
        writeFileSync(join(dir, f), '');
      // 2024-05-01T02:00Z is still April 30 in New York: 90 days back is 2024-01-31, which stays.
      expect(pruneOldFiles(dir, 90, Date.parse('2024-05-01T02:00:00Z'))).toEqual([]);
      expect(pruneOldFiles(dir, 90, Date.parse('2024-05-01T12:00:00Z')).sort()).toEqual([
        'a-2024-01-31.jsonl',
        'events_20240131_235959_1.jsonl',
      ]);
      expect(readdirSync(dir).sort()).toEqual(['a-2024-02-01.jsonl', 'keep.txt']);
      expect(pruneOldFiles(join(t.root, 'missing'), 90, Date.now())).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});
