/** The doctor's state checks: a store that does not open (and why), logs/ not writable, the last decision journaled. */
import { describe, expect, it } from 'vitest';
import { StoreVersionError } from '../../../../src/adapters/store/schema-version.ts';
import type { Store } from '../../../../src/domain/store.ts';
import { stateChecks, type StateFacts } from '../../../../src/jobs/doctor/state-checks.ts';

const store = (
  entries: Array<{ ts: number; actor: string; action: string; reason: string }>,
): Store =>
  ({
    journal: { list: () => entries },
    table: () => ({ get: () => undefined }),
  }) as unknown as Store;
const facts = (over: Partial<StateFacts> = {}): StateFacts => ({
  stateDir: '/srv/s/state',
  root: '/srv/s',
  logsDir: '/srv/s/logs',
  openStore: () => store([]),
  freeBytes: 50 * 1024 ** 3,
  logsNotWritable: null,
  ...over,
});
const byId = (f: StateFacts) => Object.fromEntries(stateChecks(f).checks.map((k) => [k.id, k]));

describe('stateChecks', () => {
  it('opens; the last decision journaled', () => {
    const c = byId(
      facts({
        openStore: () =>
          store([
            {
              ts: Date.parse('2024-05-01T13:35:02Z'),
              actor: 'trade',
              action: 'submit',
              reason: 'entry',
            },
          ]),
      }),
    );
    expect(c['state.store']?.status).toBe('ok');
    expect(c['state.checkpoint']?.summary).toBe(
      'last journaled decision 2024-05-01T13:35:02.000Z (submit by trade); no daemon record',
    );
  });

  it('a newer schema fails both store and schema; another error leaves the schema unchecked', () => {
    const newer = byId(
      facts({
        openStore: () => {
          throw new StoreVersionError(
            'state store /srv/s/state has schema version 2, newer than this strikeline (1)',
          );
        },
      }),
    );
    expect([newer['state.store']?.status, newer['state.schema']?.status]).toEqual(['fail', 'fail']);
    const denied = byId(
      facts({
        openStore: () => {
          throw new Error('EACCES: permission denied');
        },
      }),
    );
    expect(denied['state.schema']?.summary).toBe('not checked: the store does not open');
    expect(denied['state.disk']?.status).toBe('ok');
  });

  it('logs/ not writable fails', () => {
    expect(
      byId(facts({ logsNotWritable: 'EACCES: permission denied' }))['logs.writable'],
    ).toMatchObject({
      status: 'fail',
      summary: '/srv/s/logs is not writable: EACCES: permission denied',
    });
  });
});
