/** @module One line of `strikeline doctor`: a check's id, its group, ok / warn / fail, what was found and the fix. */

export type CheckStatus = 'ok' | 'warn' | 'fail';

export type CheckGroup =
  'environment' | 'broker' | 'daemon' | 'schedules' | 'state' | 'alerts' | 'research';

export interface DoctorCheck {
  /** Stable, for scripts: `env.permissions`, `broker.clock_skew`... (docs/doctor.md lists them). */
  readonly id: string;
  readonly group: CheckGroup;
  readonly status: CheckStatus;
  /** What was found, one line. */
  readonly summary: string;
  /** What to do, one line; null when ok, and for a check not run (the failure it waits on has the fix). */
  readonly fix: string | null;
}

type Maker = (id: string, summary: string, fix?: string) => DoctorCheck;

/** Check constructors of one group: `const c = checksOf('state'); c.ok('state.store', 'opens')`. */
export function checksOf(group: CheckGroup): {
  ok: Maker;
  warn: Maker;
  fail: Maker;
  notChecked: (id: string, why: string) => DoctorCheck;
} {
  const make =
    (status: CheckStatus): Maker =>
    (id, summary, fix) => ({
      id,
      group,
      status,
      summary,
      fix: status === 'ok' ? null : (fix ?? null),
    });
  return {
    ok: make('ok'),
    warn: make('warn'),
    fail: make('fail'),
    // Not verified is not ok: the box is not to be trusted on it until the prerequisite is fixed.
    notChecked: (id, why) => ({
      id,
      group,
      status: 'fail',
      summary: `not checked: ${why}`,
      fix: null,
    }),
  };
}

export const messageOf = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
