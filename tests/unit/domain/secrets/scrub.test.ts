import { describe, expect, it } from 'vitest';
import { MIN_SECRET_LENGTH, REDACTED, makeScrubber } from '../../../../src/domain/secrets/scrub.ts';

const KEY = 'PKSIMTEST';
const SECRET = 'Sk/9f+"q\\=&<é';
const scrub = makeScrubber([KEY, SECRET]);
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('makeScrubber', () => {
  it.each([
    ['raw', SECRET],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    ['JSON in JSON', JSON.stringify(JSON.stringify(SECRET)).slice(1, -1)],
    [
      'Go-style \\u003c escapes',
      JSON.stringify(SECRET).slice(1, -1).replace('&', '\\u0026').replace('<', '\\u003C'),
    ],
    ['JSON with escaped slashes', JSON.stringify(SECRET).slice(1, -1).replace('/', '\\/')],
    ['URL-encoded', encodeURIComponent(SECRET)],
    [
      'URL-encoded, lower-case hex',
      encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    ],
    ['URL-encoded twice', encodeURIComponent(encodeURIComponent(SECRET))],
    ['form-encoded', new URLSearchParams({ s: SECRET }).toString().slice(2)],
    ['HTML-escaped', SECRET.replace('&', '&amp;').replace('<', '&lt;').replace('"', '&quot;')],
    [
      'HTML numeric entities',
      Array.from(SECRET)
        .map((c) => `&#${c.codePointAt(0) ?? 0};`)
        .join(''),
    ],
    ['split across escapes', `Sk${encodeURIComponent('/')}9f\\u002b\\"q\\\\=&amp;<é`],
    ['base64', b64(SECRET)],
    ['base64url', Buffer.from(SECRET).toString('base64url')],
    ['Basic credentials (key:secret)', `Basic ${b64(`${KEY}:${SECRET}`)}`],
    ['base64 at an offset, percent-encoded', encodeURIComponent(b64(`xy:${SECRET}`))],
  ])('removes the %s form', (_name, form) => {
    const out = scrub(`before ${form} after`);
    expect(out).toMatch(/^before .*\[REDACTED\].* after$/);
    expect(out).not.toContain(form);
    expect(out).not.toContain('9f');
  });

  it('removes the key inside a Basic token whole, whatever the key is packed with', () => {
    expect(scrub(`Authorization: Basic ${b64(`${KEY}:another-password`)}, next`)).toBe(
      `Authorization: Basic ${REDACTED}, next`,
    );
  });

  it('never mangles ordinary text: long secrets only, exact forms only', () => {
    const text =
      'simulator ready: PKSIMTES (not the key), sim, Sk/9f, base64 UEtTSU1URVN, [REDACTED] stays';
    expect(scrub(text)).toBe(text);
    expect(makeScrubber([])(text)).toBe(text);
  });

  it(`refuses a secret shorter than ${MIN_SECRET_LENGTH} characters instead of mangling text`, () => {
    expect(() => makeScrubber(['sim'])).toThrow(RangeError);
    expect(() => makeScrubber(['sim'])).not.toThrow(/sim/);
  });

  it('costs linear time on a long run of backslashes', () => {
    const text = `${'\\'.repeat(200_000)}x`;
    expect(makeScrubber(['back\\slash\\secret'])(text)).toBe(text);
  });
});
