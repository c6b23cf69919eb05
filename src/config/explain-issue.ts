/** @module One schema issue as a line a person can act on: the key path, what was expected, what was found. */
import type { z } from 'zod';
import { keysAt } from './schema-keys.ts';
import { configSchema } from './schema.ts';
import { suggestKey } from './suggest-key.ts';

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let node = raw;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Where a misplaced or mistyped key should go: `did you mean max_positions?` or `it belongs under exits:`. */
function hint(path: readonly string[], key: string): string {
  const near = suggestKey(key, keysAt(configSchema, path));
  if (near !== undefined) return `did you mean \`${[...path, near].join('.')}\`?`;
  const home = keysAt(configSchema, []).find((section) =>
    keysAt(configSchema, [section]).includes(key),
  );
  if (home !== undefined && path.length === 0) return `it belongs under \`${home}:\``;
  if (home !== undefined) return `did you mean \`${home}.${key}\`?`;
  return 'expected one of the keys documented in config/config.yaml';
}

/** `exits.stop_loss_pct: expected a number in (0, 50), found number 0`. */
export function explainIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((k) => `${[...path, k].join('.')}: unknown key (${hint(path, k)})`)
      .join('; ');
  }
  const where = path.length > 0 ? path.join('.') : '(top level)';
  const expected = issue.message
    .replace(/^Invalid (input|option): /, '')
    .replace(/, received \w+$/, '')
    .replace(/^expected /, '');
  return `${where}: expected ${expected}, found ${found(issue, raw)}`;
}

/** What the file holds at the issue's path; a rule between keys may blame a key the file leaves to its default. */
function found(issue: z.core.$ZodIssue, raw: unknown): string {
  const params = issue.code === 'custom' ? (issue.params ?? {}) : {};
  if (typeof params.found === 'string') return params.found;
  const value = valueAt(raw, issue.path);
  return value === undefined && 'value' in params
    ? `${describe(params.value)} (the default)`
    : describe(value);
}
