/** @module The keys the configuration schema knows at a path of the YAML document, for "did you mean" and the docs. */
import { z } from 'zod';

/** The schema under defaults, nullability and preprocessing: the object or value the key really holds. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (
      s instanceof z.ZodDefault ||
      s instanceof z.ZodPrefault ||
      s instanceof z.ZodNullable ||
      s instanceof z.ZodOptional
    )
      s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.out as z.ZodType;
    else return s;
  }
}

/** The schema of the key at `path` (e.g. ['exits', 'stop_loss_pct']), unwrapped; undefined when no such key exists. */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let s = unwrapSchema(root);
  for (const key of path) {
    if (!(s instanceof z.ZodObject) || typeof key !== 'string') return undefined;
    const next = (s.shape as Record<string, z.ZodType | undefined>)[key];
    if (next === undefined) return undefined;
    s = unwrapSchema(next);
  }
  return s;
}

/** The keys of the mapping at `path`, in schema order (none when the path is not a mapping). */
export function keysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(root, path);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}
