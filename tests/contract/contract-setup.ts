/** @module The account state the contract cases need: a session in progress, filled and resting orders, an oco exit. */
import type { Simulator } from '../../src/sim/start-simulator.ts';
import { control } from '../support/sim.ts';
import type { ContractCase, ContractContext } from './contract-case.ts';

export async function setUpAccount(
  sim: Simulator,
  headers: Record<string, string>,
): Promise<ContractContext> {
  await control(sim).clock({ to: '2024-05-01T13:45:00Z' });
  const post = async (body: Record<string, unknown>): Promise<string> => {
    const res = await fetch(`${sim.urls.rest}/v2/orders`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { id?: string; message?: string };
    if (!res.ok || json.id === undefined)
      throw new Error(`setup order refused: ${json.message ?? res.status}`);
    return json.id;
  };
  const ids: Record<string, string> = {};
  ids.filled = await post({
    symbol: 'AAPL',
    qty: '10',
    side: 'buy',
    type: 'market',
    time_in_force: 'day',
  });
  await post({ symbol: 'KO', qty: '4', side: 'buy', type: 'market', time_in_force: 'day' });
  ids.limitClientId = 'contract-limit';
  ids.limit = await post({
    symbol: 'MSFT',
    qty: '1',
    side: 'buy',
    type: 'limit',
    limit_price: '1',
    time_in_force: 'gtc',
    client_order_id: ids.limitClientId,
  });
  ids.cancelable = await post({
    symbol: 'MSFT',
    qty: '1',
    side: 'buy',
    type: 'limit',
    limit_price: '1.1',
    time_in_force: 'day',
  });
  ids.oco = await post({
    symbol: 'AAPL',
    qty: '5',
    side: 'sell',
    type: 'limit',
    time_in_force: 'gtc',
    order_class: 'oco',
    take_profit: { limit_price: '1000' },
    stop_loss: { stop_price: '1' },
  });
  await control(sim).clock({ advance_ms: 120_000 });
  const watchlist = async (name: string): Promise<string> => {
    const res = await fetch(`${sim.urls.rest}/v2/watchlists`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name, symbols: ['AAPL'] }),
    });
    return ((await res.json()) as { id: string }).id;
  };
  ids.watchlist = await watchlist('main');
  ids.spare = await watchlist('spare');
  const res = await fetch(
    `${sim.urls.rest}/v2/corporate_actions/announcements?ca_types=dividend&since=2024-01-01&until=2024-03-30`,
    { headers },
  );
  const [first] = (await res.json()) as Array<{ id: string }>;
  if (!first) throw new Error('setup: the market declared no dividend in 2024 Q1');
  ids.announcement = first.id;
  return { ids };
}

/** Holdings of AAPL (a dividend ex 2024-05-24, paid 2024-06-10) and META (a 4-for-1 split 2024-08-16), three months on. */
export async function setUpHoldingsThroughActions(
  sim: Simulator,
  headers: Record<string, string>,
): Promise<void> {
  await control(sim).clock({ to: '2024-05-20T13:31:00Z' });
  for (const [symbol, qty] of [
    ['AAPL', '10'],
    ['META', '1'],
  ] as const) {
    const res = await fetch(`${sim.urls.rest}/v2/orders`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ symbol, qty, side: 'buy', type: 'market', time_in_force: 'day' }),
    });
    if (!res.ok) throw new Error(`setup order refused: ${res.status}`);
  }
  await control(sim).clock({ to: '2024-08-20T15:00:00Z', quiet: true });
}

export const CORPORATE_ACTION_CASES: readonly ContractCase[] = [
  {
    op: 'GET /v2/account/activities',
    url: '/v2/account/activities?category=non_trade_activity',
    status: 200,
  },
  {
    op: 'GET /v2/account/activities/{activity_type}',
    url: '/v2/account/activities/SPLIT',
    status: 200,
  },
  {
    op: 'GET /v2/account/activities/{activity_type}',
    url: '/v2/account/activities/DIV',
    status: 200,
  },
  {
    op: 'GET /v2/account/portfolio/history',
    url: '/v2/account/portfolio/history?period=3M&cashflow_types=DIV',
    status: 200,
  },
  { op: 'GET /v2/positions', url: '/v2/positions', status: 200 },
  {
    op: 'GET /v2/stocks/bars',
    url: '/v2/stocks/bars?symbols=META&timeframe=1Day&start=2024-08-12&adjustment=split',
    status: 200,
  },
  {
    op: 'GET /v1/corporate-actions',
    url: '/v1/corporate-actions?start=2024-05-01&end=2024-09-30',
    status: 200,
  },
  {
    op: 'GET /v2/corporate_actions/announcements',
    url: '/v2/corporate_actions/announcements?ca_types=split,dividend&since=2024-06-01&until=2024-08-30&date_type=ex_date',
    status: 200,
  },
  {
    op: 'GET /v1beta1/news',
    url: '/v1beta1/news?symbols=META&start=2024-07-01&limit=50',
    status: 200,
  },
];
