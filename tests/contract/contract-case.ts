/** @module The shape of one contract case and the context its setup fills (ids of orders, watchlists, ...). */

export interface ContractContext {
  readonly ids: Record<string, string>;
}

export interface ContractCase {
  /** `METHOD /spec/path`, exactly as in the spec. */
  readonly op: string;
  readonly url: string | ((ctx: ContractContext) => string);
  readonly body?: unknown;
  readonly status: number;
  /** Runs after the others (it cancels orders or closes positions the other cases need). */
  readonly last?: boolean;
}
