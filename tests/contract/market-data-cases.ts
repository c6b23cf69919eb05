/** @module Contract cases for the market-data API, validated against market-data-api.json. */
import type { ContractCase } from './contract-case.ts';

export const MARKET_DATA_CASES: readonly ContractCase[] = [
  {
    op: 'GET /v2/stocks/bars',
    url: '/v2/stocks/bars?symbols=AAPL,MSFT&timeframe=1Min&start=2024-05-01T13:30:00.000Z&limit=3&feed=iex&currency=USD',
    status: 200,
  },
  {
    op: 'GET /v2/stocks/bars',
    url: '/v2/stocks/bars?symbols=AAPL&timeframe=1Day&start=2024-04-01&adjustment=all&sort=desc',
    status: 200,
  },
  { op: 'GET /v2/stocks/bars', url: '/v2/stocks/bars?symbols=AAPL&timeframe=7Day', status: 422 },
  {
    op: 'GET /v2/stocks/{symbol}/bars',
    url: '/v2/stocks/AAPL/bars?timeframe=1Hour&start=2024-04-29&end=2024-04-30',
    status: 200,
  },
  { op: 'GET /v2/stocks/{symbol}/bars', url: '/v2/stocks/NOPE/bars?timeframe=1Hour', status: 404 },
  { op: 'GET /v2/stocks/bars/latest', url: '/v2/stocks/bars/latest?symbols=AAPL,KO', status: 200 },
  { op: 'GET /v2/stocks/bars/latest', url: '/v2/stocks/bars/latest', status: 422 },
  { op: 'GET /v2/stocks/{symbol}/bars/latest', url: '/v2/stocks/AAPL/bars/latest', status: 200 },
  { op: 'GET /v2/stocks/{symbol}/bars/latest', url: '/v2/stocks/NOPE/bars/latest', status: 404 },
  {
    op: 'GET /v2/stocks/trades/latest',
    url: '/v2/stocks/trades/latest?symbols=AAPL,KO&feed=iex',
    status: 200,
  },
  { op: 'GET /v2/stocks/trades/latest', url: '/v2/stocks/trades/latest', status: 422 },
  {
    op: 'GET /v2/stocks/{symbol}/trades/latest',
    url: '/v2/stocks/AAPL/trades/latest',
    status: 200,
  },
  {
    op: 'GET /v2/stocks/{symbol}/trades/latest',
    url: '/v2/stocks/NOPE/trades/latest',
    status: 404,
  },
  { op: 'GET /v2/stocks/quotes/latest', url: '/v2/stocks/quotes/latest?symbols=AAPL', status: 200 },
  { op: 'GET /v2/stocks/quotes/latest', url: '/v2/stocks/quotes/latest?symbols=', status: 422 },
  { op: 'GET /v2/stocks/{symbol}/quotes/latest', url: '/v2/stocks/KO/quotes/latest', status: 200 },
  {
    op: 'GET /v2/stocks/{symbol}/quotes/latest',
    url: '/v2/stocks/NOPE/quotes/latest',
    status: 404,
  },
  { op: 'GET /v2/stocks/snapshots', url: '/v2/stocks/snapshots?symbols=AAPL,MSFT', status: 200 },
  { op: 'GET /v2/stocks/snapshots', url: '/v2/stocks/snapshots', status: 422 },
  { op: 'GET /v2/stocks/{symbol}/snapshot', url: '/v2/stocks/AAPL/snapshot', status: 200 },
  { op: 'GET /v2/stocks/{symbol}/snapshot', url: '/v2/stocks/NOPE/snapshot', status: 404 },
  {
    op: 'GET /v2/stocks/trades',
    url: '/v2/stocks/trades?symbols=AAPL,KO&start=2024-05-01T13:30:00Z&limit=5',
    status: 200,
  },
  { op: 'GET /v2/stocks/trades', url: '/v2/stocks/trades?symbols=AAPL&limit=0', status: 422 },
  {
    op: 'GET /v2/stocks/{symbol}/trades',
    url: '/v2/stocks/AAPL/trades?sort=desc&limit=3',
    status: 200,
  },
  { op: 'GET /v2/stocks/{symbol}/trades', url: '/v2/stocks/AAPL/trades?currency=EUR', status: 422 },
  { op: 'GET /v2/stocks/quotes', url: '/v2/stocks/quotes?symbols=AAPL,MSFT&limit=4', status: 200 },
  {
    op: 'GET /v2/stocks/quotes',
    url: '/v2/stocks/quotes?symbols=AAPL&page_token=garbage',
    status: 422,
  },
  {
    op: 'GET /v2/stocks/{symbol}/quotes',
    url: '/v2/stocks/KO/quotes?start=2024-05-01&limit=2',
    status: 200,
  },
  { op: 'GET /v2/stocks/{symbol}/quotes', url: '/v2/stocks/NOPE/quotes', status: 404 },
  {
    op: 'GET /v2/stocks/auctions',
    url: '/v2/stocks/auctions?symbols=AAPL,SPY&start=2024-04-29&end=2024-05-01',
    status: 200,
  },
  { op: 'GET /v2/stocks/auctions', url: '/v2/stocks/auctions?start=2024-04-29', status: 422 },
  {
    op: 'GET /v2/stocks/{symbol}/auctions',
    url: '/v2/stocks/KO/auctions?start=2024-04-01&limit=2&sort=desc',
    status: 200,
  },
  { op: 'GET /v2/stocks/{symbol}/auctions', url: '/v2/stocks/NOPE/auctions', status: 404 },
  { op: 'GET /v2/stocks/meta/exchanges', url: '/v2/stocks/meta/exchanges', status: 200 },
  {
    op: 'GET /v2/stocks/meta/conditions/{ticktype}',
    url: '/v2/stocks/meta/conditions/trade?tape=A',
    status: 200,
  },
  {
    op: 'GET /v2/stocks/meta/conditions/{ticktype}',
    url: '/v2/stocks/meta/conditions/trade',
    status: 422,
  },
  {
    op: 'GET /v1/corporate-actions',
    url: '/v1/corporate-actions?symbols=AAPL,SPY&start=2023-01-01&end=2024-05-01&limit=3',
    status: 200,
  },
  {
    op: 'GET /v1/corporate-actions',
    url: '/v1/corporate-actions?types=forward_split&start=2010-01-01&end=2024-05-01&sort=desc',
    status: 200,
  },
  { op: 'GET /v1/corporate-actions', url: '/v1/corporate-actions?types=bogus', status: 422 },
  {
    op: 'GET /v1beta1/news',
    url: '/v1beta1/news?start=2024-03-01&limit=5&include_content=true',
    status: 200,
  },
  {
    op: 'GET /v1beta1/news',
    url: '/v1beta1/news?symbols=AAPL&start=2023-01-01&end=2024-05-01&sort=asc&limit=2',
    status: 200,
  },
  { op: 'GET /v1beta1/news', url: '/v1beta1/news?limit=51', status: 422 },
  {
    op: 'GET /v1beta1/screener/stocks/most-actives',
    url: '/v1beta1/screener/stocks/most-actives?by=trades&top=3',
    status: 200,
  },
  {
    op: 'GET /v1beta1/screener/stocks/most-actives',
    url: '/v1beta1/screener/stocks/most-actives?by=price',
    status: 422,
  },
  {
    op: 'GET /v1beta1/screener/{market_type}/movers',
    url: '/v1beta1/screener/stocks/movers?top=2',
    status: 200,
  },
  {
    op: 'GET /v1beta1/screener/{market_type}/movers',
    url: '/v1beta1/screener/crypto/movers',
    status: 422,
  },
];
