import { describe, expect, it } from 'vitest';
import { explainListenError } from '../../../src/cli/listen-error.ts';

const errno = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`listen ${code}: 127.0.0.1`), { code });

describe('explainListenError', () => {
  it('names the port and how to pick another for a port in use or a privileged port', () => {
    expect(explainListenError(errno('EADDRINUSE'), 8787)).toBe(
      'port 8787 on 127.0.0.1 is already in use (another strikeline sim?): pick another with --port N, or --port 0 for any free port (the ready line names it)',
    );
    expect(explainListenError(errno('EACCES'), 80)).toBe(
      'port 80 on 127.0.0.1 needs privileges this user does not have: pick a port above 1023 with --port N, or --port 0 for any free port',
    );
  });

  it('leaves every other error alone', () => {
    expect(explainListenError(errno('EMFILE'), 8787)).toBeUndefined();
    expect(explainListenError(new Error('boom'), 8787)).toBeUndefined();
    expect(explainListenError(undefined, 8787)).toBeUndefined();
  });
});
