/**
 * The protection core's feeding operators (streams/protection/core-feeds.ts): an order on the wire is counted
 * from its sending to its first answer (or its end without one), each outcome fed back; a value past the last
 * clock report's session boundary is preceded by a clock ask, one before it is not.
 */
import { describe, expect, it } from 'vitest';
import { Subject, map, of, throwError, type Subscription } from 'rxjs';
import type { ClockReport } from '../../../../src/domain/account.ts';
import type { CommandOutcome } from '../../../../src/domain/holdings/daemon-inputs.ts';
import { askAtBoundary, whileSubmitting } from '../../../../src/streams/protection/core-feeds.ts';
import { marbles } from '../../../support/marbles.ts';

const outcome = (clientOrderId: string): CommandOutcome => ({
  kind: 'SubmitResolved',
  symbol: 'AAPL',
  clientOrderId,
  report: null,
});
const report = (tsNextClose: number): ClockReport => ({
  kind: 'ClockReport',
  tsNow: 0,
  isOpen: true,
  tsNextOpen: tsNextClose + 1_000,
  tsNextClose,
});

describe('whileSubmitting', () => {
  it('counts the order from its sending to its first answer, then feeds each outcome', () => {
    marbles().run(({ cold, expectObservable }) => {
      const out = whileSubmitting(cold('--a-----b|', { a: outcome('x'), b: outcome('y') })).pipe(
        map((v) => v.action),
      );
      expectObservable(out).toBe('s-(ax)--y|', {
        s: { kind: 'Submitting', delta: 1 },
        a: { kind: 'Submitting', delta: -1 },
        x: { kind: 'Outcome', outcome: outcome('x') },
        y: { kind: 'Outcome', outcome: outcome('y') },
      });
    });
  });

  it('answers once: an order that ends without an outcome, or fails, is still counted as answered', () => {
    const seen: unknown[] = [];
    const subs: Subscription[] = [
      whileSubmitting(of()).subscribe((v) => seen.push(v.action)),
      whileSubmitting(throwError(() => new Error('x'))).subscribe({
        next: (v) => seen.push(v.action),
        error: () => seen.push('error'),
      }),
    ];
    expect(seen).toEqual([
      { kind: 'Submitting', delta: 1 },
      { kind: 'Submitting', delta: -1 },
      { kind: 'Submitting', delta: 1 },
      { kind: 'Submitting', delta: -1 },
      'error',
    ]);
    for (const s of subs) s.unsubscribe();
  });
});

describe('askAtBoundary', () => {
  it('asks the clock before a value past the last report, never before the first report', () => {
    let now = 100;
    const reports = new Subject<ClockReport>();
    const seen: unknown[] = [];
    const values = new Subject<string>();
    const sub = values
      .pipe(askAtBoundary(reports, () => now))
      .subscribe((v) => seen.push(typeof v === 'string' ? v : v.action));
    values.next('no report yet');
    reports.next(report(200));
    values.next('before the close');
    now = 200;
    values.next('at the close');
    reports.next(report(300));
    values.next('after a fresh report');
    sub.unsubscribe();
    expect(seen).toEqual([
      'no report yet',
      'before the close',
      { kind: 'ClockAsk', why: 'boundary' },
      'at the close',
      'after a fresh report',
    ]);
  });
});
