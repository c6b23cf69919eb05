import { describe, it } from 'vitest';
import type { FeedDown, FeedResynced } from '../../../src/domain/events.ts';
import { safetyMode, type SafetyTransition } from '../../../src/operators/safety-mode.ts';
import { marbles } from '../../support/marbles.ts';

const down = (feed: 'trading' | 'market', tsEvent = 1_000): FeedDown => ({
  kind: 'FeedDown',
  feed,
  tsEvent,
  reason: `${feed} socket closed`,
});
const up = (feed: 'trading' | 'market', tsEvent = 2_000): FeedResynced => ({
  kind: 'FeedResynced',
  feed,
  tsEvent,
});
const enter = (feed: 'trading' | 'market', tsDown = 1_000): SafetyTransition => ({
  kind: 'SafetyModeEnter',
  feed,
  reason: `${feed} socket closed`,
  tsDown,
});
const exit: SafetyTransition = { kind: 'SafetyModeExit' };
const options = { graceMs: 10, stableMs: 20 };

describe('safetyMode', () => {
  it('ignores a drop shorter than the grace period', () => {
    marbles().run(({ cold, expectObservable }) => {
      const feeds$ = cold('a 4ms b', { a: down('trading'), b: up('trading') });
      expectObservable(feeds$.pipe(safetyMode(options))).toBe('');
    });
  });

  it('enters after the grace period and exits once the streams were stable', () => {
    marbles().run(({ cold, expectObservable }) => {
      const feeds$ = cold('a 14ms b', { a: down('trading'), b: up('trading') });
      // Down at 0: enter at 10. Up at 15: exit at 15 + 20 = 35.
      expectObservable(feeds$.pipe(safetyMode(options))).toBe('10ms e 24ms x', {
        e: enter('trading'),
        x: exit,
      });
    });
  });

  it('restarts the stable window on a new drop', () => {
    marbles().run(({ cold, expectObservable }) => {
      const feeds$ = cold('a 14ms b 9ms c 4ms d', {
        a: down('trading'),
        b: up('trading'),
        c: down('market'),
        d: up('market'),
      });
      // Stable would end at 35, but market drops at 25 and returns at 30: exit at 30 + 20 = 50.
      expectObservable(feeds$.pipe(safetyMode(options))).toBe('10ms e 39ms x', {
        e: enter('trading'),
        x: exit,
      });
    });
  });

  it('does not restart the grace period on repeated drops of a reconnecting feed', () => {
    marbles().run(({ cold, expectObservable }) => {
      const feeds$ = cold('a 4ms b 4ms c', {
        a: down('trading'),
        b: down('trading', 1_005),
        c: down('trading', 1_010),
      });
      expectObservable(feeds$.pipe(safetyMode(options))).toBe('10ms e', { e: enter('trading') });
    });
  });

  it('waits for every feed before the stable window starts', () => {
    marbles().run(({ cold, expectObservable }) => {
      const feeds$ = cold('a 4ms b 9ms c 24ms d', {
        a: down('trading'),
        b: down('market'),
        c: up('trading'),
        d: up('market'),
      });
      // Trading enters at 10; market's own grace (15) is no second enter; both up at 40: exit at 60.
      expectObservable(feeds$.pipe(safetyMode(options))).toBe('10ms e 49ms x', {
        e: enter('trading'),
        x: exit,
      });
    });
  });

  it('enters again after an exit when a feed drops for longer than the grace period', () => {
    marbles().run(({ cold, expectObservable }) => {
      const feeds$ = cold('a 14ms b 29ms c', {
        a: down('trading'),
        b: up('trading'),
        c: down('market', 5_000),
      });
      // Exit at 35; market down at 45: enter at 55.
      expectObservable(feeds$.pipe(safetyMode(options))).toBe('10ms e 24ms x 19ms f', {
        e: enter('trading'),
        x: exit,
        f: enter('market', 5_000),
      });
    });
  });

  it('after a restart in safety mode, exits once the streams were stable', () => {
    marbles().run(({ cold, expectObservable }) => {
      expectObservable(
        cold<FeedDown>('-').pipe(safetyMode({ ...options, startInSafety: true })),
      ).toBe('20ms x', { x: exit });
    });
  });

  it('after a restart in safety mode, waits for every feed to report up before the stable window', () => {
    marbles().run(({ cold, expectObservable }) => {
      const restart = {
        ...options,
        startInSafety: true,
        initiallyDown: ['trading', 'market'] as const,
      };
      expectObservable(cold<FeedDown>('-').pipe(safetyMode(restart))).toBe('');
      const feeds$ = cold('5ms a 2ms b', { a: up('trading'), b: up('market') });
      // Both up at 8: exit at 28.
      expectObservable(feeds$.pipe(safetyMode(restart))).toBe('28ms x', { x: exit });
    });
  });

  it('counts a feed that never connects as down from the start', () => {
    marbles().run(({ cold, expectObservable }) => {
      const notYetUp: SafetyTransition = {
        kind: 'SafetyModeEnter',
        feed: 'market',
        reason: 'not connected since start',
        tsDown: 0,
      };
      const feeds$ = cold('3ms a', { a: up('trading') });
      expectObservable(
        feeds$.pipe(safetyMode({ ...options, initiallyDown: ['trading', 'market'] })),
      ).toBe('10ms e', { e: notYetUp });
    });
  });

  it('passes a source error through and unsubscribes', () => {
    marbles().run(({ cold, expectObservable, expectSubscriptions }) => {
      const feeds$ = cold('a 2ms #', { a: down('trading') });
      expectObservable(feeds$.pipe(safetyMode(options))).toBe('3ms #');
      expectSubscriptions(feeds$.subscriptions).toBe('^ 2ms !');
    });
  });

  it('stops its timers when unsubscribed', () => {
    marbles().run(({ hot, expectObservable, expectSubscriptions }) => {
      const feeds$ = hot('a', { a: down('trading') });
      expectObservable(feeds$.pipe(safetyMode(options)), '^ 5ms !').toBe('');
      expectSubscriptions(feeds$.subscriptions).toBe('^ 5ms !');
    });
  });
});
