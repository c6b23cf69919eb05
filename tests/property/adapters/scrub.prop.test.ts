/**
 * Invariants of the secret scrubber (adapters/secrets/scrub.ts), checked by an oracle that decodes instead of
 * encoding (tests/support/secret-forms.ts):
 * - a text that embeds secrets in random forms (raw, JSON at any depth, Go's \u003c escapes, JS \xNN escapes,
 *   percent-encoded in either case or twice, form-encoded, HTML entities, each character in a form of its own,
 *   base64 and base64url at any offset inside a longer value, base64 percent-encoded or JSON-escaped) comes out
 *   with no form of any;
 * - a text holding no form of a secret comes out unchanged, near misses (a secret less its last character,
 *   `[REDACTED]`, random base64) included. The scrubber reads each character in any of its forms on its own, so a
 *   text mixing encodings inconsistently (`\/aaaaaaa\/` for the secret `\/aaaaaaa/`, a raw `+` beside a `+` that
 *   stands for a space) reads as the secret too: texts equal to a secret once backslashes are dropped and `+` read
 *   as a space are not "without a secret" here;
 * - scrubbing twice changes nothing more; scrubValue leaves no form in any string of a nested value and
 *   returns a clean value itself.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { REDACTED, makeScrubber } from '../../../src/domain/secrets/scrub.ts';
import { scrubValue } from '../../../src/domain/secrets/scrub-value.ts';
import { secretFormsIn } from '../../support/secret-forms.ts';

const CHARS = [
  ...Array.from('abcXYZ0189'),
  '/',
  '+',
  '=',
  '"',
  '\\',
  '%',
  '&',
  '<',
  '>',
  "'",
  ' ',
  '-',
  '_',
  ':',
  'é',
  '€',
  '😀',
  '\n',
];
const secret = fc
  .array(fc.constantFrom(...CHARS), { minLength: 8, maxLength: 24 })
  .map((cs) => cs.join(''));
const secrets = fc.uniqueArray(secret, { minLength: 1, maxLength: 3 });

const json = (s: string) => JSON.stringify(s).slice(1, -1);
const percent = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
const b64 = (bytes: Buffer, alphabet: 'base64' | 'base64url') => bytes.toString(alphabet);
const charForms: ReadonlyArray<(c: string) => string> = [
  (c) => c,
  (c) => (json(c) === c ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : json(c)),
  percent,
  (c) => `&#${c.codePointAt(0) ?? 0};`,
];

/** One way of writing `s`; `pick` and `pad` add the randomness some forms need. */
type Form = (s: string, pick: readonly number[], pad: Buffer) => string;
const FORMS: readonly Form[] = [
  (s) => s,
  (s) => json(s),
  (s) => json(json(s)),
  (s) =>
    Array.from(s)
      .map((c) =>
        c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : c,
      )
      .join(''),
  (s) => json(s).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
  (s) => percent(s),
  (s) => percent(s).toLowerCase(),
  (s) => percent(percent(s)),
  (s) => new URLSearchParams({ v: s }).toString().slice(2),
  (s) =>
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;'),
  (s, pick) =>
    Array.from(s)
      .map((c, i) =>
        (charForms[(pick[i % pick.length] ?? 0) % charForms.length] ?? ((x: string) => x))(c),
      )
      .join(''),
  (s, _p, pad) => b64(Buffer.concat([pad, Buffer.from(s)]), 'base64'),
  (s, _p, pad) => b64(Buffer.concat([pad, Buffer.from(`:${s}`), pad]), 'base64url'),
  (s, _p, pad) => `Basic ${b64(Buffer.concat([pad, Buffer.from(`:${s}`)]), 'base64')}`,
  (s, _p, pad) => percent(b64(Buffer.concat([pad, Buffer.from(s)]), 'base64')),
  (s, _p, pad) =>
    json(JSON.stringify({ auth: b64(Buffer.concat([pad, Buffer.from(s)]), 'base64') })).replace(
      /\//g,
      '\\/',
    ),
];

const filler = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(' ', '"', '\\', ':', '=', 'a', '%', '/'),
);
const embedding = fc.record({
  which: fc.nat(),
  form: fc.nat({ max: FORMS.length - 1 }),
  pick: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  pad: fc.uint8Array({ maxLength: 5 }).map((a) => Buffer.from(a)),
});
const fragments = fc.array(fc.oneof(filler, embedding), { maxLength: 8 });

function render(
  list: Array<string | { which: number; form: number; pick: number[]; pad: Buffer }>,
  given: readonly string[],
): string {
  return list
    .map((f) =>
      typeof f === 'string'
        ? f
        : (FORMS[f.form] ?? FORMS[0]!)(given[f.which % given.length] ?? '', f.pick, f.pad),
    )
    .join('');
}

test.prop([secrets, fragments, fc.array(embedding, { minLength: 1, maxLength: 3 })])(
  'no form of any secret survives',
  (given, list, forced) => {
    const text = render([...list, ...forced], given);
    const out = makeScrubber(given)(text);
    for (const s of given)
      expect(secretFormsIn(out, s), `${JSON.stringify(s)} in ${JSON.stringify(out)}`).toEqual([]);
  },
);

const nearMiss = fc.oneof(
  filler,
  fc.constant(REDACTED),
  fc.uint8Array({ minLength: 6, maxLength: 30 }).map((a) => Buffer.from(a).toString('base64')),
);

test.prop([secrets, fc.array(fc.oneof(nearMiss, fc.nat()), { maxLength: 10 })])(
  'a text without a secret comes back unchanged',
  (given, list) => {
    const text = list
      .map((f) => (typeof f === 'string' ? f : (given[f % given.length] ?? '').slice(0, -1)))
      .join('');
    const unescaped = (t: string) => t.replace(/\\/g, '').replace(/\+/g, ' ');
    fc.pre(
      given.every(
        (s) => secretFormsIn(text, s).length === 0 && !unescaped(text).includes(unescaped(s)),
      ),
    );
    expect(makeScrubber(given)(text)).toBe(text);
  },
);

test.prop([secrets, fragments])('scrubbing twice changes nothing more', (given, list) => {
  const scrub = makeScrubber(given);
  const once = scrub(render(list, given));
  expect(scrub(once)).toBe(once);
});

test.prop([secrets, fragments, fc.string()])(
  'scrubValue scrubs every string of a nested value, keys too',
  (given, list, clean) => {
    const scrub = makeScrubber(given);
    const text = render(list, given);
    const value = { [text]: [text, { note: text, n: 1, at: new Date(0) }], clean };
    const out = scrubValue(value, scrub);
    for (const s of given) expect(secretFormsIn(JSON.stringify(out), s)).toEqual([]);
    expect(out[Object.keys(out)[0] ?? '']).toBeDefined();
    expect((out as unknown as { clean: string }).clean).toBe(scrub(clean));
    const plain = { a: [clean], b: { c: 1 } };
    fc.pre(given.every((s) => secretFormsIn(clean, s).length === 0));
    expect(scrubValue(plain, scrub)).toBe(plain);
  },
);
