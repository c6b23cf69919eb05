/** The error log's reading of pino lines: levels, logger and component, source, exception fields, context. */
import { describe, expect, it } from 'vitest';
import { componentOf, errorFromLine } from '../../../../src/adapters/log/error-line.ts';

const id = (ts: number, pid: number): string => `${String(ts)}-${String(pid)}`;
const line = (o: Record<string, unknown>): string =>
  JSON.stringify({ time: 1000, pid: 7, hostname: 'h', ...o });

describe('errorFromLine', () => {
  it('ignores lines below WARN and lines that are not JSON objects', () => {
    expect(errorFromLine(line({ level: 30, msg: 'fine' }), id)).toBeUndefined();
    expect(errorFromLine('not json', id)).toBeUndefined();
    expect(errorFromLine('42', id)).toBeUndefined();
  });

  it('maps warn, error and fatal to warning, error and critical', () => {
    expect(errorFromLine(line({ level: 40, msg: 'a' }), id)?.level).toBe('warning');
    expect(errorFromLine(line({ level: 50, msg: 'a' }), id)?.level).toBe('error');
    expect(errorFromLine(line({ level: 60, msg: 'a' }), id)?.level).toBe('critical');
  });

  it('takes the logger from the component binding and the source from the hook', () => {
    const r = errorFromLine(
      line({
        level: 40,
        msg: 'stale',
        component: 'protection',
        source: '/x/src/streams/a.ts:12:5',
        symbol: 'AAPL',
        err: 'boom',
      }),
      id,
    );
    expect(r).toMatchObject({
      id: '1000-7',
      ts: 1000,
      pid: 7,
      logger: 'protection',
      component: 'execution',
      message: 'stale',
      sourceFile: '/x/src/streams/a.ts',
      sourceLine: 12,
      exceptionType: null,
      stack: null,
      context: { symbol: 'AAPL', err: 'boom' },
      resolved: false,
    });
  });

  it('reads a serialized exception: type, stack, and the source from its first frame when no hook ran', () => {
    const stack =
      'TypeError: bad\n    at run (file:///app/src/jobs/x.ts:3:9)\n    at main (/app/src/cli/y.ts:1:1)';
    const r = errorFromLine(
      line({ level: 50, msg: 'failed', err: { type: 'TypeError', message: 'bad', stack } }),
      id,
    );
    expect(r).toMatchObject({
      exceptionType: 'TypeError',
      stack,
      sourceFile: '/app/src/jobs/x.ts',
      sourceLine: 3,
    });
    expect(r?.context).toEqual({});
  });

  it('groups loggers as a trader reads them', () => {
    expect(componentOf('scan')).toBe('strategies');
    expect(componentOf('research')).toBe('research');
    expect(componentOf('mail')).toBe('alerts');
    expect(componentOf('something-new')).toBe('system');
  });
});
