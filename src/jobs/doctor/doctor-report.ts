/**
 * @module `strikeline doctor`'s result: every check in order, the counts, `ok` (no check failed: the exit code is 0
 * only then) and which kind of money is at stake. `--json` prints this object as it is (docs/doctor.md).
 */
import type { CheckStatus, DoctorCheck } from './doctor-check.ts';
import type { TradingKind } from './broker-checks.ts';

export interface DoctorReport {
  /** No check failed. */
  readonly ok: boolean;
  /** `live` (real money), `paper`, or `simulator` (neither Alpaca host); null when the environment is unreadable. */
  readonly trading: TradingKind | null;
  readonly root: string;
  readonly counts: Readonly<Record<CheckStatus, number>>;
  readonly checks: readonly DoctorCheck[];
}

export function doctorReport(
  root: string,
  trading: TradingKind | null,
  checks: readonly DoctorCheck[],
): DoctorReport {
  const count = (s: CheckStatus): number => checks.filter((k) => k.status === s).length;
  const counts = { ok: count('ok'), warn: count('warn'), fail: count('fail') };
  return { ok: counts.fail === 0, trading, root, counts, checks };
}

const LABEL: Readonly<Record<CheckStatus, string>> = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' };

/** For people: one line per check under its group, the fix beneath what is not ok, the counts last. */
export function renderDoctor(r: DoctorReport): string {
  const out: string[] = [];
  if (r.trading === 'live') out.push('*** LIVE TRADING: these keys move REAL MONEY ***', '');
  let group = '';
  const width = Math.max(...r.checks.map((k) => k.id.length));
  for (const k of r.checks) {
    if (k.group !== group) {
      group = k.group;
      out.push(`${out.length === 0 || out.at(-1) === '' ? '' : '\n'}${group}`);
    }
    out.push(`  ${LABEL[k.status]}  ${k.id.padEnd(width)}  ${k.summary}`);
    if (k.fix !== null) out.push(`        ${' '.repeat(width)}  fix: ${k.fix}`);
  }
  const kind = r.trading === null ? '' : ` (${r.trading === 'live' ? 'LIVE' : r.trading})`;
  out.push(
    '',
    `${r.counts.ok} ok, ${r.counts.warn} warn, ${r.counts.fail} fail: ${r.ok ? `ready${kind}` : 'NOT ready'} (${r.root})`,
    '',
  );
  return out.join('\n');
}
