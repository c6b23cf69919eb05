/** @module Reads and validates config/config.yaml; a bad file is a ConfigError naming the key path (exit 2). */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError } from './config-error.ts';
import { explainIssue } from './explain-issue.ts';
import { configSchema, type Config } from './schema.ts';
import { yamlExcerpt } from './yaml-excerpt.ts';

export { ConfigError };

export interface LoadedConfig {
  readonly config: Config;
  /** The file read, or 'defaults' when the root has no config file. */
  readonly source: string;
}

/** Validates an already-parsed document; throws ConfigError with every bad key. */
export function validateConfig(raw: unknown, source: string): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => explainIssue(i, raw));
  throw new ConfigError(`${source}: invalid configuration: ${lines.join('; ')}`);
}

/** A YAML syntax error as `file:line:col: not valid YAML: reason`, with the lines around it. */
function syntaxError(file: string, text: string, e: unknown): ConfigError {
  const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  const at = e instanceof YAMLParseError ? e.linePos?.[0] : undefined;
  if (at === undefined) return new ConfigError(`${file}: not valid YAML: ${first}`);
  const reason = first.replace(/ at line \d+, column \d+:?$/, '');
  return new ConfigError(
    `${file}:${at.line}:${at.col}: not valid YAML: ${reason}`,
    yamlExcerpt(text, at.line, at.col),
  );
}

export function loadConfig(file: string): LoadedConfig {
  if (!existsSync(file)) return { config: validateConfig({}, 'defaults'), source: 'defaults' };
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw syntaxError(file, text, e);
  }
  return { config: validateConfig(raw, file), source: file };
}
