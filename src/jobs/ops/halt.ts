/** @module `strikeline halt` and `strikeline resume`: the kill switch engaged by hand (flatten and lock), and its acknowledged release. */
import { nyIso } from '../../domain/time/ny-time.ts';
import type {
  Broker,
  EventSink,
  HaltRecord,
  HaltSwitch,
  Logger,
  Mailer,
} from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import { acknowledgeKills } from '../../domain/rules/risk/risk-book.ts';
import { nyDate } from '../../domain/time/ny-dates.ts';
import { commitRiskChange } from '../../procedures/publish-risk-change.ts';
import {
  describeFlatten,
  flattenAccount,
  type FlattenResult,
} from '../../procedures/flatten-account.ts';
import { epochNow } from '../../domain/time/wall-clock.ts';

export interface HaltDeps {
  readonly killSwitch: HaltSwitch;
  readonly store: Store;
  readonly mailer: Mailer;
  readonly events: EventSink;
  readonly log: Logger;
  /** Built after HALT is written, so a missing credential never prevents the lock. */
  readonly broker: () => Broker;
  readonly now?: () => number;
}

export interface HaltOutcome {
  readonly record: HaltRecord;
  /** False when HALT was already in place (the original record is kept). */
  readonly created: boolean;
  readonly flatten: FlattenResult | null;
  /** Why the account could not be flattened; HALT is in place regardless. */
  readonly error: string | null;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Creates HALT (kept if present), cancels every order, closes every position, journals and alerts. */
export async function haltTrading(
  deps: HaltDeps,
  who: string,
  reason: string,
): Promise<HaltOutcome> {
  const now = deps.now ?? epochNow;
  const { created, record } = deps.killSwitch.engage(reason);
  deps.events.emit('KILL_SWITCH_TRIGGERED', { who, reason, created, halted_since: record.ts });
  await deps.store.journal.append({
    ts: now(),
    actor: who,
    action: 'halt',
    reason,
    data: { created, haltedSince: record.ts, haltedBy: record.who },
  });
  let flatten: FlattenResult | null = null;
  let error: string | null = null;
  try {
    flatten = await flattenAccount(deps.broker());
    await deps.store.journal.append({
      ts: now(),
      actor: who,
      action: 'halt_flatten',
      reason: describeFlatten(flatten, nyIso),
      data: { ...flatten },
    });
  } catch (e) {
    error = message(e);
    deps.log.error({ err: error }, 'halt could not flatten the account');
    await deps.store.journal.append({
      ts: now(),
      actor: who,
      action: 'halt_flatten_failed',
      reason: error,
    });
  }
  const done =
    flatten === null ? `FLATTEN FAILED: ${error ?? ''}` : describeFlatten(flatten, nyIso);
  await deps.mailer.alert({
    severity: 'critical',
    short: `HALT by ${who}: ${reason}. ${done}`,
    subject: `HALT by ${who}: ${reason}`,
    text: `Trading halted by ${who} at ${record.ts}: ${reason}.\n${done}.\nResume with: strikeline resume --ack "why it is safe"`,
  });
  return { record, created, flatten, error };
}

/** What `strikeline halt` prints. */
export function renderHalt(outcome: HaltOutcome, haltPath: string): string {
  const lines = [
    outcome.created
      ? `HALT created: ${haltPath} (by ${outcome.record.who}: ${outcome.record.reason})`
      : `HALT already in place since ${outcome.record.ts} (by ${outcome.record.who}: ${outcome.record.reason}); flattening again`,
    outcome.flatten === null
      ? `could not flatten the account: ${outcome.error ?? 'unknown error'}`
      : describeFlatten(outcome.flatten, nyIso),
    'nothing new will be opened until: strikeline resume --ack "why it is safe"',
  ];
  return `${lines.join('\n')}\n`;
}

export interface ResumeOutcome {
  /** The HALT record removed, or null when there was none. */
  readonly released: HaltRecord | null;
  /** The automatic kill conditions acknowledged (they latch until resumed), as `name: reason`. */
  readonly liftedKills: readonly string[];
  readonly tradingDisabled: boolean;
}

/** Removes HALT and journals who resumed and why. */
export async function resumeTrading(
  deps: Omit<HaltDeps, 'broker'>,
  who: string,
  ack: string,
): Promise<ResumeOutcome> {
  const now = deps.now ?? epochNow;
  const released = deps.killSwitch.release() ?? null;
  if (released !== null) {
    await deps.store.journal.append({
      ts: now(),
      actor: who,
      action: 'resume',
      reason: ack,
      data: { haltedBy: released.who, haltedSince: released.ts, haltReason: released.reason },
    });
    deps.events.emit('KILL_SWITCH_TRIGGERED', { state: 'released', who, reason: ack });
    await deps.mailer.alert({
      severity: 'info',
      short: `RESUMED by ${who}: ${ack}`,
      subject: `Trading resumed by ${who}`,
      text: `HALT removed by ${who}: ${ack}.\nIt was set at ${released.ts} by ${released.who}: ${released.reason}.`,
    });
  }
  const liftedKills = await acknowledgeLatchedKills(deps, who, ack, now);
  return { released, liftedKills, tradingDisabled: deps.killSwitch.tradingDisabled };
}

/** The kill conditions of the risk authority latch HALTED in the store until this acknowledgement. */
async function acknowledgeLatchedKills(
  deps: Omit<HaltDeps, 'broker'>,
  who: string,
  ack: string,
  now: () => number,
): Promise<string[]> {
  const change = await commitRiskChange(
    (book) => {
      const c = acknowledgeKills(book, now());
      return c.lifted.length === 0 ? null : c;
    },
    now(),
    { ...deps, actor: who, day: nyDate(now()) },
  );
  if (change === null) return [];
  const lifted = change.lifted.map((t) => `${t.name}: ${t.reason}`);
  await deps.store.journal.append({
    ts: now(),
    actor: who,
    action: 'resume_kills',
    reason: ack,
    data: { lifted },
  });
  await deps.mailer.alert({
    severity: 'info',
    short: `KILL CONDITIONS ACKNOWLEDGED by ${who}: ${ack}`,
    subject: `Kill conditions acknowledged by ${who}`,
    text: `${who} acknowledged: ${ack}.\nLifted:\n${lifted.join('\n')}`,
  });
  return lifted;
}

export function renderResume(outcome: ResumeOutcome, who: string, ack: string): string {
  const lines =
    outcome.released === null
      ? [
          outcome.liftedKills.length === 0
            ? 'no HALT in place: nothing to resume'
            : 'no HALT file in place',
        ]
      : [
          `HALT removed by ${who}: ${ack}`,
          `(it was set at ${outcome.released.ts} by ${outcome.released.who}: ${outcome.released.reason})`,
        ];
  for (const k of outcome.liftedKills) lines.push(`kill condition acknowledged: ${k}`);
  if (outcome.tradingDisabled)
    lines.push(
      'TRADING_DISABLED is still set in the environment: trading stays halted until it is removed',
    );
  return `${lines.join('\n')}\n`;
}
