/** @module Contract cases for the market-data API, validated against market-data-api.json. */
import type { ContractCase } from './contract-case.ts';

export const MARKET_DATA_CASES: readonly ContractCase[] = [
  { op: 'GET /v2/stocks/bars', url: '/v2/stocks/bars?symbols=AAPL,MSFT&timeframe=1Min&start=2024-05-01T13:30:00.000Z&limit=3&feed=iex&currency=USD', status: 200 },
  { op: 'GET /v2/stocks/bars', url: '/v2/stocks/bars?symbols=AAPL&timeframe=1Day&start=2024-04-01&adjustment=all&sort=desc', status: 200 },
  { op: 'GET /v2/stocks/bars', url: '/v2/stocks/bars?symbols=AAPL&timeframe=7Day', status: 422 },
  { op: 'GET /v2/stocks/{symbol}/bars', url: '/v2/stocks/AAPL/bars?timeframe=1Hour&start=2024-04-29&end=2024-04-30', status: 200 },
  { op: 'GET /v2/stocks/{symbol}/bars', url: '/v2/stocks/NOPE/bars?timeframe=1Hour', status: 404 },
  { op: 'GET /v2/stocks/bars/latest', url: '/v2/stocks/bars/latest?symbols=AAPL,KO', status: 200 },
  { op: 'GET /v2/stocks/bars/latest', url: '/v2/stocks/bars/latest', status: 422 },
  { op: 'GET /v2/stocks/{symbol}/bars/latest', url: '/v2/stocks/AAPL/bars/latest', status: 200 },
  { op: 'GET /v2/stocks/{symbol}/bars/latest', url: '/v2/stocks/NOPE/bars/latest', status: 404 },
  { op: 'GET /v2/stocks/trades/latest', url: '/v2/stocks/trades/latest?symbols=AAPL,KO&feed=iex', status: 200 },
  { op: 'GET /v2/stocks/trades/latest', url: '/v2/stocks/trades/latest', status: 422 },
  { op: 'GET /v2/stocks/{symbol}/trades/latest', url: '/v2/stocks/AAPL/trades/latest', status: 200 },
  { op: 'GET /v2/stocks/{symbol}/trades/latest', url: '/v2/stocks/NOPE/trades/latest', status: 404 },
  { op: 'GET /v2/stocks/quotes/latest', url: '/v2/stocks/quotes/latest?symbols=AAPL', status: 200 },
  { op: 'GET /v2/stocks/quotes/latest', url: '/v2/stocks/quotes/latest?symbols=', status: 422 },
  { op: 'GET /v2/stocks/{symbol}/quotes/latest', url: '/v2/stocks/KO/quotes/latest', status: 200 },
  { op: 'GET /v2/stocks/{symbol}/quotes/latest', url: '/v2/stocks/NOPE/quotes/latest', status: 404 },
  { op: 'GET /v2/stocks/snapshots', url: '/v2/stocks/snapshots?symbols=AAPL,MSFT', status: 200 },
  { op: 'GET /v2/stocks/snapshots', url: '/v2/stocks/snapshots', status: 422 },
  { op: 'GET /v2/stocks/{symbol}/snapshot', url: '/v2/stocks/AAPL/snapshot', status: 200 },
  { op: 'GET /v2/stocks/{symbol}/snapshot', url: '/v2/stocks/NOPE/snapshot', status: 404 },
];
