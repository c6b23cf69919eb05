/**
 * @module `strikeline doctor`: every check in the order a person fixes things (environment, broker, daemon,
 * schedules, state, alerts, research). A check that cannot run because an earlier one failed says so and fails too:
 * not verified is not ok. Each part takes what it needs from `DoctorDeps`, which the command composes.
 */
import type { BrokerProbe } from '../../domain/diagnostics.ts';
import type { HaltSwitch as FileKillSwitch } from '../../domain/ports.ts';
import type { AlertMailer } from '../../domain/diagnostics.ts';
import type { Env } from '../../config/env.ts';
import type { Paths } from '../../config/paths.ts';
import type { Config } from '../../config/schema.ts';
import type { Broker } from '../../domain/ports.ts';
import type { Store } from '../../domain/store.ts';
import type { LockView } from '../ops/daemon-health.ts';
import { collectStatus, staleAfterMs } from '../ops/status.ts';
import { alertChecks } from './alert-checks.ts';
import { brokerChecks, modeCheck, tradingKindOf } from './broker-checks.ts';
import { daemonChecks, killSwitchCheck } from './daemon-checks.ts';
import { checksOf, messageOf, type CheckGroup, type DoctorCheck } from './doctor-check.ts';
import { doctorReport, type DoctorReport } from './doctor-report.ts';
import { researchChecks } from './research-checks.ts';
import { stateChecks } from './state-checks.ts';
import type { ScheduleFacts } from './schedule-checks.ts';
import { scheduleChecks } from './schedule-checks.ts';
import { unitCheck, type UnitFileText } from './unit-checks.ts';
import { whyNotWritable } from './writable-dir.ts';
import { riskLimitsOf } from '../../config/risk-limits.ts';

/** What the checks reach, once the environment and the config are readable. */
export interface DoctorServices {
  readonly env: Env;
  readonly config: Config;
  readonly paths: Paths;
  readonly store: () => Store;
  readonly broker: () => Broker;
  /** Undefined without credentials (env.variables says so). */
  readonly probeBroker: (() => Promise<BrokerProbe>) | undefined;
  readonly mailer: () => AlertMailer;
  readonly killSwitch: () => FileKillSwitch;
  readonly probeLock: () => Promise<LockView>;
  readonly isAlive: (pid: number) => boolean;
}

export interface DoctorDeps {
  readonly root: string;
  /** The environment and config checks, run first (environment-checks.ts). */
  readonly preflight: readonly DoctorCheck[];
  /** Undefined when the environment or the config is refused: why. */
  readonly services: DoctorServices | string;
  readonly schedule: () => Omit<ScheduleFacts, 'now'>;
  readonly freeBytes: () => number;
  /** The systemd units installed on this machine (/etc/systemd/system), and whether a path exists. */
  readonly units: () => readonly UnitFileText[];
  readonly exists: (path: string) => boolean;
  readonly hostname: string;
  readonly sendTest: boolean;
  readonly now: () => number;
}

const IDS: Readonly<Partial<Record<CheckGroup, readonly string[]>>> = {
  broker: [
    'broker.credentials',
    'broker.account',
    'broker.mode',
    'broker.clock_skew',
    'broker.market_data',
    'broker.rate_limit',
  ],
  daemon: [
    'daemon.running',
    'daemon.authenticated',
    'daemon.streams',
    'daemon.last_contact',
    'daemon.positions',
    'killswitch.writable',
  ],
  state: ['state.store', 'state.schema', 'state.disk', 'state.checkpoint', 'logs.writable'],
  alerts: ['alerts.smtp', 'alerts.recipients'],
  research: ['research.regime', 'research.candidates', 'research.checkpoints'],
};

const notChecked = (group: CheckGroup, why: string, extra: readonly string[] = []): DoctorCheck[] =>
  [...(IDS[group] ?? []), ...extra].map((id) => checksOf(group).notChecked(id, why));

/** Market data through the broker port, as the jobs read it: one latest price of SPY. */
async function marketData(
  s: DoctorServices,
): Promise<Parameters<typeof brokerChecks>[0]['marketData']> {
  const where = { feed: s.config.broker.data_feed, dataEndpoint: s.env.dataEndpoint };
  try {
    await s.broker().getLatestPrices(['SPY']);
    return { ok: true, ...where };
  } catch (e) {
    return { ok: false, ...where, error: messageOf(e) };
  }
}

async function daemonPart(s: DoctorServices, store: Store | undefined): Promise<DoctorCheck[]> {
  const killswitch = {
    dir: s.paths.killswitch,
    whyNotWritable: whyNotWritable(s.paths.killswitch),
  };
  const without = (why: string): DoctorCheck[] => [
    ...notChecked('daemon', why).filter((k) => k.id !== 'killswitch.writable'),
    killSwitchCheck(killswitch, undefined),
  ];
  if (store === undefined) return without('the state store does not open');
  try {
    const report = await collectStatus({
      broker: s.broker,
      store,
      killSwitch: s.killSwitch(),
      probeLock: s.probeLock,
      isAlive: s.isAlive,
      staleMs: staleAfterMs(s.config.protection.timer_interval_ms),
      riskLimits: riskLimitsOf(s.config),
    });
    return daemonChecks(report, killswitch);
  } catch (e) {
    // The status read failed (a kill switch that cannot be read stops it): what it would have judged is unknown.
    return without(`the daemon's status could not be read: ${messageOf(e)}`);
  }
}

export async function runDoctor(d: DoctorDeps): Promise<DoctorReport> {
  const schedules = (): DoctorCheck[] => scheduleChecks({ ...d.schedule(), now: d.now() });
  const unit = unitCheck(d.units(), d.root, d.exists);
  const s = d.services;
  if (typeof s === 'string') {
    const checks = [
      ...d.preflight,
      ...notChecked('broker', s),
      ...notChecked('daemon', s),
      unit,
      ...schedules(),
      ...notChecked('state', s),
      ...notChecked('alerts', s, d.sendTest ? ['alerts.test'] : []),
      ...notChecked('research', s),
    ];
    return doctorReport(d.root, null, checks);
  }
  const state = stateChecks({
    stateDir: s.paths.state,
    root: d.root,
    logsDir: s.paths.logs,
    openStore: s.store,
    freeBytes: d.freeBytes(),
    logsNotWritable: whyNotWritable(s.paths.logs),
  });
  const probe = s.probeBroker;
  const [broker, daemon, alerts] = await Promise.all([
    probe === undefined
      ? notChecked('broker', 'no Alpaca credentials (see env.variables)').map((k) =>
          k.id === 'broker.mode' ? modeCheck(s.env.endpoint) : k,
        )
      : Promise.all([probe(), marketData(s)]).then(([answer, data]) =>
          brokerChecks({
            endpoint: s.env.endpoint,
            probe: answer,
            marketData: data,
            requestsPerMinute: s.config.broker.requests_per_minute,
          }),
        ),
    daemonPart(s, state.store),
    alertChecks({
      smtp: s.env.smtp,
      mailer: s.mailer(),
      sendTest: d.sendTest,
      hostname: d.hostname,
      root: d.root,
    }),
  ]);
  const checks = [
    ...d.preflight,
    ...broker,
    ...daemon,
    unit,
    ...schedules(),
    ...state.checks,
    ...alerts,
    ...researchChecks(s.paths.data, s.config.research.promoted),
  ];
  return doctorReport(d.root, tradingKindOf(s.env.endpoint), checks);
}
