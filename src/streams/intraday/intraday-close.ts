/**
 * @module MARKET_CLOSE's `close_intraday` task (every 15 s until none is left): the positions the intraday
 * strategies opened today are closed at market through the protection core's own exit path (cancel the
 * protective orders, confirm, sell at market, protect again if the sale fails), asked for by a soft exit; an
 * unfilled intraday entry is cancelled. Only intraday positions are closed: a symbol that also holds shares
 * bought otherwise (a position from before, `trade`'s entry) is left whole, protected, and the reason journaled.
 * Each close is journaled once with its reason (record `intraday`, key `<day>|<symbol>|close`).
 */
import type { Subject } from 'rxjs';
import type { SoftExitDue } from '../../domain/holdings/daemon-inputs.ts';
import type { Deps } from '../deps.ts';
import { every, type PhaseTask, type TaskResult } from '../phases/phase-task.ts';
import { intradayIntents } from './intraday-intents.ts';
import { ACTOR } from './intraday-order.ts';

const CLOSE_EVERY_MS = 15_000;
export const INTRADAY_TABLE = 'intraday';

export function intradayCloseTask(deps: Deps, exits: Subject<SoftExitDue>): PhaseTask {
  const marks = deps.store.table<{ readonly ts: number; readonly action: string }>(INTRADAY_TABLE);
  /** Journals an action once per day and symbol (a restart or the next run does not repeat it). */
  const once = async (
    day: string,
    symbol: string,
    action: string,
    reason: string,
    data: Record<string, unknown>,
  ): Promise<boolean> => {
    const fresh = await marks.putIfAbsent(`${day}|${symbol}|close`, {
      ts: deps.clock.now(),
      action,
    });
    if (fresh)
      await deps.store.journal.append({
        ts: deps.clock.now(),
        actor: ACTOR,
        action,
        reason,
        symbol,
        data,
      });
    return fresh;
  };

  return {
    name: 'close_intraday',
    cadence: every(CLOSE_EVERY_MS),
    async run({ window }): Promise<TaskResult> {
      const day = window.day;
      const intents = intradayIntents(deps.store, day).intraday.filter(
        (r) => r.brokerOrderId !== null,
      );
      if (intents.length === 0) return { ok: true, detail: 'no intraday entry today' };
      const [positions, openOrders] = await Promise.all([
        deps.broker.listPositions(),
        deps.broker.listOrders({ status: 'open', limit: 500 }),
      ]);
      const mine = new Set(intents.map((r) => r.clientOrderId));
      const lines: string[] = [];
      let notable = false;
      for (const o of openOrders.filter((x) => x.side === 'buy' && mine.has(x.clientOrderId))) {
        await deps.broker.cancelOrder(o.id);
        await deps.store.journal.append({
          ts: deps.clock.now(),
          actor: ACTOR,
          action: 'intraday_entry_cancelled',
          reason: 'MARKET_CLOSE: an unfilled intraday entry is cancelled',
          symbol: o.symbol,
          clientOrderId: o.clientOrderId,
        });
        lines.push(`${o.symbol}: entry cancelled`);
        notable = true;
      }
      const { others } = intradayIntents(deps.store, day);
      for (const p of positions) {
        const own = intents.filter((r) => r.symbol === p.symbol);
        if (own.length === 0) continue;
        const filled = (
          await Promise.all(
            own.map(
              async (r) => (await deps.broker.getOrderByClientId(r.clientOrderId))?.filledQty ?? 0,
            ),
          )
        ).reduce<number>((a, b) => a + b, 0);
        const strategies = own.map((r) => r.strategy).join(', ');
        if (p.qty > filled + 1e-9 || others.has(p.symbol)) {
          notable =
            (await once(
              day,
              p.symbol,
              'intraday_close_skipped',
              `MARKET_CLOSE: ${p.symbol} holds ${p.qty} shares, ${filled} of them from ${strategies}: the position is not intraday only, so it stays (protected)`,
              { qty: p.qty, intradayQty: filled, strategies },
            )) || notable;
          lines.push(`${p.symbol}: mixed, kept`);
          continue;
        }
        // The reason is journaled before the exit is asked for: the sell never goes out unexplained.
        const first = await once(
          day,
          p.symbol,
          'intraday_close',
          `MARKET_CLOSE: the ${strategies} position of ${p.qty} ${p.symbol} is closed at market (intraday positions never stay overnight)`,
          { qty: p.qty, strategies, price: p.currentPrice },
        );
        exits.next({
          kind: 'SoftExitDue',
          symbol: p.symbol,
          decision: { rule: 'time_stop', price: p.currentPrice, floor: null },
        });
        notable = first || notable;
        lines.push(`${p.symbol}: closing ${p.qty}`);
      }
      return {
        ok: true,
        detail: lines.length === 0 ? 'every intraday position is closed' : lines.join('; '),
        notable,
      };
    },
  };
}
