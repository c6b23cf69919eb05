import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventLog } from '../../../../src/adapters/log/event-log.ts';
import { createLogger } from '../../../../src/adapters/log/logger.ts';
import { makeScrubber, REDACTED } from '../../../../src/adapters/log/scrub.ts';
import { makeTempRoot } from '../../../support/temp-root.ts';

const temp = makeTempRoot();
afterAll(() => { temp.cleanup(); });

const KEY = 'PKTESTKEY123456';
const SECRET = 'sEcReT/with"quote';

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? allFiles(join(dir, d.name)) : [join(dir, d.name)]));
}

describe('secret scrubbing', () => {
  it('replaces every occurrence, also JSON-escaped', () => {
    const scrub = makeScrubber([SECRET]);
    expect(scrub(`a ${SECRET} b ${JSON.stringify(SECRET)}`)).not.toContain('sEcReT');
    expect(scrub('nothing here')).toBe('nothing here');
  });

  it('keeps secrets out of log files and event files, whatever field carries them', () => {
    const logs = join(temp.root, 'logs');
    const root = createLogger({ dir: logs, level: 'debug', secrets: [KEY, SECRET], pretty: false });
    root.log.info({ keyId: KEY, nested: { note: `uses ${SECRET}` } }, `configured with ${KEY}`);
    root.log.error({ err: new Error(`request failed for ${KEY}:${SECRET}`).message }, 'broker error');
    root.log.child({ component: 'x' }).warn({ headers: { 'APCA-API-SECRET-KEY': SECRET } }, 'headers');
    root.close();
    const events = createEventLog(join(logs, 'events'), 'run1', [KEY, SECRET]);
    events.emit('ERROR', { message: `boom ${SECRET}` });
    const files = allFiles(logs);
    expect(files.length).toBe(2);
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(text).toContain('broker error');
    expect(text).toContain(REDACTED);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('sEcReT');
  });
});
