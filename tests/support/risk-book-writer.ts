/**
 * @module A child process for the trading-state race: counts order outcomes into the shared risk book through the
 * same procedure `trade` and the daemon use, while another process does the same.
 */
import { openStore } from '../../src/adapters/store/lmdb-store.ts';
import type { OrderOutcomeKind } from '../../src/domain/rules/risk/order-breakers.ts';
import { silentLogger } from '../../src/domain/silent-logger.ts';
import { recordOrderOutcome } from '../../src/procedures/record-order-outcome.ts';
import { SEED_LIMITS } from './risk-limits.ts';

const [dir, actor, outcomesText] = process.argv.slice(2);
const outcomes = (outcomesText ?? '').split(',').filter((o) => o !== '') as OrderOutcomeKind[];
const store = openStore(dir ?? '');
// Limits no count reaches: the race is about the counts, not about a kill.
const limits = {
  ...SEED_LIMITS,
  killConsecutiveFailures: 1_000_000,
  killRejectionMinCount: 1_000_000,
};
const deps = {
  store,
  mailer: { alert: async () => {} },
  events: { emit: () => {} },
  log: silentLogger,
  actor: actor ?? '?',
  limits,
  day: '2024-05-01',
  now: 0,
};
// Sent as fast as they come, none awaited before the next: each read-modify-write races the other process's.
await Promise.all(
  outcomes.map((kind, i) => recordOrderOutcome(kind, undefined, { ...deps, now: i })),
);
await store.close();
process.stdout.write('done');
