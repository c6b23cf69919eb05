/** @module `strikeline schedule`: today's jobs in New York and machine time, and what became of each; systemd timers. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { schedulePlan, type SchedulePlan } from '../jobs/schedule/schedule-plan.ts';
import { scheduleRecords } from '../jobs/schedule/schedule-records.ts';
import { scheduleTimes } from '../jobs/schedule/schedule-times.ts';
import { systemdUnits } from '../jobs/schedule/systemd-units.ts';
import { textTable } from '../jobs/format/text-table.ts';
import { withContext } from './context.ts';
import { tickTime } from './tick-command.ts';

/** HH:MM on this machine's own clock and zone (the TZ environment variable, else the system's). */
const machineTime = (ts: number): string =>
  new Date(ts).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });

function render(p: SchedulePlan): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const rows = p.jobs.map((j) => [j.job, j.at, machineTime(j.tsDue), j.state, j.detail]);
  return [
    `schedule of ${p.day} (${p.timezone}; now ${p.now} by the ${p.clock}'s clock; this machine's zone: ${zone})`,
    textTable(
      ['job', 'New York', 'this machine', 'state', 'detail'].map((header) => ({ header })),
      rows,
    ),
    `A job not started within ${p.maxLateMin} min of its time is reported missed. Times come from schedule: in config/config.yaml.`,
  ].join('\n');
}

export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description(
      "show today's scheduled jobs (New York and this machine's time) and what became of each",
    )
    .option('--json', 'print the plan as JSON')
    .option(
      '--systemd <dir>',
      'write systemd timers for the jobs (one per job, at its New York time) into DIR',
    )
    .action(async (opts: { json?: boolean; systemd?: string }) => {
      await withContext('schedule', async (ctx) => {
        const dir = opts.systemd;
        if (dir !== undefined) {
          mkdirSync(dir, { recursive: true });
          const units = systemdUnits({
            root: ctx.env.root,
            node: process.execPath,
            user: userInfo().username,
            times: scheduleTimes(ctx.config.schedule),
          });
          for (const u of units) writeFileSync(join(dir, u.name), u.text);
          process.stdout.write(`${units.map((u) => `wrote ${join(dir, u.name)}`).join('\n')}\n`);
          return;
        }
        const time = await tickTime(ctx);
        const records = scheduleRecords(ctx.store());
        const plan = schedulePlan(
          time.ts,
          time.clock,
          ctx.config,
          records,
          await records.since(time.ts, false),
        );
        process.stdout.write(
          opts.json === true ? `${JSON.stringify(plan, null, 2)}\n` : `${render(plan)}\n`,
        );
      });
    });
}
