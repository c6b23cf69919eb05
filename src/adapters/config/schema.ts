/** @module The configuration schema: every tunable of the seeds, with the seeds' numbers as defaults. */
import { z } from 'zod';

const pct = z.number().min(0).max(100);
const positive = z.number().positive();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
const section = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape).prefault({} as never);

const strategy = (enabled: boolean, allocationPct: number, maxPositions: number) =>
  z
    .strictObject({
      enabled: z.boolean().default(enabled),
      allocation_pct: pct.default(allocationPct),
      max_positions: z.number().int().positive().default(maxPositions),
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

export const configSchema = z.strictObject({
  capital: section({
    /** Null: use the account's equity (TRADING_CAPITAL overrides). */
    total_capital: positive.nullable().default(null),
    risk_per_trade_pct: pct.default(2),
    max_position_usd: positive.default(15_000),
    max_positions: z.number().int().positive().default(10),
    max_position_pct: pct.default(5),
    cash_buffer_pct: pct.default(5),
  }),
  exits: section({
    stop_loss_pct: pct.default(5),
    take_profit_pct: z.number().positive().default(20),
    break_even_trigger_pct: pct.default(1.5),
    trailing_trigger_pct: pct.default(2),
    trailing_keep_pct: pct.default(50),
    time_stop_days: positive.default(7),
  }),
  protection: section({
    protect: z.enum(['all', 'own']).default('all'),
    audit_interval_ms: z.number().int().positive().max(86_400_000).default(60_000),
    /** The soft-exit timer runs at least once a minute. */
    timer_interval_ms: z.number().int().positive().max(60_000).default(60_000),
    clock_sync_ms: z.number().int().positive().max(86_400_000).default(300_000),
    stale_symbol_ms: z.number().int().positive().default(300_000),
    unknown_order_timeout_ms: z.number().int().positive().max(600_000).default(5_000),
    exit_retry_ms: z.number().int().positive().max(86_400_000).default(60_000),
  }),
  circuit_breakers: section({
    daily_loss_pct: pct.default(2),
    drawdown_pct: pct.default(15),
    drawdown_scale: z.number().min(0).max(1).default(0.5),
    rapid_loss_pct: pct.default(1),
    rapid_loss_window_min: positive.default(15),
    rapid_loss_pause_min: positive.default(30),
    consecutive_losses: z.number().int().positive().default(5),
    consecutive_losses_pause_hours: positive.default(4),
    strategy_loss_pct: pct.default(5),
    strategy_loss_disable_hours: positive.default(24),
    kill_daily_drawdown_pct: pct.default(5),
    kill_consecutive_failures: z.number().int().positive().default(3),
    kill_rejection_rate_pct: pct.default(50),
    kill_rejection_min_count: z.number().int().positive().default(5),
    reconciliation_tolerance_pct: pct.default(1),
  }),
  vix_regimes: section({
    symbol: z.string().min(1).default('VIXY'),
    low_below: positive.default(15),
    high_from: positive.default(25),
    extreme_from: positive.default(35),
    scalar_low: positive.default(1.2),
    scalar_normal: positive.default(1.0),
    scalar_high: positive.default(0.7),
    scalar_extreme: positive.default(0.4),
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
    allow_black_sheep: z.boolean().default(false),
    max_signal_age_days: z.number().int().nonnegative().default(3),
  }),
  scanner: section({
    universe: z.enum(['static', 'csv']).default('static'),
    history_years: positive.default(10),
    /** Out-of-sample trades a PROFITABLE verdict needs (its t-test needs a sample worth the name). */
    min_trades: z.number().int().positive().default(20),
    slippage_bps: z.number().nonnegative().default(7.5),
    commission_per_share: z.number().nonnegative().default(0.005),
    stale_after_hours: positive.default(24),
    /** The honest verdict's thresholds (docs/research.md). */
    verdict: z
      .strictObject({
        /** Benjamini–Hochberg false-discovery rate across every strategy x ticker of a scan, percent (100 = no correction). */
        fdr_pct: z.number().positive().max(100).default(5),
        /** Largest drawdown of the out-of-sample equity (percent of its peak) a PROFITABLE try may have. */
        max_drawdown_pct: pct.default(30),
        /** Mean excess return per trade over buy-and-hold (percent) must be above this. */
        min_excess_return_pct: z.number().min(-100).max(100).default(0),
      })
      .prefault({}),
  }),
  /** `strikeline research` (docs/research.md): walk-forward optimisation, the GA, GP discovery, the regime model. */
  research: section({
    seed: z.number().int().nonnegative().default(17),
    /** Which walk-forward result the scanner applies: none (the strategies' defaults), wfo (grid) or ga. */
    scan_params: z.enum(['default', 'wfo', 'ga']).default('wfo'),
    /** Discovered rules (data/research/candidates/<id>.json) the scanner runs as extra strategies. */
    promoted: z
      .array(z.string().regex(/^gp_[0-9a-f]{12}$/, 'a candidate id such as gp_0123456789ab'))
      .default([]),
    wfo: z
      .strictObject({
        in_sample_days: z.number().int().min(60).max(5000).default(756),
        out_of_sample_days: z.number().int().min(5).max(2000).default(252),
        min_in_sample_trades: z.number().int().min(2).default(10),
      })
      .prefault({}),
    ga: z
      .strictObject({
        population: z.number().int().min(4).max(1000).default(24),
        generations: z.number().int().min(1).max(1000).default(12),
        crossover_pct: pct.default(80),
        mutation_pct: z.number().positive().max(100).default(15),
        elite: z.number().int().nonnegative().default(2),
        tournament: z.number().int().min(2).default(3),
      })
      .prefault({}),
    gp: z
      .strictObject({
        islands: z.number().int().min(1).max(64).default(2),
        population: z.number().int().min(8).max(5000).default(60),
        generations: z.number().int().min(1).max(1000).default(20),
        max_depth: z.number().int().min(1).max(12).default(4),
        parsimony: z.number().nonnegative().default(0.05),
        in_sample_pct: z.number().min(10).max(90).default(70),
        max_candidates: z.number().int().min(1).max(100).default(5),
      })
      .prefault({}),
    regime: z
      .strictObject({
        states: z.number().int().min(2).max(4).default(3),
        iterations: z.number().int().min(1).max(10_000).default(200),
        train_years: positive.default(10),
      })
      .prefault({}),
  }),
  schedule: section({
    timezone: z.literal('America/New_York').default('America/New_York'),
    scan: hhmm.default('20:00'),
    rank: hhmm.default('06:00'),
    trade: hhmm.default('09:35'),
    report: hhmm.default('16:05'),
  }),
  alerts: section({
    email: z.boolean().default(true),
    sms: z.boolean().default(true),
    sms_max_chars: z.number().int().min(40).max(160).default(160),
  }),
  safety: section({
    grace_ms: z.number().int().positive().default(30_000),
    stable_ms: z.number().int().positive().default(60_000),
    on_disconnect: z.enum(['flatten', 'protect_only']).default('flatten'),
  }),
  broker: section({
    requests_per_minute: z.number().int().positive().max(10_000).default(200),
    data_feed: z.enum(['iex', 'sip']).default('iex'),
  }),
});

export type Config = z.infer<typeof configSchema>;
export const DEFAULT_CONFIG: Config = configSchema.parse({});
