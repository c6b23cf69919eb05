/**
 * @module data/fundamentals/fundamentals.csv for quality_smallcap_value. Header `symbol,market_cap,pe,roe,debt_to_equity`
 * (columns in any order): market_cap in dollars, pe the price/earnings ratio, roe a fraction (0.18 = 18%),
 * debt_to_equity a ratio. A row with a bad ticker or number is skipped and reported; an absent file gives null.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Fundamentals } from '../strategies/strategy.ts';
import { isTicker } from './ticker.ts';

export const FUNDAMENTALS_HEADER = ['symbol', 'market_cap', 'pe', 'roe', 'debt_to_equity'] as const;

export interface FundamentalsFile {
  readonly rows: ReadonlyMap<string, Fundamentals>;
  readonly problems: readonly string[];
}

export function readFundamentals(path: string): FundamentalsFile | null {
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().toLowerCase());
  const cols = FUNDAMENTALS_HEADER.map((h) => header.indexOf(h));
  if (cols.some((c) => c < 0)) return { rows: new Map(), problems: [`${path}: header must name ${FUNDAMENTALS_HEADER.join(',')}`] };
  const rows = new Map<string, Fundamentals>();
  const problems: string[] = [];
  lines.forEach((line, k) => {
    const cells = line.split(',').map((c) => c.trim());
    const [symbol = '', ...nums] = cols.map((c) => cells[c] ?? '');
    const values = nums.map((v) => (v === '' ? Number.NaN : Number(v)));
    if (!isTicker(symbol.toUpperCase()) || values.some((v) => !Number.isFinite(v)) || values.length !== 4) {
      problems.push(`${path} line ${k + 2}: skipped (expected a ticker and four numbers)`);
      return;
    }
    const [marketCap = 0, pe = 0, roe = 0, debtToEquity = 0] = values;
    rows.set(symbol.toUpperCase(), { symbol: symbol.toUpperCase(), marketCap, pe, roe, debtToEquity });
  });
  return { rows, problems };
}
