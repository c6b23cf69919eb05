/**
 * @module Makes a change of the trading state known, in order: the book written (atomically: folded as it is at
 * the write), each trip and lift in the history and the journal (with its reason), an event (RISK_LIMIT_HIT,
 * STRATEGY_DISABLED, KILL_SWITCH_TRIGGERED) and an alert. The daemon and `trade` both publish through it.
 */
import { ACCOUNT_SCOPE, KILL_CONDITIONS, type BreakerTrip } from '../domain/rules/risk/breaker.ts';
import type { RiskBook, RiskChange } from '../domain/rules/risk/risk-book.ts';
import type { Logger, Mailer } from '../domain/ports.ts';
import type { Store } from '../domain/store.ts';
import { appendRiskHistory, updateRiskBook } from '../records/risk-state.ts';

/** Structured events (logs/events/): the shape of streams' EventSink, kept here to point imports down. */
export interface RiskEventSink {
  emit(type: string, fields?: Record<string, unknown>): void;
}

export interface PublishDeps {
  readonly store: Store;
  readonly mailer: Mailer;
  readonly events: RiskEventSink;
  readonly log: Logger;
  /** Who decided: `daemon`, `trade`, or the user who resumed. */
  readonly actor: string;
}

const eventOf = (t: BreakerTrip): string =>
  KILL_CONDITIONS.has(t.name)
    ? 'KILL_SWITCH_TRIGGERED'
    : t.scope === ACCOUNT_SCOPE
      ? 'RISK_LIMIT_HIT'
      : 'STRATEGY_DISABLED';

const fieldsOf = (t: BreakerTrip): Record<string, unknown> => ({
  breaker: t.name,
  scope: t.scope,
  action: t.action,
  reason: t.reason,
  value: t.value,
  threshold: t.threshold,
  triggered_at: new Date(t.tsTriggered).toISOString(),
  expires_at: t.tsExpires === null ? null : new Date(t.tsExpires).toISOString(),
  ...(t.estimated === true ? { measured_on: 'live estimate' } : {}),
});

function alertOf(t: BreakerTrip): Parameters<Mailer['alert']>[0] {
  const kill = KILL_CONDITIONS.has(t.name);
  const what = kill
    ? 'KILL SWITCH'
    : t.action === 'halt'
      ? 'TRADING HALTED'
      : t.action === 'reduce'
        ? 'ENTRIES REDUCED'
        : `STRATEGY ${t.scope} ${t.action.toUpperCase()}D`;
  const until =
    t.tsExpires === null
      ? kill
        ? 'until strikeline resume --ack "..."'
        : 'while the condition holds'
      : `until ${new Date(t.tsExpires).toISOString()}`;
  return {
    severity: kill || t.action === 'halt' ? 'critical' : 'warning',
    subject: `${what}: ${t.name} breaker`,
    short: `strikeline ${what}: ${t.reason}`.slice(0, 160),
    text: `${what} (${t.name}, scope ${t.scope}) ${until}.\n${t.reason}.\nProtective orders and soft exits keep running; no new entry opens while trading is halted.`,
  };
}

/**
 * `fold` runs on the book as it is inside the write transaction (another process may have changed it since any
 * earlier read) and returns the change, or null to write nothing; the change is then published. Resolves it.
 */
export async function commitRiskChange<C extends RiskChange | null>(
  fold: (book: RiskBook) => C,
  now: number,
  d: PublishDeps & { readonly day: string },
): Promise<C> {
  const change = await updateRiskBook(d.store, d.day, (book) => {
    const c = fold(book);
    return { book: c === null ? null : c.book, result: c };
  });
  if (change !== null) await announceRiskChange(change, now, d);
  return change;
}

/** The history, journal, events and alerts of a change already written. */
async function announceRiskChange(change: RiskChange, now: number, d: PublishDeps): Promise<void> {
  for (const t of change.tripped) {
    await appendRiskHistory(d.store, {
      ts: now,
      event: 'tripped',
      actor: d.actor,
      trip: t,
      active: true,
    });
    await d.store.journal.append({
      ts: now,
      actor: d.actor,
      action: 'breaker_tripped',
      reason: t.reason,
      data: fieldsOf(t),
    });
    d.events.emit(eventOf(t), fieldsOf(t));
    d.log.error(fieldsOf(t), `${t.name} breaker tripped: ${t.reason}`);
    await d.mailer.alert(alertOf(t));
  }
  for (const t of change.lifted) {
    const why =
      t.tsExpires !== null && t.tsExpires <= now
        ? 'expired'
        : t.estimated === true
          ? 'not confirmed by the account poll'
          : KILL_CONDITIONS.has(t.name)
            ? 'acknowledged'
            : 'condition cleared';
    await appendRiskHistory(d.store, {
      ts: now,
      event: 'lifted',
      actor: d.actor,
      trip: t,
      active: false,
    });
    await d.store.journal.append({
      ts: now,
      actor: d.actor,
      action: 'breaker_lifted',
      reason: `${t.name} (${t.scope}) ${why}`,
      data: fieldsOf(t),
    });
    d.events.emit(eventOf(t), { ...fieldsOf(t), state: 'lifted', why });
    d.log.warn(fieldsOf(t), `${t.name} breaker lifted (${why})`);
  }
}
