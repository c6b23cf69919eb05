/**
 * @module Seed 001's TASK_REGISTRY as the daemon runs it: what each market phase does. PRE_MARKET checks the broker,
 * reconciles the positions with their protection and loads the regime; MARKET_OPEN confirms the session opened;
 * TRADING watches the positions (the breakers are the risk stream's, src/streams/risk); MARKET_CLOSE records the day's P/L; OVERNIGHT takes the
 * state's checkpoint and drops the old ones. AFTER_HOURS research is the scheduled `research` job (docs/phases.md).
 */
import type { Checkpoints, RegimeSource } from '../../domain/phases/phase-ports.ts';
import { nyDate } from '../../domain/time/ny-time.ts';
import type { Deps } from '../deps.ts';
import { every, once, type PhaseTask, type TaskRegistry } from './phase-task.ts';
import { regimeTask } from './regime-task.ts';

export interface PhasePorts {
  readonly checkpoints: Checkpoints;
  readonly regime: RegimeSource;
}

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const pct = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;

const connectivity = (deps: Deps): PhaseTask => ({
  name: 'connectivity',
  cadence: once(MINUTE_MS),
  async run() {
    const [clock, account] = await Promise.all([deps.broker.getClock(), deps.broker.getAccount()]);
    const ok = account.status === 'ACTIVE' && !account.tradingBlocked;
    const detail = ok
      ? `broker reachable, account ACTIVE, next open ${new Date(clock.tsNextOpen).toISOString()}`
      : `account ${account.status}${account.tradingBlocked ? ', trading blocked' : ''}`;
    return {
      ok,
      detail,
      data: {
        status: account.status,
        tradingBlocked: account.tradingBlocked,
        equity: account.equity,
      },
    };
  },
});

/** Each position against its open sell orders: a position with none is unprotected (the protection stream covers it). */
const unprotectedPositions = async (
  deps: Deps,
): Promise<{ held: string[]; unprotected: string[]; unrealizedPl: number }> => {
  const [positions, orders] = await Promise.all([
    deps.broker.listPositions(),
    deps.broker.listOrders({ status: 'open', nested: true, limit: 500 }),
  ]);
  const covered = new Set(orders.filter((o) => o.side === 'sell').map((o) => o.symbol));
  return {
    held: positions.map((p) => p.symbol).sort(),
    unprotected: positions
      .filter((p) => !covered.has(p.symbol))
      .map((p) => p.symbol)
      .sort(),
    unrealizedPl: positions.reduce((sum, p) => sum + p.unrealizedPl, 0),
  };
};

const reconcile = (deps: Deps): PhaseTask => ({
  name: 'reconcile',
  cadence: once(MINUTE_MS),
  async run() {
    const { held, unprotected } = await unprotectedPositions(deps);
    const detail = `${held.length} position(s) at the broker${unprotected.length > 0 ? `, without a protective order: ${unprotected.join(', ')}` : ', each with its protective order'}`;
    return { ok: true, detail, data: { held, unprotected } };
  },
});

const openingConditions = (deps: Deps): PhaseTask => ({
  name: 'opening_conditions',
  cadence: once(15 * SECOND_MS),
  async run() {
    const [clock, account] = await Promise.all([deps.broker.getClock(), deps.broker.getAccount()]);
    // The phase follows the calendar; the broker's clock confirms the session really opened (a late open is retried).
    if (!clock.isOpen) return { ok: false, detail: 'the broker reports the market closed' };
    const change = account.lastEquity > 0 ? account.equity / account.lastEquity - 1 : 0;
    return {
      ok: true,
      detail: `market open; equity ${account.equity.toFixed(2)} (${pct(change)} vs last close), buying power ${account.buyingPower.toFixed(2)}`,
      data: {
        equity: account.equity,
        lastEquity: account.lastEquity,
        buyingPower: account.buyingPower,
      },
    };
  },
});

const monitorPositions = (deps: Deps): PhaseTask => ({
  name: 'monitor_positions',
  cadence: every(MINUTE_MS),
  async run() {
    const { held, unprotected, unrealizedPl } = await unprotectedPositions(deps);
    const detail = `${held.length} position(s), unrealized P/L ${unrealizedPl.toFixed(2)}${unprotected.length > 0 ? `, unprotected: ${unprotected.join(', ')}` : ''}`;
    return {
      ok: true,
      detail,
      data: { held: held.length, unprotected, unrealizedPl },
      notable: unprotected.length > 0,
    };
  },
});

const dayPnl = (deps: Deps): PhaseTask => ({
  name: 'day_pnl',
  cadence: once(MINUTE_MS),
  async run() {
    const account = await deps.broker.getAccount();
    const pnl = account.equity - account.lastEquity;
    const change = account.lastEquity > 0 ? pnl / account.lastEquity : 0;
    return {
      ok: true,
      detail: `day P/L ${pnl.toFixed(2)} (${pct(change)}), equity ${account.equity.toFixed(2)}`,
      data: { pnl, change, equity: account.equity, lastEquity: account.lastEquity },
    };
  },
});

const checkpoint = (deps: Deps, ports: PhasePorts): PhaseTask => ({
  name: 'checkpoint',
  cadence: once(5 * MINUTE_MS),
  async run({ window, now }) {
    const taken = await ports.checkpoints.take(window.day);
    const removed = await ports.checkpoints.prune(
      nyDate(now),
      deps.config.phases.checkpoint_keep_days,
    );
    const what = taken.fresh
      ? `checkpoint of ${taken.day} taken (${taken.bytes} bytes)`
      : `checkpoint of ${taken.day} already taken`;
    return {
      ok: true,
      detail: `${what}${removed.length > 0 ? `; removed ${removed.join(', ')}` : ''}`,
      data: { dir: taken.dir, bytes: taken.bytes, fresh: taken.fresh, removed },
    };
  },
});

export function phaseTasks(deps: Deps, ports: PhasePorts): TaskRegistry {
  return {
    PRE_MARKET: [connectivity(deps), reconcile(deps), regimeTask(deps, ports.regime)],
    MARKET_OPEN: [openingConditions(deps)],
    TRADING: [monitorPositions(deps)],
    MARKET_CLOSE: [dayPnl(deps)],
    AFTER_HOURS: [],
    OVERNIGHT: [checkpoint(deps, ports)],
  };
}
