/**
 * @module The ml_momentum model as the daemon reads it (its exit's reversal): P(5-day return > 0) at the last of a
 * symbol's completed daily bars, computed by the scanner's own walk-forward model (cli/compose.ts wires it in).
 */
import type { Bar } from '../../account.ts';
import type { BarAdjustment } from '../../ports.ts';

/** A completed daily bar with its New York session date. */
export interface DatedBar extends Bar {
  readonly date: string;
}

export interface UpProbabilityModel {
  /** The adjustment of the bars it is trained on (the scan's), and how many years of them. */
  readonly adjustment: BarAdjustment;
  readonly historyYears: number;
  /** P(up) at the close of the last bar (oldest first); null before the model's first fit. */
  upProbability(symbol: string, bars: readonly DatedBar[]): number | null;
}
