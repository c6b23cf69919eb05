/** @module The lines of a YAML file around a parse error, numbered, with a caret under the column. */

const LINES_BEFORE = 2;

/**
 * Up to two lines before line `line` (1-based), the line, a caret under column `col` (1-based), and the line after
 * (the parser often blames a line for what the next one does). Tabs show as one space each, keeping the caret aligned.
 */
export function yamlExcerpt(text: string, line: number, col: number): string {
  const lines = text.split(/\r?\n/);
  const last = line < lines.length && (lines[line] ?? '') !== '' ? line + 1 : line;
  const width = String(last).length;
  const numbered = (n: number): string =>
    `  ${String(n).padStart(width)} | ${(lines[n - 1] ?? '').replaceAll('\t', ' ')}`;
  const out: string[] = [];
  for (let n = Math.max(1, line - LINES_BEFORE); n <= line; n += 1) out.push(numbered(n));
  out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, col - 1))}^`);
  if (last > line) out.push(numbered(last));
  return out.join('\n');
}
