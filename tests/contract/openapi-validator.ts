/**
 * @module Validates the simulator's responses against Alpaca's published OpenAPI 3 specifications (copied in
 * tests/contract/alpaca-openapi) with ajv: the schema of the operation's response for that status, or, for an
 * error the spec leaves undescribed, the trading spec's `Error` envelope `{code, message}`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export type SpecName = 'trading' | 'market-data';
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Operation {
  readonly responses?: Record<
    string,
    { readonly content?: Record<string, { readonly schema?: unknown }> }
  >;
}
interface Spec {
  readonly paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
}

const FILES: Record<SpecName, string> = {
  trading: 'trading-api.json',
  'market-data': 'market-data-api.json',
};
const METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Where a spec cannot be met by any response (the live service's included), the schema is corrected here, each
 * with its reason; docs/alpaca-compatibility.md lists them.
 */
const CORRECTIONS: ReadonlyArray<{
  readonly spec: SpecName;
  readonly path: readonly string[];
  readonly reason: string;
  fix(node: Record<string, unknown>): void;
}> = [
  {
    spec: 'trading',
    path: [
      'paths',
      '/v2/account/activities/{activity_type}',
      'get',
      'responses',
      '200',
      'content',
      'application/json',
      'schema',
      'items',
    ],
    reason:
      'oneOf over TradingActivities and NonTradeActivities, two schemas with no required property: every object matches both, so oneOf fails for any activity; anyOf is what is meant (the list endpoint says anyOf)',
    fix: (node) => {
      node.anyOf = node.oneOf;
      delete node.oneOf;
    },
  },
];

function load(name: SpecName): Spec {
  const spec = JSON.parse(
    readFileSync(fileURLToPath(new URL(`alpaca-openapi/${FILES[name]}`, import.meta.url)), 'utf8'),
  ) as Spec;
  for (const c of CORRECTIONS.filter((x) => x.spec === name)) {
    let node: unknown = spec;
    for (const key of c.path) node = (node as Record<string, unknown> | undefined)?.[key];
    if (typeof node !== 'object' || node === null)
      throw new Error(`spec correction no longer applies (${c.path.join(' > ')}): ${c.reason}`);
    c.fix(node as Record<string, unknown>);
  }
  return spec;
}

/** JSON-pointer escaping of one path segment. */
const pointer = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

// ajv-formats is CommonJS with a default export; under NodeNext it arrives as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface Operations {
  readonly spec: SpecName;
  readonly method: HttpMethod;
  readonly path: string;
}

export interface ContractValidator {
  /** Every operation of both specs, in spec order. */
  operations(): Operations[];
  /** Errors (empty when valid) of a response body against the spec. */
  validate(op: Operations, status: number, body: unknown): string[];
  /** Whether the operation documents this status. */
  documents(op: Operations, status: number): boolean;
}

export function createContractValidator(): ContractValidator {
  const specs = { trading: load('trading'), 'market-data': load('market-data') };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // Formats the specs use beyond ajv-formats': checked, not ignored.
  ajv.addFormat('decimal', { type: 'string', validate: (v: string) => /^-?\d+(\.\d+)?$/.test(v) });
  ajv.addFormat('uint32', {
    type: 'number',
    validate: (v: number) => Number.isInteger(v) && v >= 0 && v < 2 ** 32,
  });
  ajv.addFormat('uint64', {
    type: 'number',
    validate: (v: number) => Number.isInteger(v) && v >= 0,
  });
  ajv.addFormat('ulid', {
    type: 'string',
    validate: (v: string) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(v),
  });
  ajv.addSchema(specs.trading, 'trading');
  ajv.addSchema(specs['market-data'], 'market-data');
  const compiled = new Map<string, ValidateFunction>();
  const compile = (ref: string): ValidateFunction => {
    let fn = compiled.get(ref);
    if (!fn) {
      fn = ajv.compile({ $ref: ref });
      compiled.set(ref, fn);
    }
    return fn;
  };
  const responseOf = (op: Operations, status: number) =>
    specs[op.spec].paths[op.path]?.[op.method]?.responses?.[String(status)];
  return {
    operations: () =>
      (['trading', 'market-data'] as const).flatMap((spec) =>
        Object.entries(specs[spec].paths).flatMap(([path, ops]) =>
          METHODS.filter((m) => ops[m] !== undefined).map((method) => ({ spec, method, path })),
        ),
      ),
    documents: (op, status) => responseOf(op, status) !== undefined,
    validate(op, status, body) {
      const content = responseOf(op, status)?.content?.['application/json'];
      const ref =
        content?.schema !== undefined
          ? `${op.spec}#/paths/${pointer(op.path)}/${op.method}/responses/${status}/content/${pointer('application/json')}/schema`
          : status >= 400
            ? 'trading#/components/schemas/Error'
            : undefined;
      if (ref === undefined)
        return body === undefined || body === ''
          ? []
          : [`status ${status} has no schema, yet a body was sent`];
      const fn = compile(ref);
      if (fn(body)) return [];
      return (fn.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
      );
    },
  };
}
