/**
 * @module The research's market regime as `status`, the report and the dashboard show it: the label the model
 * found at the last close, how sure it was and how old it is; a model file that cannot be read (another version,
 * damaged) is shown as such with the fix, never hidden and never failing the command that shows it.
 */
import { currentRegime } from '../../scanner/research/regime/current-regime.ts';

export type RegimeView =
  | {
      readonly label: string;
      readonly probability: number;
      readonly asOf: string;
      readonly trainedThrough: string;
    }
  | { readonly error: string }
  | null;

/** The regime from the model under `dataDir` (data/research/regime/model.json); null before the first research run. */
export function regimeView(dataDir: string): RegimeView {
  try {
    const r = currentRegime(dataDir);
    return r === null
      ? null
      : {
          label: r.label,
          probability: r.probability,
          asOf: r.asOf,
          trainedThrough: r.trainedThrough,
        };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export function regimeLine(v: RegimeView): string {
  if (v === null) return 'not known yet (run `strikeline research`)';
  if ('error' in v) return `model unreadable: ${v.error}`;
  return `${v.label} (p=${v.probability.toFixed(2)}) at the close of ${v.asOf}`;
}
