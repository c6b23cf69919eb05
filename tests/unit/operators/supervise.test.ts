import { describe, expect, it } from 'vitest';
import { BrokerError } from '../../../src/domain/broker-error.ts';
import type { Logger } from '../../../src/domain/ports.ts';
import { supervise } from '../../../src/operators/supervise.ts';
import { marbles } from '../../support/marbles.ts';

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log: Logger & { lines: string[] } = {
    lines,
    info: () => undefined,
    warn: () => undefined,
    debug: () => undefined,
    error: (_obj, msg) => {
      lines.push(msg);
    },
    child: () => log,
  };
  return log;
}

describe('supervise', () => {
  it('re-subscribes after an error, logging it', () => {
    const log = recordingLog();
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-#');
      expectObservable(
        source.pipe(supervise({ maxRestarts: 3, windowMs: 100, log })),
        '^-------!',
      ).toBe('a-a-a-a-');
      expectSubscriptions(source.subscriptions).toBe(['^-!', '--^-!', '----^-!', '------^-!']);
    });
    expect(log.lines).toEqual([
      'pipeline failed: restarting',
      'pipeline failed: restarting',
      'pipeline failed: restarting',
    ]);
  });

  it('lets the error through once the budget is spent within the window', () => {
    const log = recordingLog();
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-#');
      expectObservable(source.pipe(supervise({ maxRestarts: 2, windowMs: 100, log }))).toBe(
        'a-a-a-#',
      );
      expectSubscriptions(source.subscriptions).toBe(['^-!', '--^-!', '----^-!']);
    });
    expect(log.lines.at(-1)).toBe('pipeline failed too often: giving up');
  });

  it('forgives restarts older than the window', () => {
    const log = recordingLog();
    marbles().run(({ cold, expectObservable }) => {
      // Errors 10 ms apart with a 5 ms window never exhaust a budget of 1.
      const source = cold('9ms a #');
      expectObservable(
        source.pipe(supervise({ maxRestarts: 1, windowMs: 5, log })),
        '^ 40ms !',
      ).toBe('9ms a 9ms a 9ms a 9ms a');
    });
  });

  it('waits delayMs before restarting', () => {
    const log = recordingLog();
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a#');
      expectObservable(
        source.pipe(supervise({ maxRestarts: 1, windowMs: 100, log, delayMs: 5 })),
      ).toBe('a 5ms a#');
      expectSubscriptions(source.subscriptions).toBe(['^!', '6ms ^!']);
    });
  });

  it('never restarts on refused credentials: the error goes through at once', () => {
    const log = recordingLog();
    const refused = new BrokerError('auth', 'trading stream refused the credentials (auth failed)');
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-#', undefined, refused);
      expectObservable(
        source.pipe(supervise({ maxRestarts: 5, windowMs: 100, log, delayMs: 1 })),
      ).toBe('a-#', undefined, refused);
      expectSubscriptions(source.subscriptions).toBe(['^-!']);
    });
    expect(log.lines).toEqual([]);
  });
});
