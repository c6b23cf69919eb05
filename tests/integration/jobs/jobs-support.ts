/** @module Helpers for the jobs' integration tests: a broker through the real adapter, a CSV, a config, the store. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAlpaca } from '../../../src/adapters/alpaca/create-alpaca.ts';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { loadConfig } from '../../../src/config/load-config.ts';
import { pathsFor } from '../../../src/config/paths.ts';
import { createFileKillSwitch } from '../../../src/adapters/killswitch/file-kill-switch.ts';
import { createEventLog } from '../../../src/adapters/log/event-log.ts';
import { createMailer } from '../../../src/adapters/mail/mailer.ts';
import { makeScrubber } from '../../../src/domain/secrets/scrub.ts';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import type { Broker } from '../../../src/domain/ports.ts';
import type { Store } from '../../../src/domain/store.ts';
import { CSV_HEADER } from '../../../src/jobs/rank/actionable-csv.ts';
import { renderTradeResult } from '../../../src/jobs/trade/render-trade-result.ts';
import { runTradeJob, type TradeJobResult } from '../../../src/jobs/trade/trade-job.ts';
import { TEST_KEY, TEST_SECRET, type TestSimulator } from '../../support/sim.ts';
import { silentLogger } from '../../../src/domain/silent-logger.ts';

/** The engine's own Broker port, over the official SDK, pointed at the simulator. */
export function brokerFor(t: TestSimulator): Broker {
  const u = t.sim.urls;
  return createAlpaca({
    keyId: t.env.ALPACA_API_KEY ?? '',
    secretKey: t.env.ALPACA_SECRET_KEY ?? '',
    endpoint: u.rest,
    dataEndpoint: u.rest,
    streamUrl: u.tradingStream,
    dataStreamUrl: u.dataStream,
    log: silentLogger,
  }).broker;
}

export interface CsvRow {
  readonly ticker: string;
  readonly strategy?: string;
  readonly signalDate?: string;
}

/** data/actionable_signals.csv with the rows in rank order. */
export function writeCsv(root: string, rows: readonly CsvRow[]): void {
  mkdirSync(join(root, 'data'), { recursive: true });
  const lines = rows.map(
    (r, i) =>
      `${i + 1},${r.ticker},${r.strategy ?? 'mean_reversion'},0.6,20,1.5,1.2,${r.signalDate ?? '2024-04-30'},100`,
  );
  writeFileSync(
    join(root, 'data', 'actionable_signals.csv'),
    `${[CSV_HEADER, ...lines].join('\n')}\n`,
  );
}

/**
 * Writes config/config.yaml. These tests set the simulator's VIXY (on the VIX's scale) to choose the regime, so
 * the config reads the VIX level from it (`vix_regimes.level_from: symbol`) unless the YAML says otherwise; the
 * shipped default is SPY's realised volatility (docs/pipeline.md).
 */
export function writeConfig(root: string, yaml: string): void {
  const doc = (parseYaml(yaml) ?? {}) as Record<string, unknown>;
  const vix = (doc['vix_regimes'] ?? {}) as Record<string, unknown>;
  const withVix = { ...doc, vix_regimes: { level_from: 'symbol', ...vix } };
  mkdirSync(join(root, 'config'), { recursive: true });
  writeFileSync(join(root, 'config', 'config.yaml'), stringifyYaml(withVix));
}

/** Opens the install's LMDB store for the duration of `fn` (the CLI processes share it safely). */
export async function withStore<T>(root: string, fn: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openStore(join(root, 'state'));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Runs the trade job in this process, wired as the CLI wires it (adapter over the official SDK, LMDB store,
 * file kill switch, config from the install): the same code path as `strikeline trade`, minus process start-up.
 */
export async function tradeInProcess(
  t: TestSimulator,
  options: { dryRun?: boolean; reconcileRecheckMs?: number } = {},
): Promise<{ result: TradeJobResult; text: string }> {
  const paths = pathsFor(t.root);
  const { config } = loadConfig(paths.config);
  const store = openStore(paths.state);
  try {
    const result = await runTradeJob({
      broker: () => brokerFor(t),
      store: () => store,
      mailer: () =>
        createMailer(
          {
            host: undefined,
            port: 25,
            user: undefined,
            pass: undefined,
            emailTo: undefined,
            smsTo: undefined,
            email: false,
            sms: false,
            smsMaxChars: 160,
            scrub: makeScrubber([TEST_KEY, TEST_SECRET]),
          },
          silentLogger,
        ),
      events: createEventLog(paths.events, 'trade-test', makeScrubber([TEST_KEY, TEST_SECRET])),
      log: silentLogger,
      config,
      csvPath: paths.actionable,
      killSwitch: createFileKillSwitch({ path: paths.halt, tradingDisabled: false }),
      rejectedDir: paths.rejected,
      funnelDir: paths.funnel,
      strategyDisabledList: [],
      tradingCapital: undefined,
      dryRun: options.dryRun ?? false,
      wallNow: Date.now,
      reconcileRecheckMs: options.reconcileRecheckMs ?? 0,
    });
    return { result, text: result.kind === 'done' ? renderTradeResult(result) : result.message };
  } finally {
    await store.close();
  }
}
