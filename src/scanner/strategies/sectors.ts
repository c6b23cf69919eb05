/**
 * @module A static sector map (GICS sectors) for the default universe and common ETFs; universe.csv may add a
 * `sector` column for other symbols. Defensive sectors are the ones the VIX rotation buys in stressed regimes.
 */

const SECTOR_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  information_technology: [
    'AAPL',
    'MSFT',
    'NVDA',
    'AVGO',
    'ADBE',
    'CRM',
    'AMD',
    'INTC',
    'CSCO',
    'ORCL',
    'XLK',
  ],
  communication_services: ['GOOGL', 'GOOG', 'META', 'NFLX', 'DIS', 'T', 'VZ', 'XLC'],
  consumer_discretionary: ['AMZN', 'TSLA', 'HD', 'NKE', 'MCD', 'XLY'],
  financials: ['JPM', 'V', 'MA', 'BAC', 'XLF'],
  health_care: ['JNJ', 'ABBV', 'MRK', 'PFE', 'XLV'],
  consumer_staples: ['WMT', 'PG', 'KO', 'PEP', 'COST', 'XLP'],
  energy: ['XOM', 'CVX', 'XLE'],
  utilities: ['XLU'],
};

export const DEFENSIVE_SECTORS: ReadonlySet<string> = new Set([
  'consumer_staples',
  'health_care',
  'utilities',
  'real_estate',
]);

export const STATIC_SECTORS: ReadonlyMap<string, string> = new Map(
  Object.entries(SECTOR_MEMBERS).flatMap(([sector, symbols]) =>
    symbols.map((s) => [s, sector] as const),
  ),
);
