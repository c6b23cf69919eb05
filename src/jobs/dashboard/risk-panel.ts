/**
 * @module The dashboard's risk panel: the trading state, size scalar and every breaker with its expiry, as
 * `strikeline risk --json` reads them (the store's risk book and the manual switches), and the research regime
 * the model found at the last close (`currentRegime`). Read-only; a regime file of another version says so.
 */
import type { RiskLimits } from '../../domain/rules/risk/breaker.ts';
import type { RiskView } from '../../domain/rules/risk/risk-view.ts';
import type { Store } from '../../domain/store.ts';
import { collectRisk, type ManualSwitches } from '../ops/risk-report.ts';
import { regimeView } from '../ops/regime-view.ts';

export interface RegimeLine {
  readonly label: string;
  /** 0..1: the model's filtered probability of that label at `asOf`. */
  readonly probability: number;
  readonly asOf: string;
  readonly trainedThrough: string;
}

export interface RiskPanel {
  readonly available: true;
  /** The `strikeline risk --json` report. */
  readonly view: RiskView;
  /** Null when no regime model has been trained (`regimeNote` says what to do) or its file cannot be read. */
  readonly regime: RegimeLine | null;
  readonly regimeNote: string | null;
}

export interface RiskPanelDeps {
  readonly store: Store;
  readonly killSwitch: ManualSwitches;
  readonly riskLimits: RiskLimits;
  /** The root's data/ folder, where research keeps the regime model. */
  readonly dataDir: string;
}

function regimeOf(dataDir: string): Pick<RiskPanel, 'regime' | 'regimeNote'> {
  const v = regimeView(dataDir);
  if (v === null)
    return {
      regime: null,
      regimeNote: 'no regime model yet: strikeline research trains one after the close',
    };
  return 'error' in v ? { regime: null, regimeNote: v.error } : { regime: v, regimeNote: null };
}

/** The panel at `now` (the broker's clock where known: breakers expire by it, as `strikeline risk` reads them). */
export function riskPanel(d: RiskPanelDeps, now: number): RiskPanel {
  return {
    available: true,
    view: collectRisk(d.store, d.killSwitch, d.riskLimits, now),
    ...regimeOf(d.dataDir),
  };
}
