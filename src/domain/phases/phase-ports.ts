/** @module The ports the daemon's phase tasks reach beyond the broker: checkpoints, the regime model. */

export interface CheckpointTaken {
  readonly day: string;
  readonly dir: string;
  readonly bytes: number;
  /** False when that day's checkpoint was already there (a restart in the same OVERNIGHT). */
  readonly fresh: boolean;
}

/** Consistent copies of the state store, one per trading day, kept a number of days. */
export interface Checkpoints {
  take(day: string): Promise<CheckpointTaken>;
  /** Removes the checkpoints of days more than `keepDays` calendar days before `today`; resolves the days removed. */
  prune(today: string, keepDays: number): Promise<string[]>;
}

export interface RegimeReading {
  readonly label: string;
  readonly probability: number;
  /** The session whose close the regime was read at. */
  readonly asOf: string;
}

/** The market regime the last research run found; null when no model was trained yet. */
export interface RegimeSource {
  current(): RegimeReading | null;
}
