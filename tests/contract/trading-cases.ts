/**
 * @module Contract cases for the trading API: one request per case, its expected status, validated against
 * trading-api.json. Ids made during setup (orders, watchlists) are read from the context when the case runs.
 */
import type { ContractCase } from './contract-case.ts';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

export const TRADING_CASES: readonly ContractCase[] = [
  { op: 'GET /v2/account', url: '/v2/account', status: 200 },
  { op: 'GET /v2/clock', url: '/v2/clock', status: 200 },
  {
    op: 'GET /v2/calendar',
    url: '/v2/calendar?start=2024-05-01T00:00:00.000Z&end=2024-05-10',
    status: 200,
  },
  { op: 'GET /v2/calendar', url: '/v2/calendar?start=May', status: 422 },
  { op: 'GET /v2/assets', url: '/v2/assets?status=active&attributes=has_options', status: 200 },
  { op: 'GET /v2/assets/{symbol_or_asset_id}', url: '/v2/assets/AAPL', status: 200 },
  { op: 'GET /v2/assets/{symbol_or_asset_id}', url: '/v2/assets/NOPE', status: 404 },

  {
    op: 'POST /v2/orders',
    url: '/v2/orders',
    body: {
      symbol: 'MSFT',
      qty: '2',
      side: 'buy',
      type: 'limit',
      limit_price: '1.5',
      time_in_force: 'gtc',
      position_intent: 'buy_to_open',
    },
    status: 200,
  },
  {
    op: 'POST /v2/orders',
    url: '/v2/orders',
    body: { symbol: 'KO', notional: '100', side: 'buy', type: 'market', time_in_force: 'day' },
    status: 200,
  },
  {
    op: 'POST /v2/orders',
    url: '/v2/orders',
    body: { symbol: 'AAPL', side: 'buy', type: 'market', time_in_force: 'day' },
    status: 422,
  },
  {
    op: 'POST /v2/orders',
    url: '/v2/orders',
    body: { symbol: 'AAPL', qty: '1000000', side: 'buy', type: 'market', time_in_force: 'day' },
    status: 403,
  },
  {
    op: 'GET /v2/orders',
    url: '/v2/orders?status=all&nested=True&direction=asc&limit=500',
    status: 200,
  },
  { op: 'GET /v2/orders', url: '/v2/orders?status=open&symbols=AAPL,MSFT&side=sell', status: 200 },
  { op: 'GET /v2/orders', url: '/v2/orders?status=canceled', status: 422 },
  { op: 'GET /v2/orders', url: '/v2/orders?nested=yes', status: 422 },
  { op: 'GET /v2/orders/{order_id}', url: (c) => `/v2/orders/${c.ids.oco}?nested=1`, status: 200 },
  { op: 'GET /v2/orders/{order_id}', url: `/v2/orders/${MISSING_UUID}`, status: 404 },
  { op: 'GET /v2/orders/{order_id}', url: '/v2/orders/not-a-uuid', status: 422 },
  {
    op: 'GET /v2/orders:by_client_order_id',
    url: (c) => `/v2/orders:by_client_order_id?client_order_id=${c.ids.limitClientId}`,
    status: 200,
  },
  {
    op: 'GET /v2/orders:by_client_order_id',
    url: '/v2/orders:by_client_order_id?client_order_id=never-sent',
    status: 404,
  },
  {
    op: 'PATCH /v2/orders/{order_id}',
    url: (c) => `/v2/orders/${c.ids.limit}`,
    body: { limit_price: '1.25' },
    status: 200,
  },
  {
    op: 'PATCH /v2/orders/{order_id}',
    url: (c) => `/v2/orders/${c.ids.filled}`,
    body: { limit_price: '1.25' },
    status: 422,
  },
  { op: 'DELETE /v2/orders/{order_id}', url: (c) => `/v2/orders/${c.ids.cancelable}`, status: 204 },
  { op: 'DELETE /v2/orders/{order_id}', url: (c) => `/v2/orders/${c.ids.filled}`, status: 422 },

  { op: 'GET /v2/positions', url: '/v2/positions', status: 200 },
  { op: 'GET /v2/positions/{symbol_or_asset_id}', url: '/v2/positions/AAPL', status: 200 },
  { op: 'GET /v2/positions/{symbol_or_asset_id}', url: '/v2/positions/SPY', status: 404 },
  {
    op: 'DELETE /v2/positions/{symbol_or_asset_id}',
    url: '/v2/positions/KO?percentage=50',
    status: 200,
  },
  {
    op: 'DELETE /v2/positions/{symbol_or_asset_id}',
    url: '/v2/positions/KO?qty=1&percentage=5',
    status: 422,
  },
  { op: 'GET /v3/clock', url: '/v3/clock?markets=NYSE,XNAS', status: 200 },
  { op: 'GET /v3/clock', url: '/v3/clock?markets=LSE', status: 400 },
  {
    op: 'GET /v3/calendar/{market}',
    url: '/v3/calendar/NYSE?start=2024-07-01&end=2024-07-08',
    status: 200,
  },
  { op: 'GET /v3/calendar/{market}', url: '/v3/calendar/XNAS?timezone=UTC', status: 200 },
  { op: 'GET /v3/calendar/{market}', url: '/v3/calendar/HKEX', status: 400 },

  { op: 'GET /v2/account/configurations', url: '/v2/account/configurations', status: 200 },
  {
    op: 'PATCH /v2/account/configurations',
    url: '/v2/account/configurations',
    body: { trade_confirm_email: 'none', dtbp_check: 'both' },
    status: 200,
  },
  {
    op: 'PATCH /v2/account/configurations',
    url: '/v2/account/configurations',
    body: { max_margin_multiplier: '4' },
    status: 422,
  },

  {
    op: 'POST /v2/watchlists',
    url: '/v2/watchlists',
    body: { name: 'tech', symbols: ['AAPL', 'MSFT'] },
    status: 200,
  },
  { op: 'POST /v2/watchlists', url: '/v2/watchlists', body: { name: 'tech' }, status: 422 },
  { op: 'GET /v2/watchlists', url: '/v2/watchlists', status: 200 },
  {
    op: 'GET /v2/watchlists/{watchlist_id}',
    url: (c) => `/v2/watchlists/${c.ids.watchlist}`,
    status: 200,
  },
  { op: 'GET /v2/watchlists/{watchlist_id}', url: `/v2/watchlists/${MISSING_UUID}`, status: 404 },
  {
    op: 'POST /v2/watchlists/{watchlist_id}',
    url: (c) => `/v2/watchlists/${c.ids.watchlist}`,
    body: { symbol: 'KO' },
    status: 200,
  },
  {
    op: 'POST /v2/watchlists/{watchlist_id}',
    url: (c) => `/v2/watchlists/${c.ids.watchlist}`,
    body: { symbol: 'NOPE' },
    status: 422,
  },
  {
    op: 'PUT /v2/watchlists/{watchlist_id}',
    url: (c) => `/v2/watchlists/${c.ids.watchlist}`,
    body: { name: 'defensive', symbols: ['KO', 'SPY'] },
    status: 200,
  },
  {
    op: 'PUT /v2/watchlists/{watchlist_id}',
    url: (c) => `/v2/watchlists/${c.ids.watchlist}`,
    body: { symbols: ['KO'] },
    status: 422,
  },
  {
    op: 'DELETE /v2/watchlists/{watchlist_id}/{symbol}',
    url: (c) => `/v2/watchlists/${c.ids.watchlist}/SPY`,
    status: 200,
  },
  {
    op: 'DELETE /v2/watchlists/{watchlist_id}/{symbol}',
    url: (c) => `/v2/watchlists/${c.ids.watchlist}/MSFT`,
    status: 404,
  },
  { op: 'GET /v2/watchlists:by_name', url: '/v2/watchlists:by_name?name=defensive', status: 200 },
  { op: 'GET /v2/watchlists:by_name', url: '/v2/watchlists:by_name?name=nope', status: 404 },
  {
    op: 'POST /v2/watchlists:by_name',
    url: '/v2/watchlists:by_name?name=defensive',
    body: { symbol: 'AAPL' },
    status: 200,
  },
  {
    op: 'POST /v2/watchlists:by_name',
    url: '/v2/watchlists:by_name',
    body: { symbol: 'AAPL' },
    status: 422,
  },
  {
    op: 'PUT /v2/watchlists:by_name',
    url: '/v2/watchlists:by_name?name=defensive',
    body: { name: 'renamed' },
    status: 200,
  },
  {
    op: 'PUT /v2/watchlists:by_name',
    url: '/v2/watchlists:by_name?name=defensive',
    body: { name: 'x' },
    status: 404,
  },
  { op: 'DELETE /v2/watchlists:by_name', url: '/v2/watchlists:by_name?name=renamed', status: 204 },
  { op: 'DELETE /v2/watchlists:by_name', url: '/v2/watchlists:by_name?name=renamed', status: 404 },
  {
    op: 'DELETE /v2/watchlists/{watchlist_id}',
    url: (c) => `/v2/watchlists/${c.ids.spare}`,
    status: 204,
  },
  {
    op: 'DELETE /v2/watchlists/{watchlist_id}',
    url: (c) => `/v2/watchlists/${c.ids.spare}`,
    status: 404,
  },

  {
    op: 'GET /v2/account/activities',
    url: '/v2/account/activities?direction=asc&page_size=2',
    status: 200,
  },
  {
    op: 'GET /v2/account/activities',
    url: '/v2/account/activities?activity_types=FILL,DIV&after=2024-05-01',
    status: 200,
  },
  {
    op: 'GET /v2/account/activities',
    url: '/v2/account/activities?activity_types=FILL&category=trade_activity',
    status: 422,
  },
  {
    op: 'GET /v2/account/activities/{activity_type}',
    url: '/v2/account/activities/FILL?date=2024-05-01',
    status: 200,
  },
  {
    op: 'GET /v2/account/activities/{activity_type}',
    url: '/v2/account/activities/NOPE',
    status: 422,
  },
  {
    op: 'GET /v2/account/portfolio/history',
    url: '/v2/account/portfolio/history?period=1D&timeframe=5Min',
    status: 200,
  },
  {
    op: 'GET /v2/account/portfolio/history',
    url: '/v2/account/portfolio/history?period=1W&timeframe=1D&cashflow_types=ALL',
    status: 200,
  },
  {
    op: 'GET /v2/account/portfolio/history',
    url: '/v2/account/portfolio/history?period=1X',
    status: 422,
  },
  {
    op: 'GET /v2/corporate_actions/announcements',
    url: '/v2/corporate_actions/announcements?ca_types=Dividend,Split&since=2024-03-01&until=2024-05-01',
    status: 200,
  },
  {
    op: 'GET /v2/corporate_actions/announcements',
    url: '/v2/corporate_actions/announcements?ca_types=Dividend&since=2024-01-01&until=2024-06-01',
    status: 422,
  },
  {
    op: 'GET /v2/corporate_actions/announcements/{id}',
    url: (c) => `/v2/corporate_actions/announcements/${c.ids.announcement}`,
    status: 200,
  },
  {
    op: 'GET /v2/corporate_actions/announcements/{id}',
    url: `/v2/corporate_actions/announcements/${MISSING_UUID}`,
    status: 404,
  },

  // The destructive calls go last: they cancel every order and close every position.
  { op: 'DELETE /v2/orders', url: '/v2/orders', status: 207, last: true },
  { op: 'DELETE /v2/positions', url: '/v2/positions?cancel_orders=True', status: 207, last: true },
  { op: 'DELETE /v2/positions', url: '/v2/positions?cancel_orders=maybe', status: 422, last: true },
];
