/** @module The simulator's symbol universe: 36 large caps, QQQ, IWM, SPY and VIXY, plus generated info for any other ticker. */
import type { SimSymbolInfo } from '../contracts.ts';
import { hashString } from './random.ts';

export interface UniverseSymbol extends SimSymbolInfo {
  /** GICS-like sector name; ETFs use 'ETF'. */
  readonly sector: string;
}

type Row = readonly [
  symbol: string,
  name: string,
  exchange: SimSymbolInfo['exchange'],
  sector: string,
];

const ROWS: readonly Row[] = [
  ['AAPL', 'Apple Inc.', 'NASDAQ', 'Information Technology'],
  ['MSFT', 'Microsoft Corporation', 'NASDAQ', 'Information Technology'],
  ['GOOGL', 'Alphabet Inc. Class A', 'NASDAQ', 'Communication Services'],
  ['AMZN', 'Amazon.com, Inc.', 'NASDAQ', 'Consumer Discretionary'],
  ['NVDA', 'NVIDIA Corporation', 'NASDAQ', 'Information Technology'],
  ['META', 'Meta Platforms, Inc.', 'NASDAQ', 'Communication Services'],
  ['TSLA', 'Tesla, Inc.', 'NASDAQ', 'Consumer Discretionary'],
  ['JPM', 'JPMorgan Chase & Co.', 'NYSE', 'Financials'],
  ['V', 'Visa Inc.', 'NYSE', 'Financials'],
  ['JNJ', 'Johnson & Johnson', 'NYSE', 'Health Care'],
  ['WMT', 'Walmart Inc.', 'NYSE', 'Consumer Staples'],
  ['PG', 'The Procter & Gamble Company', 'NYSE', 'Consumer Staples'],
  ['MA', 'Mastercard Incorporated', 'NYSE', 'Financials'],
  ['HD', 'The Home Depot, Inc.', 'NYSE', 'Consumer Discretionary'],
  ['XOM', 'Exxon Mobil Corporation', 'NYSE', 'Energy'],
  ['CVX', 'Chevron Corporation', 'NYSE', 'Energy'],
  ['BAC', 'Bank of America Corporation', 'NYSE', 'Financials'],
  ['KO', 'The Coca-Cola Company', 'NYSE', 'Consumer Staples'],
  ['PEP', 'PepsiCo, Inc.', 'NASDAQ', 'Consumer Staples'],
  ['ABBV', 'AbbVie Inc.', 'NYSE', 'Health Care'],
  ['MRK', 'Merck & Co., Inc.', 'NYSE', 'Health Care'],
  ['PFE', 'Pfizer Inc.', 'NYSE', 'Health Care'],
  ['COST', 'Costco Wholesale Corporation', 'NASDAQ', 'Consumer Staples'],
  ['AVGO', 'Broadcom Inc.', 'NASDAQ', 'Information Technology'],
  ['ADBE', 'Adobe Inc.', 'NASDAQ', 'Information Technology'],
  ['CRM', 'Salesforce, Inc.', 'NYSE', 'Information Technology'],
  ['NFLX', 'Netflix, Inc.', 'NASDAQ', 'Communication Services'],
  ['AMD', 'Advanced Micro Devices, Inc.', 'NASDAQ', 'Information Technology'],
  ['INTC', 'Intel Corporation', 'NASDAQ', 'Information Technology'],
  ['CSCO', 'Cisco Systems, Inc.', 'NASDAQ', 'Information Technology'],
  ['ORCL', 'Oracle Corporation', 'NYSE', 'Information Technology'],
  ['DIS', 'The Walt Disney Company', 'NYSE', 'Communication Services'],
  ['NKE', 'NIKE, Inc.', 'NYSE', 'Consumer Discretionary'],
  ['MCD', "McDonald's Corporation", 'NYSE', 'Consumer Discretionary'],
  ['T', 'AT&T Inc.', 'NYSE', 'Communication Services'],
  ['VZ', 'Verizon Communications Inc.', 'NYSE', 'Communication Services'],
  ['QQQ', 'Invesco QQQ Trust', 'NASDAQ', 'ETF'],
  ['IWM', 'iShares Russell 2000 ETF', 'ARCA', 'ETF'],
  ['SPY', 'SPDR S&P 500 ETF Trust', 'ARCA', 'ETF'],
  ['VIXY', 'ProShares VIX Short-Term Futures ETF', 'ARCA', 'ETF'],
];

const KNOWN = new Map<string, Row>(ROWS.map((r) => [r[0], r]));

/** Sectors used for generated symbols (and the factor model). */
export const SECTORS: readonly string[] = [
  'Information Technology',
  'Communication Services',
  'Consumer Discretionary',
  'Consumer Staples',
  'Financials',
  'Health Care',
  'Energy',
  'Industrials',
  'Materials',
  'Utilities',
  'Real Estate',
];

/** The default simulated symbols (40): the scanner's 36, QQQ, IWM, SPY and the VIX proxy VIXY. */
export const DEFAULT_SIM_SYMBOLS: readonly string[] = ROWS.map((r) => r[0]);

/** Info for any symbol: the table above for known tickers, a stable generated entry otherwise. */
export function symbolInfo(symbol: string, notFractionable: Iterable<string> = []): UniverseSymbol {
  const fractionable = !new Set(notFractionable).has(symbol);
  const row = KNOWN.get(symbol);
  if (row) return { symbol, name: row[1], exchange: row[2], sector: row[3], fractionable };
  const h = hashString(symbol);
  const exchanges = ['NASDAQ', 'NYSE'] as const;
  return {
    symbol,
    name: `${symbol} Synthetic Holdings Inc.`,
    exchange: exchanges[h % exchanges.length] ?? 'NYSE',
    sector: SECTORS[(h >>> 3) % SECTORS.length] ?? 'Industrials',
    fractionable,
  };
}
