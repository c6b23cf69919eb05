/** @module How the report writes a closed trade's times, holding period and exit reason (terminal, HTML, email alike). */
import { EXIT_REASON_LABEL } from './exit-reason.ts';
import type { ReportTrade } from './report-data.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** `45m`, `3h 20m`, `2d 4h`: the units a trader reads a holding period in. */
export function holdingText(ms: number | null): string {
  if (ms === null || ms < 0) return '?';
  if (ms < HOUR_MS) return `${Math.round(ms / MINUTE_MS)}m`;
  if (ms < DAY_MS) return `${Math.floor(ms / HOUR_MS)}h ${Math.round((ms % HOUR_MS) / MINUTE_MS)}m`;
  return `${Math.floor(ms / DAY_MS)}d ${Math.round((ms % DAY_MS) / HOUR_MS)}h`;
}

/** `05-01 09:35` from a New York ISO time; `?` when unknown. */
export function stampText(iso: string | null): string {
  return iso === null ? '?' : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}

/** `stop`, `strategy exit (rsi_above_50)`, `target, 2 orders`, `target, partial`. */
export function exitText(t: ReportTrade): string {
  const detail = t.exitReason === 'strategy' || t.exitReason === 'halt' ? t.exitDetail : null;
  const extras = [t.legs > 1 ? `${t.legs} orders` : '', t.partial ? 'partial' : ''].filter(Boolean);
  return `${EXIT_REASON_LABEL[t.exitReason]}${detail === null ? '' : ` (${detail})`}${extras.length === 0 ? '' : `, ${extras.join(', ')}`}`;
}
