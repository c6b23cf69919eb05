/**
 * @module The `intraday_entries` task of MARKET_OPEN and TRADING (every 5 s: a bar is acted on seconds after its
 * close): each enabled intraday strategy's first signal of the session, from the same pure signal function the
 * backtests use (domain/rules/intraday), acted on as the backtest
 * acts on it: at the open after the signal bar (a signal older than FRESH_MS is a missed one, left), before the
 * entry cutoff. An entry passes the kill switch, the risk authority (breakers, the strategy's own, the drawdown
 * scalar), one position per symbol and day, no position or open order already on the symbol, and
 * `intraday.max_positions`; it is then sized (intraday-sizing.ts), sent once (intraday-order.ts) and its outcome
 * counted toward the order kill conditions (count-intraday-order.ts).
 */
import { capitalLimit } from '../../config/capital-limit.ts';
import type { CalendarDay } from '../../domain/account.ts';
import {
  INTRADAY_STRATEGIES,
  firstEntrySignal,
  type IntradayStrategyName,
  type SignalAt,
} from '../../domain/rules/intraday/intraday-signals.ts';
import { entryVerdict, riskView } from '../../domain/rules/risk/risk-view.ts';
import { readRiskBook } from '../../records/risk-state.ts';
import type { Deps } from '../deps.ts';
import { every, type PhaseTask, type TaskResult } from '../phases/phase-task.ts';
import { sessionCalendar } from '../phases/session-calendar.ts';
import { intradayIntents } from './intraday-intents.ts';
import { countIntradayOrder } from './count-intraday-order.ts';
import { sendIntradayEntry, ACTOR } from './intraday-order.ts';
import { sizeIntradayEntry } from './intraday-sizing.ts';
import type { LiveBars } from './live-bars.ts';

const MINUTE_MS = 60_000;
/** A signal acted on later than this after its bar closed is a missed one: the backtest's fill price is gone. */
export const FRESH_MS = 2 * MINUTE_MS;
/** Cheap while nothing signals: the bars are in memory (the bars API is asked at most once a minute per symbol). */
const ENTRY_CHECK_MS = 5_000;

export interface EntryOptions {
  /** TRADING_CAPITAL from the environment, which caps the capital as it does for `trade`. */
  readonly tradingCapital?: number;
}

interface Candidate {
  readonly symbol: string;
  readonly strategy: IntradayStrategyName;
  readonly signal: SignalAt;
}

/** Today's session and the one before it on the broker's calendar. */
export function todayAndPrevious(
  sessions: readonly CalendarDay[],
  day: string,
): { today: CalendarDay | undefined; previous: CalendarDay | undefined } {
  const i = sessions.findIndex((s) => s.date === day);
  return { today: sessions[i], previous: i > 0 ? sessions[i - 1] : undefined };
}

export function intradayEntriesTask(
  deps: Deps,
  bars: LiveBars,
  options: EntryOptions = {},
): PhaseTask {
  const calendar = sessionCalendar(deps.broker);
  // Signals decided this run of the daemon (entered, stopped or skipped): each is looked at once.
  const decided = new Set<string>();
  const cfg = deps.config.intraday;
  const journal = (action: string, reason: string, c: Candidate): Promise<void> =>
    deps.store.journal.append({
      ts: deps.clock.now(),
      actor: ACTOR,
      action,
      reason,
      symbol: c.symbol,
      data: { strategy: c.strategy, why: c.signal.entry.why },
    });

  const candidates = async (
    today: CalendarDay,
    previous: CalendarDay | undefined,
    now: number,
    tsCutoff: number,
  ): Promise<Candidate[]> => {
    const enabled = INTRADAY_STRATEGIES.filter((s) => cfg[s].enabled);
    const out: Candidate[] = [];
    for (const symbol of cfg.symbols) {
      const session = await bars.session(symbol, today, previous, now);
      for (const strategy of enabled) {
        const signal = firstEntrySignal(strategy, session, cfg);
        const tsFill = signal === null ? Infinity : signal.bar.ts + MINUTE_MS;
        if (
          signal === null ||
          tsFill >= tsCutoff ||
          now - tsFill > FRESH_MS ||
          decided.has(`${today.date}|${symbol}|${strategy}`)
        )
          continue;
        out.push({ symbol, strategy, signal });
      }
    }
    return out;
  };

  return {
    name: 'intraday_entries',
    cadence: every(ENTRY_CHECK_MS),
    async run({ window, now }): Promise<TaskResult> {
      const { today, previous } = todayAndPrevious(await calendar.around(now), window.day);
      if (today === undefined)
        return { ok: false, detail: `no session ${window.day} on the broker's calendar` };
      const tsCutoff =
        today.tsClose - (deps.config.phases.closing_min + cfg.entry_cutoff_min) * MINUTE_MS;
      if (now >= tsCutoff) return { ok: true, detail: 'past the entry cutoff' };
      const found = await candidates(today, previous, now, tsCutoff);
      if (found.length === 0) return { ok: true, detail: 'no fresh intraday signal' };
      const [positions, orders, account] = await Promise.all([
        deps.broker.listPositions(),
        deps.broker.listOrders({ status: 'open', limit: 500 }),
        deps.broker.getAccount(),
      ]);
      const held = new Set(positions.map((p) => p.symbol));
      const busy = new Set(orders.map((o) => o.symbol));
      const intents = intradayIntents(deps.store, today.date);
      let open = intents.intraday.filter(
        (r) => r.brokerOrderId !== null && held.has(r.symbol),
      ).length;
      const lines: string[] = [];
      for (const c of found) {
        decided.add(`${today.date}|${c.symbol}|${c.strategy}`);
        // Checked before every order: a halt during the run stops the rest of it.
        const stop = deps.killSwitch.isHalted()
          ? 'the kill switch is engaged'
          : intents.symbols.has(c.symbol)
            ? `${c.symbol} already has an entry today`
            : held.has(c.symbol)
              ? `${c.symbol} is already held`
              : busy.has(c.symbol)
                ? `open orders on ${c.symbol} (wash-trade rule)`
                : open >= cfg.max_positions
                  ? `intraday.max_positions (${cfg.max_positions}) reached`
                  : undefined;
        const view = riskView(
          readRiskBook(deps.store, today.date),
          now,
          deps.config.circuit_breakers.drawdown_scale,
          null,
        );
        const verdict = entryVerdict(view, c.strategy);
        const why = stop ?? (verdict.kind === 'stop' ? verdict.reason : undefined);
        if (why !== undefined) {
          await journal('intraday_entry_stopped', why, c);
          lines.push(`${c.strategy} ${c.symbol}: stopped (${why})`);
          continue;
        }
        const price = c.signal.bar.close;
        const size = sizeIntradayEntry({
          equity: account.equity,
          buyingPower: account.buyingPower,
          longMarketValue: account.longMarketValue,
          capitalCap: capitalLimit(deps.config, options.tradingCapital),
          cashBufferPct: deps.config.capital.cash_buffer_pct,
          maxPositionPct: deps.config.capital.max_position_pct,
          maxPositionUsd: deps.config.capital.max_position_usd,
          scalar: verdict.kind === 'stop' ? 0 : verdict.scalar,
          price,
        });
        if ('reason' in size) {
          await journal('intraday_entry_stopped', size.reason, c);
          lines.push(`${c.strategy} ${c.symbol}: ${size.reason}`);
          continue;
        }
        const sent = await sendIntradayEntry(
          {
            day: today.date,
            symbol: c.symbol,
            strategy: c.strategy,
            qty: size.qty,
            allocation: size.allocation,
            price,
            why: c.signal.entry.why,
            data: {
              stop: c.signal.entry.stop,
              target: c.signal.entry.target,
              tsSignal: c.signal.bar.ts,
            },
          },
          { broker: deps.broker, store: deps.store, log: deps.log, now: () => deps.clock.now() },
        );
        intents.symbols.add(c.symbol);
        // Counted in the order kills like trade's entries; a kill it trips stops the next entry of this run.
        await countIntradayOrder(deps, sent);
        if (sent.outcome === 'submitted') open += 1;
        lines.push(`${c.strategy} ${c.symbol}: ${sent.outcome} ${size.qty} (${sent.detail})`);
      }
      return { ok: true, detail: lines.join('; '), data: { signals: found.length }, notable: true };
    },
  };
}
