/**
 * @module Test support for secrets: long random credentials, a text that carries them in every form a broker,
 * a proxy or an encoder may produce, and an oracle, independent of the scrubber, that finds any such form.
 *
 * The oracle decodes instead of encoding: it undoes JSON/JS escapes, HTML entities and percent-encoding (a few
 * rounds, for nested forms) and decodes every base64-looking token at every alignment, then looks for the raw
 * secret. A form it finds is a form someone could read the secret from.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface TestSecrets {
  readonly key: string;
  readonly secret: string;
  readonly smtpPass: string;
}

/** Fresh credentials for one test run; the secret holds characters that JSON, URLs and HTML all escape (ASCII: it travels in HTTP headers). */
export function randomSecrets(): TestSecrets {
  const hex = (n: number) => randomBytes(n).toString('hex');
  return {
    key: `PK${hex(9).toUpperCase()}`,
    secret: `Sk/${hex(10)}+"q\\=&<`,
    smtpPass: `mail-${hex(8)}`,
  };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Every form of one secret this suite puts into a broker message, each labelled. */
export function encodedForms(secret: string): Record<string, string> {
  const json = JSON.stringify(secret).slice(1, -1);
  return {
    raw: secret,
    json,
    'json-in-json': JSON.stringify(json).slice(1, -1),
    'go-json': json.replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    url: encodeURIComponent(secret),
    'url-lowercase': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    form: new URLSearchParams({ v: secret }).toString().slice(2),
    html: secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'),
    base64: b64(secret),
    'base64url-at-1': Buffer.from(`x${secret}`).toString('base64url'),
    'base64-at-2': b64(`xy${secret}`),
  };
}

/**
 * Needles for a fast search: every form of `encodedForms`, and for base64 and base64url the part of the encoding
 * that is the same wherever the secret sits in the encoded text (at each of the three byte alignments, without
 * the characters its neighbours change). `includes` on these finds what the decoding oracle finds for the forms
 * a broker, a proxy or an encoder produce, at a fraction of its cost: the chaos suite checks every file of every
 * schedule with them.
 */
export function secretNeedles(secret: string): string[] {
  // The base64 forms are covered by their alignment-free cores below; every other form is a needle as it is (a
  // form-encoded 'aaaaaaa ' is 'aaaaaaa+', base64's alphabet, and still a form to find).
  const forms = Object.entries(encodedForms(secret))
    .filter(([kind]) => !kind.startsWith('base64'))
    .map(([, f]) => f);
  const cores: string[] = [];
  for (const pad of ['', 'x', 'xy']) {
    for (const encoding of ['base64', 'base64url'] as const) {
      const full = Buffer.from(`${pad}${secret}`).toString(encoding).replace(/=+$/, '');
      // The leading characters mix the padding bytes in, the last 1-3 characters mix what follows.
      const start = Math.ceil((pad.length * 4) / 3);
      cores.push(full.slice(start, full.length - 3));
    }
  }
  // Six characters of base64 are 36 bits of the secret: no accidental match in a run's output.
  return [...new Set([...forms, ...cores.filter((c) => c.length >= 6)])];
}

/** `label: name` for every secret with a needle in `text`. */
export function needlesIn(
  label: string,
  text: string,
  needles: ReadonlyMap<string, readonly string[]>,
): string[] {
  return [...needles]
    .filter(([, list]) => list.some((n) => text.includes(n)))
    .map(([name]) => `${label}: ${name}`);
}

/** A broker error body that echoes the request's credential headers, in every form of every secret. */
export function leakMessage(s: TestSecrets): string {
  const all = [s.key, s.secret, s.smtpPass].map((v) => Object.values(encodedForms(v)).join(' | '));
  return [
    `forbidden; request headers: APCA-API-KEY-ID: ${s.key} APCA-API-SECRET-KEY: ${s.secret}`,
    `Authorization: Basic ${b64(`${s.key}:${s.secret}`)}`,
    `echo: ${JSON.stringify({ headers: { 'APCA-API-SECRET-KEY': s.secret } })}`,
    `query: ?key=${encodeURIComponent(s.key)}&secret=${encodeURIComponent(s.secret)}`,
    ...all,
  ].join(' ; ');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeOnce(text: string): string {
  return text
    .replace(/\\+u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\+x([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\+(["\\/])/g, '$1')
    .replace(/&#[xX]([0-9a-fA-F]+);/g, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_m, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&(amp|lt|gt|quot|apos);/g, (_m, n: string) => ENTITIES[n] ?? '')
    .replace(/(?:%[0-9a-fA-F]{2})+/g, (m) => {
      try {
        return decodeURIComponent(m);
      } catch {
        return m;
      }
    });
}

/** The text with every escape undone, a few rounds deep (JSON in JSON, a URL in JSON...). */
export function unescapeAll(text: string): string[] {
  const out = [text];
  for (let i = 0; i < 4; i += 1) out.push(unescapeOnce(out[out.length - 1] ?? ''));
  return [...out, ...out.map((t) => t.replace(/\+/g, ' '))];
}

function base64Decodings(text: string): string[] {
  const tokens = text.replace(/\\\//g, '/').match(/[A-Za-z0-9+/_-]{8,}/g) ?? [];
  return tokens.flatMap((t) =>
    [0, 1, 2, 3].flatMap((i) => [
      Buffer.from(t.slice(i), 'base64').toString('utf8'),
      Buffer.from(t.slice(i), 'base64url').toString('utf8'),
    ]),
  );
}

/** The kinds of form of `secret` readable in `text` (empty when none). */
export function secretFormsIn(text: string, secret: string): string[] {
  const found: string[] = [];
  if (text.includes(secret)) found.push('raw');
  const unescaped = unescapeAll(text);
  if (unescaped.some((t) => t.includes(secret))) found.push('escaped');
  if (unescaped.some((t) => base64Decodings(t).some((d) => d.includes(secret))))
    found.push('base64');
  return found;
}

/** `label: secret name (forms)` for every secret found in `text`. */
export function leaksIn(label: string, text: string, secrets: TestSecrets): string[] {
  return Object.entries(secrets).flatMap(([name, value]) => {
    const forms = secretFormsIn(text, value);
    return forms.length === 0 ? [] : [`${label}: ${name} (${forms.join(', ')})`];
  });
}

/** Every file under `dir` with every leak found in it (the LMDB files included, read as bytes). */
export function leaksInFiles(dir: string, secrets: TestSecrets): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const path = join(d, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(dir).flatMap((path) => leaksIn(path, readFileSync(path).toString('utf8'), secrets));
}

/** A raw SMTP message with its transfer encodings undone (quoted-printable, base64 line folding). */
export function decodedMail(raw: string): string {
  const qp = raw
    .replace(/=\r?\n/g, '')
    .replace(/(?:=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));
  return `${raw}\n${qp}\n${raw.replace(/\r?\n/g, '')}`;
}
