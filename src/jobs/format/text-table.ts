/** @module A plain-text table for terminals and emails: columns padded, numbers right-aligned. */

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** Renders rows under headers; every cell is already a string. */
export function textTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const w = widths[i] ?? 0;
        return c.align === 'right' ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

/** $1,234.56 (with a sign when asked). */
export function usd(n: number, signed = false): string {
  const s = Math.abs(n).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const sign = n < 0 ? '-' : signed && n > 0 ? '+' : '';
  return `${sign}$${s}`;
}

/**
 * A share price as every command prints it: two decimals at or above $1 (a cent tick), four below (Alpaca's
 * sub-dollar tick), no dollar sign and no grouping (`48.50`, `0.1234`); money amounts go through {@link usd}.
 */
export function priceText(p: number): string {
  return p.toFixed(Math.abs(p) >= 1 || p === 0 ? 2 : 4);
}

/** 12.34% from a fraction (with a sign when asked); n/a for null. */
export function pct(fraction: number | null, signed = false, digits = 2): string {
  if (fraction === null || Number.isNaN(fraction)) return 'n/a';
  if (!Number.isFinite(fraction)) return fraction > 0 ? 'inf' : '-inf';
  const text = (fraction * 100).toFixed(digits);
  // A value that rounds to zero is shown without a sign (never "-0.00%").
  if (Number(text) === 0) return `${(0).toFixed(digits)}%`;
  return `${signed && fraction > 0 ? '+' : ''}${text}%`;
}

/** A ratio with two decimals; n/a for null, inf for Infinity. */
export function ratio(n: number | null, digits = 2): string {
  if (n === null || Number.isNaN(n)) return 'n/a';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return n.toFixed(digits);
}
