/**
 * @module What the doctor reads of this machine's cron: the installed crontab (or STRIKELINE_CRONTAB_FILE, as
 * setup_cron.sh uses), which cron daemon runs, and the machine's time zone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CronDaemon, Crontab } from '../../domain/diagnostics.ts';

export type { CronDaemon, Crontab } from '../../domain/diagnostics.ts';

export function readCrontab(file: string | undefined): Crontab {
  if (file !== undefined && file !== '')
    return { ok: true, text: existsSync(file) ? readFileSync(file, 'utf8') : '', source: file };
  const run = spawnSync('crontab', ['-l'], { encoding: 'utf8' });
  if (run.error !== undefined)
    return {
      ok: false,
      error:
        'the crontab command is missing: install cron (Debian/Ubuntu: apt-get install cron; cronie elsewhere)',
    };
  // `crontab -l` exits 1 with "no crontab for <user>" when there is none: an empty crontab.
  return { ok: true, text: run.status === 0 ? run.stdout : '', source: 'crontab -l' };
}

function isCronie(): boolean {
  return (
    spawnSync('crond', ['-V'], { encoding: 'utf8' }).stdout.includes('cronie') ||
    existsSync('/etc/sysconfig/crond')
  );
}

/** The cron daemon running now, by the processes' names (their executables may belong to root). */
export function runningCronDaemon(proc = '/proc'): CronDaemon {
  let names: string[] = [];
  try {
    names = readdirSync(proc)
      .filter((p) => /^\d+$/.test(p))
      .map((p) => {
        try {
          return readFileSync(join(proc, p, 'cmdline'), 'utf8')
            .split('\0')
            .filter(Boolean)
            .join(' ');
        } catch {
          return '';
        }
      });
  } catch {
    return 'none';
  }
  const words = names.map((n) => n.split(' ').map((w) => w.split('/').pop() ?? ''));
  if (words.some((w) => w[0] === 'busybox' && w[1] === 'crond')) return 'busybox';
  if (words.some((w) => w[0] === 'crond')) return isCronie() ? 'cronie' : 'busybox';
  if (words.some((w) => w[0] === 'cron')) return 'vixie';
  return 'none';
}

/** The machine's zone as cron sees it (/etc/localtime), not this process's TZ. */
export function machineZone(): string {
  try {
    const link = readlinkSync('/etc/localtime');
    const at = link.indexOf('zoneinfo/');
    if (at >= 0) return link.slice(at + 'zoneinfo/'.length);
  } catch {
    // Not a symlink (a copied zone file): fall through.
  }
  try {
    return readFileSync('/etc/timezone', 'utf8').trim() || 'UTC';
  } catch {
    return 'UTC';
  }
}
