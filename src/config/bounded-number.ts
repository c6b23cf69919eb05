/** @module Config numbers with a range: the range is the error message and is registered for the docs and tests. */
import { z } from 'zod';

type Lower =
  { readonly gt: number; readonly gte?: never } | { readonly gte: number; readonly gt?: never };
type Upper =
  { readonly lt: number; readonly lte?: never } | { readonly lte: number; readonly lt?: never };
/** Both ends of the range, each open (gt, lt) or closed (gte, lte). */
export type Bounds = Lower & Upper;

export interface NumberRange {
  readonly bounds: Bounds;
  readonly integer: boolean;
  /** The range in interval notation, as the error message and docs/configuration.md state it. */
  readonly text: string;
}

/** Every ranged number of the schema, keyed by its schema: docs and property tests read the ranges from here. */
export const NUMBER_RANGES = z.registry<NumberRange>();

export function rangeText(bounds: Bounds, integer: boolean): string {
  const low = bounds.gt === undefined ? `[${bounds.gte}` : `(${bounds.gt}`;
  const high = bounds.lt === undefined ? `${bounds.lte}]` : `${bounds.lt})`;
  return `${integer ? 'an integer' : 'a number'} in ${low}, ${high}`;
}

function ranged(integer: boolean, bounds: Bounds): z.ZodNumber {
  const text = rangeText(bounds, integer);
  let schema = z.number({ error: text });
  if (integer) schema = schema.int({ error: text });
  schema =
    bounds.gt === undefined
      ? schema.gte(bounds.gte, { error: text })
      : schema.gt(bounds.gt, { error: text });
  schema =
    bounds.lt === undefined
      ? schema.lte(bounds.lte, { error: text })
      : schema.lt(bounds.lt, { error: text });
  return schema.register(NUMBER_RANGES, { bounds, integer, text });
}

/** A finite number in the range, e.g. `num({ gt: 0, lt: 50 })` for (0, 50). */
export const num = (bounds: Bounds): z.ZodNumber => ranged(false, bounds);

/** An integer in the range, e.g. `int({ gte: 1, lte: 200 })` for [1, 200]. */
export const int = (bounds: Bounds): z.ZodNumber => ranged(true, bounds);
