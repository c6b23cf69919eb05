/**
 * @module The pattern of one secret in every textual form it takes on its way out: raw, JSON/JS-escaped (any depth,
 * `\uXXXX`, `\xXX`, `\/`), percent-encoded (any case, double-encoded, `+` for a space) and HTML entities, each
 * character on its own, so mixed forms (a secret split across escapes) match too.
 */

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Hex digits of `n` (at least `width`), each letter matching either case. */
function hex(n: number, width: number): string {
  return n
    .toString(16)
    .padStart(width, '0')
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

const JSON_SHORT: Readonly<Record<string, string>> = {
  '\b': 'b',
  '\f': 'f',
  '\n': 'n',
  '\r': 'r',
  '\t': 't',
};
const HTML_NAMED: Readonly<Record<string, string>> = {
  '&': 'amp',
  '<': 'lt',
  '>': 'gt',
  '"': 'quot',
  "'": 'apos',
};

/**
 * Backslashes before an escaped character: one per level of JSON nesting, 2^depth - 1 of them; bounded (four levels
 * deep) so that a long run of backslashes costs linear time.
 */
const ESCAPES = '\\\\{1,16}';
const MAYBE_ESCAPED = '\\\\{0,15}';

/** Every way one character (a code point) may be written. */
function characterForms(ch: string): string[] {
  const cp = ch.codePointAt(0) ?? 0;
  const forms: string[] = [];
  // Raw; JSON puts backslashes before a quote, a backslash or (some encoders) a slash, one more per nesting level.
  if (ch === '\\') forms.push(ESCAPES);
  else if (ch === '"' || ch === '/') forms.push(`${MAYBE_ESCAPED}${escapeRegExp(ch)}`);
  else forms.push(escapeRegExp(ch));
  const short = JSON_SHORT[ch];
  if (short !== undefined) forms.push(`${ESCAPES}${short}`);
  const units = cp > 0xffff ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [cp];
  forms.push(units.map((u) => `${ESCAPES}u${hex(u, 4)}`).join(''));
  if (cp < 0x100) forms.push(`${ESCAPES}x${hex(cp, 2)}`);
  // Percent-encoded once, or up to three times more (`%2541`).
  forms.push([...Buffer.from(ch, 'utf8')].map((b) => `%(?:25){0,3}${hex(b, 2)}`).join(''));
  if (ch === ' ') forms.push('\\+');
  forms.push(`&#0{0,6}${cp};`, `&#[xX]0{0,6}${hex(cp, 1)};`);
  const named = HTML_NAMED[ch];
  if (named !== undefined) forms.push(`&${named};`);
  return forms;
}

/** A regular expression source matching `secret` in any of its textual forms, character by character. */
export function secretPattern(secret: string): string {
  return Array.from(secret)
    .map((ch) => `(?:${characterForms(ch).join('|')})`)
    .join('');
}
