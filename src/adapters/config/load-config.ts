/** @module Reads and validates config/config.yaml; a bad file is a ConfigError naming the key path (exit 2). */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface LoadedConfig {
  readonly config: Config;
  /** The file read, or 'defaults' when the root has no config file. */
  readonly source: string;
}

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

function explain(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => [...path, k].join('.'));
    return `${keys.join(', ')}: unknown key (expected one of the keys documented in config/config.yaml)`;
  }
  const where = path.length > 0 ? path.join('.') : '(top level)';
  const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  return `${where}: ${expected}, found ${describe(valueAt(raw, issue.path))}`;
}

/** Validates an already-parsed document; throws ConfigError with every bad key. */
export function validateConfig(raw: unknown, source: string): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => explain(i, raw));
  throw new ConfigError(`${source}: invalid configuration: ${lines.join('; ')}`);
}

export function loadConfig(file: string): LoadedConfig {
  if (!existsSync(file)) return { config: validateConfig({}, 'defaults'), source: 'defaults' };
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new ConfigError(`${file}: not valid YAML: ${msg ?? ''}`);
  }
  return { config: validateConfig(raw, file), source: file };
}
