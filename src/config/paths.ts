/** @module Where everything lives under TRADING_SYSTEM_ROOT, so two installs (or two tests) never share files. */
import { join } from 'node:path';

export interface Paths {
  readonly root: string;
  readonly config: string;
  readonly universe: string;
  readonly state: string;
  readonly logs: string;
  readonly events: string;
  readonly data: string;
  readonly signals: string;
  readonly rejected: string;
  /** data/funnel/<YYYY-MM-DD>.json: each trade run's signal funnel (issue 14). */
  readonly funnel: string;
  readonly actionable: string;
  readonly scan: string;
  readonly fundamentals: string;
  readonly reports: string;
  readonly killswitch: string;
  readonly halt: string;
  /** OVERNIGHT copies of the LMDB state, one folder per trading day (docs/phases.md). */
  readonly checkpoints: string;
}

export function pathsFor(root: string): Paths {
  const data = join(root, 'data');
  const killswitch = join(root, 'killswitch');
  return {
    root,
    config: join(root, 'config', 'config.yaml'),
    universe: join(root, 'config', 'universe.csv'),
    state: join(root, 'state'),
    logs: join(root, 'logs'),
    events: join(root, 'logs', 'events'),
    data,
    signals: join(data, 'signals'),
    rejected: join(data, 'rejected_tickers'),
    funnel: join(data, 'funnel'),
    actionable: join(data, 'actionable_signals.csv'),
    scan: join(data, 'scan'),
    fundamentals: join(data, 'fundamentals', 'fundamentals.csv'),
    reports: join(root, 'reports'),
    killswitch,
    halt: join(killswitch, 'HALT'),
    checkpoints: join(root, 'checkpoints'),
  };
}
