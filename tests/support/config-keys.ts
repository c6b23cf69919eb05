/** @module The leaf keys of the configuration schema with their ranges, read from the schema itself (for tests). */
import { z } from 'zod';
import { NUMBER_RANGES, type NumberRange } from '../../src/config/bounded-number.ts';
import { unwrapSchema } from '../../src/config/schema-keys.ts';
import { configSchema } from '../../src/config/schema.ts';

export interface LeafKey {
  readonly path: readonly string[];
  readonly schema: z.ZodType;
  /** The registered range of a number key; undefined for other keys (and for a number left without one). */
  readonly range: NumberRange | undefined;
}

/** Every leaf key, in schema order: `capital.total_capital`, ..., `strategies.gap_fill.allocation_pct`, ... */
export function leafKeys(
  schema: z.ZodType = configSchema,
  prefix: readonly string[] = [],
): LeafKey[] {
  const s = unwrapSchema(schema);
  if (!(s instanceof z.ZodObject))
    return [{ path: prefix, schema: s, range: NUMBER_RANGES.get(s) }];
  return Object.entries(s.shape as Record<string, z.ZodType>).flatMap(([key, child]) =>
    leafKeys(child, [...prefix, key]),
  );
}

/** A raw document holding `value` at `path` and nothing else. */
export function documentWith(path: readonly string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<
    string,
    unknown
  >;
}

export function valueAt(doc: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
}
