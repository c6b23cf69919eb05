/**
 * @module The pipeline, pure: each signal in rank order (today's CSV, then pending ones) through raw -> regime ->
 * correlation -> risk; an accepted one becomes an entry whose size, exposure, cash and strategy use count against
 * the signals after it.
 */
import { entryClientOrderId } from '../../../domain/ids/client-order-ids.ts';
import { correlationVerdict, type DailyClose } from '../../../domain/rules/pipeline/correlation.ts';
import { regimeBlock } from '../../../domain/rules/pipeline/vix-regime.ts';
import { entryVerdict } from '../../../domain/rules/risk/risk-view.ts';
import { rejected, type PipelineCandidate } from './pipeline-candidate.ts';
import { rawBlock } from './raw-stage.ts';
import { riskStage } from './risk-stage.ts';
import type { Book, PipelineInput } from './pipeline-input.ts';

export function runPipeline(i: PipelineInput): PipelineCandidate[] {
  const book: Book = {
    positions: i.held.length,
    exposure: i.capital.exposure,
    cash: i.capital.cashPool,
    byStrategy: new Map(),
    accepted: new Map(),
  };
  for (const h of i.held) {
    if (h.strategy === null) continue;
    const b = book.byStrategy.get(h.strategy) ?? { positions: 0, used: 0 };
    book.byStrategy.set(h.strategy, { positions: b.positions + 1, used: b.used + h.marketValue });
  }
  const seen = new Set<string>();
  const out: PipelineCandidate[] = [];
  for (const { signal, source } of i.signals) {
    const raw = rawBlock(signal, source, i, seen);
    if (raw !== undefined) {
      out.push(
        rejected(
          signal,
          source,
          'raw',
          raw.code,
          raw.reason,
          null,
          undefined,
          raw.sizingReject === true,
        ),
      );
      continue;
    }
    seen.add(signal.ticker);
    const block = regimeBlock(i.regime, signal.strategy, i.regimeSettings);
    if (block !== undefined) {
      out.push(
        rejected(signal, source, 'regime', 'regime_breakouts_off', block, {
          vix: i.regime.vix,
          regime: i.regime.name,
        }),
      );
      continue;
    }
    const others = new Map<string, readonly DailyClose[]>();
    for (const h of i.held) others.set(h.symbol, i.closes.get(h.symbol) ?? []);
    for (const t of book.accepted.keys()) others.set(t, i.closes.get(t) ?? []);
    const corr = correlationVerdict(i.closes.get(signal.ticker) ?? [], others);
    const corrDetails =
      corr.correlation === null
        ? null
        : { correlation: round(corr.correlation), with: corr.with, window: corr.window };
    if (corr.multiplier === 0) {
      out.push(
        rejected(
          signal,
          source,
          'correlation',
          'high_correlation',
          `correlation ${round(corr.correlation ?? 1)} with ${corr.with ?? '?'} is above 0.8`,
          corrDetails,
        ),
      );
      continue;
    }
    const clientOrderId = entryClientOrderId({
      day: i.day,
      ticker: signal.ticker,
      strategy: signal.strategy,
    });
    const verdict = entryVerdict(i.view, signal.strategy);
    const c = riskStage({
      signal,
      source,
      clientOrderId,
      verdict,
      corr: { multiplier: corr.multiplier, details: corrDetails },
      input: i,
      book,
    });
    out.push(c);
  }
  return out;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
