/**
 * @module Removes every secret from a text before it leaves the process, in every form it may have taken
 * (secret-pattern.ts: raw, escaped, percent-encoded, HTML; base64-pattern.ts: base64 and Basic credentials).
 * One scrubber serves every channel: stdout and stderr, logs, events, the store, mail, reports, broker errors.
 */
import { BASE64_TOKEN, base64CorePattern } from './base64-pattern.ts';
import { secretPattern } from './secret-pattern.ts';

export const REDACTED = '[REDACTED]';

/**
 * Shorter secrets are refused at start (config/env.ts): a short value also occurs in ordinary text
 * (`sim` in "simulator"), so removing it would mangle output, and keeping it would not protect anything.
 */
export const MIN_SECRET_LENGTH = 8;

export type Scrub = (text: string) => string;

/** Builds the scrubber for `secrets` (each at least MIN_SECRET_LENGTH characters, else a RangeError). */
export function makeScrubber(secrets: readonly string[]): Scrub {
  const distinct = [...new Set(secrets)].sort((a, b) => b.length - a.length);
  const short = distinct.find((s) => s.length < MIN_SECRET_LENGTH);
  if (short !== undefined)
    throw new RangeError(
      `a secret of ${short.length} characters cannot be scrubbed safely (at least ${MIN_SECRET_LENGTH})`,
    );
  if (distinct.length === 0) return (text) => text;
  const textForms = new RegExp(distinct.map(secretPattern).join('|'), 'g');
  const base64Core = new RegExp(distinct.map(base64CorePattern).join('|'));
  return (text) => {
    const out = text.replace(textForms, REDACTED);
    if (!base64Core.test(out)) return out;
    return out.replace(BASE64_TOKEN, (token) => (base64Core.test(token) ? REDACTED : token));
  };
}
