/**
 * @module A boolean key of config.yaml: the switch words of switch-word.ts in the schema (apart from them so that
 * reading a switch from the environment, on every start, does not load the schema library).
 */
import { z } from 'zod';
import { readSwitch, SWITCH_WORDS } from './switch-word.ts';

/** YAML types true/false itself; the words and 1/0 mean the same as in the environment. Anything else stays as found, and fails. */
function fromYaml(value: unknown): unknown {
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return value;
  const reading = readSwitch(value);
  return typeof reading === 'boolean' ? reading : value;
}

/** A boolean key of config.yaml with its default. */
export const configSwitch = (fallback: boolean) =>
  z.preprocess(fromYaml, z.boolean({ error: `one of ${SWITCH_WORDS}` })).default(fallback);
