/**
 * @module The configuration schema: every tunable of the seeds, with the seeds' numbers as defaults, the range a
 * trader would accept for each number, and the rules between keys. The one home of every default and bound.
 */
import { z } from 'zod';
import { int, num } from './bounded-number.ts';
import { configSwitch } from './config-switch.ts';
import { researchSection } from './research-schema.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const section = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape).prefault({} as never);
const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Intervals that call the broker have a floor, so a typo (1 for 1000) cannot flood it; the test timings sit above it. */
const brokerInterval = (max: number) => int({ gte: SECOND_MS, lte: max });
const percent = num({ gte: 0, lte: 100 });
/** A loss threshold: 0 would trip on nothing at all, 100 % never. */
const lossPct = num({ gt: 0, lt: 100 });
const vixLevel = num({ gt: 0, lte: 150 }); // the VIX's record close is 82.69 (2020-03-16)
const sizeScalar = num({ gt: 0, lte: 2 });
const maxPositions = int({ gte: 1, lte: 200 });

const strategy = (enabled: boolean, allocationPct: number, positions: number) =>
  z
    .strictObject({
      enabled: configSwitch(enabled),
      allocation_pct: percent.default(allocationPct),
      max_positions: maxPositions.default(positions),
    })
    .prefault({});

export const STRATEGY_NAMES = [
  'mean_reversion',
  'relative_volume_breakout',
  'gap_fill',
  'vol_managed_momentum',
  'vix_regime_rotation',
  'pairs_trading',
  'quality_smallcap_value',
  'factor_momentum',
  'sector_rotation',
  'rsi_mean_reversion',
  'ma_crossover',
  'momentum',
  'ml_momentum',
] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

const sections = {
  capital: section({
    /** Null: use the account's equity (TRADING_CAPITAL overrides). */
    total_capital: num({ gt: 0, lte: 1e9 }).nullable().default(null),
    risk_per_trade_pct: num({ gt: 0, lte: 10 }).default(2),
    /** $1 is the broker's smallest notional order. */
    max_position_usd: num({ gte: 1, lte: 1e9 }).default(15_000),
    max_positions: maxPositions.default(10),
    max_position_pct: num({ gt: 0, lte: 100 }).default(5),
    /** 100 % would keep everything back and never trade. */
    cash_buffer_pct: num({ gte: 0, lt: 100 }).default(5),
    /** Days a signal blocked by risk, cash or heat is re-evaluated before it expires (seed 002); 0 keeps none. */
    pending_signal_days: int({ gte: 0, lte: 10 }).default(3),
  }),
  exits: section({
    /** A stop at 0 % sells at the entry price; at 50 % or more it is no stop a trader means. */
    stop_loss_pct: num({ gt: 0, lt: 50 }).default(5),
    take_profit_pct: num({ gt: 0, lte: 1_000 }).default(20),
    /** A trigger at or above the target never arms: the way to switch the rule off. */
    break_even_trigger_pct: num({ gt: 0, lte: 100 }).default(1.5),
    trailing_trigger_pct: num({ gt: 0, lte: 100 }).default(2),
    /** The share of the gain above entry kept: 100 % exits on the first tick down from the high. */
    trailing_keep_pct: num({ gt: 0, lte: 100 }).default(50),
    time_stop_days: int({ gte: 1, lte: 365 }).default(7),
    /** Which catastrophe stop the broker-side protection uses: E x (1 - stop_loss_pct), or E - multiple x ATR(14). */
    catastrophe_stop: z.enum(['percent', 'atr']).default('percent'),
    atr_stop_multiple: num({ gt: 0, lte: 20 }).default(3),
    /** Each strategy's own exit rule (seed 002) beside the shared soft exits, in the daemon and the backtests. */
    strategy_exits: configSwitch(true),
  }),
  protection: section({
    protect: z.enum(['all', 'own']).default('all'),
    audit_interval_ms: brokerInterval(DAY_MS).default(60_000),
    /** A local tick (no broker call) that runs at least once a minute; 100 ms keeps it from spinning. */
    timer_interval_ms: int({ gte: 100, lte: MINUTE_MS }).default(60_000),
    /** The daemon's clock follows the broker's: re-read at least hourly. */
    clock_sync_ms: brokerInterval(HOUR_MS).default(300_000),
    /** Below 10 s a quiet symbol would be re-priced over REST (and its feed reconnected) all day. */
    stale_symbol_ms: int({ gte: 10 * SECOND_MS, lte: 30 * DAY_MS }).default(300_000),
    /** One lookup per unclear order; over a minute would leave a position unprotected that long. */
    unknown_order_timeout_ms: int({ gte: 100, lte: MINUTE_MS }).default(1_000),
    exit_retry_ms: brokerInterval(DAY_MS).default(60_000),
  }),
  circuit_breakers: section({
    daily_loss_pct: lossPct.default(2),
    drawdown_pct: lossPct.default(15),
    /** New positions' size while in drawdown: 1 leaves them whole, 0 would be a halt (use daily_loss_pct). */
    drawdown_scale: num({ gt: 0, lte: 1 }).default(0.5),
    rapid_loss_pct: lossPct.default(1),
    rapid_loss_window_min: int({ gte: 1, lte: 1_440 }).default(15),
    rapid_loss_pause_min: int({ gte: 1, lte: 1_440 }).default(30),
    consecutive_losses: int({ gte: 1, lte: 100 }).default(5),
    consecutive_losses_pause_hours: num({ gt: 0, lte: 720 }).default(4),
    /** Of the strategy's allocation: a long-only strategy cannot lose more than all of it. */
    strategy_loss_pct: num({ gt: 0, lte: 100 }).default(5),
    strategy_loss_disable_hours: num({ gt: 0, lte: 720 }).default(24),
    kill_daily_drawdown_pct: lossPct.default(5),
    kill_consecutive_failures: int({ gte: 1, lte: 100 }).default(3),
    kill_rejection_rate_pct: num({ gt: 0, lte: 100 }).default(50),
    kill_rejection_min_count: int({ gte: 1, lte: 1_000 }).default(5),
    /** 0 demands an exact match to the cent. */
    reconciliation_tolerance_pct: num({ gte: 0, lte: 50 }).default(1),
    /** The daemon measures the account breakers on live equity (positions at their latest trades) at most this often. */
    live_equity_interval_ms: int({ gte: 100, lte: 60_000 }).default(1_000),
  }),
  vix_regimes: section({
    symbol: z.string().min(1).default('VIXY'),
    low_below: vixLevel.default(15),
    high_from: vixLevel.default(25),
    extreme_from: vixLevel.default(35),
    scalar_low: sizeScalar.default(1.2),
    scalar_normal: sizeScalar.default(1.0),
    scalar_high: sizeScalar.default(0.7),
    scalar_extreme: sizeScalar.default(0.4),
    /**
     * Where `trade` reads the VIX level: SPY's 20-day realised volatility (default: a real ETF proxy such as VIXY is
     * not on the VIX's scale), or the last trade of `symbol` (a series on the VIX's scale, e.g. the simulator's VIXY).
     */
    level_from: z.enum(['symbol', 'realized_volatility']).default('realized_volatility'),
    /** Heat: total exposure / equity, percent, at most this much in each regime (seed 002). */
    heat_low_pct: num({ gt: 0, lte: 100 }).default(40),
    heat_normal_pct: num({ gt: 0, lte: 100 }).default(30),
    heat_high_pct: num({ gt: 0, lte: 100 }).default(20),
    heat_extreme_pct: num({ gt: 0, lte: 100 }).default(20),
    /** Strategies off in the high and extreme regimes (seed 002: breakouts off above VIX 25). */
    breakout_strategies: z.array(z.string()).default(['relative_volume_breakout']),
  }),
  strategies: section({
    mean_reversion: strategy(true, 30, 25),
    relative_volume_breakout: strategy(true, 25, 5),
    gap_fill: strategy(true, 10, 2),
    vol_managed_momentum: strategy(true, 10, 10),
    vix_regime_rotation: strategy(true, 10, 5),
    pairs_trading: strategy(true, 5, 14),
    quality_smallcap_value: strategy(true, 5, 30),
    factor_momentum: strategy(true, 5, 10),
    sector_rotation: strategy(false, 10, 10),
    rsi_mean_reversion: strategy(true, 0, 10),
    ma_crossover: strategy(true, 0, 10),
    momentum: strategy(true, 0, 10),
    ml_momentum: strategy(true, 0, 10),
  }),
  ranker: section({
    black_sheep: z.array(z.string()).default([]),
    allow_black_sheep: configSwitch(false),
    max_signal_age_days: int({ gte: 0, lte: 30 }).default(3),
  }),
  scanner: section({
    universe: z.enum(['static', 'csv']).default('static'),
    history_years: num({ gte: 1, lte: 30 }).default(10),
    /** Out-of-sample trades a PROFITABLE verdict needs (its t-test needs a sample worth the name). */
    min_trades: int({ gte: 1, lte: 1_000 }).default(20),
    /** Costs: 500 bps (5 %) a side or $1 a share is already more than any broker charges. */
    slippage_bps: num({ gte: 0, lte: 500 }).default(7.5),
    commission_per_share: num({ gte: 0, lte: 1 }).default(0.005),
    stale_after_hours: num({ gt: 0, lte: 720 }).default(24),
    /** Worker threads for the backtests: auto = one per core (os.availableParallelism()), 0 or 1 = in-process. */
    workers: z.union([z.literal('auto'), int({ gte: 0, lte: 256 })]).default('auto'),
    /** The honest verdict's thresholds (docs/research.md). */
    verdict: z
      .strictObject({
        /** Benjamini–Hochberg false-discovery rate across every strategy x ticker of a scan, percent (100 = no correction). */
        fdr_pct: num({ gt: 0, lte: 100 }).default(5),
        /** Largest drawdown of the out-of-sample equity (percent of its peak) a PROFITABLE try may have. */
        max_drawdown_pct: num({ gt: 0, lte: 100 }).default(30),
        /** Mean excess return per trade over buy-and-hold (percent) must be above this. */
        min_excess_return_pct: num({ gte: -100, lte: 100 }).default(0),
      })
      .prefault({}),
  }),
  /** `strikeline research` (docs/research.md): walk-forward optimisation, the GA, GP discovery, the regime model. */
  research: researchSection,
  /** `strikeline tick` (docs/schedules.md): the one source of the jobs' times, New York, Monday to Friday. */
  schedule: section({
    timezone: z.literal('America/New_York').default('America/New_York'),
    scan: hhmm.default('20:00'),
    rank: hhmm.default('06:00'),
    trade: hhmm.default('09:35'),
    report: hhmm.default('16:05'),
    research: hhmm.default('16:30'),
    /** A job not started this long after its time (box down, cron stopped) is reported missed, never run late. */
    max_late_min: int({ gte: 1, lte: 720 }).default(60),
  }),
  /** The daemon's market phases (docs/phases.md), placed on the broker's calendar each day. */
  phases: section({
    pre_market_start: hhmm.default('06:30'),
    /** MARKET_OPEN: the first minutes of the session, before TRADING. */
    opening_min: int({ gte: 1, lte: 60 }).default(5),
    /** MARKET_CLOSE: the last minutes of the session (the intraday backtests close out when it begins). */
    closing_min: int({ gte: 1, lte: 60 }).default(15),
    after_hours_min: int({ gte: 1, lte: 480 }).default(120),
    /** The orchestrator's cycle: the kill switch, the phase and the due tasks are checked this often. */
    cycle_ms: int({ gte: 100, lte: MINUTE_MS }).default(5_000),
    checkpoint_keep_days: int({ gte: 1, lte: 365 }).default(7),
  }),
  /** Intraday strategies on 1-minute bars, backtested by `scan --intraday` (docs/intraday.md). */
  intraday: section({
    symbols: z
      .array(z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, 'a ticker such as SPY'))
      .min(1)
      .max(20)
      .default(['SPY', 'QQQ', 'AAPL', 'MSFT', 'NVDA', 'AMZN', 'META', 'TSLA']),
    /** Sessions of 1-minute history the backtests use (cached in data/bars/1Min/). */
    history_days: int({ gte: 5, lte: 60 }).default(30),
    /** Backtest trades a strategy needs for a verdict. */
    min_trades: int({ gte: 1, lte: 1_000 }).default(20),
    /** No intraday entry filled in the last minutes before MARKET_CLOSE begins. */
    entry_cutoff_min: int({ gte: 0, lte: 390 }).default(60),
    /** The daemon trades the enabled strategies in TRADING; off, they are only backtested (a real-money choice). */
    live: configSwitch(false),
    /** Intraday positions the daemon holds at once (opened today by an intraday strategy, not yet closed). */
    max_positions: int({ gte: 1, lte: 20 }).default(2),
    orb: z
      .strictObject({
        enabled: configSwitch(true),
        range_min: int({ gte: 1, lte: 120 }).default(15),
      })
      .prefault({}),
    vwap_reversion: z
      .strictObject({ enabled: configSwitch(true), band_pct: num({ gt: 0, lte: 20 }).default(1) })
      .prefault({}),
    intraday_gap_fill: z
      .strictObject({
        enabled: configSwitch(true),
        min_gap_pct: num({ gt: 0, lte: 50 }).default(1),
        max_gap_pct: num({ gt: 0, lte: 50 }).default(6),
      })
      .prefault({}),
  }),
  alerts: section({
    email: configSwitch(true),
    sms: configSwitch(true),
    /** One SMS segment; below 40 characters an alert says nothing. */
    sms_max_chars: int({ gte: 40, lte: 160 }).default(160),
  }),
  safety: section({
    /** A stream down this long flattens the account (by default): a few milliseconds would flatten on any blip. */
    grace_ms: int({ gte: 100, lte: 10 * MINUTE_MS }).default(30_000),
    stable_ms: int({ gte: 100, lte: HOUR_MS }).default(60_000),
    on_disconnect: z.enum(['flatten', 'protect_only']).default('flatten'),
  }),
  logs: section({
    /** Day logs and event files older than this are removed by the commands that write them (at start, then daily). */
    retention_days: int({ gte: 1, lte: 3650 }).default(90),
  }),
  broker: section({
    /** Below one a second, protective orders would queue behind the daemon's own audits. */
    requests_per_minute: int({ gte: 60, lte: 10_000 }).default(200),
    data_feed: z.enum(['iex', 'sip']).default('iex'),
  }),
};

type Sections = z.output<z.ZodObject<typeof sections>>;
const ALLOCATION_TOLERANCE = 1e-6;
const round = (x: number): string => String(Math.round(x * 1e6) / 1e6);

/** A section whose own keys already failed: rules between its keys would only repeat the error. */
const failed = (ctx: z.RefinementCtx, key: keyof Sections): boolean =>
  ctx.issues.some((i) => i.path?.[0] === key);

/** The VIX regime thresholds split the VIX scale in order: low < normal < high < extreme. */
function increasingVixThresholds(c: Sections, ctx: z.RefinementCtx): void {
  const v = c.vix_regimes;
  if (failed(ctx, 'vix_regimes')) return;
  if (!(v.low_below < v.high_from))
    ctx.addIssue({
      code: 'custom',
      path: ['vix_regimes', 'high_from'],
      message: `a level above vix_regimes.low_below (${v.low_below})`,
      params: { value: v.high_from },
    });
  if (!(v.high_from < v.extreme_from))
    ctx.addIssue({
      code: 'custom',
      path: ['vix_regimes', 'extreme_from'],
      message: `a level above vix_regimes.high_from (${v.high_from})`,
      params: { value: v.extreme_from },
    });
}

/** Issue 14: the enabled strategies share all of the capital, no more and no less. */
function allocationsSumTo100(c: Sections, ctx: z.RefinementCtx): void {
  if (failed(ctx, 'strategies')) return;
  const enabled = Object.entries(c.strategies).filter(([, s]) => s.enabled);
  const sum = enabled.reduce((total, [, s]) => total + s.allocation_pct, 0);
  if (Math.abs(sum - 100) <= ALLOCATION_TOLERANCE) return;
  const terms = enabled
    .filter(([, s]) => s.allocation_pct !== 0)
    .map(([name, s]) => `${name} ${s.allocation_pct}`);
  const found =
    enabled.length === 0
      ? 'no strategy enabled'
      : `${round(sum)} (${terms.join(' + ') || 'all 0'})`;
  ctx.addIssue({
    code: 'custom',
    path: ['strategies'],
    message: 'the allocation_pct of the enabled strategies to sum to 100',
    params: { found },
  });
}

/** The intraday gap fill trades gaps between its two bounds: a band that holds no gap would never trade. */
function gapBandOrdered(c: Sections, ctx: z.RefinementCtx): void {
  const g = c.intraday.intraday_gap_fill;
  if (failed(ctx, 'intraday') || g.min_gap_pct < g.max_gap_pct) return;
  ctx.addIssue({
    code: 'custom',
    path: ['intraday', 'intraday_gap_fill', 'max_gap_pct'],
    message: `a gap above intraday.intraday_gap_fill.min_gap_pct (${g.min_gap_pct})`,
    params: { value: g.max_gap_pct },
  });
}

export const configSchema = z
  .strictObject(sections)
  .superRefine(increasingVixThresholds)
  .superRefine(allocationsSumTo100)
  .superRefine(gapBandOrdered);

export type Config = z.infer<typeof configSchema>;
export const DEFAULT_CONFIG: Config = configSchema.parse({});
