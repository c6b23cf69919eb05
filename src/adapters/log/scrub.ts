/** @module Removes secret values from any text before it leaves the process (logs, errors, reports). */

export const REDACTED = '[REDACTED]';

export type Scrub = (text: string) => string;

/** Builds a scrubber for the given secret values; JSON-escaped forms are covered too. */
export function makeScrubber(secrets: readonly string[]): Scrub {
  const needles = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))]
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  };
}
