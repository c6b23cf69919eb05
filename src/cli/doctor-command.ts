/**
 * @module `strikeline doctor`: is this box ready to trade? Every check prints ok / warn / fail with its fix; exit 0
 * only when nothing fails; --json for scripts; --send-test mails a test alert (docs/doctor.md).
 */
import { existsSync, readdirSync, readFileSync, statfsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { probeBroker } from '../adapters/alpaca/probe-broker.ts';
import { isProcessAlive } from '../adapters/lock/process-alive.ts';
import { probeRootLock } from '../adapters/lock/root-lock.ts';
import { machineZone, readCrontab, runningCronDaemon } from '../adapters/system/cron-facts.ts';
import { pathsFor } from '../config/paths.ts';
import { messageOf } from '../jobs/doctor/doctor-check.ts';
import { renderDoctor } from '../jobs/doctor/doctor-report.ts';
import { configChecks, environmentChecks } from '../jobs/doctor/environment-checks.ts';
import { runDoctor, type DoctorServices } from '../jobs/doctor/run-doctor.ts';
import type { UnitFileText } from '../jobs/doctor/unit-checks.ts';
import type { SystemdTimers } from '../jobs/doctor/timer-checks.ts';
import { composeAlpaca, composeKillSwitch } from './compose.ts';
import { openContext, type Context } from './context.ts';
import { checkoutDir } from './strikeline-bin.ts';
import { configSchema } from '../config/schema.ts';
import { scheduleTimes } from '../jobs/schedule/schedule-times.ts';

const CHECKOUT = checkoutDir();
const SYSTEM_UNITS = '/etc/systemd/system';

/** The box is not ready: the report is printed, then this line, and the exit code is 1. */
class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
}

function services(ctx: Context): DoctorServices {
  const { apiKey, secretKey } = ctx.env;
  return {
    env: ctx.env,
    config: ctx.config,
    paths: ctx.paths,
    store: () => ctx.store(),
    broker: () => composeAlpaca(ctx).broker,
    probeBroker:
      apiKey && secretKey
        ? () => probeBroker({ endpoint: ctx.env.endpoint, keyId: apiKey, secretKey })
        : undefined,
    mailer: () => ctx.mailer(),
    killSwitch: () => composeKillSwitch(ctx),
    probeLock: () => probeRootLock(ctx.env.root),
    isAlive: isProcessAlive,
  };
}

/** Where systemd units are read: /etc/systemd/system, or STRIKELINE_SYSTEMD_DIR (as `schedule --systemd DIR` writes). */
const unitsDir = (): string => process.env.STRIKELINE_SYSTEMD_DIR ?? SYSTEM_UNITS;

/** The unit files an administrator installed whose names pass `keep`; none readable is none. */
function unitFiles(dir: string, keep: (name: string) => boolean): UnitFileText[] {
  try {
    return readdirSync(dir)
      .filter(keep)
      .flatMap((f) => {
        try {
          return [{ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }];
        } catch {
          return [];
        }
      });
  } catch {
    return [];
  }
}

const systemUnits = (): UnitFileText[] => unitFiles(unitsDir(), (f) => f.endsWith('.service'));

/** strikeline's timers and job service, and the timers `systemctl enable` linked. */
function systemTimers(): SystemdTimers {
  const dir = unitsDir();
  let enabled: string[] = [];
  try {
    enabled = readdirSync(join(dir, 'timers.target.wants')).filter((f) =>
      f.startsWith('strikeline-'),
    );
  } catch {
    // No timer enabled at all.
  }
  return {
    units: unitFiles(
      dir,
      (f) =>
        f.startsWith('strikeline-') && (f.endsWith('.timer') || f === 'strikeline-job@.service'),
    ),
    enabled,
  };
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description(
      'check this box before trusting it with money: .env, config, broker, daemon, schedules, state, alerts, research',
    )
    .option('--json', 'print the checks as JSON')
    .option('--send-test', 'also send a test alert by email and SMS through the configured SMTP')
    .addHelpText(
      'after',
      '\nEach check prints ok, WARN or FAIL with its fix. Exit code 0 only when no check fails, 1 otherwise.\nRun it before going live, after any change to the box, and whenever something feels off (docs/doctor.md).',
    )
    .action(async (opts: { json?: boolean; sendTest?: boolean }) => {
      const root = resolve(process.env.TRADING_SYSTEM_ROOT ?? process.cwd());
      const paths = pathsFor(root);
      const environment = environmentChecks(process.env, root);
      const config = configChecks(paths.config);
      let ctx: Context | undefined;
      let why =
        environment.env === undefined
          ? 'the environment is refused (see environment)'
          : 'the config is invalid (see config.valid)';
      if (environment.env !== undefined && config.config !== undefined) {
        try {
          ctx = openContext('doctor');
        } catch (e) {
          why = `strikeline cannot start here: ${messageOf(e)}`;
        }
      }
      try {
        const report = await runDoctor({
          root,
          preflight: [...environment.checks, ...config.checks],
          services: ctx === undefined ? why : services(ctx),
          schedule: () => ({
            checkout: CHECKOUT,
            root,
            node: process.execPath,
            crontab: readCrontab(process.env.STRIKELINE_CRONTAB_FILE),
            times: scheduleTimes((ctx?.config ?? configSchema.parse({})).schedule),
            daemon: runningCronDaemon(),
            machineZone: machineZone(),
            timers: systemTimers(),
          }),
          freeBytes: () => {
            let dir = root;
            while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
            const fs = statfsSync(dir);
            return fs.bavail * fs.bsize;
          },
          units: systemUnits,
          exists: existsSync,
          hostname: hostname(),
          sendTest: opts.sendTest === true,
          now: Date.now,
        });
        process.stdout.write(
          opts.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderDoctor(report),
        );
        if (!report.ok) {
          const failed = report.checks.filter((k) => k.status === 'fail').map((k) => k.id);
          throw new NotReadyError(
            `doctor: ${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.join(', ')}`,
          );
        }
      } finally {
        await ctx?.close();
      }
    });
}
