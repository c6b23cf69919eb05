/** The logger's lines carry each key once: a child re-binding `component` replaces the parent's value. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/adapters/log/logger.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';

const temp = makeTempRoot();
afterAll(() => {
  temp.cleanup();
});

function lines(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'));
}

describe('createLogger', () => {
  it('a child re-binding a key replaces it: one "component" per line, the nearest child winning, other bindings kept', () => {
    const dir = join(temp.root, 'logs');
    const root = createLogger({ dir, level: 'debug', scrub: (t) => t, pretty: false });
    const stream = root.log.child({ component: 'stream', runId: 'r1' });
    stream.child({ component: 'clock' }).info({ tsBroker: 1 }, 'clock synced');
    stream.warn({}, 'stream line');
    root.log
      .child({ component: 'a' })
      .child({ component: 'b' })
      .child({ component: 'c' })
      .debug({}, 'deep');
    root.close();
    const [clock, own, deep] = lines(dir);
    for (const line of [clock, own, deep]) expect(line?.match(/"component":/g)).toHaveLength(1);
    expect(JSON.parse(clock ?? '')).toMatchObject({
      component: 'clock',
      runId: 'r1',
      tsBroker: 1,
      msg: 'clock synced',
    });
    expect(JSON.parse(own ?? '')).toMatchObject({
      component: 'stream',
      runId: 'r1',
      msg: 'stream line',
    });
    expect(JSON.parse(deep ?? '')).toMatchObject({ component: 'c', msg: 'deep' });
  });

  it('honours the level: debug lines are dropped at info', () => {
    const dir = join(temp.root, 'logs-info');
    const root = createLogger({ dir, level: 'info', scrub: (t) => t, pretty: false });
    const log = root.log.child({ component: 'x' });
    log.debug({}, 'hidden');
    log.error({}, 'shown');
    root.close();
    expect(lines(dir).map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['shown']);
  });
});
