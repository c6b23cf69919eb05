/** @module The SMS-sized summary of the report (at most 160 characters) and the email subject. */
import type { ReportData } from './report-data.ts';
import { pct, usd } from '../format/text-table.ts';

export function reportSms(r: ReportData, max = 160): string {
  const a = r.account;
  const unprotected = r.totals.unprotected > 0 ? ` ${r.totals.unprotected} UNPROTECTED!` : '';
  const line = `strikeline ${r.day}: eq ${usd(a.equity)} day ${usd(a.dayPl, true)} (${pct(a.dayPlPct, true)}) pos ${r.totals.positions} closed ${r.closedTrades.length} realized ${usd(r.realizedPl, true)}${unprotected}`;
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export function reportSubject(r: ReportData): string {
  return `Daily report ${r.day}: equity ${usd(r.account.equity)}, day ${usd(r.account.dayPl, true)} (${pct(r.account.dayPlPct, true)})`;
}
