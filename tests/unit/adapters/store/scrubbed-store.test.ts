import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeScrubber } from '../../../../src/domain/secrets/scrub.ts';
import { openStore } from '../../../../src/adapters/store/lmdb-store.ts';
import { scrubbedStore } from '../../../../src/adapters/store/scrubbed-store.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';
import { filesWithSecrets } from '../../../support/ops.ts';

const temp = makeTempRoot();
afterAll(() => {
  temp.cleanup();
});

const SECRET = 'secret-in-a-reason';

describe('scrubbedStore', () => {
  it('scrubs journal entries and table values (keys too) before LMDB keeps them; clean values pass unchanged', async () => {
    const dir = join(temp.root, 'state');
    const store = scrubbedStore(openStore(dir), makeScrubber([SECRET]));
    await store.journal.append({
      ts: 1,
      actor: 'test',
      action: 'refused',
      reason: `broker: ${SECRET}`,
      data: { body: JSON.stringify({ s: SECRET }), n: 2 },
    });
    const intents = store.table<{ error: string; qty: number }>('intents');
    await intents.put(`id-${SECRET}`, { error: `HTTP 403 ${encodeURIComponent(SECRET)}`, qty: 3 });
    expect(await intents.putIfAbsent('other', { error: SECRET, qty: 1 })).toBe(true);
    await intents.put('clean', { error: 'insufficient buying power', qty: 4 });
    expect(store.journal.list()).toEqual([
      {
        ts: 1,
        actor: 'test',
        action: 'refused',
        reason: 'broker: [REDACTED]',
        data: { body: '{"s":"[REDACTED]"}', n: 2 },
      },
    ]);
    expect(intents.entries()).toEqual([
      ['clean', { error: 'insufficient buying power', qty: 4 }],
      ['id-[REDACTED]', { error: 'HTTP 403 [REDACTED]', qty: 3 }],
      ['other', { error: '[REDACTED]', qty: 1 }],
    ]);
    await store.close();
    expect(filesWithSecrets(dir, [SECRET, encodeURIComponent(SECRET)])).toEqual([]);
  });

  it('update folds the value as stored and scrubs what it writes; a fold that returns no value writes nothing', async () => {
    const dir = join(temp.root, 'update');
    const store = scrubbedStore(openStore(dir), makeScrubber([SECRET]));
    const book = store.table<{ n: number; reason: string }>('risk');
    expect(
      await book.update('book', (cur) => ({
        value: { n: (cur?.n ?? 0) + 1, reason: `broker: ${SECRET}` },
        result: cur,
      })),
    ).toBeUndefined();
    expect(await book.update('book', (cur) => ({ value: undefined, result: cur?.n }))).toBe(1);
    expect(
      await book.update('book', (cur) => ({
        value: { n: (cur?.n ?? 0) + 1, reason: cur?.reason ?? '' },
        result: 'written',
      })),
    ).toBe('written');
    expect(book.get('book')).toEqual({ n: 2, reason: 'broker: [REDACTED]' });
    await store.close();
    expect(filesWithSecrets(dir, [SECRET])).toEqual([]);
  });
});
