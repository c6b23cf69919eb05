/** The doctor's report: ok exactly when no check failed, counts per status, a LIVE banner, the fix under each check not ok. */
import { describe, expect, it } from 'vitest';
import { checksOf } from '../../../../src/jobs/doctor/doctor-check.ts';
import { doctorReport, renderDoctor } from '../../../../src/jobs/doctor/doctor-report.ts';

const env = checksOf('environment');
const state = checksOf('state');

describe('doctorReport', () => {
  it('ok with warnings; not ok with one failure', () => {
    const warned = doctorReport('/srv/s', 'paper', [
      env.ok('env.file', 'present'),
      state.warn('state.disk', '800 MB free', 'free space'),
    ]);
    expect(warned).toMatchObject({ ok: true, counts: { ok: 1, warn: 1, fail: 0 } });
    expect(
      doctorReport('/srv/s', 'paper', [
        env.ok('env.file', 'present'),
        state.notChecked('state.store', 'x'),
      ]).ok,
    ).toBe(false);
  });

  it('renders groups, labels, fixes, the LIVE banner and the verdict', () => {
    const text = renderDoctor(
      doctorReport('/srv/s', 'live', [
        env.fail('env.permissions', 'mode 644', 'chmod 600 /srv/s/.env'),
        state.ok('state.store', 'opens'),
      ]),
    );
    expect(text.split('\n')).toEqual([
      '*** LIVE TRADING: these keys move REAL MONEY ***',
      '',
      'environment',
      '  FAIL  env.permissions  mode 644',
      '                         fix: chmod 600 /srv/s/.env',
      '',
      'state',
      '  ok    state.store      opens',
      '',
      '1 ok, 0 warn, 1 fail: NOT ready (/srv/s)',
      '',
    ]);
    expect(
      renderDoctor(doctorReport('/srv/s', 'paper', [state.ok('state.store', 'opens')])),
    ).toContain('1 ok, 0 warn, 0 fail: ready (paper) (/srv/s)');
  });
});
