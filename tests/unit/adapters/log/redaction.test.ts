import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventLog } from '../../../../src/adapters/log/event-log.ts';
import { createLogger } from '../../../../src/adapters/log/logger.ts';
import { makeScrubber, REDACTED } from '../../../../src/domain/secrets/scrub.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';

const temp = makeTempRoot();
afterAll(() => {
  temp.cleanup();
});

const KEY = 'PKTESTKEY123456';
const SECRET = 'sEcReT/with"quote';

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? allFiles(join(dir, d.name)) : [join(dir, d.name)],
  );
}

describe('secret scrubbing in logs and events', () => {
  it('keeps secrets out of log files and event files, whatever field carries them', () => {
    const scrub = makeScrubber([KEY, SECRET]);
    const logs = join(temp.root, 'logs');
    const root = createLogger({ dir: logs, level: 'debug', scrub, pretty: false });
    root.log.info({ keyId: KEY, nested: { note: `uses ${SECRET}` } }, `configured with ${KEY}`);
    root.log.error(
      { err: new Error(`request failed for ${KEY}:${SECRET}`).message },
      'broker error',
    );
    root.log
      .child({ component: 'x' })
      .warn({ headers: { 'APCA-API-SECRET-KEY': SECRET } }, 'headers');
    root.log.warn(
      {
        basic: Buffer.from(`${KEY}:${SECRET}`).toString('base64'),
        query: encodeURIComponent(SECRET),
      },
      'encoded',
    );
    root.close();
    const events = createEventLog(join(logs, 'events'), 'run1', scrub);
    events.emit('ERROR', { message: `boom ${SECRET}`, body: JSON.stringify({ secret: SECRET }) });
    const files = allFiles(logs);
    expect(files.length).toBe(2);
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(text).toContain('broker error');
    expect(text).toContain(REDACTED);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('sEcReT');
    expect(text).not.toContain(Buffer.from(`${KEY}:`).toString('base64').slice(0, 12));
    expect(text).not.toContain(encodeURIComponent(SECRET));
  });
});
