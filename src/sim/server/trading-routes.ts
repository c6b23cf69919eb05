/** @module The trading REST route groups, in match order; each answers the paths it owns and leaves the others (undefined). */
import { accountConfigRoutes } from './account-config-routes.ts';
import { accountRoutes } from './account-routes.ts';
import { activityRoutes } from './activity-routes.ts';
import { announcementRoutes } from './announcement-routes.ts';
import { clockV3Routes } from './clock-v3-routes.ts';
import { orderRoutes } from './order-routes.ts';
import { portfolioRoutes } from './portfolio-routes.ts';
import { positionRoutes } from './position-routes.ts';
import type { RestRequest, RestResult, TradingDeps } from './rest-types.ts';
import { watchlistRoutes } from './watchlist-routes.ts';

type RouteGroup = (req: RestRequest, deps: TradingDeps) => RestResult | undefined;

const GROUPS: readonly RouteGroup[] = [
  orderRoutes,
  positionRoutes,
  accountConfigRoutes,
  activityRoutes,
  portfolioRoutes,
  accountRoutes,
  clockV3Routes,
  watchlistRoutes,
  announcementRoutes,
];

export function tradingRoutes(req: RestRequest, deps: TradingDeps): RestResult | undefined {
  for (const group of GROUPS) {
    const result = group(req, deps);
    if (result) return result;
  }
  return undefined;
}
