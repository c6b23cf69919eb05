/**
 * Safety mode (seed 000 SOP "Connectivity Failure") against the simulator, with the real adapter, SDK and sockets:
 * the streams dropped for longer than grace_ms enter safety mode — entries blocked in the store, the account
 * flattened (or, with protect_only, the protection kept), an SMS-sized alert sent — and once the streams are back
 * and stable for stable_ms, safety mode ends.
 */
import { join } from 'node:path';
import { Subject, filter, merge, of, share, tap, type Subscription } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAlpaca } from '../../../src/adapters/alpaca/create-alpaca.ts';
import { readEnv } from '../../../src/config/env.ts';
import { DEFAULT_CONFIG, type Config } from '../../../src/config/schema.ts';
import { createFileKillSwitch } from '../../../src/adapters/killswitch/file-kill-switch.ts';
import { createLogger, type RootLogger } from '../../../src/adapters/log/logger.ts';
import { makeScrubber } from '../../../src/domain/secrets/scrub.ts';
import { createMailer } from '../../../src/adapters/mail/mailer.ts';
import { openStore } from '../../../src/adapters/store/lmdb-store.ts';
import type { FeedEvent } from '../../../src/domain/events.ts';
import type { Store } from '../../../src/domain/store.ts';
import type { Deps } from '../../../src/streams/deps.ts';
import { modelUpProbability } from '../../../src/scanner/ml/model-up-probability.ts';
import { isSafetyActive } from '../../../src/records/safety-state.ts';
import { safetyStream, type SafetyEvent } from '../../../src/streams/safety/safety-stream.ts';
import {
  filesWithSecrets,
  openPositions,
  placeOco,
  smsBody,
  startSmtpSink,
} from '../../support/ops.ts';
import {
  TEST_KEY,
  TEST_SECRET,
  control,
  startTestSimulator,
  waitFor,
  type TestSimulator,
} from '../../support/sim.ts';

let t: TestSimulator;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let store: Store;
let root: RootLogger;

beforeAll(async () => {
  t = await startTestSimulator();
  smtp = await startSmtpSink();
  store = openStore(join(t.root, 'state'));
  root = createLogger({
    dir: join(t.root, 'logs'),
    level: 'debug',
    scrub: makeScrubber([TEST_KEY, TEST_SECRET]),
    pretty: false,
  });
  await control(t.sim).clock({ to: '2024-05-01T13:31:00Z', quiet: true });
});
afterAll(async () => {
  root.close();
  await store.close();
  await smtp.close();
  await t.stop();
});

interface Running {
  readonly events: SafetyEvent[];
  readonly feeds: FeedEvent[];
  stop(): void;
}
let running: Running | undefined;
afterEach(() => {
  running?.stop();
  running = undefined;
});

/** Runs safetyStream over the real trading and market feeds, as the daemon does. */
function startSafety(safety: Config['safety']): Running {
  const env = readEnv(t.env, false);
  const log = root.log.child({ component: 'test' });
  const alpaca = createAlpaca({
    keyId: TEST_KEY,
    secretKey: TEST_SECRET,
    endpoint: env.endpoint,
    dataEndpoint: env.dataEndpoint,
    streamUrl: env.streamUrl,
    dataStreamUrl: env.dataStreamUrl,
    log,
  });
  const mailer = createMailer(
    {
      host: '127.0.0.1',
      port: smtp.port,
      user: undefined,
      pass: undefined,
      emailTo: 'ops@example.com',
      smsTo: '5551234567@vtext.com',
      email: true,
      sms: true,
      scrub: makeScrubber([TEST_KEY, TEST_SECRET]),
      smsMaxChars: 160,
      ignoreTls: true,
    },
    log,
  );
  const shutdown$ = new Subject<void>();
  const deps: Deps = {
    ...alpaca,
    store,
    mailer,
    clock: { now: Date.now },
    log,
    events: { emit: () => undefined },
    config: { ...DEFAULT_CONFIG, safety },
    killSwitch: createFileKillSwitch({
      path: join(t.root, 'killswitch', 'HALT'),
      tradingDisabled: false,
    }),
    mlModel: modelUpProbability(DEFAULT_CONFIG.scanner.history_years),
    shutdown$,
  };
  const feeds: FeedEvent[] = [];
  const feedEvents$ = merge(
    alpaca.tradeFeed.tradeUpdates$(),
    alpaca.marketFeed.trades$(of(['AAPL'])),
  ).pipe(
    filter((e): e is FeedEvent => e.kind === 'FeedDown' || e.kind === 'FeedResynced'),
    tap((e) => feeds.push(e)),
    share(),
  );
  const events: SafetyEvent[] = [];
  const sub: Subscription = safetyStream(deps, feedEvents$).subscribe((e) => events.push(e));
  return {
    events,
    feeds,
    stop: () => {
      shutdown$.next();
      sub.unsubscribe();
    },
  };
}

const kinds = (r: Running) => r.events.map((e) => e.kind);
const bothUp = (r: Running) =>
  ['trading', 'market'].every((f) =>
    r.feeds.some((e) => e.kind === 'FeedResynced' && e.feed === f),
  );

describe('safety mode against the simulator', () => {
  it('flattens the account, blocks entries and alerts when the streams stay down; resumes once stable', async () => {
    await openPositions(t, { AAPL: 10, MSFT: 5 });
    await placeOco(t, 'AAPL', 10, 120, 95);
    const r = (running = startSafety({ grace_ms: 300, stable_ms: 800, on_disconnect: 'flatten' }));
    await waitFor(() => bothUp(r), 5_000, 'both feeds up');
    await control(t.sim).faults({ kind: 'drop_streams', refuse_ms: 1_000 });
    await waitFor(() => kinds(r).includes('SafetyModeEntered'), 3_000, 'safety mode');
    expect(isSafetyActive(store)).toBe(true);
    await waitFor(() => kinds(r).includes('SafetyFlattened'), 5_000, 'the flatten');
    const flat = await control(t.sim).state();
    expect(flat.positions).toEqual([]);
    expect(flat.open_orders).toEqual([]);
    const sms = await waitFor(
      () =>
        smtp.mails
          .filter((m) => m.to.includes('5551234567@vtext.com'))
          .map(smsBody)
          .filter((b) => b.startsWith('SAFETY MODE')),
      5_000,
      'the alerts',
    );
    expect(sms[0]).toMatch(
      /^SAFETY MODE entered: (trading|market) stream down >0\.3s; flattening all positions/,
    );
    expect(sms.every((b) => b.length <= 160)).toBe(true);
    await waitFor(() => kinds(r).includes('SafetyModeExited'), 10_000, 'the end of safety mode');
    expect(isSafetyActive(store)).toBe(false);
    expect(kinds(r)).toEqual(['SafetyModeEntered', 'SafetyFlattened', 'SafetyModeExited']);
    const actions = store.journal.list().map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['safety_mode_entered', 'safety_flatten', 'safety_mode_exited']),
    );
  });

  it('with protect_only, keeps the protective orders and positions, and still blocks entries', async () => {
    await openPositions(t, { KO: 20 }, 60);
    await placeOco(t, 'KO', 20, 72, 57);
    const r = (running = startSafety({
      grace_ms: 300,
      stable_ms: 800,
      on_disconnect: 'protect_only',
    }));
    await waitFor(() => bothUp(r), 5_000, 'both feeds up');
    await control(t.sim).faults({ kind: 'drop_streams', refuse_ms: 1_000 });
    await waitFor(() => kinds(r).includes('SafetyModeEntered'), 3_000, 'safety mode');
    expect(isSafetyActive(store)).toBe(true);
    await waitFor(() => kinds(r).includes('SafetyModeExited'), 10_000, 'the end of safety mode');
    expect(kinds(r)).toEqual(['SafetyModeEntered', 'SafetyModeExited']);
    const state = await control(t.sim).state();
    expect(state.positions.map((p) => p.symbol)).toEqual(['KO']);
    expect(state.open_orders).toMatchObject([{ symbol: 'KO', order_class: 'oco' }]);
  });

  it('a drop shorter than grace_ms changes nothing', async () => {
    const r = (running = startSafety({
      grace_ms: 5_000,
      stable_ms: 800,
      on_disconnect: 'flatten',
    }));
    await waitFor(() => bothUp(r), 5_000, 'both feeds up');
    const ups = r.feeds.filter((e) => e.kind === 'FeedResynced').length;
    await control(t.sim).faults({ kind: 'drop_streams' });
    await waitFor(
      () => r.feeds.filter((e) => e.kind === 'FeedResynced').length >= ups + 2,
      5_000,
      'both feeds back',
    );
    expect(r.events).toEqual([]);
    expect((await control(t.sim).state()).positions.map((p) => p.symbol)).toEqual(['KO']);
    expect(filesWithSecrets(t.root, [TEST_SECRET, TEST_KEY])).toEqual([]);
  });
});
