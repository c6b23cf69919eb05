/**
 * @module The `research:` section of the configuration schema (docs/research.md): walk-forward optimisation, the
 * GA, GP discovery and the regime model, with their defaults and bounds.
 */
import { z } from 'zod';
import { int, num } from './bounded-number.ts';

export const researchSection = z
  .strictObject({
    seed: int({ gte: 0, lte: 2 ** 31 - 1 }).default(17),
    /** Which walk-forward result the scanner applies: none (the strategies' defaults), wfo (grid) or ga. */
    scan_params: z.enum(['default', 'wfo', 'ga']).default('wfo'),
    /** Discovered rules (data/research/candidates/<id>.json) the scanner runs as extra strategies. */
    promoted: z
      .array(z.string().regex(/^gp_[0-9a-f]{12}$/, 'a candidate id such as gp_0123456789ab'))
      .default([]),
    wfo: z
      .strictObject({
        in_sample_days: int({ gte: 60, lte: 5_000 }).default(756),
        out_of_sample_days: int({ gte: 5, lte: 2_000 }).default(252),
        min_in_sample_trades: int({ gte: 2, lte: 1_000 }).default(10),
      })
      .prefault({}),
    ga: z
      .strictObject({
        population: int({ gte: 4, lte: 1_000 }).default(24),
        generations: int({ gte: 1, lte: 1_000 }).default(12),
        crossover_pct: num({ gte: 0, lte: 100 }).default(80),
        mutation_pct: num({ gt: 0, lte: 100 }).default(15),
        elite: int({ gte: 0, lte: 100 }).default(2),
        tournament: int({ gte: 2, lte: 100 }).default(3),
      })
      .prefault({}),
    gp: z
      .strictObject({
        islands: int({ gte: 1, lte: 64 }).default(2),
        population: int({ gte: 8, lte: 5_000 }).default(60),
        generations: int({ gte: 1, lte: 1_000 }).default(20),
        max_depth: int({ gte: 1, lte: 12 }).default(4),
        parsimony: num({ gte: 0, lte: 10 }).default(0.05),
        in_sample_pct: num({ gte: 10, lte: 90 }).default(70),
        max_candidates: int({ gte: 1, lte: 100 }).default(5),
      })
      .prefault({}),
    regime: z
      .strictObject({
        states: int({ gte: 2, lte: 4 }).default(3),
        iterations: int({ gte: 1, lte: 10_000 }).default(200),
        train_years: num({ gte: 1, lte: 30 }).default(10),
      })
      .prefault({}),
  })
  .prefault({} as never);
