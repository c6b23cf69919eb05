/**
 * Test support for the chaos suite: the real system in one process and virtual time (the simulator, the daemon
 * through the official SDK over the in-process wire, LMDB, the real `trade`, `halt` and `resume` jobs), a broker's
 * bad day on that wire, and the invariants of issue 11 checked against what the exchange really holds:
 *   I1 every long share is under a live broker stop within 2 s of its fill, of the end of the last disturbance
 *      (each fault's allowance by the daemon's own policies), of a restart or of a resume;
 *   I2 protective sells never reserve more than the position, and ours do not outlive a closed position;
 *   I3 nothing opens while halted (the HALT file, or a kill condition latched: the daemon's own order failures under
 *      injected rejections may latch one);  I4 at most one entry per intent (day, ticker);
 *   I5 after an audit in a quiet period, LMDB's positions are the broker's;  I6 no secret in any output.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import { configSchema } from '../../src/config/schema.ts';
import { createFileKillSwitch } from '../../src/adapters/killswitch/file-kill-switch.ts';
import type { PersistedHolding } from '../../src/domain/holdings/holding.ts';
import type { Alert } from '../../src/domain/ports.ts';
import { CSV_HEADER } from '../../src/jobs/rank/actionable-csv.ts';
import { haltTrading, resumeTrading } from '../../src/jobs/ops/halt.ts';
import { runTradeJob, type TradeJobResult } from '../../src/jobs/trade/trade-job.ts';
import {
  createSyntheticMarket,
  type SyntheticMarketWithInfo,
} from '../../src/sim/market/synthetic-market.ts';
import { POSITIONS_TABLE } from '../../src/records/positions.ts';
import { KILL_CONDITIONS } from '../../src/domain/rules/risk/breaker.ts';
import { activeTrips } from '../../src/domain/rules/risk/risk-view.ts';
import { readRiskBook } from '../../src/records/risk-state.ts';
import { coverageOf } from './coverage-watch.ts';
import { needlesIn, secretNeedles } from './secret-forms.ts';
import { faultWire, POLICY, type FaultWire } from './fault-wire.ts';
import {
  startVirtualHarness,
  V_KEY,
  V_SECRET,
  type VirtualDaemon,
  type VirtualHarness,
} from './virtual-daemon.ts';

/** Real time (captured before timers are faked): LMDB's writes complete on it, not on virtual time. */
const realSetTimeout = setTimeout;
const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => realSetTimeout(resolve, ms));
/** How long, in real time, LMDB may take to show a write (its commits run on a thread of their own). */
const LMDB_SETTLE_MS = 5_000;
const realDateNow = Date.now.bind(Date);
const realImmediate = setImmediate;
const realTurn = (): Promise<void> => new Promise((resolve) => realImmediate(resolve));
const realNow = (): number => realDateNow();

export const CHAOS_SYMBOLS = ['AAPL', 'MSFT', 'NVDA', 'AMZN', 'KO'] as const;
/** Coverage is due this long after a fill or the end of a disturbance (issue 11: 2 s). */
export const COVER_MS = 2_000;
const EPS = 1e-9;
const READY_MS = 3_000;
const RECONNECT_MS = 5_000;
/**
 * The daemon's configuration in the chaos suite: the shipped defaults, except a 5 s audit and timer (a minute
 * of quiet costs 6x less virtual time; more audits also means more races with them, which is the point).
 */
export const CHAOS_CONFIG = {
  protection: { audit_interval_ms: 5_000, timer_interval_ms: 5_000 },
} as const;
/** Virtual ms of a quiet period long enough for an audit to run. */
export const QUIET_MS = 6_000;

const PROTECTIVE = /^sl-(oco|stp)-/;

/** mulberry32: a small seeded generator for Math.random during a schedule. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The forms of the run's secrets that must appear nowhere. */
const NEEDLES: ReadonlyMap<string, readonly string[]> = new Map([
  ['the API key', secretNeedles(V_KEY)],
  ['the secret key', secretNeedles(V_SECRET)],
]);

/** Markets by seed, shared by the schedules: each trading day is generated once per seed, not once per schedule. */
const markets = new Map<number, SyntheticMarketWithInfo>();
function marketOf(seed: number): SyntheticMarketWithInfo {
  let m = markets.get(seed);
  if (m === undefined) {
    m = createSyntheticMarket({ seed, symbols: [...CHAOS_SYMBOLS] });
    markets.set(seed, m);
  }
  return m;
}

export class ChaosWorld {
  daemon: VirtualDaemon;
  halted = false;
  readonly violations: string[] = [];
  private readonly reported = new Set<string>();
  readonly alerts: Alert[] = [];
  readonly marks: Array<{ until: number; what: string }> = [];
  private readonly increased = new Map<string, number>();
  private readonly closedAt = new Map<string, number>();
  private readonly unwatch: () => void;
  private tradeRuns = 0;

  private readonly daemons: VirtualDaemon[] = [];
  private readonly started = Date.now();
  private readonly brokerT0: number;

  private constructor(
    readonly h: VirtualHarness,
    readonly faults: FaultWire,
  ) {
    this.daemon = h.startDaemon(CHAOS_CONFIG);
    this.daemons.push(this.daemon);
    this.brokerT0 = h.sim.exchange.now();
    this.unwatch = h.sim.exchange.onTradeUpdate((u) => {
      const isExecution = u.event === 'fill' || u.event === 'partial_fill';
      if (!isExecution) return;
      if (u.order.side === 'buy') this.increased.set(u.order.symbol, Date.now());
      else if ((u.position_qty ?? 1) <= EPS) this.closedAt.set(u.order.symbol, Date.now());
    });
  }

  static async start(seed: number): Promise<ChaosWorld> {
    // The SDK's reconnect jitter draws from Math.random: seeded, a schedule replays the same.
    vi.spyOn(Math, 'random').mockImplementation(seededRandom(seed));
    const faults = faultWire();
    POLICY.auditMs = CHAOS_CONFIG.protection.audit_interval_ms;
    const h = await startVirtualHarness({
      wire: faults.options,
      sim: { seed, market: marketOf(seed), clockTickMs: 500 },
    });
    const world = new ChaosWorld(h, faults);
    await world.untilReady();
    return world;
  }

  /** Moves virtual time in steps, checking I1 and I2 at each (every 250 ms: an eighth of the 2 s bound). */
  async advance(ms: number): Promise<void> {
    for (let left = ms; left > 0; left -= 250) {
      await this.h.advance(Math.min(250, left));
      this.checkCoverage();
    }
  }

  /**
   * Runs a job to its end while virtual time moves (its sleeps and the broker's answers need it). Between small
   * steps of virtual time a real turn lets LMDB's commits land, so a job waiting on the disk does not burn
   * virtual seconds (or the suite's wall time) for nothing.
   */
  async settle<T>(job: Promise<T>): Promise<T> {
    const state = { done: false };
    const tracked = job.finally(() => {
      state.done = true;
    });
    for (let i = 0; i < 100_000 && !state.done; i += 1) {
      await this.h.advance(10);
      await realTurn();
    }
    return tracked;
  }

  mark(ms: number, what: string): void {
    this.marks.push({ until: Date.now() + ms, what });
  }

  async restart(crash: boolean): Promise<void> {
    // Time moves on while the daemon stops: its last risk evaluation may be waiting on a slowed broker.
    await this.settle(crash ? this.daemon.crash() : this.daemon.stop());
    this.daemon = this.h.startDaemon(CHAOS_CONFIG);
    this.daemons.push(this.daemon);
    this.mark(READY_MS, crash ? 'restart after a crash' : 'restart');
    await this.untilReady();
  }

  async dropStreams(refuseMs: number): Promise<void> {
    this.control('/sim/faults', { kind: 'drop_streams', refuse_ms: refuseMs });
    this.mark(refuseMs + RECONNECT_MS, `streams dropped, refused ${String(refuseMs)} ms`);
    await this.h.advance(1);
  }

  async halt(): Promise<void> {
    this.halted = true;
    const killSwitch = createFileKillSwitch({
      path: join(this.h.root, 'killswitch', 'HALT'),
      tradingDisabled: false,
      who: 'chaos',
    });
    await this.settle(
      haltTrading(
        {
          killSwitch,
          store: this.daemon.store,
          mailer: this.mailer(),
          events: { emit: () => undefined },
          log: this.h.log,
          broker: () => this.h.brokerOver(this.faults.options),
        },
        'chaos',
        'chaos halt',
      ),
    );
  }

  async resume(): Promise<void> {
    const killSwitch = createFileKillSwitch({
      path: join(this.h.root, 'killswitch', 'HALT'),
      tradingDisabled: false,
      who: 'chaos',
    });
    await resumeTrading(
      {
        killSwitch,
        store: this.daemon.store,
        mailer: this.mailer(),
        events: { emit: () => undefined },
        log: this.h.log,
      },
      'chaos',
      'chaos resume',
    );
    this.halted = false;
    // The daemon reads the kill switch every second.
    this.mark(1_500, 'resumed');
  }

  /** `strikeline trade` for these tickers, each a signal of one strategy; checks I3 and I4. */
  async trade(tickers: readonly string[]): Promise<TradeJobResult> {
    this.tradeRuns += 1;
    const csvPath = join(this.h.root, 'data', 'actionable_signals.csv');
    mkdirSync(join(this.h.root, 'data'), { recursive: true });
    const day = new Date(this.h.sim.exchange.now()).toISOString().slice(0, 10);
    const rows = tickers.map(
      (t, i) =>
        `${String(i + 1)},${t},mean_reversion,0.6,20,1.8,1.2,${day},${String(this.h.sim.exchange.lastTrade(t).price)}`,
    );
    writeFileSync(csvPath, `${[CSV_HEADER, ...rows].join('\n')}\n`);
    const buysBefore = this.entryOrders().length;
    // A kill latched (the daemon's own order failures under injected rejections may latch one) stays until resumed.
    const killed = activeTrips(readRiskBook(this.daemon.store, day), this.h.sim.exchange.now())
      .filter((t) => KILL_CONDITIONS.has(t.name))
      .map((t) => t.name);
    const result = await this.settle(
      runTradeJob({
        broker: () => this.h.brokerOver(this.faults.options),
        store: () => this.daemon.store,
        mailer: () => this.mailer(),
        events: { emit: () => undefined },
        log: this.h.log,
        config: configSchema.parse({}),
        csvPath,
        killSwitch: createFileKillSwitch({
          path: join(this.h.root, 'killswitch', 'HALT'),
          tradingDisabled: false,
        }),
        rejectedDir: join(this.h.root, 'data', 'rejected_tickers'),
        strategyDisabledList: [],
        tradingCapital: undefined,
        dryRun: false,
        wallNow: () => Date.now(),
      }),
    );
    if (this.halted && this.entryOrders().length !== buysBefore)
      this.violations.push(
        `I3: trade run ${String(this.tradeRuns)} opened a position while halted`,
      );
    if (killed.length > 0 && this.entryOrders().length !== buysBefore)
      this.violations.push(
        `I3: trade run ${String(this.tradeRuns)} opened a position while the ${killed.join(', ')} kill was latched`,
      );
    this.checkEntries();
    return result;
  }

  /** I5: after a quiet audit, LMDB's positions table lists exactly the broker's positions at their entry prices. */
  async checkReconciled(): Promise<void> {
    if (this.halted) return;
    const broker = new Map(
      this.h.sim.exchange
        .positions()
        .filter((p) => p.qty > EPS)
        .map((p) => [p.symbol, p.avg_entry_price]),
    );
    const table = this.daemon.store.table<PersistedHolding>(POSITIONS_TABLE);
    let diff = '';
    for (const deadline = realNow() + LMDB_SETTLE_MS; ;) {
      const local = new Map(table.entries().map(([k, v]) => [k, v.entryPrice]));
      const wrong = [...new Set([...broker.keys(), ...local.keys()])].filter((s) => {
        const a = broker.get(s);
        const b = local.get(s);
        return a === undefined || b === undefined || Math.abs(a - b) > 1e-6 * a;
      });
      if (wrong.length === 0) return;
      diff = wrong
        .map((s) => `${s}: broker ${String(broker.get(s))}, LMDB ${String(local.get(s))}`)
        .join('; ');
      if (realNow() > deadline) break;
      await realSleep(5);
    }
    this.violations.push(`I5: LMDB disagrees with the broker after an audit: ${diff}`);
  }

  /**
   * I6: no form of a secret (raw, escaped, percent-encoded, HTML, base64 at any alignment) in any file under the
   * root (logs with the alerts, events, data, LMDB's files) or the journal. The needles are precomputed forms
   * (secret-forms.ts `secretNeedles`): the decoding oracle stays with the secrets regression test, whose cost a
   * thousand schedules cannot carry.
   */
  checkSecrets(): void {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
    const texts: Array<[string, string]> = walk(this.h.root).map((path) => [
      path,
      readFileSync(path).toString('latin1'),
    ]);
    texts.push(['LMDB journal', JSON.stringify(this.daemon.store.journal.list())]);
    for (const [label, text] of texts)
      for (const leak of needlesIn(label, text, NEEDLES))
        this.violate(`I6 ${leak}`, `I6: a secret in ${leak}`);
  }

  /**
   * What happened to the symbols named in the violations, in virtual time: the daemon's decisions (every daemon
   * since the start), the exchange's orders of those symbols and the disturbances: what a failing seed needs.
   */
  trace(): string {
    const symbols = new Set(
      this.violations
        .flatMap((v) => [...v.matchAll(/\b([A-Z]{1,5})\b/g)].map((m) => m[1] ?? ''))
        .filter((x) => (CHAOS_SYMBOLS as readonly string[]).includes(x)),
    );
    const t0 = this.started;
    const rel = (t: number): string => `+${String(t - t0).padStart(7)}ms`;
    const lines = [
      ...this.daemons.flatMap((d, i) =>
        d.timeline
          .filter(({ event }) => !('symbol' in event) || symbols.has(event.symbol))
          .filter(({ event }) => event.kind !== 'ExitTrack' && event.kind !== 'AuditCompleted')
          .map(
            ({ at, event }) =>
              `${rel(at)} daemon#${String(i)} ${JSON.stringify(event).slice(0, 300)}`,
          ),
      ),
      ...this.faults.disturbances
        .filter((d) => d.symbol === undefined || symbols.has(d.symbol))
        .map((d) => `${rel(d.at)} fault ${d.what} (allowance until ${rel(d.until)})`),
      ...this.marks.map((m) => `${rel(m.until)} mark-end ${m.what}`),
    ].sort();
    const orders = this.h.sim.exchange
      .allOrders()
      .filter((o) => symbols.has(o.symbol))
      .reverse()
      .map(
        (o) =>
          `order ${o.client_order_id} ${o.side} ${o.type} ${o.order_class} qty ${String(o.qty)} filled ${String(o.filled_qty)} ${o.status} created ${rel(o.created_at - this.brokerT0 + t0)}`,
      );
    return [...lines, ...orders].join('\n');
  }

  async stop(): Promise<void> {
    this.unwatch();
    await this.h.stop();
    vi.restoreAllMocks();
  }

  private async untilReady(): Promise<void> {
    for (let i = 0; i < 600 && !this.daemon.events.some((e) => e.kind === 'Ready'); i += 1)
      await this.h.advance(50);
    if (!this.daemon.events.some((e) => e.kind === 'Ready'))
      this.violations.push('the daemon never became ready');
  }

  private mailer() {
    return {
      alert: (a: Alert) => {
        this.alerts.push(a);
        return this.h.mailer.alert(a);
      },
    };
  }

  private control(path: string, body: unknown): void {
    this.h.sim.wire.answer({
      method: 'POST',
      url: path,
      body: JSON.stringify(body),
      header: (name) =>
        name === 'apca-api-key-id' ? V_KEY : name === 'apca-api-secret-key' ? V_SECRET : undefined,
    });
  }

  /** When the disturbances that concern a symbol (its own, and those of everything) have ended. */
  private settledBy(symbol: string): number {
    let at = 0;
    for (const d of this.faults.disturbances)
      if (d.symbol === undefined || d.symbol === symbol) at = Math.max(at, d.until);
    for (const m of this.marks) at = Math.max(at, m.until);
    return at;
  }

  /** Records a violation once per key (a share uncovered for a minute is one finding, not 240). */
  private violate(key: string, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.violations.push(message);
  }

  /** I1 and I2 at this virtual instant. */
  private checkCoverage(): void {
    if (this.halted) return;
    const now = Date.now();
    for (const c of coverageOf(this.h.sim.exchange)) {
      if (c.reserved > c.position + EPS)
        this.violate(
          `I2 ${c.symbol}`,
          `I2: ${c.symbol} sells reserve ${String(c.reserved)} of ${String(c.position)}`,
        );
      const from = Math.max(this.increased.get(c.symbol) ?? 0, this.settledBy(c.symbol));
      if (c.stopped < c.position - EPS && now > from + COVER_MS) {
        this.violate(
          `I1 ${c.symbol}`,
          `I1: ${c.symbol} ${String(c.position - c.stopped)} of ${String(c.position)} shares without a stop ${String(now - from)} ms after the fill or the last disturbance (bound ${String(COVER_MS)} ms)`,
        );
      }
    }
    const held = new Set(
      this.h.sim.exchange
        .positions()
        .filter((p) => p.qty > EPS)
        .map((p) => p.symbol),
    );
    for (const o of this.h.sim.exchange.allOrders()) {
      if (
        o.parent_id !== null ||
        o.side !== 'sell' ||
        !PROTECTIVE.test(o.client_order_id) ||
        held.has(o.symbol)
      )
        continue;
      if (!['new', 'accepted', 'held', 'partially_filled'].includes(o.status)) continue;
      const from = Math.max(this.closedAt.get(o.symbol) ?? 0, this.settledBy(o.symbol));
      if (now > from + COVER_MS)
        this.violate(
          `I2 orphan ${o.client_order_id}`,
          `I2: protective ${o.client_order_id} still open ${String(now - from)} ms after ${o.symbol} was closed`,
        );
    }
  }

  private entryOrders() {
    return this.h.sim.exchange
      .allOrders()
      .filter((o) => o.side === 'buy' && o.client_order_id.startsWith('sl-entry-'));
  }

  /** I4: one live or filled entry per (day, ticker). */
  private checkEntries(): void {
    const live = this.entryOrders().filter(
      (o) => !['rejected', 'canceled', 'expired'].includes(o.status) || o.filled_qty > 0,
    );
    const perIntent = new Map<string, number>();
    for (const o of live) {
      const key = o.client_order_id.split('-').slice(2, 4).join('-');
      perIntent.set(key, (perIntent.get(key) ?? 0) + 1);
    }
    for (const [key, n] of perIntent)
      if (n > 1) this.violations.push(`I4: ${String(n)} entries for one intent (${key})`);
  }
}
