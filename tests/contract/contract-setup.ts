/** @module The account state the contract cases need: a session in progress, filled and resting orders, an oco exit. */
import type { Simulator } from '../../src/sim/start-simulator.ts';
import { control } from '../support/sim.ts';
import type { ContractContext } from './contract-case.ts';

export async function setUpAccount(sim: Simulator, headers: Record<string, string>): Promise<ContractContext> {
  await control(sim).clock({ to: '2024-05-01T13:45:00Z' });
  const post = async (body: Record<string, unknown>): Promise<string> => {
    const res = await fetch(`${sim.urls.rest}/v2/orders`, { method: 'POST', headers, body: JSON.stringify(body) });
    const json = (await res.json()) as { id?: string; message?: string };
    if (!res.ok || json.id === undefined) throw new Error(`setup order refused: ${json.message ?? res.status}`);
    return json.id;
  };
  const ids: Record<string, string> = {};
  ids.filled = await post({ symbol: 'AAPL', qty: '10', side: 'buy', type: 'market', time_in_force: 'day' });
  await post({ symbol: 'KO', qty: '4', side: 'buy', type: 'market', time_in_force: 'day' });
  ids.limitClientId = 'contract-limit';
  ids.limit = await post({ symbol: 'MSFT', qty: '1', side: 'buy', type: 'limit', limit_price: '1', time_in_force: 'gtc', client_order_id: ids.limitClientId });
  ids.cancelable = await post({ symbol: 'MSFT', qty: '1', side: 'buy', type: 'limit', limit_price: '1.1', time_in_force: 'day' });
  ids.oco = await post({ symbol: 'AAPL', qty: '5', side: 'sell', type: 'limit', time_in_force: 'gtc', order_class: 'oco', take_profit: { limit_price: '1000' }, stop_loss: { stop_price: '1' } });
  await control(sim).clock({ advance_ms: 120_000 });
  const watchlist = async (name: string): Promise<string> => {
    const res = await fetch(`${sim.urls.rest}/v2/watchlists`, { method: 'POST', headers, body: JSON.stringify({ name, symbols: ['AAPL'] }) });
    return ((await res.json()) as { id: string }).id;
  };
  ids.watchlist = await watchlist('main');
  ids.spare = await watchlist('spare');
  return { ids };
}
