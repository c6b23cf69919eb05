/** @module One simulated trading day of the demo: the cron schedule of DESIGN.md §1, each job its own process. */
import type { CalendarDay } from '../../domain/account.ts';
import { nyToEpoch } from '../../domain/time/ny-time.ts';
import { usd } from '../../jobs/format/text-table.ts';
import type { JournalFeed } from './journal-feed.ts';
import { runCommand, type Finished } from './processes.ts';
import type { SimControl } from './sim-control.ts';

export interface DayContext {
  readonly control: SimControl;
  readonly env: NodeJS.ProcessEnv;
  readonly feed: JournalFeed;
  /** Wall milliseconds spent per simulated minute of the session: the accelerated clock. */
  readonly paceMs: number;
  readonly print: (line: string) => void;
}

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const iso = (ts: number) => new Date(ts).toISOString();

/** Runs one job, echoing its output indented; a failing job stops the demo with its own message. */
export async function job(
  ctx: DayContext,
  name: string,
  args: readonly string[],
  echo: (line: string) => boolean = () => true,
): Promise<Finished> {
  ctx.print(`\n▸ strikeline ${args.join(' ')}`);
  const done = await runCommand(args, ctx.env, (line) => {
    if (echo(line)) ctx.print(`    ${line}`);
  });
  if (done.code !== 0)
    throw new Error(
      `${name} failed (exit ${done.code}): ${done.stderr.trim().split('\n').pop() ?? ''}`,
    );
  return done;
}

/** The evening before: the nightly scan at 20:00 as of that close. */
export async function nightlyScan(ctx: DayContext, previous: CalendarDay): Promise<void> {
  await ctx.control.moveTo(iso(nyToEpoch(previous.date, '20:00')));
  ctx.print(`\n── ${previous.date} 20:00 ET — nightly scan`);
  await job(ctx, 'scan', ['scan'], (line) => !/^\s*(scanning|progress)/i.test(line));
}

/** 06:00 rank, then the session minute by minute with the 09:35 entries, then the 16:05 report. */
export async function tradingDay(
  ctx: DayContext,
  day: CalendarDay,
  onMorning: () => Promise<void>,
): Promise<Finished> {
  await ctx.control.moveTo(iso(nyToEpoch(day.date, '06:00')));
  ctx.print(`\n── ${day.date} 06:00 ET — rank`);
  await job(ctx, 'rank', ['rank']);
  await onMorning();
  await ctx.control.moveTo(iso(day.tsOpen - MINUTE));
  ctx.print(`\n── ${day.date} 09:30 ET — market open`);
  const tradeAt = nyToEpoch(day.date, '09:35');
  let traded = false;
  for (let ts = day.tsOpen; ts <= day.tsClose; ts += MINUTE) {
    const state = await ctx.control.advance(MINUTE);
    await sleep(ctx.paceMs);
    ctx.feed.drain();
    if (!traded && ts >= tradeAt) {
      traded = true;
      await job(ctx, 'trade', ['trade']);
      await sleep(ctx.paceMs * 5);
      ctx.feed.drain();
    }
    if ((ts - day.tsOpen) % (30 * MINUTE) === 0 && ts > day.tsOpen) {
      const equity = Number(state.account.equity);
      ctx.print(
        `  ${state.clock.timestamp.slice(11, 16)}  · equity ${usd(equity)}, ${state.positions.length} positions, ${state.open_orders.length} open orders`,
      );
    }
  }
  await ctx.control.moveTo(iso(nyToEpoch(day.date, '16:05')));
  await sleep(ctx.paceMs * 5);
  ctx.feed.drain();
  ctx.print(`\n── ${day.date} 16:05 ET — end-of-day report`);
  return job(ctx, 'report', ['report']);
}
