/**
 * @module `strikeline trade`: gates (halt, calendar, daily-loss breaker), then the plan from the
 * actionable CSV and the broker's account, then the entries sent once each (or only shown, dry run).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../../config/schema.ts';
import type { Broker, Logger, Mailer } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { parseActionableCsv } from '../rank/actionable-csv.ts';
import type { Allocation } from '../../domain/rules/allocation.ts';
import { executeEntries, type Outcome } from './execute-entries.ts';
import type { Entry, PlanItem } from './plan-entries.ts';
import { recordRejections } from '../../records/rejected-tickers.ts';
import {
  breakerGate,
  killSwitchGate,
  safetyGate,
  sessionGate,
  type HaltSwitch,
  type Stop,
} from './trade-gates.ts';
import { planTrades, tradeRejections } from './trade-plan.ts';

export interface TradeJobDeps {
  readonly broker: () => Broker;
  readonly store: () => Store;
  readonly mailer: () => Mailer;
  readonly log: Logger;
  readonly config: Config;
  readonly csvPath: string;
  readonly killSwitch: HaltSwitch;
  readonly rejectedDir: string;
  readonly strategyDisabledList: readonly string[];
  readonly tradingCapital: number | undefined;
  readonly dryRun: boolean;
  /** Wall time, epoch ms; broker time is derived from the broker's clock plus elapsed wall time. */
  readonly wallNow: () => number;
}

export type TradeJobResult =
  | Stop
  | {
      readonly kind: 'done';
      readonly day: string;
      readonly dryRun: boolean;
      readonly allocation: Allocation;
      readonly items: readonly PlanItem[];
      readonly outcomes: readonly Outcome[];
      readonly csvProblems: readonly string[];
    };

export class MissingCsvError extends Error {
  override readonly name = 'MissingCsvError';
}

export async function runTradeJob(d: TradeJobDeps): Promise<TradeJobResult> {
  const refused = killSwitchGate(d.killSwitch) ?? safetyGate(d.store());
  if (refused !== undefined) return refused;
  const broker = d.broker();
  const session = await sessionGate(broker);
  if (session.kind !== 'session') return session;
  const wallAtClock = d.wallNow();
  const now = (): number => session.clock.tsNow + (d.wallNow() - wallAtClock);
  const account = await broker.getAccount();
  if (account.tradingBlocked)
    return {
      kind: 'refused',
      message: 'the broker reports trading_blocked on this account; nothing was sent',
    };
  const tripped = await breakerGate(account, {
    broker,
    store: d.store,
    mailer: d.mailer,
    log: d.log,
    killSwitch: d.killSwitch,
    dailyLossPct: d.config.circuit_breakers.daily_loss_pct,
    dryRun: d.dryRun,
    now,
  });
  if (tripped !== undefined) return tripped;

  if (!existsSync(d.csvPath))
    throw new MissingCsvError(
      `no actionable signals at ${d.csvPath}: run strikeline rank first (or pass --csv PATH)`,
    );
  const csv = parseActionableCsv(readFileSync(d.csvPath, 'utf8'), d.csvPath);
  const { items, allocation } = await planTrades(broker, {
    day: session.day,
    signals: csv.rows,
    account,
    config: d.config,
    strategyDisabledList: d.strategyDisabledList,
    tradingCapital: d.tradingCapital,
  });
  const csvProblems = csv.problems.map((p) => p.reason);
  if (d.dryRun)
    return {
      kind: 'done',
      day: session.day,
      dryRun: true,
      allocation,
      items,
      outcomes: [],
      csvProblems,
    };

  const store = d.store();
  for (const item of items.filter((i) => i.kind !== 'buy')) {
    await store.journal.append({
      ts: now(),
      actor: 'trade',
      action: item.kind === 'skip' ? 'entry_skipped' : 'entry_rejected',
      reason: item.reason,
      symbol: item.signal.ticker,
      data: { strategy: item.signal.strategy },
    });
  }
  const outcomes = await executeEntries(
    items.filter((i): i is Entry => i.kind === 'buy'),
    { broker, store, log: d.log, now },
  );
  recordRejections(
    d.rejectedDir,
    tradeRejections(session.day, d.csvPath, csv.problems, items, outcomes),
  );
  return {
    kind: 'done',
    day: session.day,
    dryRun: false,
    allocation,
    items,
    outcomes,
    csvProblems,
  };
}
