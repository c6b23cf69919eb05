/**
 * @module The pipeline's risk stage: the risk state's verdict, the position counts (account and strategy), then
 * the size (domain/rules/pipeline/entry-size.ts); an entry too small to send is refused with the limit that bound it.
 * An accepted entry is booked (positions, exposure, cash, strategy use) for the signals after it.
 */
import { wholeShares } from '../../../domain/rules/allocation.ts';
import {
  finalSize,
  heatRoom,
  sizeLimits,
  type LimitName,
} from '../../../domain/rules/pipeline/entry-size.ts';
import type { EntryVerdict } from '../../../domain/rules/risk/risk-view.ts';
import { usd } from '../../format/text-table.ts';
import type { RankedSignal } from '../../rank/rank-signals.ts';
import { entryPrice, MIN_NOTIONAL, type Entry } from '../plan-entries.ts';
import { rejected, type PipelineCandidate, type SignalSource } from './pipeline-candidate.ts';
import type { Book, PipelineInput } from './pipeline-input.ts';

export interface RiskStageInput {
  readonly signal: RankedSignal;
  readonly source: SignalSource;
  readonly clientOrderId: string;
  readonly verdict: EntryVerdict;
  readonly corr: { readonly multiplier: number; readonly details: Record<string, unknown> | null };
  readonly input: PipelineInput;
  readonly book: Book;
}

const CODE_OF: Partial<Record<LimitName, string>> = {
  heat_limit: 'heat_limit',
  cash: 'insufficient_cash',
  strategy_allocation: 'strategy_allocation_used',
};

export function riskStage(r: RiskStageInput): PipelineCandidate {
  const { signal, source, input: i, book } = r;
  const fail = (
    code: string,
    reason: string,
    details: Record<string, unknown> | null = null,
    sizingReject = false,
  ): PipelineCandidate =>
    rejected(signal, source, 'risk', code, reason, details, undefined, sizingReject);
  if (r.verdict.kind === 'stop')
    return fail('risk_state', `stopped by ${r.verdict.reason}`, { breaker: r.verdict.breaker });
  if (book.positions >= i.maxPositions)
    return fail(
      'max_positions',
      `no free position slot (max_positions ${i.maxPositions}, held ${i.heldSymbols.size})`,
      { max_positions: i.maxPositions },
    );
  const limits = i.strategy(signal.strategy);
  const mine = book.byStrategy.get(signal.strategy) ?? { positions: 0, used: 0 };
  if (limits.allocationPct <= 0)
    return fail(
      'no_allocation',
      `strategy ${signal.strategy} has no allocation (allocation_pct 0)`,
      { allocation_pct: 0 },
    );
  if (mine.positions >= limits.maxPositions)
    return fail(
      'strategy_max_positions',
      `strategy ${signal.strategy} holds its max_positions ${limits.maxPositions}`,
      { max_positions: limits.maxPositions },
    );
  const c = i.capital;
  const price = entryPrice(i.prices.get(signal.ticker));
  const heatLimitPct = i.regime.heatLimitPct;
  const sizeInput = {
    equity: c.equityBase,
    price,
    atr: i.atr.get(signal.ticker) ?? null,
    riskPerTradePct: c.riskPerTradePct,
    maxPositionPct: c.maxPositionPct,
    maxPositionUsd: c.maxPositionUsd,
    strategyRoom: (limits.allocationPct / 100) * c.equityBase - mine.used,
    heatRoom: heatRoom(heatLimitPct, c.equityBase, book.exposure),
    cashRoom: book.cash,
  };
  const riskScalar = r.verdict.kind === 'scale' ? r.verdict.scalar : 1;
  const sized = finalSize(sizeLimits(sizeInput), i.regime.scalar, r.corr.multiplier, riskScalar);
  const details = {
    limited_by: sized.limitedBy,
    capped_by: sized.cappedBy,
    atr: sizeInput.atr,
    heat_limit_pct: heatLimitPct,
    exposure: Math.round(book.exposure * 100) / 100,
    ...(r.corr.details ?? {}),
  };
  const asset = i.assets.get(signal.ticker);
  const fractionable = asset?.fractionable === true;
  const final = sized.size.final_notional;
  const qty = fractionable || price === null ? 0 : wholeShares(final, price);
  const tooSmall = fractionable ? final < MIN_NOTIONAL : qty < 1;
  if (tooSmall) {
    const code = CODE_OF[sized.limitedBy] ?? 'below_minimum';
    const what = fractionable
      ? `${usd(final)} is below the $1.00 notional minimum`
      : `${usd(final)} buys less than one whole share at ${usd(price ?? 0)}`;
    return rejected(
      signal,
      source,
      'risk',
      code,
      `sized ${what} (limited by ${sized.limitedBy})`,
      details,
      sized.size,
      code === 'below_minimum',
    );
  }
  const cost = fractionable ? final : qty * (price ?? 0);
  const entry: Entry = {
    kind: 'buy',
    signal,
    day: i.day,
    clientOrderId: r.clientOrderId,
    allocation: final,
    price,
    fractionable,
    ...(fractionable ? { notional: final } : { qty }),
    ...(riskScalar < 1 && r.verdict.kind === 'scale'
      ? { riskNote: `scaled x${riskScalar} by ${r.verdict.reason}` }
      : {}),
  };
  book.positions += 1;
  book.exposure += cost;
  book.cash -= cost;
  book.byStrategy.set(signal.strategy, { positions: mine.positions + 1, used: mine.used + cost });
  book.accepted.set(signal.ticker, cost);
  return {
    signal,
    source,
    accepted: true,
    stage: 'executed',
    reasonCode: null,
    reason: null,
    details,
    size: sized.size,
    entry,
  };
}
